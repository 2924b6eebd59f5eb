import type { Kysely } from 'kysely';
import type { Database, SessionsTable } from '../../db/schema';

/** Stores a new session row (its id is the SHA-256 of the cookie token). */
export async function insert(db: Kysely<Database>, session: SessionsTable): Promise<void> {
  await db.insertInto('sessions').values(session).execute();
}

/** Finds an unexpired session with its active account and the account's exam area, in one query. */
export function findActiveWithAccount(db: Kysely<Database>, id: string, now: Date) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('accounts as a', 'a.id', 's.accountId')
    .leftJoin('examAreas as ea', 'ea.id', 'a.examAreaId')
    .select([
      'a.id',
      'a.kind',
      'a.username',
      'a.displayName',
      'a.roles',
      'a.examAreaId',
      'a.status',
      'a.failedLoginCount',
      'a.lockedUntil',
      'a.mustChangePassword',
      'a.passwordChangedAt',
      'a.lastLoginAt',
      'a.createdAt',
      'a.updatedAt',
      's.id as sessionId',
      's.csrfToken',
      's.createdAt as sessionCreatedAt',
      's.lastSeenAt',
      'ea.code as examAreaCode',
      'ea.name as examAreaName',
    ])
    .where('s.id', '=', id)
    .where('s.expiresAt', '>', now)
    .where('a.status', '=', 'active')
    .executeTakeFirst();
}

/** Records activity and slides the idle expiry forward. */
export async function touch(
  db: Kysely<Database>,
  id: string,
  lastSeenAt: Date,
  expiresAt: Date,
): Promise<void> {
  await db.updateTable('sessions').set({ lastSeenAt, expiresAt }).where('id', '=', id).execute();
}

/** Ends one session. */
export async function deleteById(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

/** Ends every session of an account, optionally keeping one. */
export async function deleteByAccount(
  db: Kysely<Database>,
  accountId: number,
  exceptId?: string,
): Promise<void> {
  let query = db.deleteFrom('sessions').where('accountId', '=', accountId);
  if (exceptId) query = query.where('id', '!=', exceptId);
  await query.execute();
}

/** Removes expired sessions; returns how many. */
export async function deleteExpired(db: Kysely<Database>, now: Date): Promise<number> {
  const result = await db.deleteFrom('sessions').where('expiresAt', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
