import type { Kysely } from 'kysely';
import type { PhaseKind } from '@hqe/core';
import type { Database } from '../../db/schema';

/** Exams with their most recent cycles. */
export function listExamsWithCycles(db: Kysely<Database>, cyclesPerExam: number) {
  return db
    .selectFrom('exams as e')
    .innerJoin('cycles as c', 'c.examId', 'e.id')
    .select([
      'e.id as examId',
      'e.code as examCode',
      'e.name as examName',
      'c.id as cycleId',
      'c.year',
      'c.name as cycleName',
      'c.workYearsCutoff',
    ])
    .where('c.year', '>=', (eb) =>
      eb
        .selectFrom('cycles as c2')
        .select((eb2) => eb2(eb2.fn.max('c2.year'), '-', cyclesPerExam - 1).as('minYear'))
        .whereRef('c2.examId', '=', 'e.id'),
    )
    .orderBy('e.id')
    .orderBy('c.year', 'desc')
    .execute();
}

/** The calendar phases of the given cycles, by exam area. */
export function listPhases(db: Kysely<Database>, cycleIds: number[]) {
  if (cycleIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('cyclePhases as p')
    .innerJoin('examAreas as a', 'a.id', 'p.examAreaId')
    .select([
      'p.cycleId',
      'p.kind',
      'p.startsAt',
      'p.endsAt',
      'a.id as areaId',
      'a.code as areaCode',
      'a.name as areaName',
    ])
    .where('p.cycleId', 'in', cycleIds)
    .orderBy('a.code')
    .orderBy('p.startsAt')
    .execute();
}

/** All exam areas by code. */
export function listExamAreas(db: Kysely<Database>) {
  return db.selectFrom('examAreas').select(['id', 'code', 'name']).orderBy('code').execute();
}

/** One phase of an area's calendar for a cycle. */
export function findPhase(
  db: Kysely<Database>,
  ref: { cycleId: number; examAreaId: number; kind: PhaseKind },
) {
  return db
    .selectFrom('cyclePhases')
    .select(['kind', 'startsAt', 'endsAt'])
    .where('cycleId', '=', ref.cycleId)
    .where('examAreaId', '=', ref.examAreaId)
    .where('kind', '=', ref.kind)
    .executeTakeFirst();
}

/** An exam area by its two-digit code. */
export function findExamAreaByCode(db: Kysely<Database>, code: string) {
  return db
    .selectFrom('examAreas')
    .select(['id', 'code', 'name'])
    .where('code', '=', code)
    .executeTakeFirst();
}

/** An area's test sites in use, by code. */
export function listActiveTestSites(db: Kysely<Database>, examAreaId: number) {
  return db
    .selectFrom('testSites')
    .select(['id', 'code', 'name', 'address'])
    .where('examAreaId', '=', examAreaId)
    .where('active', '=', true)
    .orderBy('code')
    .execute();
}

/** An area's registration cities in use, in the area's order. */
export function listActiveCities(db: Kysely<Database>, examAreaId: number) {
  return db
    .selectFrom('examAreaCities')
    .select(['id', 'code', 'name'])
    .where('examAreaId', '=', examAreaId)
    .where('active', '=', true)
    .orderBy('sortOrder')
    .orderBy('code')
    .execute();
}
