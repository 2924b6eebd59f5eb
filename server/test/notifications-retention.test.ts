import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config';
import {
  ChannelDeliveryError,
  createInAppChannel,
  createNotificationService,
  createOutboxRetentionJob,
  createTodoService,
  OUTBOX_PURGE_EVERY_MS,
  OUTBOX_PURGE_JOB,
  reviewResultKey,
  type NotificationChannel,
} from '../src/modules/notifications';
import { createCandidate } from './factories';
import { failingChannel, recordingChannel, testCrypto } from './notification-helpers';
import { createTestContext, TEST_NOW, type TestContext } from './test-app';

/*
 * The outbox's retention (decision 0013, "Retention"): old sent messages and dead letters go with
 * their delivery attempts, in bounded batches; nothing still to deliver, no inbox message, no to-do
 * item and nothing recent is touched; two purges at once share the work.
 */

let ctx: TestContext;
const crypto = testCrypto();
const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(new Date(TEST_NOW).getTime() - days * DAY);
const RETENTION = { sentDays: 180, deadDays: 365 };

beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

/** A notification service over the test database: in-app and the given queued channels. */
function serviceWith(channels: NotificationChannel[]) {
  return createNotificationService({
    db: ctx.db,
    clock: ctx.clock,
    crypto,
    channels: [createInAppChannel(ctx.clock), ...channels],
    delivery: { maxAttempts: 1 },
  });
}
type Service = ReturnType<typeof serviceWith>;

/** Sends one `confirmed` message to an account in its own transaction. */
async function send(service: Service, accountId: number) {
  await ctx.db.transaction().execute((trx) =>
    service.send(trx, {
      accountId,
      template: 'confirmed',
      values: { registrationNumber: '31202600000001' },
      examAreaId: null,
      dedupeKey: `confirmed:${randomUUID()}`,
    }),
  );
}

/** Tells an account its qualification review result, as the review results job does. */
async function sendResult(service: Service, accountId: number) {
  await ctx.db.transaction().execute((trx) =>
    service.send(trx, {
      accountId,
      template: 'review_result_published',
      values: { registrationNumber: '31202600000001', result: '通过' },
      examAreaId: null,
      dedupeKey: reviewResultKey(accountId),
    }),
  );
}

/** The outbox rows of an account: channel and status, oldest first. */
const outboxOf = (accountId: number) =>
  ctx.db
    .selectFrom('notificationMessages')
    .select(['id', 'channel', 'status', 'templateKey'])
    .where('accountId', '=', accountId)
    .orderBy('id')
    .execute();

const attemptCount = async (messageIds: readonly number[]) =>
  messageIds.length === 0
    ? 0
    : Number(
        (
          await ctx.db
            .selectFrom('notificationDeliveryAttempts')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .where('messageId', 'in', [...messageIds])
            .executeTakeFirstOrThrow()
        ).n,
      );

/** Runs `body` with the clock at `instant`, then puts it back at TEST_NOW. */
async function at<T>(instant: Date, body: () => Promise<T>): Promise<T> {
  ctx.clock.set(instant);
  try {
    return await body();
  } finally {
    ctx.clock.set(TEST_NOW);
  }
}

/**
 * `count` messages put straight into the outbox, sent (in-app and e-mail alternately) at
 * `sentAt`, each with its one attempt — for the volume tests, where only age and status matter.
 */
async function insertSent(accountId: number, count: number, sentAt: Date): Promise<number[]> {
  const ids: number[] = [];
  for (let start = 0; start < count; start += 500) {
    const rows = Array.from({ length: Math.min(500, count - start) }, (_, i) => {
      const inApp = (start + i) % 2 === 0;
      return {
        accountId,
        examAreaId: null,
        templateKey: 'confirmed',
        locale: 'zh-CN' as const,
        channel: inApp ? ('in_app' as const) : ('email' as const),
        recipientMasked: inApp ? null : 't***@example.com',
        contentEncrypted: inApp ? null : crypto.encrypt('{}', 'notification_messages.content'),
        status: 'sent' as const,
        attempts: 1,
        maxAttempts: 1,
        nextAttemptAt: null,
        dedupeKey: `bulk:${randomUUID()}`,
        createdAt: sentAt,
        sentAt,
      };
    });
    const inserted = await ctx.db
      .insertInto('notificationMessages')
      .values(rows)
      .returning('id')
      .execute();
    await ctx.db
      .insertInto('notificationDeliveryAttempts')
      .values(
        inserted.map((r) => ({
          messageId: r.id,
          attemptNo: 1,
          workerId: 'bulk',
          startedAt: sentAt,
          finishedAt: sentAt,
          ok: true,
          error: null,
        })),
      )
      .execute();
    ids.push(...inserted.map((r) => r.id));
  }
  return ids;
}

describe('the outbox purge', () => {
  it('when sent messages and dead letters are past their retention, then they go with their attempts, and nothing else does', async () => {
    const { accountId } = await createCandidate(ctx.db);
    const delivered = serviceWith([recordingChannel({ kind: 'email', log: [] })]);
    const refused = serviceWith([
      failingChannel(
        () => new ChannelDeliveryError('考生已解除绑定电子邮箱，未发送。', true),
        'sms',
      ).channel,
    ]);
    const flaky = createNotificationService({
      db: ctx.db,
      clock: ctx.clock,
      crypto,
      channels: [
        createInAppChannel(ctx.clock),
        failingChannel(() => new Error('connection reset'), 'wechat').channel,
      ],
    });
    const todos = createTodoService({ db: ctx.db, clock: ctx.clock });

    // 400 days ago: a message that went dead at once; another that died, and was resent and died
    // again 100 days ago (dead from its last attempt: kept).
    const [, resent] = await at(daysAgo(400), async () => {
      await send(refused, accountId);
      await send(refused, accountId);
      await refused.dispatchDue();
      return (await outboxOf(accountId)).filter((m) => m.channel === 'sms');
    });
    await at(daysAgo(100), async () => {
      await ctx.db
        .updateTable('notificationMessages')
        .set({ status: 'queued', nextAttemptAt: ctx.clock.now(), maxAttempts: 2 })
        .where('id', '=', resent!.id)
        .execute();
      await refused.dispatchDue();
    });
    // 200 days ago: delivered messages, a review result told, a dead letter (younger than a
    // year: kept), a message waiting for its retry, one never tried, and an open to-do item.
    await at(daysAgo(200), async () => {
      await send(delivered, accountId);
      await sendResult(delivered, accountId);
      await delivered.dispatchDue();
      await send(refused, accountId);
      await refused.dispatchDue();
      await send(flaky, accountId);
      await flaky.dispatchDue();
      const untried = serviceWith([recordingChannel({ kind: 'wechat', log: [] })]);
      await send(untried, accountId);
      await send(untried, accountId);
      await todos.openTodo(ctx.db, {
        accountId,
        kind: 'supplement',
        key: `supplement:${accountId}`,
        title: '请补充材料',
        detail: null,
        linkPath: '/registration',
        deadlineAt: null,
      });
    });
    // 10 days ago: recent messages.
    await at(daysAgo(10), async () => {
      await send(delivered, accountId);
      await delivered.dispatchDue();
    });
    // One of the untried messages is being sent right now (a worker holds it).
    const untried = await ctx.db
      .selectFrom('notificationMessages')
      .select('id')
      .where('accountId', '=', accountId)
      .where('status', '=', 'queued')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    await ctx.db
      .updateTable('notificationMessages')
      .set({ status: 'sending', lockedBy: 'worker-x', lockedAt: ctx.clock.now() })
      .where('id', '=', untried.id)
      .execute();

    const before = await outboxOf(accountId);
    const inboxBefore = await ctx.db
      .selectFrom('notifications')
      .select('id')
      .where('accountId', '=', accountId)
      .execute();
    expect(before.map((m) => [m.channel, m.status])).toEqual([
      ['in_app', 'sent'], // 400 days: the first dead letter's in-app copy
      ['sms', 'dead'], // 400 days, dead then
      ['in_app', 'sent'], // 400 days: the resent one's in-app copy
      ['sms', 'dead'], // resent: died again 100 days ago
      ['in_app', 'sent'], // 200 days
      ['email', 'sent'],
      ['in_app', 'sent'], // 200 days: review result told
      ['email', 'sent'],
      ['in_app', 'sent'], // 200 days
      ['sms', 'dead'], // dead 200 days ago
      ['in_app', 'sent'], // 200 days
      ['wechat', 'failed'], // waiting for its retry
      ['in_app', 'sent'], // 200 days
      ['wechat', 'queued'], // never tried
      ['in_app', 'sent'], // 200 days
      ['wechat', 'sending'], // never tried before, being sent now
      ['in_app', 'sent'], // 10 days
      ['email', 'sent'],
    ]);
    const expectedGone = [0, 1, 2, 4, 5, 7, 8, 10, 12, 14].map((i) => before[i]!.id);
    expect(await attemptCount(expectedGone)).toBeGreaterThan(0);

    const job = createOutboxRetentionJob({
      db: ctx.db,
      clock: ctx.clock,
      logger: ctx.app.log,
      retention: RETENTION,
    });
    const report = await job.run();

    const after = await outboxOf(accountId);
    expect(after.map((m) => m.id)).toEqual(
      before.map((m) => m.id).filter((id) => !expectedGone.includes(id)),
    );
    expect(after.map((m) => [m.channel, m.status, m.templateKey])).toEqual([
      ['sms', 'dead', 'confirmed'],
      ['in_app', 'sent', 'review_result_published'],
      ['sms', 'dead', 'confirmed'],
      ['wechat', 'failed', 'confirmed'],
      ['wechat', 'queued', 'confirmed'],
      ['wechat', 'sending', 'confirmed'],
      ['in_app', 'sent', 'confirmed'],
      ['email', 'sent', 'confirmed'],
    ]);
    expect(await attemptCount(expectedGone)).toBe(0);
    expect(await attemptCount(after.map((m) => m.id))).toBeGreaterThan(0);
    expect(report).toMatchObject({ sent: 9, dead: 1, batches: 2, continued: false });
    // The candidate's inbox and to-do items are theirs: the purge leaves them.
    expect(
      await ctx.db
        .selectFrom('notifications')
        .select('id')
        .where('accountId', '=', accountId)
        .execute(),
    ).toEqual(inboxBefore);
    const todo = await ctx.db
      .selectFrom('todoItems')
      .select('status')
      .where('accountId', '=', accountId)
      .executeTakeFirstOrThrow();
    expect(todo.status).toBe('open');

    // One log line, with counts only.
    const lines = ctx.logs.filter((l) => l.includes('notification outbox purged'));
    expect(lines).toHaveLength(1);
    const logged = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(logged).toMatchObject({ sent: 9, dead: 1, batches: 2, continued: false });
    const standard = ['level', 'time', 'pid', 'hostname', 'msg'];
    expect(Object.keys(logged).filter((k) => !standard.includes(k))).toEqual([
      'sent',
      'dead',
      'attempts',
      'batches',
      'continued',
      'ms',
    ]);

    // A second run finds nothing more.
    expect(await job.run()).toMatchObject({ sent: 0, dead: 0, attempts: 0 });
  });

  it('when more messages are old than one batch holds, then they go batch by batch, and a run that reaches its limit queues its continuation', async () => {
    const { accountId } = await createCandidate(ctx.db);
    const old = await insertSent(accountId, 250, daysAgo(181));
    const recent = await insertSent(accountId, 30, daysAgo(179));
    const job = createOutboxRetentionJob({
      db: ctx.db,
      clock: ctx.clock,
      logger: ctx.app.log,
      retention: RETENTION,
      limits: { batchSize: 100, batchesPerRun: 2 },
    });

    const first = await job.run();
    expect(first).toEqual({ sent: 200, dead: 0, attempts: 200, batches: 2, continued: true });
    // Oldest first, whole batches: 50 old messages wait for the continuation.
    expect((await outboxOf(accountId)).map((m) => m.id)).toEqual([...old.slice(200), ...recent]);
    const continuation = await ctx.db
      .selectFrom('jobs')
      .select(['runAt', 'uniqueKey'])
      .where('kind', '=', OUTBOX_PURGE_JOB)
      .where('status', '=', 'pending')
      .execute();
    expect(continuation).toEqual([{ runAt: ctx.clock.now(), uniqueKey: null }]);

    // The worker runs the continuation (with the application's own job and limits).
    await ctx.worker.drain();
    expect((await outboxOf(accountId)).map((m) => m.id)).toEqual(recent);
    expect(await attemptCount(old)).toBe(0);
    expect(await attemptCount(recent)).toBe(30);
  });

  it('when two purges run at the same time, then neither fails and every old message goes once', async () => {
    const { accountId } = await createCandidate(ctx.db);
    const old = await insertSent(accountId, 1200, daysAgo(200));
    const purge = () =>
      createOutboxRetentionJob({
        db: ctx.db,
        clock: ctx.clock,
        retention: RETENTION,
        limits: { batchSize: 50, batchesPerRun: 1000 },
      }).run();

    const [a, b] = await Promise.all([purge(), purge()]);
    expect(a.sent + b.sent).toBe(old.length);
    expect(a.attempts + b.attempts).toBe(old.length);
    expect(await outboxOf(accountId)).toEqual([]);
    if (inject('testDatabase').engine === 'postgres') {
      // Really side by side: both took a share, skipping the rows the other held.
      expect(a.sent).toBeGreaterThan(0);
      expect(b.sent).toBeGreaterThan(0);
    }
  });

  it('when the worker runs, then the purge is a recurring job going by the configured retention and the injected clock', async () => {
    const { accountId } = await createCandidate(ctx.db);
    await ctx.worker.drain();
    const recurring = await ctx.db
      .selectFrom('jobs')
      .select(['runAt'])
      .where('uniqueKey', '=', `recurring:${OUTBOX_PURGE_JOB}`)
      .where('status', '=', 'pending')
      .executeTakeFirstOrThrow();
    expect(recurring.runAt.getTime() - ctx.clock.now().getTime()).toBe(OUTBOX_PURGE_EVERY_MS);

    const [older] = await insertSent(accountId, 1, daysAgo(170));
    const [newer] = await insertSent(accountId, 1, daysAgo(150));
    // Twenty days on (by the clock), the first is past 180 days, the second is not.
    ctx.clock.advance(20 * DAY);
    try {
      await ctx.worker.drain();
      expect((await outboxOf(accountId)).map((m) => m.id)).toEqual([newer]);
      expect(await attemptCount([older!])).toBe(0);
    } finally {
      ctx.clock.set(TEST_NOW);
    }
  });
});

describe('the retention settings', () => {
  it('when nothing is set, then sent messages are kept 180 days and dead letters 365', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).notificationRetention).toEqual({
      sentDays: 180,
      deadDays: 365,
    });
    expect(
      loadConfig({
        NODE_ENV: 'test',
        NOTIFICATION_SENT_RETENTION_DAYS: '90',
        NOTIFICATION_DEAD_RETENTION_DAYS: '90',
      }).notificationRetention,
    ).toEqual({ sentDays: 90, deadDays: 90 });
  });

  it.each([
    [{ NOTIFICATION_SENT_RETENTION_DAYS: '7' }, 'NOTIFICATION_SENT_RETENTION_DAYS'],
    [{ NOTIFICATION_SENT_RETENTION_DAYS: 'half a year' }, 'NOTIFICATION_SENT_RETENTION_DAYS'],
    [{ NOTIFICATION_DEAD_RETENTION_DAYS: '36500' }, 'NOTIFICATION_DEAD_RETENTION_DAYS'],
    [
      { NOTIFICATION_SENT_RETENTION_DAYS: '400', NOTIFICATION_DEAD_RETENTION_DAYS: '365' },
      'NOTIFICATION_DEAD_RETENTION_DAYS: must be at least NOTIFICATION_SENT_RETENTION_DAYS',
    ],
  ])('when %o is set, then the server refuses to boot, naming the variable', (env, named) => {
    let error: unknown;
    try {
      loadConfig({ NODE_ENV: 'test', ...env });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain(named);
  });
});
