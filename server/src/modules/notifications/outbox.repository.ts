import { sql, type Kysely, type Selectable } from 'kysely';
import type { NotificationMessageStatus, OutboxChannel } from '@hqe/core';
import type { Db } from '../../db/database';
import type { Database, NotificationMessagesTable } from '../../db/schema';

export type OutboxMessage = Selectable<NotificationMessagesTable>;

export interface NewOutboxMessage {
  accountId: number;
  examAreaId: number | null;
  templateKey: string;
  locale: 'zh-CN' | 'en';
  channel: OutboxChannel;
  recipientMasked: string | null;
  contentEncrypted: string | null;
  status: 'queued' | 'sent';
  attempts: number;
  maxAttempts: number;
  nextAttemptAt: Date | null;
  dedupeKey: string;
  createdAt: Date;
  sentAt: Date | null;
  notificationId: number | null;
}

/**
 * Adds a message to the outbox, in the caller's transaction. A message with the same dedupe key
 * already there (the same event told twice, a reminder run again) is left alone: null.
 */
export async function insertMessage(
  db: Kysely<Database>,
  message: NewOutboxMessage,
): Promise<number | null> {
  const row = await db
    .insertInto('notificationMessages')
    .values(message)
    .onConflict((oc) => oc.column('dedupeKey').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

/** Records a try that has ended already (an in-app message written in the caller's transaction). */
export async function insertFinishedAttempt(
  db: Kysely<Database>,
  values: { messageId: number; attemptNo: number; at: Date; ok: boolean; error: string | null },
): Promise<void> {
  await db
    .insertInto('notificationDeliveryAttempts')
    .values({
      messageId: values.messageId,
      attemptNo: values.attemptNo,
      workerId: null,
      startedAt: values.at,
      finishedAt: values.at,
      ok: values.ok,
      error: values.error,
    })
    .execute();
}

/** The claim a worker holds on a message: the fence every later write of that try checks. */
export type MessageClaim = Pick<OutboxMessage, 'id' | 'attempts' | 'maxAttempts'>;

/**
 * Claims up to `limit` due messages of the given channels for one worker, in one transaction:
 * `FOR UPDATE SKIP LOCKED` lets several workers claim side by side without taking the same row or
 * waiting on each other; each claimed message turns `sending`, counts an attempt and gets an open
 * attempt row. Once committed, no other worker can claim it until it is finished or found stale.
 */
export async function claimDue(
  db: Db,
  workerId: string,
  now: Date,
  channels: readonly OutboxChannel[],
  limit: number,
): Promise<OutboxMessage[]> {
  if (channels.length === 0 || limit < 1) return [];
  return db.transaction().execute(async (trx) => {
    const claimed = await trx
      .updateTable('notificationMessages')
      .set((eb) => ({
        status: 'sending',
        lockedBy: workerId,
        lockedAt: now,
        attempts: eb('attempts', '+', 1),
      }))
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('notificationMessages')
          .select('id')
          .where('status', 'in', ['queued', 'failed'])
          .where('nextAttemptAt', '<=', now)
          .where('channel', 'in', [...channels])
          .orderBy('nextAttemptAt')
          .orderBy('id')
          .limit(limit)
          .forUpdate()
          .skipLocked(),
      )
      .returningAll()
      .execute();
    if (claimed.length > 0) {
      await trx
        .insertInto('notificationDeliveryAttempts')
        .values(
          claimed.map((m) => ({
            messageId: m.id,
            attemptNo: m.attempts,
            workerId,
            startedAt: now,
          })),
        )
        .execute();
    }
    return claimed.sort((a, b) => a.id - b.id);
  });
}

/**
 * Marks a claimed message sent — if this worker's claim still holds (sending, locked by it, at the
 * attempt claimed). False, and nothing written, when it does not.
 */
export async function markSent(
  db: Db,
  claim: MessageClaim,
  workerId: string,
  now: Date,
  receipt: { recipientMasked?: string | null },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('notificationMessages')
      .set({
        status: 'sent',
        sentAt: now,
        lockedBy: null,
        lockedAt: null,
        lastError: null,
        nextAttemptAt: null,
        ...(receipt.recipientMasked !== undefined
          ? { recipientMasked: receipt.recipientMasked }
          : {}),
      })
      .where('id', '=', claim.id)
      .where('status', '=', 'sending')
      .where('lockedBy', '=', workerId)
      .where('attempts', '=', claim.attempts)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) return false;
    await finishAttempt(trx, claim, now, true, null);
    return true;
  });
}

/**
 * Records a failed try of a claimed message: `failed` with the next try at `retryAt`, or `dead`
 * when `retryAt` is null (out of attempts, or a failure no retry can mend). Fenced like markSent.
 */
export async function markFailed(
  db: Db,
  claim: MessageClaim,
  workerId: string,
  error: string,
  now: Date,
  retryAt: Date | null,
): Promise<'failed' | 'dead' | 'superseded'> {
  const safeError = error.slice(0, 500);
  return db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('notificationMessages')
      .set({
        status: retryAt ? 'failed' : 'dead',
        nextAttemptAt: retryAt,
        lastError: safeError,
        lockedBy: null,
        lockedAt: null,
      })
      .where('id', '=', claim.id)
      .where('status', '=', 'sending')
      .where('lockedBy', '=', workerId)
      .where('attempts', '=', claim.attempts)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) return 'superseded';
    await finishAttempt(trx, claim, now, false, safeError);
    return retryAt ? 'failed' : 'dead';
  });
}

async function finishAttempt(
  db: Kysely<Database>,
  claim: MessageClaim,
  now: Date,
  ok: boolean,
  error: string | null,
): Promise<void> {
  await db
    .updateTable('notificationDeliveryAttempts')
    .set({ finishedAt: now, ok, error })
    .where('messageId', '=', claim.id)
    .where('attemptNo', '=', claim.attempts)
    .execute();
}

export const INTERRUPTED = 'the worker stopped while delivering the message';

/**
 * Returns messages whose worker stopped mid-delivery (claimed before `staleBefore`) to the queue,
 * due at once — or dead when they have used all their attempts. Their open attempt is closed as
 * interrupted. Returns how many were released.
 */
export async function releaseStale(db: Db, staleBefore: Date, now: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const stale = await trx
      .selectFrom('notificationMessages')
      .select(['id', 'attempts', 'maxAttempts'])
      .where('status', '=', 'sending')
      .where('lockedAt', '<', staleBefore)
      .forUpdate()
      .skipLocked()
      .execute();
    for (const message of stale) {
      const dead = message.attempts >= message.maxAttempts;
      await trx
        .updateTable('notificationMessages')
        .set({
          status: dead ? 'dead' : 'failed',
          nextAttemptAt: dead ? null : now,
          lastError: INTERRUPTED,
          lockedBy: null,
          lockedAt: null,
        })
        .where('id', '=', message.id)
        .execute();
      await trx
        .updateTable('notificationDeliveryAttempts')
        .set({ finishedAt: now, ok: false, error: INTERRUPTED })
        .where('messageId', '=', message.id)
        .where('attemptNo', '=', message.attempts)
        .where('finishedAt', 'is', null)
        .execute();
    }
    return stale.length;
  });
}

/** When the next queued or failed message of these channels comes due; null when none waits. */
export async function nextDueAt(
  db: Kysely<Database>,
  channels: readonly OutboxChannel[],
): Promise<Date | null> {
  if (channels.length === 0) return null;
  const row = await db
    .selectFrom('notificationMessages')
    .select((eb) => eb.fn.min('nextAttemptAt').as('at'))
    .where('status', 'in', ['queued', 'failed'])
    .where('channel', 'in', [...channels])
    .executeTakeFirst();
  return row?.at ?? null;
}

/** True when a job of `kind` is pending and due no later than `runAt` (so it will pick up). */
export async function hasPendingJob(
  db: Kysely<Database>,
  kind: string,
  runAt: Date,
): Promise<boolean> {
  const row = await db
    .selectFrom('jobs')
    .select('id')
    .where('kind', '=', kind)
    .where('status', '=', 'pending')
    .where('runAt', '<=', runAt)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

// ---------------------------------------------------------------------------------------------
// The admin view

export interface MessageFilter {
  /** Only this area's messages; undefined: all (platform administrators). */
  examAreaId?: number;
  status?: NotificationMessageStatus;
  channel?: OutboxChannel;
  templateKey?: string;
  /** Only these accounts' messages (a candidate looked up by document or mobile number). */
  accountIds?: readonly number[];
}

function filtered(db: Kysely<Database>, filter: MessageFilter) {
  let query = db.selectFrom('notificationMessages as m');
  if (filter.examAreaId !== undefined) query = query.where('m.examAreaId', '=', filter.examAreaId);
  if (filter.status) query = query.where('m.status', '=', filter.status);
  if (filter.channel) query = query.where('m.channel', '=', filter.channel);
  if (filter.templateKey) query = query.where('m.templateKey', '=', filter.templateKey);
  if (filter.accountIds) {
    query =
      filter.accountIds.length === 0
        ? query.where(sql<boolean>`false`)
        : query.where('m.accountId', 'in', [...filter.accountIds]);
  }
  return query;
}

function withNames(db: Kysely<Database>, filter: MessageFilter) {
  return filtered(db, filter)
    .leftJoin('examAreas as a', 'a.id', 'm.examAreaId')
    .leftJoin('candidates as c', 'c.accountId', 'm.accountId')
    .select([
      'm.id',
      'm.createdAt',
      'm.examAreaId',
      'a.name as examAreaName',
      'm.accountId',
      'c.name as candidateName',
      'm.templateKey',
      'm.channel',
      'm.locale',
      'm.recipientMasked',
      'm.status',
      'm.attempts',
      'm.maxAttempts',
      'm.nextAttemptAt',
      'm.lastError',
      'm.sentAt',
    ]);
}

/** One page of messages, newest first, with the area's and the candidate's names. */
export async function listMessages(
  db: Kysely<Database>,
  filter: MessageFilter,
  page: { offset: number; limit: number },
) {
  const [items, total] = await Promise.all([
    withNames(db, filter).orderBy('m.id', 'desc').offset(page.offset).limit(page.limit).execute(),
    filtered(db, filter)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}
export type MessageListRow = Awaited<ReturnType<typeof listMessages>>['items'][number];

/** One message as the admin view shows it, or undefined. */
export function findMessageView(db: Kysely<Database>, id: number) {
  return withNames(db, {}).where('m.id', '=', id).executeTakeFirst();
}

/** A message's area and status, locked for a change (resend). */
export function lockMessage(db: Kysely<Database>, id: number) {
  return db
    .selectFrom('notificationMessages')
    .select(['id', 'examAreaId', 'status', 'attempts', 'maxAttempts', 'templateKey', 'channel'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

/** A message's area, to check who may see it. */
export function findMessageArea(db: Kysely<Database>, id: number) {
  return db
    .selectFrom('notificationMessages')
    .select(['id', 'examAreaId'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Every try at delivering a message, in order. */
export function listAttempts(db: Kysely<Database>, messageId: number) {
  return db
    .selectFrom('notificationDeliveryAttempts')
    .select(['attemptNo', 'startedAt', 'finishedAt', 'ok', 'error'])
    .where('messageId', '=', messageId)
    .orderBy('attemptNo')
    .execute();
}

/** Queues a failed or dead message again, due now, with `extraAttempts` more tries. */
export async function requeue(
  db: Kysely<Database>,
  id: number,
  now: Date,
  maxAttempts: number,
): Promise<void> {
  await db
    .updateTable('notificationMessages')
    .set({ status: 'queued', nextAttemptAt: now, maxAttempts })
    .where('id', '=', id)
    .where('status', 'in', ['failed', 'dead'])
    .execute();
}
