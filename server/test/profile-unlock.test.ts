import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CandidateProfileView, RegistrationStatus, RegistrationView } from '@hqe/core';
import type { Actor } from '../src/lib/actor';
import { lockProfile } from '../src/modules/candidate-profile';
import {
  createInAppChannel,
  createNotificationService,
  createTodoService,
} from '../src/modules/notifications';
import {
  createLapseJob,
  createProfileUnlockJob,
  PROFILE_UNLOCK_JOB,
} from '../src/modules/registrations';
import { SECTION_PATHS, VALID_SECTIONS } from './candidate-profile-fixtures';
import { createAccount, createCandidate, examAreaId } from './factories';
import {
  createOtherArea,
  createRegistrationReady,
  decide,
  decisionsFor,
  demoCycleId,
  EDUCATION_MISMATCH,
  expectStatus,
  fillRegistration,
  getRegistration,
  insertRegistration,
  reviewerOf,
  setPhase,
  startRegistration,
  submit,
} from './support-registration';
import { createTestContext, TEST_NOW, type TestContext } from './test-app';

/*
 * The lock a confirmed registration puts on 个人中心 is lifted when nothing depends on it any more
 * (decision 0012): at once when the last confirmed registration ends (资格审核不通过 once published,
 * a supplement not supplied — 视为放弃), and by the sweep once the cycle's exam days are over, so the
 * candidate can update the basic information for the next year. The tests follow the calendar.
 */

const DAY = 86_400_000;
const at = (days: number) => new Date(new Date(TEST_NOW).getTime() + days * DAY);

let ctx: TestContext;
let cycleId: number;
let laterCycleId: number;
const reviewers: Record<string, Actor> = {};

beforeAll(async () => {
  ctx = await createTestContext();
  cycleId = await demoCycleId(ctx);
  for (const code of ['31', '32']) {
    const account = await createAccount(ctx.db, {
      roles: ['qualification_reviewer'],
      areaCode: code,
    });
    reviewers[code] = {
      accountId: account.id,
      username: account.username,
      roles: account.roles,
      examAreaId: account.examAreaId,
      requestId: `test-qualification-${code}`,
    };
  }
  // Area 32 publishes its qualification results on day 40; Shanghai's are published already.
  await createOtherArea(ctx, cycleId, { code: '32' });
  await setPhase(ctx, cycleId, '32', 'results_publication', at(40), at(60));
  // Area 33 has no exam days in its calendar: when its cycle ends is not known.
  await createOtherArea(ctx, cycleId, { code: '33', name: '浙江' });
  await ctx.db
    .deleteFrom('cyclePhases')
    .where('cycleId', '=', cycleId)
    .where('examAreaId', '=', await examAreaId(ctx.db, '33'))
    .where('kind', '=', 'exam')
    .execute();
  // The next year's cycle, whose exam is a year away.
  const demo = await ctx.db
    .selectFrom('cycles')
    .select(['examId', 'year'])
    .where('id', '=', cycleId)
    .executeTakeFirstOrThrow();
  laterCycleId = (
    await ctx.db
      .insertInto('cycles')
      .values({
        examId: demo.examId,
        year: demo.year + 1,
        name: `${demo.year + 1}年度卫生专业技术资格考试（测试）`,
        workYearsCutoff: `${demo.year}-12-31`,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  await setPhase(ctx, laterCycleId, '31', 'exam', at(398), at(400));
}, 120_000);
afterAll(() => ctx.close());

/** A candidate with registrations put straight in the database, locked as a confirmation does. */
async function lockedCandidate(
  registrations: { status: RegistrationStatus; areaCode?: string; cycleId?: number }[],
): Promise<{ accountId: number; ids: number[] }> {
  const { accountId } = await createCandidate(ctx.db);
  const ids: number[] = [];
  for (const r of registrations) {
    ids.push(
      await insertRegistration(ctx, {
        accountId,
        cycleId: r.cycleId ?? cycleId,
        areaCode: r.areaCode ?? '31',
        status: r.status,
      }),
    );
  }
  await lockProfile(ctx.db, accountId, '报名已确认（测试）', ctx.clock.now());
  return { accountId, ids };
}

const lockedAtOf = async (accountId: number) =>
  (
    await ctx.db
      .selectFrom('candidateProfiles')
      .select('lockedAt')
      .where('accountId', '=', accountId)
      .executeTakeFirstOrThrow()
  ).lockedAt;

const unlockAudits = (accountId: number) =>
  ctx.db
    .selectFrom('auditEvents')
    .select(['after', 'actorAccountId', 'occurredAt'])
    .where('entityType', '=', 'candidate_profile')
    .where('entityId', '=', String(accountId))
    .where('action', '=', 'candidate_profile.unlocked')
    .orderBy('id')
    .execute();

/** A qualification decision as the review console takes it, on the version just read. */
function qualify(id: number, decision: 'pass' | 'fail' | 'request_supplement', areaCode = '31') {
  return ctx.db.transaction().execute(async (trx) => {
    const { version } = await trx
      .selectFrom('registrations')
      .select('version')
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    return decisionsFor(ctx).decideQualification(trx, {
      registrationId: id,
      reviewer: reviewers[areaCode] as Actor,
      decision,
      reasons: decision === 'pass' ? [] : [EDUCATION_MISMATCH],
      ...(decision === 'request_supplement' ? { supplementSlots: ['other'] as const } : {}),
      version,
    });
  });
}

const sweep = () => createProfileUnlockJob({ db: ctx.db, clock: ctx.clock }).run();

// Accounts followed through the calendar.
let passed: { accountId: number; ids: number[] };
let twoCycles: { accountId: number; ids: number[] };
let hiddenFailure: { accountId: number; ids: number[] };
let noExamDays: { accountId: number; ids: number[] };

describe('the transition that ends the last confirmed registration lifts the lock', () => {
  it('when a confirmed registration fails qualification review (results already published), then 个人中心 can be saved again at once', async () => {
    const ready = await createRegistrationReady(ctx);
    const filled = await fillRegistration(ready, await startRegistration(ready));
    expectStatus(await submit(ready.client, filled.id), 200);
    await decide(ctx, {
      registrationId: filled.id,
      reviewer: await reviewerOf(ctx),
      decision: 'confirm',
    });
    const locked = (await ready.client.get('/api/candidate/profile')).json<CandidateProfileView>();
    expect(locked.locked?.reason).toContain(filled.registrationNumber);
    const refused = await ready.client.request('PUT', SECTION_PATHS.declarations, {
      body: { version: locked.version, data: VALID_SECTIONS.declarations },
    });
    expectStatus(refused, 409);

    await qualify(filled.id, 'fail');
    const view = await getRegistration(ready.client, filled.id);
    expect(view.status).toBe('disqualified');
    const profile = (await ready.client.get('/api/candidate/profile')).json<CandidateProfileView>();
    expect(profile.locked).toBeNull();
    expectStatus(
      await ready.client.request('PUT', SECTION_PATHS.declarations, {
        body: { version: profile.version, data: VALID_SECTIONS.declarations },
      }),
      200,
    );
    expect(await unlockAudits(ready.accountId)).toEqual([
      {
        actorAccountId: null,
        occurredAt: ctx.clock.now(),
        after: {
          locked: false,
          cause: 'registration_ended',
          registrationId: filled.id,
          status: 'disqualified',
        },
      },
    ]);
  });

  it('when it passes qualification review, then the lock stays (the exam is still ahead)', async () => {
    passed = await lockedCandidate([{ status: 'confirmed' }]);
    await qualify(passed.ids[0] as number, 'pass');
    expect(await lockedAtOf(passed.accountId)).not.toBeNull();
  });

  it('when another confirmed registration (the next cycle) still depends on it, then a failure keeps the lock', async () => {
    twoCycles = await lockedCandidate([
      { status: 'confirmed' },
      { status: 'confirmed', cycleId: laterCycleId },
    ]);
    await qualify(twoCycles.ids[0] as number, 'fail');
    expect(await lockedAtOf(twoCycles.accountId)).not.toBeNull();
    expect(await unlockAudits(twoCycles.accountId)).toEqual([]);
  });

  it('when the failure is not published yet, then the lock stays (it would tell the result) and the sweep is queued for the publication', async () => {
    hiddenFailure = await lockedCandidate([{ status: 'confirmed', areaCode: '32' }]);
    await qualify(hiddenFailure.ids[0] as number, 'fail', '32');
    expect(await lockedAtOf(hiddenFailure.accountId)).not.toBeNull();
    const jobs = await ctx.db
      .selectFrom('jobs')
      .select(['runAt', 'status', 'uniqueKey'])
      .where('kind', '=', PROFILE_UNLOCK_JOB)
      .where('uniqueKey', 'is not', null)
      .where('uniqueKey', 'not like', 'recurring:%')
      .execute();
    expect(jobs).toEqual([
      {
        runAt: at(40),
        status: 'pending',
        uniqueKey: `${PROFILE_UNLOCK_JOB}:${cycleId}:${await examAreaId(ctx.db, '32')}:${at(40).toISOString()}`,
      },
    ]);
  });

  it('when a lock outlived its registration (视为放弃), then the sweep lifts it and leaves the others; a second run does nothing', async () => {
    const leftover = await lockedCandidate([{ status: 'abandoned' }]);
    noExamDays = await lockedCandidate([{ status: 'confirmed', areaCode: '33' }]);
    expect(await sweep()).toBe(1);
    expect(await lockedAtOf(leftover.accountId)).toBeNull();
    for (const kept of [passed, twoCycles, hiddenFailure, noExamDays]) {
      expect(await lockedAtOf(kept.accountId)).not.toBeNull();
    }
    expect(await unlockAudits(leftover.accountId)).toEqual([
      {
        actorAccountId: null,
        occurredAt: ctx.clock.now(),
        after: { locked: false, cause: 'sweep' },
      },
    ]);
    expect(await sweep()).toBe(0);
    expect(await unlockAudits(leftover.accountId)).toHaveLength(1);
  });
});

describe('the publication of a failure', () => {
  it('when the publication starts, then the queued job unlocks the profile — not a second before', async () => {
    ctx.clock.set(new Date(at(40).getTime() - 1000));
    expect(await sweep()).toBe(0);
    expect(await lockedAtOf(hiddenFailure.accountId)).not.toBeNull();

    ctx.clock.set(at(40));
    await ctx.worker.drain();
    expect(await lockedAtOf(hiddenFailure.accountId)).toBeNull();
    const job = await ctx.db
      .selectFrom('jobs')
      .select('status')
      .where(
        'uniqueKey',
        '=',
        `${PROFILE_UNLOCK_JOB}:${cycleId}:${await examAreaId(ctx.db, '32')}:${at(40).toISOString()}`,
      )
      .executeTakeFirstOrThrow();
    expect(job.status).toBe('done');
  });
});

describe('a supplement not supplied in time (视为放弃)', () => {
  it('when it lapses, then the lock is lifted in the same transaction', async () => {
    ctx.clock.set(at(50));
    const supplement = await lockedCandidate([{ status: 'confirmed' }]);
    await qualify(supplement.ids[0] as number, 'request_supplement');
    // Qualification review ends on day 60 (the demonstration calendar).
    ctx.clock.set(at(61));
    const lapse = createLapseJob({
      db: ctx.db,
      clock: ctx.clock,
      notifications: createNotificationService({
        db: ctx.db,
        clock: ctx.clock,
        channels: [createInAppChannel(ctx.clock)],
      }),
      todos: createTodoService({ db: ctx.db, clock: ctx.clock }),
    });
    expect(await lapse.run()).toBe(1);
    const row = await ctx.db
      .selectFrom('registrations')
      .select('status')
      .where('id', '=', supplement.ids[0] as number)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('abandoned');
    expect(await lockedAtOf(supplement.accountId)).toBeNull();
    expect((await unlockAudits(supplement.accountId)).map((a) => a.after)).toEqual([
      {
        locked: false,
        cause: 'registration_ended',
        registrationId: supplement.ids[0],
        status: 'abandoned',
      },
    ]);
  });
});

describe('the sweep at the end of the cycle', () => {
  let examEnd: Date;

  it('when the exam days have not ended, then nothing is unlocked — not a second before', async () => {
    const exam = await ctx.db
      .selectFrom('cyclePhases')
      .select('endsAt')
      .where('cycleId', '=', cycleId)
      .where('examAreaId', '=', await examAreaId(ctx.db, '31'))
      .where('kind', '=', 'exam')
      .executeTakeFirstOrThrow();
    examEnd = exam.endsAt;
    ctx.clock.set(new Date(examEnd.getTime() - 1000));
    expect(await sweep()).toBe(0);
    expect(await lockedAtOf(passed.accountId)).not.toBeNull();
  });

  it('when they have ended, then two sweeps at once unlock each profile once; the next cycle and a calendar without exam days keep theirs', async () => {
    ctx.clock.set(examEnd);
    const [first, second] = await Promise.all([sweep(), sweep()]);
    expect(first + second).toBe(1);
    expect(await lockedAtOf(passed.accountId)).toBeNull();
    expect(await unlockAudits(passed.accountId)).toHaveLength(1);
    // The next cycle's confirmed registration still depends on it.
    expect(await lockedAtOf(twoCycles.accountId)).not.toBeNull();
    // No exam days in area 33's calendar: the end is not known, the lock stays.
    expect(await lockedAtOf(noExamDays.accountId)).not.toBeNull();
  });

  it('when a confirmation of the next cycle races the sweep, then the profile ends locked whichever runs first', async () => {
    // The next cycle's confirmation is open now.
    const now = ctx.clock.now();
    await setPhase(ctx, laterCycleId, '31', 'confirmation', now, at(300));
    const reviewer = await reviewerOf(ctx);
    for (let round = 0; round < 3; round++) {
      const racing = await lockedCandidate([
        { status: 'qualified' },
        { status: 'submitted', cycleId: laterCycleId },
      ]);
      const [, decided] = await Promise.all([
        sweep(),
        decide(ctx, { registrationId: racing.ids[1] as number, reviewer, decision: 'confirm' }),
      ]);
      expect(decided.status).toBe('confirmed');
      expect(await lockedAtOf(racing.accountId)).not.toBeNull();
    }
  });

  it("when the next cycle's exam days have ended too, then the last lock is lifted", async () => {
    ctx.clock.set(new Date(at(400).getTime() - 1000));
    expect(await sweep()).toBe(0);
    ctx.clock.set(at(400));
    expect(await sweep()).toBe(4);
    expect(await lockedAtOf(twoCycles.accountId)).toBeNull();
    expect(await lockedAtOf(noExamDays.accountId)).not.toBeNull();
  });
});

// The candidate's own view after an unlock, through the API (not only the row).
describe('what the candidate reads', () => {
  it('when the lock is lifted, then the profile view says unlocked and the registration keeps its result', async () => {
    const ready = await createRegistrationReady(ctx);
    const registrationId = await insertRegistration(ctx, {
      accountId: ready.accountId,
      cycleId,
      status: 'paid',
    });
    await lockProfile(ctx.db, ready.accountId, '报名已确认（测试）', ctx.clock.now());
    // The clock is past every phase of the demonstration cycle: the sweep unlocks it.
    expect(await sweep()).toBe(1);
    const profile = (await ready.client.get('/api/candidate/profile')).json<CandidateProfileView>();
    expect(profile.locked).toBeNull();
    const view = expectStatus(
      await ready.client.get(`/api/registrations/${registrationId}`),
      200,
    ).json<RegistrationView>();
    expect(view.status).toBe('paid');
  });
});
