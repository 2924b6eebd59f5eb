import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

/** A cycle with the exam it belongs to and its work-years cut-off ('YYYY-MM-DD'). */
export function findCycle(db: Kysely<Database>, cycleId: number) {
  return db
    .selectFrom('cycles')
    .select(['id', 'examId', 'name', 'workYearsCutoff'])
    .where('id', '=', cycleId)
    .executeTakeFirst();
}

/** An exam area by its two-digit code. */
export function findExamArea(db: Kysely<Database>, code: string) {
  return db
    .selectFrom('examAreas')
    .select(['id', 'code', 'name'])
    .where('code', '=', code)
    .executeTakeFirst();
}

/** One specialty of an exam by its three-digit code. */
export function findSpecialty(db: Kysely<Database>, examId: number, code: string) {
  return db
    .selectFrom('specialties')
    .select(['code', 'name', 'level', 'category'])
    .where('examId', '=', examId)
    .where('code', '=', code)
    .executeTakeFirst();
}

/** The specialties of an exam, by code. */
export function listSpecialties(db: Kysely<Database>, examId: number) {
  return db
    .selectFrom('specialties')
    .select(['code', 'name', 'level', 'category'])
    .where('examId', '=', examId)
    .orderBy('code')
    .execute();
}

/**
 * The specialties an area offers in a cycle (active offerings), by code; empty when the area has
 * set up no offerings for the cycle at all.
 */
export async function listOfferedSpecialties(
  db: Kysely<Database>,
  ref: { cycleId: number; examAreaId: number },
) {
  const rows = await db
    .selectFrom('areaOfferings as o')
    .innerJoin('specialties as s', 's.id', 'o.specialtyId')
    .select(['s.code', 's.name', 's.level', 's.category', 'o.active'])
    .where('o.cycleId', '=', ref.cycleId)
    .where('o.examAreaId', '=', ref.examAreaId)
    .orderBy('s.code')
    .execute();
  return {
    configured: rows.length > 0,
    items: rows
      .filter((r) => r.active)
      .map(({ code, name, level, category }) => ({ code, name, level, category })),
  };
}
