import type { NotificationLocale } from '@hqe/core';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

/** Writes an in-app notification (站内消息); returns its id. */
export async function insert(
  db: Kysely<Database>,
  values: { accountId: number; title: string; body: string; createdAt: Date },
): Promise<number> {
  const row = await db
    .insertInto('notifications')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** An account's newest in-app notifications and how many are unread. */
export async function listForAccount(db: Kysely<Database>, accountId: number, limit: number) {
  const [items, unread] = await Promise.all([
    db
      .selectFrom('notifications')
      .select(['id', 'title', 'body', 'createdAt', 'readAt'])
      .where('accountId', '=', accountId)
      .orderBy('id', 'desc')
      .limit(limit)
      .execute(),
    db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('accountId', '=', accountId)
      .where('readAt', 'is', null)
      .executeTakeFirstOrThrow(),
  ]);
  return { items, unread: Number(unread.n) };
}

/** Marks one of the account's notifications read; false when it is not the account's. */
export async function markRead(
  db: Kysely<Database>,
  accountId: number,
  id: number,
  now: Date,
): Promise<boolean> {
  const row = await db
    .selectFrom('notifications')
    .select(['id', 'readAt'])
    .where('id', '=', id)
    .where('accountId', '=', accountId)
    .executeTakeFirst();
  if (!row) return false;
  if (row.readAt === null) {
    await db.updateTable('notifications').set({ readAt: now }).where('id', '=', id).execute();
  }
  return true;
}

/**
 * The channels the candidate chose, the verified e-mail address (encrypted) and the message
 * language; undefined for an account that is not a candidate.
 */
export function findPreferences(db: Kysely<Database>, accountId: number) {
  return db
    .selectFrom('candidates')
    .select(['notificationChannels', 'emailEncrypted', 'emailVerifiedAt', 'notificationLocale'])
    .where('accountId', '=', accountId)
    .executeTakeFirst();
}

/** The candidate's mobile number (encrypted; verified at sign-up and at every change). */
export function findMobile(db: Kysely<Database>, accountId: number) {
  return db
    .selectFrom('candidates')
    .select(['mobileEncrypted'])
    .where('accountId', '=', accountId)
    .executeTakeFirst();
}

/** Sets the candidate's message language; false when the account is not a candidate. */
export async function updateLocale(
  db: Kysely<Database>,
  accountId: number,
  locale: NotificationLocale,
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('candidates')
    .set({ notificationLocale: locale, updatedAt: now })
    .where('accountId', '=', accountId)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
