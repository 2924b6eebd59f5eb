import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createInAppChannel,
  createNotificationService,
  createReminderJob,
  createTodoService,
} from '../src/modules/notifications';
import { createCandidate, examAreaId } from './factories';
import { demoCycleId, insertRegistration, setPhase } from './support-registration';
import { createTestContext, TEST_NOW, TestClient, type TestContext } from './test-app';

const DAY = 86_400_000;
const HOUR = 3_600_000;
/** The resubmission deadline: 2026-12-01 00:00 in Shanghai, read as 2026-11-30 24:00. */
const DEADLINE = new Date('2026-11-30T16:00:00.000Z');
const before = (ms: number) => new Date(DEADLINE.getTime() - ms);

let ctx: TestContext;
let cycleId: number;
type Person = { accountId: number; mobile: string; registrationId: number };
const people = {} as Record<'a' | 'b' | 'c', Person>;

async function returnedRegistration(returnedAt: Date) {
  const candidate = await createCandidate(ctx.db);
  const registrationId = await insertRegistration(ctx, {
    accountId: candidate.accountId,
    cycleId,
    status: 'returned',
  });
  await ctx.db
    .insertInto('registrationEvents')
    .values({
      registrationId,
      examAreaId: await examAreaId(ctx.db, '31'),
      cycleId,
      event: 'return',
      fromStatus: 'submitted',
      toStatus: 'returned',
      actorAccountId: null,
      actorKind: 'confirmation_reviewer',
      occurredAt: returnedAt,
    })
    .execute();
  return { accountId: candidate.accountId, mobile: candidate.mobile, registrationId };
}

/** The reminder messages an account has (one row per channel). */
const remindersOf = (accountId: number) =>
  ctx.db
    .selectFrom('notificationMessages')
    .select(['channel', 'dedupeKey', 'status', 'examAreaId'])
    .where('accountId', '=', accountId)
    .where('templateKey', '=', 'resubmission_deadline_approaching')
    .orderBy('id')
    .execute();

/** Moves the clock and lets the app's worker run what is due (the hourly reminder job). */
async function runWorkerAt(instant: Date) {
  ctx.clock.set(instant);
  await ctx.worker.drain();
}

beforeAll(async () => {
  ctx = await createTestContext();
  cycleId = await demoCycleId(ctx);
  await setPhase(ctx, cycleId, '31', 'resubmission', new Date(TEST_NOW), DEADLINE);
  people.a = await returnedRegistration(new Date(TEST_NOW));
  people.b = await returnedRegistration(new Date(TEST_NOW));
  await ctx.worker.drain();
});
afterAll(() => ctx.close());

describe('resubmission deadline reminders (3 days and 1 day before)', () => {
  it('when the deadline is more than 3 days away, then nobody is reminded', async () => {
    await runWorkerAt(before(4 * DAY));
    expect(await remindersOf(people.a.accountId)).toEqual([]);
    expect(await remindersOf(people.b.accountId)).toEqual([]);
  });

  it('when 3 days are left, then those still returned are reminded in-app and by SMS, and get the to-do item; those who resubmitted are not', async () => {
    // B resubmitted in the meantime.
    await ctx.db
      .updateTable('registrations')
      .set({ status: 'submitted' })
      .where('id', '=', people.b.registrationId)
      .execute();
    await runWorkerAt(before(3 * DAY - HOUR));

    const key = `resubmission_deadline_approaching:${people.a.registrationId}:${DEADLINE.toISOString()}:3d`;
    expect(await remindersOf(people.a.accountId)).toEqual([
      {
        channel: 'in_app',
        dedupeKey: `${key}:in_app`,
        status: 'sent',
        examAreaId: expect.any(Number) as unknown,
      },
      {
        channel: 'sms',
        dedupeKey: `${key}:sms`,
        status: 'sent',
        examAreaId: expect.any(Number) as unknown,
      },
    ]);
    expect(await remindersOf(people.b.accountId)).toEqual([]);

    const sms = await new TestClient(ctx.app).get(`/api/dev/outbox?to=${people.a.mobile}`);
    expect(sms.json<{ messages: { body: string }[] }>().messages.map((m) => m.body)).toEqual([
      expect.stringMatching(/尚未重新提交，截止时间 2026-11-30 24:00（北京时间），逾期视为放弃。$/),
    ]);

    const todo = await ctx.db
      .selectFrom('todoItems')
      .select(['kind', 'status', 'deadlineAt', 'linkPath', 'dedupeKey'])
      .where('accountId', '=', people.a.accountId)
      .execute();
    expect(todo).toEqual([
      {
        kind: 'resubmit',
        status: 'open',
        deadlineAt: DEADLINE,
        linkPath: '/registration',
        dedupeKey: `resubmit:${people.a.registrationId}`,
      },
    ]);
  });

  it('when the job runs again, or two workers run it side by side, then nobody gets a second 3-day reminder', async () => {
    await runWorkerAt(before(3 * DAY - 3 * HOUR));
    expect(await remindersOf(people.a.accountId)).toHaveLength(2);

    const parallel = () =>
      createReminderJob({
        db: ctx.db,
        clock: ctx.clock,
        notifications: createNotificationService({
          db: ctx.db,
          clock: ctx.clock,
          channels: [createInAppChannel(ctx.clock)],
        }),
        todos: createTodoService({ db: ctx.db, clock: ctx.clock }),
      });
    const [one, two] = await Promise.all([parallel().run(), parallel().run()]);
    expect(one + two).toBe(0);
    expect(await remindersOf(people.a.accountId)).toHaveLength(2);
    const inbox = await ctx.db
      .selectFrom('notifications')
      .select('title')
      .where('accountId', '=', people.a.accountId)
      .execute();
    expect(inbox).toEqual([{ title: '重新提交即将截止' }]);
  });

  it('when a registration is returned inside the 3-day window, then no 3-day reminder follows its return message', async () => {
    ctx.clock.set(before(2 * DAY));
    people.c = await returnedRegistration(before(2 * DAY));
    await runWorkerAt(before(2 * DAY - HOUR));
    expect(await remindersOf(people.c.accountId)).toEqual([]);
  });

  it('when 1 day is left, then the second reminder goes out, also to the one returned inside the 3-day window', async () => {
    await runWorkerAt(before(DAY - HOUR));
    const a = await remindersOf(people.a.accountId);
    expect(a.map((r) => r.dedupeKey.split(':').slice(-2).join(':'))).toEqual([
      '3d:in_app',
      '3d:sms',
      '1d:in_app',
      '1d:sms',
    ]);
    const c = await remindersOf(people.c.accountId);
    expect(c.map((r) => r.dedupeKey.split(':').slice(-2).join(':'))).toEqual([
      '1d:in_app',
      '1d:sms',
    ]);
    expect(await remindersOf(people.b.accountId)).toEqual([]);

    // And once more in the last hours: nothing new.
    await runWorkerAt(before(2 * HOUR));
    expect(await remindersOf(people.a.accountId)).toHaveLength(4);
    expect(await remindersOf(people.c.accountId)).toHaveLength(2);
  });

  it('when the area moves the deadline, then the reminders are due again for the new one', async () => {
    const later = new Date(DEADLINE.getTime() + 7 * DAY);
    await setPhase(ctx, cycleId, '31', 'resubmission', new Date(TEST_NOW), later);
    await runWorkerAt(new Date(later.getTime() - 3 * DAY + HOUR));
    const a = await remindersOf(people.a.accountId);
    expect(a).toHaveLength(6);
    expect(a.at(-1)?.dedupeKey).toContain(`:${later.toISOString()}:3d:`);
    const todo = await ctx.db
      .selectFrom('todoItems')
      .select(['deadlineAt'])
      .where('accountId', '=', people.a.accountId)
      .executeTakeFirstOrThrow();
    expect(todo.deadlineAt).toEqual(later);
  });
});
