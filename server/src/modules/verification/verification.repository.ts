import { sql, type Kysely } from 'kysely';
import type { Database, VerificationPurpose } from '../../db/schema';

/**
 * Serialises code requests for one destination until the transaction ends, across processes: the
 * rate limits are counted and the new code inserted under this lock.
 */
export async function lockDestination(db: Kysely<Database>, destinationHash: string) {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`verification:${destinationHash}`}, 0))`.execute(
    db,
  );
}

/** How many codes went to a destination since `since`, and when the newest and oldest did. */
export async function destinationUsage(db: Kysely<Database>, destinationHash: string, since: Date) {
  const row = await db
    .selectFrom('verificationCodes')
    .select((eb) => [
      eb.fn.countAll<string>().as('count'),
      eb.fn.max<Date | null>('createdAt').as('newest'),
      eb.fn.min<Date | null>('createdAt').as('oldest'),
    ])
    .where('destinationHash', '=', destinationHash)
    .where('createdAt', '>', since)
    .executeTakeFirstOrThrow();
  return { count: Number(row.count), newest: row.newest, oldest: row.oldest };
}

/** How many codes one client address asked for since `since`, and the oldest of them. */
export async function requesterUsage(db: Kysely<Database>, ipHash: string, since: Date) {
  const row = await db
    .selectFrom('verificationCodes')
    .select((eb) => [
      eb.fn.countAll<string>().as('count'),
      eb.fn.min<Date | null>('createdAt').as('oldest'),
    ])
    .where('requesterIpHash', '=', ipHash)
    .where('createdAt', '>', since)
    .executeTakeFirstOrThrow();
  return { count: Number(row.count), oldest: row.oldest };
}

export interface NewVerificationCode {
  purpose: VerificationPurpose;
  channel: 'sms' | 'email';
  destinationHash: string;
  accountId: number | null;
  codeHash: string;
  expiresAt: Date;
  requesterIpHash: string | null;
  createdAt: Date;
}

export async function insert(db: Kysely<Database>, code: NewVerificationCode): Promise<number> {
  const row = await db
    .insertInto('verificationCodes')
    .values(code)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * The newest code of a purpose for a destination (and account, when the code was issued to a
 * logged-in account), locked until the transaction ends. Only the newest code counts: asking again
 * replaces the previous one.
 */
export function lockNewest(
  db: Kysely<Database>,
  purpose: VerificationPurpose,
  destinationHash: string,
  accountId: number | null,
) {
  return db
    .selectFrom('verificationCodes')
    .selectAll()
    .where('purpose', '=', purpose)
    .where('destinationHash', '=', destinationHash)
    .where((eb) =>
      accountId === null ? eb('accountId', 'is', null) : eb('accountId', '=', accountId),
    )
    .orderBy('id', 'desc')
    .limit(1)
    .forUpdate()
    .executeTakeFirst();
}

export async function addAttempt(db: Kysely<Database>, id: number): Promise<void> {
  await db
    .updateTable('verificationCodes')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

/** Marks a code used; false when it was used already (a parallel request won). */
export async function consume(db: Kysely<Database>, id: number, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('verificationCodes')
    .set({ consumedAt: now })
    .where('id', '=', id)
    .where('consumedAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Removes codes that expired before the cut-off; returns how many. */
export async function deleteExpiredBefore(db: Kysely<Database>, cutoff: Date): Promise<number> {
  const result = await db
    .deleteFrom('verificationCodes')
    .where('expiresAt', '<', cutoff)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
