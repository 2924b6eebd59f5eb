import { sql, type Kysely } from 'kysely';
import type { Db } from '../../db/database';
import type { Database } from '../../db/schema';

/*
 * The outbox's retention (decision 0013, "Retention"): old sent messages and dead letters are
 * deleted with their delivery attempts, a bounded batch per transaction. Messages still queued,
 * being sent or waiting for a retry are never touched.
 */

/**
 * Sent messages the purge may delete, written exactly as the predicate of the partial index
 * `notification_messages_sent_purge_idx` (migration 0014) so the planner uses it. The in-app row of
 * a published review result is kept: the review results job reads it as "this candidate was told"
 * (`review-results.repository.ts`), so deleting it would tell the candidate again. It holds no
 * text (in-app rows never do) and there is one per decided registration.
 */
const PURGEABLE_SENT = sql<boolean>`status = 'sent'
  and not (channel = 'in_app' and template_key = 'review_result_published')`;

/** Deletes the attempts, then the messages, of the given ids (locked by the caller). */
async function deleteMessages(
  trx: Kysely<Database>,
  ids: readonly number[],
): Promise<{ messages: number; attempts: number }> {
  if (ids.length === 0) return { messages: 0, attempts: 0 };
  const attempts = await trx
    .deleteFrom('notificationDeliveryAttempts')
    .where('messageId', 'in', [...ids])
    .executeTakeFirst();
  const messages = await trx
    .deleteFrom('notificationMessages')
    .where('id', 'in', [...ids])
    .executeTakeFirst();
  return { messages: Number(messages.numDeletedRows), attempts: Number(attempts.numDeletedRows) };
}

/**
 * Deletes up to `limit` sent messages sent before `before` (oldest first), with their attempts, in
 * one transaction. `FOR UPDATE SKIP LOCKED`: a second purge running at the same time takes other
 * rows instead of waiting, and a message an administrator holds is left for the next run.
 * Returns how many rows of each went, and how many messages were selected (a full batch means more
 * may be waiting).
 */
export function purgeSentBatch(db: Db, before: Date, limit: number) {
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('notificationMessages')
      .select('id')
      .where(PURGEABLE_SENT)
      .where('sentAt', '<', before)
      .orderBy('sentAt')
      .orderBy('id')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
    const deleted = await deleteMessages(
      trx,
      rows.map((r) => r.id),
    );
    return { selected: rows.length, ...deleted };
  });
}

/**
 * Deletes up to `limit` dead letters that went dead before `before`, with their attempts, in one
 * transaction, like `purgeSentBatch`. A dead message has no time of its own: it went dead at the
 * end of its last attempt (a resent one has newer attempts and waits again), or, without any
 * attempt, when it was created.
 */
export function purgeDeadBatch(db: Db, before: Date, limit: number) {
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('notificationMessages as m')
      .select('m.id')
      .where('m.status', '=', 'dead')
      .where('m.createdAt', '<', before)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('notificationDeliveryAttempts as a')
              .select('a.id')
              .whereRef('a.messageId', '=', 'm.id')
              .where((w) => w.or([w('a.finishedAt', 'is', null), w('a.finishedAt', '>=', before)])),
          ),
        ),
      )
      .orderBy('m.createdAt')
      .orderBy('m.id')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
    const deleted = await deleteMessages(
      trx,
      rows.map((r) => r.id),
    );
    return { selected: rows.length, ...deleted };
  });
}
