import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegistrationView } from '@hqe/core';
import { LAPSE_EVERY_MS, LAPSE_JOB } from '../src/modules/registrations';
import { createCandidate } from './factories';
import {
  createOtherArea,
  createRegistrationReady,
  decide,
  demoCycleId,
  EDUCATION_MISMATCH,
  errorOf,
  eventsOf,
  expectStatus,
  fillRegistration,
  getRegistration,
  insertRegistration,
  reviewerOf,
  setPhase,
  startRegistration,
  submit,
  type ReadyCandidate,
} from './support-registration';
import { createTestContext, TEST_NOW, type TestContext } from './test-app';

let ctx: TestContext;
let ready: ReadyCandidate;
let returned: RegistrationView;

const DAY = 86_400_000;
const at = (days: number) => new Date(new Date(TEST_NOW).getTime() + days * DAY);

beforeAll(async () => {
  ctx = await createTestContext();
  ready = await createRegistrationReady(ctx);
  const filled = await fillRegistration(ready, await startRegistration(ready));
  expectStatus(await submit(ready.client, filled.id), 200);
  await decide(ctx, {
    registrationId: filled.id,
    reviewer: await reviewerOf(ctx),
    decision: 'return',
    reasons: [EDUCATION_MISMATCH],
  });
  returned = await getRegistration(ready.client, filled.id);
});
afterAll(() => ctx.close());

const statusOf = async (id: number) =>
  (
    await ctx.db
      .selectFrom('registrations')
      .select('status')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
  ).status;

/** Runs the worker the way it runs in production: the recurring job comes due, then runs. */
async function runLapseJob(): Promise<void> {
  await ctx.worker.drain();
  ctx.clock.advance(LAPSE_EVERY_MS + 1000);
  await ctx.worker.drain();
}

describe('the deadline job (视为放弃, R10, R12)', () => {
  it('when a registration is returned, then the lapse job is queued for the resubmission deadline', async () => {
    const deadline = await ctx.db
      .selectFrom('cyclePhases')
      .select('endsAt')
      .where('cycleId', '=', ready.cycleId)
      .where('kind', '=', 'resubmission')
      .where('examAreaId', '=', returned.examArea.id)
      .executeTakeFirstOrThrow();
    const queued = await ctx.db
      .selectFrom('jobs')
      .select(['runAt', 'status', 'uniqueKey'])
      .where('kind', '=', LAPSE_JOB)
      .execute();
    expect(queued).toEqual([
      {
        runAt: deadline.endsAt,
        status: 'pending',
        uniqueKey: `${LAPSE_JOB}:${ready.cycleId}:${returned.examArea.id}:${deadline.endsAt.toISOString()}`,
      },
    ]);
  });

  it('when the resubmission deadline has not passed, then a returned registration is left alone', async () => {
    await runLapseJob();
    expect(await statusOf(returned.id)).toBe('returned');
    const job = await ctx.db
      .selectFrom('jobs')
      .select(['status'])
      .where('kind', '=', LAPSE_JOB)
      .where('status', '=', 'done')
      .execute();
    expect(job.length).toBeGreaterThan(0);
  });

  it('when the deadline passes, then only returned registrations past it are abandoned, with the reason in the timeline, and the candidate is told', async () => {
    const cycleId = await demoCycleId(ctx);
    // Another area whose resubmission phase is still open, and registrations in other states.
    await createOtherArea(ctx, cycleId, { code: '32' });
    await setPhase(ctx, cycleId, '32', 'resubmission', at(-7), at(60));
    await setPhase(ctx, cycleId, '32', 'registration', at(-7), at(30));
    const elsewhere = await insertRegistration(ctx, {
      accountId: (await createCandidate(ctx.db)).accountId,
      cycleId,
      areaCode: '32',
      status: 'returned',
    });
    const submitted = await insertRegistration(ctx, {
      accountId: (await createCandidate(ctx.db)).accountId,
      cycleId,
      status: 'submitted',
    });

    // Past Shanghai's registration (day 30) and resubmission (day 35) ends: the job queued for
    // the deadline is due at once.
    ctx.clock.set(at(40));
    await ctx.worker.drain();

    expect(await statusOf(returned.id)).toBe('abandoned');
    expect(await statusOf(elsewhere)).toBe('returned');
    expect(await statusOf(submitted)).toBe('submitted');

    // Forty days on, the candidate's session has ended: log in again.
    await ready.client.start();
    expectStatus(await ready.client.login(ready.username, ready.password), 200);
    const view = await getRegistration(ready.client, returned.id);
    expect(view).toMatchObject({
      status: 'abandoned',
      statusLabel: '视为放弃',
      actions: [],
      canEdit: false,
    });
    const lapse = view.timeline.at(-1);
    expect(lapse).toMatchObject({
      event: 'lapse',
      label: '逾期视为放弃',
      fromStatus: 'returned',
      toStatus: 'abandoned',
      actorKind: 'system',
      actorLabel: '系统',
      reasons: [{ code: 'resubmission_deadline_passed', label: '逾期未重新提交，视为放弃' }],
    });
    expect(lapse?.reasons[0]?.explanation).toMatch(
      /重新提交截止时间为 \d{4}-\d\d-\d\d 24:00（北京时间）/,
    );
    const notice = await ctx.db
      .selectFrom('notifications')
      .select('body')
      .where('accountId', '=', ready.accountId)
      .where('title', '=', '报名视为放弃')
      .executeTakeFirstOrThrow();
    expect(notice.body).toContain(returned.registrationNumber);
    const audit = await ctx.db
      .selectFrom('auditEvents')
      .select(['actorAccountId', 'after'])
      .where('action', '=', 'registration.lapse')
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actorAccountId: null, after: { status: 'abandoned' } });

    const late = await submit(ready.client, returned.id);
    expectStatus(late, 409);
    expect(errorOf(late)).toMatchObject({
      code: 'invalid_transition',
      message: '报名当前状态为“视为放弃”，不能提交报名信息。请刷新页面查看最新状态。',
    });
  });

  it('when the job runs again, then nothing is abandoned twice', async () => {
    ctx.clock.advance(DAY);
    await runLapseJob();
    expect((await eventsOf(ctx, returned.id)).filter((e) => e.event === 'lapse')).toHaveLength(1);
  });
});
