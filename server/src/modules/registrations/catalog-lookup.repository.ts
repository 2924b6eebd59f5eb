import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

/*
 * What registration reads of the catalog (cycles, exam areas, registration cities, test sites,
 * offerings and the calendar). Read-only queries over the catalog's tables, run on the caller's
 * connection or transaction; the catalog module owns every write to them.
 */

type Db = Kysely<Database>;

/** A cycle with its exam. */
export function findCycle(db: Db, cycleId: number) {
  return db
    .selectFrom('cycles as c')
    .innerJoin('exams as e', 'e.id', 'c.examId')
    .select([
      'c.id',
      'c.year',
      'c.name',
      'c.workYearsCutoff',
      'c.examId',
      'e.code as examCode',
      'e.name as examName',
    ])
    .where('c.id', '=', cycleId)
    .executeTakeFirst();
}
export type CycleRow = NonNullable<Awaited<ReturnType<typeof findCycle>>>;

export function findAreaByCode(db: Db, code: string) {
  return db
    .selectFrom('examAreas')
    .select(['id', 'code', 'name'])
    .where('code', '=', code)
    .executeTakeFirst();
}

export function findArea(db: Db, id: number) {
  return db
    .selectFrom('examAreas')
    .select(['id', 'code', 'name'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}
export type AreaRow = Awaited<ReturnType<typeof findArea>>;

export function listAreas(db: Db) {
  return db.selectFrom('examAreas').select(['id', 'code', 'name']).orderBy('code').execute();
}

export function findCity(db: Db, id: number) {
  return db
    .selectFrom('examAreaCities')
    .select(['id', 'examAreaId', 'code', 'name', 'active'])
    .where('id', '=', id)
    .executeTakeFirst();
}
export type CityRow = NonNullable<Awaited<ReturnType<typeof findCity>>>;

export function listActiveCities(db: Db, examAreaId: number) {
  return db
    .selectFrom('examAreaCities')
    .select(['id', 'code', 'name'])
    .where('examAreaId', '=', examAreaId)
    .where('active', '=', true)
    .orderBy('sortOrder')
    .orderBy('code')
    .execute();
}

export function findTestSite(db: Db, id: number) {
  return db
    .selectFrom('testSites')
    .select(['id', 'examAreaId', 'code', 'name', 'address', 'active'])
    .where('id', '=', id)
    .executeTakeFirst();
}
export type TestSiteRow = NonNullable<Awaited<ReturnType<typeof findTestSite>>>;

export function listActiveTestSites(db: Db, examAreaId: number) {
  return db
    .selectFrom('testSites')
    .select(['id', 'code', 'name', 'address'])
    .where('examAreaId', '=', examAreaId)
    .where('active', '=', true)
    .orderBy('code')
    .execute();
}

const offeringColumns = [
  'o.id',
  'o.cycleId',
  'o.examAreaId',
  'o.active',
  'o.feePerSubjectFen',
  's.code',
  's.name',
  's.level',
  's.category',
  's.subjects',
  's.examMode',
] as const;

/** An offering with its specialty. */
export function findOffering(db: Db, offeringId: number) {
  return db
    .selectFrom('areaOfferings as o')
    .innerJoin('specialties as s', 's.id', 'o.specialtyId')
    .select(offeringColumns)
    .where('o.id', '=', offeringId)
    .executeTakeFirst();
}
export type OfferingRow = NonNullable<Awaited<ReturnType<typeof findOffering>>>;

/** The offering of a specialty (by code) by an area in a cycle, active or not. */
export function findOfferingByCode(
  db: Db,
  ref: { cycleId: number; examAreaId: number; specialtyCode: string },
) {
  return db
    .selectFrom('areaOfferings as o')
    .innerJoin('specialties as s', 's.id', 'o.specialtyId')
    .select(offeringColumns)
    .where('o.cycleId', '=', ref.cycleId)
    .where('o.examAreaId', '=', ref.examAreaId)
    .where('s.code', '=', ref.specialtyCode)
    .executeTakeFirst();
}

export function listActiveOfferings(db: Db, ref: { cycleId: number; examAreaId: number }) {
  return db
    .selectFrom('areaOfferings as o')
    .innerJoin('specialties as s', 's.id', 'o.specialtyId')
    .select(offeringColumns)
    .where('o.cycleId', '=', ref.cycleId)
    .where('o.examAreaId', '=', ref.examAreaId)
    .where('o.active', '=', true)
    .orderBy('s.code')
    .execute();
}

/** The calendar of an area for a cycle, in phase order of start. */
export function listPhases(db: Db, ref: { cycleId: number; examAreaId: number }) {
  return db
    .selectFrom('cyclePhases')
    .select(['kind', 'startsAt', 'endsAt'])
    .where('cycleId', '=', ref.cycleId)
    .where('examAreaId', '=', ref.examAreaId)
    .orderBy('startsAt')
    .orderBy('kind')
    .execute();
}
export type PhaseRow = Awaited<ReturnType<typeof listPhases>>[number];

/**
 * Everything a registration refers to in the catalog — its cycle and exam, area, city, test site
 * and offering with its specialty — in one query (the hot path of every read and submission).
 */
export async function findRegistrationRefs(
  db: Db,
  ref: {
    cycleId: number;
    examAreaId: number;
    cityId: number | null;
    testSiteId: number | null;
    areaOfferingId: number | null;
  },
) {
  const row = await db
    .selectFrom('cycles as c')
    .innerJoin('exams as e', 'e.id', 'c.examId')
    .innerJoin('examAreas as a', (join) => join.on('a.id', '=', ref.examAreaId))
    .leftJoin('examAreaCities as ci', (join) => join.on('ci.id', '=', ref.cityId ?? 0))
    .leftJoin('testSites as t', (join) => join.on('t.id', '=', ref.testSiteId ?? 0))
    .leftJoin('areaOfferings as o', (join) => join.on('o.id', '=', ref.areaOfferingId ?? 0))
    .leftJoin('specialties as s', 's.id', 'o.specialtyId')
    .select([
      'c.id as cycleId',
      'c.year as cycleYear',
      'c.name as cycleName',
      'c.workYearsCutoff',
      'c.examId',
      'e.code as examCode',
      'e.name as examName',
      'a.id as areaId',
      'a.code as areaCode',
      'a.name as areaName',
      'ci.id as cityId',
      'ci.examAreaId as cityAreaId',
      'ci.code as cityCode',
      'ci.name as cityName',
      'ci.active as cityActive',
      't.id as siteId',
      't.examAreaId as siteAreaId',
      't.code as siteCode',
      't.name as siteName',
      't.address as siteAddress',
      't.active as siteActive',
      'o.id as offeringId',
      'o.cycleId as offeringCycleId',
      'o.examAreaId as offeringAreaId',
      'o.active as offeringActive',
      'o.feePerSubjectFen',
      's.code as specialtyCode',
      's.name as specialtyName',
      's.level as specialtyLevel',
      's.category as specialtyCategory',
      's.subjects as specialtySubjects',
      's.examMode as specialtyExamMode',
    ])
    .where('c.id', '=', ref.cycleId)
    .executeTakeFirst();
  if (!row) return undefined;
  const cycle: CycleRow = {
    id: row.cycleId,
    year: row.cycleYear,
    name: row.cycleName,
    workYearsCutoff: row.workYearsCutoff,
    examId: row.examId,
    examCode: row.examCode,
    examName: row.examName,
  };
  const area: AreaRow = { id: row.areaId, code: row.areaCode, name: row.areaName };
  const city: CityRow | null =
    row.cityId === null ||
    row.cityAreaId === null ||
    row.cityCode === null ||
    row.cityName === null ||
    row.cityActive === null
      ? null
      : {
          id: row.cityId,
          examAreaId: row.cityAreaId,
          code: row.cityCode,
          name: row.cityName,
          active: row.cityActive,
        };
  const testSite: TestSiteRow | null =
    row.siteId === null ||
    row.siteAreaId === null ||
    row.siteCode === null ||
    row.siteName === null ||
    row.siteAddress === null ||
    row.siteActive === null
      ? null
      : {
          id: row.siteId,
          examAreaId: row.siteAreaId,
          code: row.siteCode,
          name: row.siteName,
          address: row.siteAddress,
          active: row.siteActive,
        };
  const offering: OfferingRow | null =
    row.offeringId === null ||
    row.offeringCycleId === null ||
    row.offeringAreaId === null ||
    row.offeringActive === null ||
    row.feePerSubjectFen === null ||
    row.specialtyCode === null ||
    row.specialtyName === null ||
    row.specialtyLevel === null ||
    row.specialtyCategory === null ||
    row.specialtySubjects === null ||
    row.specialtyExamMode === null
      ? null
      : {
          id: row.offeringId,
          cycleId: row.offeringCycleId,
          examAreaId: row.offeringAreaId,
          active: row.offeringActive,
          feePerSubjectFen: row.feePerSubjectFen,
          code: row.specialtyCode,
          name: row.specialtyName,
          level: row.specialtyLevel,
          category: row.specialtyCategory,
          subjects: row.specialtySubjects,
          examMode: row.specialtyExamMode,
        };
  return { cycle, area, city, testSite, offering };
}
