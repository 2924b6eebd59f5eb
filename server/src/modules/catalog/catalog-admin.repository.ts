import type { Insertable, Kysely, Updateable } from 'kysely';
import type { PhaseKind } from '@hqe/core';
import type { CyclesTable, Database, SpecialtiesTable, TestSitesTable } from '../../db/schema';

type Db = Kysely<Database>;

// --- exams, areas, cycles ---------------------------------------------------------------------

/** True when the exam exists. */
export async function examExists(db: Db, id: number): Promise<boolean> {
  return (
    (await db.selectFrom('exams').select('id').where('id', '=', id).executeTakeFirst()) !==
    undefined
  );
}

/** An exam area by id. */
export function findExamArea(db: Db, id: number) {
  return db
    .selectFrom('examAreas')
    .select(['id', 'code', 'name'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/**
 * Locks an exam area's row until the transaction ends, so whole-set changes of one area (its
 * calendar, its offerings) run one after another. Foreign keys to the row are not blocked.
 */
export async function lockExamArea(db: Db, id: number): Promise<void> {
  await db.selectFrom('examAreas').select('id').where('id', '=', id).forNoKeyUpdate().execute();
}

const cycleColumns = ['id', 'examId', 'year', 'name', 'workYearsCutoff', 'createdAt'] as const;

/** Every cycle, the most recent first. */
export function listCycles(db: Db) {
  return db
    .selectFrom('cycles')
    .select(cycleColumns)
    .orderBy('year', 'desc')
    .orderBy('id')
    .execute();
}

/** A cycle by id; with `lock`, its row is locked until the transaction ends. */
export function findCycle(db: Db, id: number, lock = false) {
  const query = db.selectFrom('cycles').select(cycleColumns).where('id', '=', id);
  return (lock ? query.forUpdate() : query).executeTakeFirst();
}

/** The cycle of an exam in a year. */
export function findCycleByYear(db: Db, examId: number, year: number) {
  return db
    .selectFrom('cycles')
    .select('id')
    .where('examId', '=', examId)
    .where('year', '=', year)
    .executeTakeFirst();
}

/** Inserts a cycle and returns it. */
export function insertCycle(db: Db, values: Insertable<CyclesTable>) {
  return db.insertInto('cycles').values(values).returning(cycleColumns).executeTakeFirstOrThrow();
}

/** Updates a cycle and returns it. */
export function updateCycle(db: Db, id: number, patch: Updateable<CyclesTable>) {
  return db
    .updateTable('cycles')
    .set(patch)
    .where('id', '=', id)
    .returning(cycleColumns)
    .executeTakeFirstOrThrow();
}

// --- the calendar of an area in a cycle -------------------------------------------------------

/** The phases of an area in a cycle. */
export function listAreaPhases(db: Db, cycleId: number, examAreaId: number) {
  return db
    .selectFrom('cyclePhases')
    .select(['kind', 'startsAt', 'endsAt'])
    .where('cycleId', '=', cycleId)
    .where('examAreaId', '=', examAreaId)
    .orderBy('startsAt')
    .execute();
}

/** Sets the phases of an area in a cycle to exactly `phases`. */
export async function replaceAreaPhases(
  db: Db,
  cycleId: number,
  examAreaId: number,
  phases: { kind: PhaseKind; startsAt: Date; endsAt: Date }[],
): Promise<void> {
  let remove = db
    .deleteFrom('cyclePhases')
    .where('cycleId', '=', cycleId)
    .where('examAreaId', '=', examAreaId);
  if (phases.length > 0)
    remove = remove.where(
      'kind',
      'not in',
      phases.map((p) => p.kind),
    );
  await remove.execute();
  if (phases.length === 0) return;
  await db
    .insertInto('cyclePhases')
    .values(phases.map((p) => ({ ...p, cycleId, examAreaId })))
    .onConflict((oc) =>
      oc.columns(['cycleId', 'examAreaId', 'kind']).doUpdateSet((eb) => ({
        startsAt: eb.ref('excluded.startsAt'),
        endsAt: eb.ref('excluded.endsAt'),
      })),
    )
    .execute();
}

// --- test sites -------------------------------------------------------------------------------

const testSiteColumns = [
  'id',
  'examAreaId',
  'code',
  'name',
  'address',
  'active',
  'createdAt',
  'updatedAt',
] as const;

/** The test sites of an area by code, inactive ones included. */
export function listTestSites(db: Db, examAreaId: number) {
  return db
    .selectFrom('testSites')
    .select(testSiteColumns)
    .where('examAreaId', '=', examAreaId)
    .orderBy('code')
    .execute();
}

/** A test site by id; with `lock`, its row is locked until the transaction ends. */
export function findTestSite(db: Db, id: number, lock = false) {
  const query = db.selectFrom('testSites').select(testSiteColumns).where('id', '=', id);
  return (lock ? query.forUpdate() : query).executeTakeFirst();
}

/** The test site of an area with a code. */
export function findTestSiteByCode(db: Db, examAreaId: number, code: string) {
  return db
    .selectFrom('testSites')
    .select('id')
    .where('examAreaId', '=', examAreaId)
    .where('code', '=', code)
    .executeTakeFirst();
}

/** Inserts a test site and returns it. */
export function insertTestSite(db: Db, values: Insertable<TestSitesTable>) {
  return db
    .insertInto('testSites')
    .values(values)
    .returning(testSiteColumns)
    .executeTakeFirstOrThrow();
}

/** Updates a test site and returns it. */
export function updateTestSite(db: Db, id: number, patch: Updateable<TestSitesTable>) {
  return db
    .updateTable('testSites')
    .set(patch)
    .where('id', '=', id)
    .returning(testSiteColumns)
    .executeTakeFirstOrThrow();
}

// --- specialties ------------------------------------------------------------------------------

const specialtyColumns = [
  'id',
  'examId',
  'code',
  'name',
  'level',
  'category',
  'subjects',
  'examMode',
  'certainty',
] as const;

/** The specialties, by exam and code; of one exam when given. */
export function listSpecialties(db: Db, examId?: number) {
  let query = db.selectFrom('specialties').select(specialtyColumns);
  if (examId !== undefined) query = query.where('examId', '=', examId);
  return query.orderBy('examId').orderBy('code').execute();
}

/** The specialties of an exam, locked until the transaction ends (for an import). */
export function lockSpecialtiesOfExam(db: Db, examId: number) {
  return db
    .selectFrom('specialties')
    .select(specialtyColumns)
    .where('examId', '=', examId)
    .orderBy('code')
    .forUpdate()
    .execute();
}

/** A specialty by id; with `lock`, its row is locked until the transaction ends. */
export function findSpecialty(db: Db, id: number, lock = false) {
  const query = db.selectFrom('specialties').select(specialtyColumns).where('id', '=', id);
  return (lock ? query.forUpdate() : query).executeTakeFirst();
}

/** The specialties with the given ids. */
export function findSpecialtiesByIds(db: Db, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('specialties')
    .select(['id', 'examId', 'code'])
    .where('id', 'in', ids)
    .execute();
}

/** Inserts specialties. */
export async function insertSpecialties(
  db: Db,
  rows: Insertable<SpecialtiesTable>[],
): Promise<void> {
  if (rows.length === 0) return;
  await db.insertInto('specialties').values(rows).execute();
}

/** Updates a specialty and returns it. */
export function updateSpecialty(db: Db, id: number, patch: Updateable<SpecialtiesTable>) {
  return db
    .updateTable('specialties')
    .set(patch)
    .where('id', '=', id)
    .returning(specialtyColumns)
    .executeTakeFirstOrThrow();
}

// --- offerings --------------------------------------------------------------------------------

/** The specialties an area offers (or offered) in a cycle, with their fees, by code. */
export function listOfferings(db: Db, cycleId: number, examAreaId: number) {
  return db
    .selectFrom('areaOfferings as o')
    .innerJoin('specialties as s', 's.id', 'o.specialtyId')
    .select([
      'o.specialtyId',
      's.code',
      's.name',
      's.level',
      's.category',
      's.subjects',
      's.examMode',
      'o.active',
      'o.feePerSubjectFen',
    ])
    .where('o.cycleId', '=', cycleId)
    .where('o.examAreaId', '=', examAreaId)
    .orderBy('s.code')
    .execute();
}

/**
 * Makes `offerings` the active set of an area in a cycle: inserts or reactivates them with their
 * fees, and deactivates the others (kept, since registrations may refer to them).
 */
export async function replaceOfferings(
  db: Db,
  cycleId: number,
  examAreaId: number,
  offerings: { specialtyId: number; feePerSubjectFen: number }[],
  now: Date,
): Promise<void> {
  let deactivate = db
    .updateTable('areaOfferings')
    .set({ active: false, updatedAt: now })
    .where('cycleId', '=', cycleId)
    .where('examAreaId', '=', examAreaId)
    .where('active', '=', true);
  if (offerings.length > 0) {
    deactivate = deactivate.where(
      'specialtyId',
      'not in',
      offerings.map((o) => o.specialtyId),
    );
  }
  await deactivate.execute();
  if (offerings.length === 0) return;
  await db
    .insertInto('areaOfferings')
    .values(
      offerings.map((o) => ({
        cycleId,
        examAreaId,
        specialtyId: o.specialtyId,
        feePerSubjectFen: o.feePerSubjectFen,
        active: true,
        createdAt: now,
        updatedAt: now,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['cycleId', 'examAreaId', 'specialtyId']).doUpdateSet((eb) => ({
        feePerSubjectFen: eb.ref('excluded.feePerSubjectFen'),
        active: true,
        updatedAt: now,
      })),
    )
    .execute();
}
