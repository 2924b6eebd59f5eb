import { sql, type Insertable } from 'kysely';
import type { Db } from '../../db/database';
import type { PreviousResultImportsTable, PreviousResultsTable } from '../../db/schema';

/** The area with its cities and test sites, for checking a file's rows; undefined if unknown. */
export async function findAreaReference(db: Db, examAreaId: number) {
  const area = await db
    .selectFrom('examAreas')
    .select(['id', 'code', 'name'])
    .where('id', '=', examAreaId)
    .executeTakeFirst();
  if (!area) return undefined;
  const [cities, testSites] = await Promise.all([
    db
      .selectFrom('examAreaCities')
      .select(['code', 'name'])
      .where('examAreaId', '=', examAreaId)
      .execute(),
    db
      .selectFrom('testSites')
      .select(['code', 'name'])
      .where('examAreaId', '=', examAreaId)
      .execute(),
  ]);
  return { ...area, cities, testSites };
}

/** The keys (document hash and specialty) of an area's records of a year. */
export async function existingKeys(db: Db, examAreaId: number, year: number): Promise<Set<string>> {
  const rows = await db
    .selectFrom('previousResults')
    .select(['documentNumberHash', 'specialtyCode'])
    .where('examAreaId', '=', examAreaId)
    .where('year', '=', year)
    .execute();
  return new Set(rows.map((r) => `${r.documentNumberHash}:${r.specialtyCode}`));
}

export function insertImport(db: Db, values: Insertable<PreviousResultImportsTable>) {
  return db
    .insertInto('previousResultImports')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
}

const CHUNK = 500;

/** Inserts the records, replacing those with the same area, year, document and specialty. */
export async function upsertResults(
  db: Db,
  values: readonly Insertable<PreviousResultsTable>[],
): Promise<void> {
  for (let i = 0; i < values.length; i += CHUNK) {
    await db
      .insertInto('previousResults')
      .values(values.slice(i, i + CHUNK))
      .onConflict((oc) =>
        oc.columns(['examAreaId', 'year', 'documentNumberHash', 'specialtyCode']).doUpdateSet({
          documentNumberEncrypted: (eb) => eb.ref('excluded.documentNumberEncrypted'),
          name: (eb) => eb.ref('excluded.name'),
          cityCode: (eb) => eb.ref('excluded.cityCode'),
          testSiteCode: (eb) => eb.ref('excluded.testSiteCode'),
          level: (eb) => eb.ref('excluded.level'),
          subjectResults: (eb) => eb.ref('excluded.subjectResults'),
          absent: (eb) => eb.ref('excluded.absent'),
          disciplined: (eb) => eb.ref('excluded.disciplined'),
          importId: (eb) => eb.ref('excluded.importId'),
          importedAt: (eb) => eb.ref('excluded.importedAt'),
        }),
      )
      .execute();
  }
}

/** Counts per year of an area, newest year first. */
export function countsByYear(db: Db, examAreaId: number) {
  return db
    .selectFrom('previousResults')
    .select((eb) => [
      'year',
      eb.fn.countAll<string>().as('count'),
      sql<string>`count(*) filter (where absent)`.as('absent'),
      sql<string>`count(*) filter (where disciplined)`.as('disciplined'),
    ])
    .where('examAreaId', '=', examAreaId)
    .groupBy('year')
    .orderBy('year', 'desc')
    .execute();
}

/** The area's latest import, with the importer's display name. */
export function lastImport(db: Db, examAreaId: number) {
  return db
    .selectFrom('previousResultImports as i')
    .leftJoin('accounts as a', 'a.id', 'i.importedBy')
    .select(['i.year', 'i.fileName', 'i.rowCount', 'i.importedAt', 'a.displayName'])
    .where('i.examAreaId', '=', examAreaId)
    .orderBy('i.importedAt', 'desc')
    .orderBy('i.id', 'desc')
    .executeTakeFirst();
}

/**
 * The records of a candidate account in an area and year, matched by the keyed hash of the
 * account's document number (no decryption).
 */
export function findForAccount(
  db: Db,
  query: { accountId: number; examAreaId: number; year: number },
) {
  return db
    .selectFrom('previousResults as p')
    .innerJoin('candidates as c', 'c.documentNumberHash', 'p.documentNumberHash')
    .select([
      'p.id',
      'p.year',
      'p.name',
      'p.cityCode',
      'p.testSiteCode',
      'p.specialtyCode',
      'p.level',
      'p.subjectResults',
      'p.absent',
      'p.disciplined',
      'c.name as candidateName',
    ])
    .where('c.accountId', '=', query.accountId)
    .where('p.examAreaId', '=', query.examAreaId)
    .where('p.year', '=', query.year)
    .orderBy('p.id')
    .execute();
}
