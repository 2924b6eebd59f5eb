import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createJobWorker } from '../src/modules/jobs';
import {
  ChannelDeliveryError,
  createInAppChannel,
  createNotificationService,
  createSmsChannel,
  NOTIFICATION_DISPATCH_JOB,
  type NotificationChannel,
} from '../src/modules/notifications';
import { createOutboxDelivery } from '../src/modules/verification';
import { createCandidate } from './factories';
import {
  failingChannel,
  recordingChannel,
  testCrypto,
  type RecordedDelivery,
} from './notification-helpers';
import { createTestContext, TestClient, type TestContext } from './test-app';

let ctx: TestContext;
const crypto = testCrypto();
const silent = { level: 'silent' } as const;

beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

/** A notification service over the test database with the given queued channels. */
function serviceWith(channels: NotificationChannel[], delivery = {}) {
  return createNotificationService({
    db: ctx.db,
    clock: ctx.clock,
    crypto,
    channels: [createInAppChannel(ctx.clock), ...channels],
    delivery,
  });
}

const messagesOf = (accountId: number) =>
  ctx.db
    .selectFrom('notificationMessages')
    .selectAll()
    .where('accountId', '=', accountId)
    .orderBy('id')
    .execute();

const inboxOf = (accountId: number) =>
  ctx.db
    .selectFrom('notifications')
    .select(['title', 'body'])
    .where('accountId', '=', accountId)
    .orderBy('id')
    .execute();

const attemptsOf = (messageId: number) =>
  ctx.db
    .selectFrom('notificationDeliveryAttempts')
    .select(['attemptNo', 'ok', 'error', 'workerId', 'finishedAt'])
    .where('messageId', '=', messageId)
    .orderBy('attemptNo')
    .execute();

const confirmed = (registrationNumber: string) => ({
  template: 'confirmed' as const,
  values: { registrationNumber },
  examAreaId: null,
});

describe('the transactional outbox', () => {
  it('when the change that sends a message rolls back, then nothing is kept and nothing is sent', async () => {
    const { accountId } = await createCandidate(ctx.db);
    const log: RecordedDelivery[] = [];
    const service = serviceWith([recordingChannel({ log })]);
    const jobsBefore = await ctx.db
      .selectFrom('jobs')
      .select('id')
      .where('kind', '=', NOTIFICATION_DISPATCH_JOB)
      .execute();

    await expect(
      ctx.db.transaction().execute(async (trx) => {
        await service.send(trx, { accountId, ...confirmed('31X'), dedupeKey: `rb:${accountId}` });
        throw new Error('the change failed after the message was written');
      }),
    ).rejects.toThrow('the change failed');

    expect(await messagesOf(accountId)).toEqual([]);
    expect(await inboxOf(accountId)).toEqual([]);
    const jobsAfter = await ctx.db
      .selectFrom('jobs')
      .select('id')
      .where('kind', '=', NOTIFICATION_DISPATCH_JOB)
      .execute();
    expect(jobsAfter).toHaveLength(jobsBefore.length);
    await service.dispatchDue();
    expect(log.filter((d) => d.accountId === accountId)).toEqual([]);
  });

  it('when a message is committed, then in-app is in the inbox at once and the other channels wait in the outbox, encrypted', async () => {
    const { accountId } = await createCandidate(ctx.db);
    const log: RecordedDelivery[] = [];
    const service = serviceWith([recordingChannel({ log })]);
    await ctx.db.transaction().execute((trx) =>
      service.send(trx, {
        accountId,
        ...confirmed('31202600000777'),
        dedupeKey: `commit:${accountId}`,
      }),
    );
    expect(await inboxOf(accountId)).toEqual([
      {
        title: '报名确认通过',
        body: '您的报名（网报号 31202600000777）已通过考区报名确认，无需撤回信息提交。请留意资格审核结果和缴费时间。',
      },
    ]);
    const [inApp, email] = await messagesOf(accountId);
    expect(inApp).toMatchObject({
      channel: 'in_app',
      status: 'sent',
      attempts: 1,
      contentEncrypted: null,
      notificationId: expect.any(Number) as unknown,
    });
    expect(email).toMatchObject({ channel: 'email', status: 'queued', attempts: 0 });
    // The text is not readable in the table.
    expect(email?.contentEncrypted).toMatch(/^v1\./);
    expect(email?.contentEncrypted).not.toContain('31202600000777');
    expect(await attemptsOf(inApp!.id)).toMatchObject([{ attemptNo: 1, ok: true }]);
  });

  it('when the process stops between the commit and the delivery, then a worker started afterwards delivers it', async () => {
    const { accountId } = await createCandidate(ctx.db);
    // "Before the crash": the message is committed with its dispatch job; nothing runs it.
    const before = serviceWith([recordingChannel({ log: [] })]);
    await ctx.db
      .transaction()
      .execute((trx) =>
        before.send(trx, { accountId, ...confirmed('31A'), dedupeKey: `crash:${accountId}` }),
      );
    const pending = await ctx.db
      .selectFrom('jobs')
      .select(['id', 'status'])
      .where('kind', '=', NOTIFICATION_DISPATCH_JOB)
      .where('status', '=', 'pending')
      .execute();
    expect(pending.length).toBeGreaterThan(0);

    // "After the restart": a new process, a new service and worker over the same database.
    const log: RecordedDelivery[] = [];
    const after = serviceWith([recordingChannel({ log, worker: 'restarted' })]);
    const worker = createJobWorker({
      db: ctx.db,
      clock: ctx.clock,
      logger: ctx.app.log.child({}, silent),
      handlers: after.jobHandlers,
    });
    await worker.drain();
    await worker.stop();
    expect(log.filter((d) => d.accountId === accountId)).toEqual([
      expect.objectContaining({ subject: '报名确认通过', worker: 'restarted' }),
    ]);
    const email = (await messagesOf(accountId)).find((m) => m.channel === 'email');
    expect(email).toMatchObject({ status: 'sent', attempts: 1, lockedBy: null });
  });

  it('when a worker stops while delivering, then after the stale time another worker delivers it once', async () => {
    const { accountId } = await createCandidate(ctx.db);
    const options = { staleAfterMs: 60_000 };
    const dying = serviceWith([recordingChannel({ log: [], hang: true })], options);
    await ctx.db
      .transaction()
      .execute((trx) =>
        dying.send(trx, { accountId, ...confirmed('31B'), dedupeKey: `stale:${accountId}` }),
      );
    // The first worker claims the message and never comes back.
    void dying.dispatchDue('worker-dies');
    let email;
    for (let i = 0; i < 100; i++) {
      email = (await messagesOf(accountId)).find((m) => m.channel === 'email');
      if (email?.status === 'sending') break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(email).toMatchObject({ status: 'sending', lockedBy: 'worker-dies', attempts: 1 });

    const log: RecordedDelivery[] = [];
    const survivor = serviceWith([recordingChannel({ log, worker: 'survivor' })], options);
    // Before the stale time, the claim is respected.
    expect(await survivor.dispatchDue('survivor')).toBe(0);
    ctx.clock.advance(60_001);
    expect(await survivor.dispatchDue('survivor')).toBe(1);
    expect(log.filter((d) => d.accountId === accountId)).toHaveLength(1);
    const done = (await messagesOf(accountId)).find((m) => m.channel === 'email');
    expect(done).toMatchObject({ status: 'sent', attempts: 2 });
    expect(await attemptsOf(done!.id)).toMatchObject([
      {
        attemptNo: 1,
        ok: false,
        workerId: 'worker-dies',
        error: expect.stringMatching(/stopped/) as unknown,
      },
      { attemptNo: 2, ok: true, workerId: 'survivor', error: null },
    ]);
  });

  it('when two workers dispatch at the same time, then every message is sent exactly once', async () => {
    const count = 40;
    const accounts = await Promise.all(
      Array.from({ length: count }, () => createCandidate(ctx.db)),
    );
    const log: RecordedDelivery[] = [];
    const options = { batchSize: 4 };
    const a = serviceWith([recordingChannel({ log, worker: 'a', delayMs: 5 })], options);
    const b = serviceWith([recordingChannel({ log, worker: 'b', delayMs: 5 })], options);
    await ctx.db.transaction().execute(async (trx) => {
      for (const { accountId } of accounts) {
        await a.send(trx, { accountId, ...confirmed('31C'), dedupeKey: `pair:${accountId}` });
      }
    });

    const [byA, byB] = await Promise.all([a.dispatchDue('a'), b.dispatchDue('b')]);
    const ids = new Set(accounts.map((c) => c.accountId));
    const ours = log.filter((d) => ids.has(d.accountId));
    expect(byA + byB).toBe(count);
    expect(ours).toHaveLength(count);
    expect(new Set(ours.map((d) => d.messageId)).size).toBe(count);
    const rows = await ctx.db
      .selectFrom('notificationMessages')
      .select(['status', 'attempts'])
      .where('accountId', 'in', [...ids])
      .where('channel', '=', 'email')
      .execute();
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
    if (inject('testDatabase').engine === 'postgres') {
      // Really side by side: both workers took a share.
      expect(byA).toBeGreaterThan(0);
      expect(byB).toBeGreaterThan(0);
    }
  });

  it('when the channel keeps failing, then tries back off exponentially and the message dies after the last, with no address kept', async () => {
    const { accountId } = await createCandidate(ctx.db);
    const failing = failingChannel(() =>
      Object.assign(new Error('connection to mx for zhang.san@example.com reset'), {
        code: 'ECONNRESET',
      }),
    );
    const service = serviceWith([failing.channel], { maxAttempts: 4, backoffBaseMs: 60_000 });
    await ctx.db
      .transaction()
      .execute((trx) =>
        service.send(trx, { accountId, ...confirmed('31D'), dedupeKey: `retry:${accountId}` }),
      );
    const emailOf = async () => (await messagesOf(accountId)).find((m) => m.channel === 'email')!;

    const delays: number[] = [];
    for (let attempt = 1; attempt <= 4; attempt++) {
      const tried = await service.dispatchDue();
      expect(tried, `try ${attempt}`).toBe(1);
      const message = await emailOf();
      expect(message.attempts).toBe(attempt);
      expect(message.lastError).toBe('delivery failed: Error code=ECONNRESET');
      if (attempt < 4) {
        expect(message.status).toBe('failed');
        const delay = message.nextAttemptAt!.getTime() - ctx.clock.now().getTime();
        delays.push(delay);
        // Not due yet: nothing is tried before the backoff has passed.
        expect(await service.dispatchDue()).toBe(0);
        // A dispatch job waits for the retry.
        const job = await ctx.db
          .selectFrom('jobs')
          .select('id')
          .where('kind', '=', NOTIFICATION_DISPATCH_JOB)
          .where('status', '=', 'pending')
          .where('runAt', '<=', message.nextAttemptAt!)
          .executeTakeFirst();
        expect(job).toBeDefined();
        ctx.clock.advance(delay);
      } else {
        expect(message.status).toBe('dead');
        expect(message.nextAttemptAt).toBeNull();
      }
    }
    expect(delays).toEqual([60_000, 120_000, 240_000]);
    ctx.clock.advance(3_600_000);
    expect(await service.dispatchDue()).toBe(0);
    expect(failing.calls()).toBe(4);
    const attempts = await attemptsOf((await emailOf()).id);
    expect(attempts.map((a) => a.ok)).toEqual([false, false, false, false]);
    expect(JSON.stringify(attempts)).not.toContain('example.com');
    expect(ctx.logs.join('\n')).not.toContain('zhang.san@example.com');
  });

  it('when the channel reports a failure no retry can mend, then the message dies at once', async () => {
    const { accountId } = await createCandidate(ctx.db);
    const failing = failingChannel(
      () => new ChannelDeliveryError('考生已解除绑定电子邮箱，未发送。', true),
    );
    const service = serviceWith([failing.channel]);
    await ctx.db
      .transaction()
      .execute((trx) =>
        service.send(trx, { accountId, ...confirmed('31E'), dedupeKey: `perm:${accountId}` }),
      );
    expect(await service.dispatchDue()).toBe(1);
    const email = (await messagesOf(accountId)).find((m) => m.channel === 'email');
    expect(email).toMatchObject({
      status: 'dead',
      attempts: 1,
      lastError: '考生已解除绑定电子邮箱，未发送。',
    });
  });

  it('when the same event is sent twice, then each channel has one message and the inbox one entry', async () => {
    const { accountId } = await createCandidate(ctx.db);
    const service = serviceWith([recordingChannel({ log: [] })]);
    const send = () =>
      ctx.db
        .transaction()
        .execute((trx) =>
          service.send(trx, { accountId, ...confirmed('31F'), dedupeKey: `twice:${accountId}` }),
        );
    expect(await send()).toHaveLength(2);
    expect(await send()).toEqual([]);
    expect(await messagesOf(accountId)).toHaveLength(2);
    expect(await inboxOf(accountId)).toHaveLength(1);
  });

  it('when an urgent template is sent, then it also goes by SMS to the verified mobile, in its short text', async () => {
    const candidate = await createCandidate(ctx.db);
    const outbox = createOutboxDelivery({ db: ctx.db, clock: ctx.clock, crypto });
    const service = serviceWith([createSmsChannel({ crypto, delivery: outbox })]);
    await ctx.db.transaction().execute(async (trx) => {
      await service.send(trx, {
        accountId: candidate.accountId,
        template: 'returned',
        values: {
          registrationNumber: '31202600000888',
          reasons: ['学历不符'],
          deadline: new Date('2026-12-14T16:00:00.000Z'),
        },
        examAreaId: null,
        dedupeKey: `sms:${candidate.accountId}`,
      });
      // Not urgent: in-app only.
      await service.send(trx, {
        accountId: candidate.accountId,
        ...confirmed('31202600000888'),
        dedupeKey: `sms-not:${candidate.accountId}`,
      });
    });
    const rows = await messagesOf(candidate.accountId);
    expect(rows.map((r) => [r.templateKey, r.channel])).toEqual([
      ['returned', 'in_app'],
      ['returned', 'sms'],
      ['confirmed', 'in_app'],
    ]);
    const masked = `${candidate.mobile.slice(0, 3)}****${candidate.mobile.slice(-4)}`;
    expect(rows[1]?.recipientMasked).toBe(masked);
    await service.dispatchDue();
    const box = await new TestClient(ctx.app).get(`/api/dev/outbox?to=${candidate.mobile}`);
    const texts = box.json<{ messages: { body: string }[] }>().messages.map((m) => m.body);
    expect(texts).toEqual([
      '您的报名（网报号 31202600000888）未通过报名确认，请登录网上报名系统查看原因，并于 2026-12-14 24:00（北京时间）前修改后重新提交，逾期视为放弃。',
    ]);
  });
});

describe('notify(), the first notification API, on the outbox', () => {
  it('when a candidate with e-mail notifications resets the password, then in-app is immediate and the e-mail goes through the outbox and the worker', async () => {
    const email = `outbox.notify${Date.now()}@example.com`;
    const candidate = await createCandidate(ctx.db, { email });
    const c = new TestClient(ctx.app);
    await c.login(candidate.mobile, candidate.password);
    await c.request('PUT', '/api/candidate/account/notification-channels', {
      body: { channels: ['in_app', 'email'] },
    });
    const anon = await new TestClient(ctx.app).start();
    await anon.post('/api/candidate/password-reset/code', { identifier: candidate.documentNumber });
    const box = await new TestClient(ctx.app).get(`/api/dev/outbox?to=${candidate.mobile}`);
    const code = box.json<{ messages: { code: string }[] }>().messages[0]!.code;
    const reset = await anon.post('/api/candidate/password-reset', {
      identifier: candidate.documentNumber,
      code,
      newPassword: 'Reset-Passw0rd-2026',
    });
    expect(reset.statusCode, reset.body).toBe(200);

    expect(await inboxOf(candidate.accountId)).toEqual([
      expect.objectContaining({ title: '密码已重置' }),
    ]);
    const queued = await messagesOf(candidate.accountId);
    expect(queued.map((m) => [m.templateKey, m.channel, m.status, m.recipientMasked])).toEqual([
      ['message', 'in_app', 'sent', null],
      ['message', 'email', 'queued', `o***@example.com`],
    ]);
    await ctx.worker.drain();
    const sent = await messagesOf(candidate.accountId);
    expect(sent[1]).toMatchObject({ status: 'sent', attempts: 1 });
    const mail = await new TestClient(ctx.app).get(
      `/api/dev/outbox?to=${encodeURIComponent(email)}`,
    );
    expect(mail.json<{ messages: { subject: string }[] }>().messages).toEqual([
      expect.objectContaining({ subject: '全国卫生专业技术资格考试网上报名：密码已重置' }),
    ]);
  });
});
