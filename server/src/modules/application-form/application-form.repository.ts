import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

/** An exam area by its two-digit code. */
export function findExamAreaByCode(db: Kysely<Database>, code: string) {
  return db
    .selectFrom('examAreas')
    .select(['id', 'code', 'name'])
    .where('code', '=', code)
    .executeTakeFirst();
}

/** A cycle with its year and the name of its exam. */
export function findCycleWithExam(db: Kysely<Database>, cycleId: number) {
  return db
    .selectFrom('cycles as c')
    .innerJoin('exams as e', 'e.id', 'c.examId')
    .select(['c.id', 'c.year', 'e.name as examName'])
    .where('c.id', '=', cycleId)
    .executeTakeFirst();
}
