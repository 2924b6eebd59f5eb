import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

export interface NewOutboundMessage {
  channel: 'sms' | 'email';
  recipientHash: string;
  recipientEncrypted: string;
  subject: string;
  bodyEncrypted: string;
  createdAt: Date;
}

/** Appends a message to the development outbox. */
export async function insert(db: Kysely<Database>, message: NewOutboundMessage): Promise<void> {
  await db.insertInto('outboundMessages').values(message).execute();
}

/** The newest messages to one recipient (by keyed hash). */
export function listByRecipient(db: Kysely<Database>, recipientHash: string, limit: number) {
  return db
    .selectFrom('outboundMessages')
    .selectAll()
    .where('recipientHash', '=', recipientHash)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** Removes messages older than the cut-off; returns how many. */
export async function deleteOlderThan(db: Kysely<Database>, cutoff: Date): Promise<number> {
  const result = await db
    .deleteFrom('outboundMessages')
    .where('createdAt', '<', cutoff)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
