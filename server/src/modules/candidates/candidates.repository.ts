import type { Insertable, Kysely, Updateable } from 'kysely';
import type { CandidatesTable, Database } from '../../db/schema';

/** Adds a candidate's identity row (the account row is inserted first). */
export async function insert(db: Kysely<Database>, values: Insertable<CandidatesTable>) {
  await db.insertInto('candidates').values(values).execute();
}

export function findByAccountId(db: Kysely<Database>, accountId: number) {
  return db
    .selectFrom('candidates')
    .selectAll()
    .where('accountId', '=', accountId)
    .executeTakeFirst();
}

/** Locks the candidate row until the transaction ends and returns it. */
export function lockByAccountId(db: Kysely<Database>, accountId: number) {
  return db
    .selectFrom('candidates')
    .selectAll()
    .where('accountId', '=', accountId)
    .forUpdate()
    .executeTakeFirst();
}

/** Accounts holding a document number (any type), by its keyed hash. */
export async function accountIdsByDocumentHash(
  db: Kysely<Database>,
  documentNumberHash: string,
): Promise<number[]> {
  const rows = await db
    .selectFrom('candidates')
    .select('accountId')
    .where('documentNumberHash', '=', documentNumberHash)
    .orderBy('accountId')
    .execute();
  return rows.map((r) => r.accountId);
}

export async function existsDocument(
  db: Kysely<Database>,
  documentType: CandidatesTable['documentType'],
  documentNumberHash: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('candidates')
    .select('accountId')
    .where('documentType', '=', documentType)
    .where('documentNumberHash', '=', documentNumberHash)
    .executeTakeFirst();
  return row !== undefined;
}

/** The account whose mobile number has this keyed hash, if any. */
export async function accountIdByMobileHash(
  db: Kysely<Database>,
  mobileHash: string,
): Promise<number | null> {
  const row = await db
    .selectFrom('candidates')
    .select('accountId')
    .where('mobileHash', '=', mobileHash)
    .executeTakeFirst();
  return row?.accountId ?? null;
}

export async function update(
  db: Kysely<Database>,
  accountId: number,
  patch: Updateable<CandidatesTable>,
): Promise<void> {
  await db.updateTable('candidates').set(patch).where('accountId', '=', accountId).execute();
}
