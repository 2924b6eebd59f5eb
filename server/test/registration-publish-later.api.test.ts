import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatShanghaiEnd, type RegistrationView } from '@hqe/core';
import type { LightMyRequestResponse } from 'fastify';
import type { Actor } from '../src/lib/actor';
import {
  createInAppChannel,
  createNotificationService,
  createReminderJob,
  createTodoService,
} from '../src/modules/notifications';
import { createLapseJob } from '../src/modules/registrations';
import { createAccount } from './factories';
import {
  createOtherArea,
  createRegistrationReady,
  decide,
  decisionsFor,
  demoCycleId,
  EDUCATION_MISMATCH,
  errorOf,
  expectStatus,
  fillRegistration,
  getRegistration,
  reviewerOf,
  scanJpeg,
  setPhase,
  startRegistration,
  submit,
  uploadMaterial,
  VALID_INFO,
  type ReadyCandidate,
} from './support-registration';
import { createTestContext, TEST_NOW, type TestContext } from './test-app';

/*
 * Review findings on R18 (decide now, publish later) and the deadlines of the lifecycle: a hidden
 * qualification result shows nowhere — not in an error, not in the version; the deadline a return
 * names is never past; to-do items that can no longer be acted on are closed; a supplement not
 * supplied in time lapses; the lapse messages are written in the candidate's language.
 */

const DAY = 86_400_000;
const at = (days: number) => new Date(new Date(TEST_NOW).getTime() + days * DAY);

let ctx: TestContext;
let cycleId: number;
let qualificationReviewer: Actor;

interface Made {
  ready: ReadyCandidate;
  view: RegistrationView;
}

async function submitted(areaCode = '31'): Promise<Made> {
  const ready = await createRegistrationReady(ctx);
  const filled = await fillRegistration(ready, await startRegistration(ready, areaCode));
  const view = expectStatus(await submit(ready.client, filled.id), 200).json<RegistrationView>();
  return { ready, view };
}

async function confirmed(): Promise<Made> {
  const made = await submitted();
  await decide(ctx, {
    registrationId: made.view.id,
    reviewer: await reviewerOf(ctx),
    decision: 'confirm',
  });
  return { ...made, view: await getRegistration(made.ready.client, made.view.id) };
}

/** A qualification decision as the review console takes it, on the version just read. */
function qualify(
  id: number,
  decision: 'pass' | 'fail' | 'request_supplement',
  extra: { reasons?: (typeof EDUCATION_MISMATCH)[]; supplementSlots?: ['other'] } = {},
) {
  return ctx.db.transaction().execute(async (trx) => {
    const { version } = await trx
      .selectFrom('registrations')
      .select('version')
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    return decisionsFor(ctx).decideQualification(trx, {
      registrationId: id,
      reviewer: qualificationReviewer,
      decision,
      reasons: extra.reasons ?? [],
      ...(extra.supplementSlots ? { supplementSlots: extra.supplementSlots } : {}),
      version,
    });
  });
}

async function relogin(ready: ReadyCandidate) {
  await ready.client.start();
  expectStatus(await ready.client.login(ready.username, ready.password), 200);
}

const jobDeps = () => ({
  db: ctx.db,
  clock: ctx.clock,
  notifications: createNotificationService({
    db: ctx.db,
    clock: ctx.clock,
    channels: [createInAppChannel(ctx.clock)],
  }),
  todos: createTodoService({ db: ctx.db, clock: ctx.clock }),
});

const todoRowsOf = (accountId: number) =>
  ctx.db
    .selectFrom('todoItems')
    .select(['dedupeKey', 'status', 'deadlineAt'])
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

const statusOf = async (id: number) =>
  (
    await ctx.db
      .selectFrom('registrations')
      .select('status')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
  ).status;

async function readsEnglish(ready: ReadyCandidate) {
  expectStatus(
    await ready.client.request('PUT', '/api/candidate/notifications/settings', {
      body: { locale: 'en' },
    }),
    200,
  );
}

// Registrations made at TEST_NOW, used by the tests below in the calendar's order.
let plain: Made;
let passed: Made;
let failed: Made;
let passedBefore: RegistrationView;
let decidedAt: Date;
let supplement: Made;
let withdrawn: Made;

beforeAll(async () => {
  ctx = await createTestContext();
  cycleId = await demoCycleId(ctx);
  const account = await createAccount(ctx.db, {
    roles: ['qualification_reviewer'],
    areaCode: '31',
  });
  qualificationReviewer = {
    accountId: account.id,
    username: account.username,
    roles: account.roles,
    examAreaId: account.examAreaId,
    requestId: 'test-qualification',
  };
  // Shanghai publishes its qualification results on day 40.
  await setPhase(ctx, cycleId, '31', 'results_publication', at(40), at(60));
  plain = await confirmed();
  passed = await confirmed();
  failed = await confirmed();
  supplement = await confirmed();
  withdrawn = await submitted();
  await readsEnglish(supplement.ready);

  passedBefore = await getRegistration(passed.ready.client, passed.view.id);
  ctx.clock.advance(60_000);
  decidedAt = ctx.clock.now();
  await qualify(passed.view.id, 'pass');
  await qualify(failed.view.id, 'fail', { reasons: [EDUCATION_MISMATCH] });
  await qualify(supplement.view.id, 'request_supplement', { supplementSlots: ['other'] });
  expectStatus(
    await withdrawn.ready.client.post(`/api/registrations/${withdrawn.view.id}/withdraw`),
    200,
  );
}, 180_000);
afterAll(() => ctx.close());

/** Every action a candidate may try, with the version the candidate read. */
function candidateActions(made: Made, version: number) {
  const { client } = made.ready;
  const id = made.view.id;
  return {
    withdraw: () => client.post(`/api/registrations/${id}/withdraw`),
    submit: () => submit(client, id),
    info: () =>
      client.request('PUT', `/api/registrations/${id}/info`, { body: { version, ...VALID_INFO } }),
    specialty: () =>
      client.request('PUT', `/api/registrations/${id}/specialty`, {
        body: { version, specialtyCode: '303' },
      }),
    photo: () => client.post(`/api/registrations/${id}/photo-confirmation`),
    upload: async () => uploadMaterial(client, id, 'other', await scanJpeg('其他')),
    supply: () => client.post(`/api/registrations/${id}/supply`, { version }),
    changeArea: () =>
      client.post(`/api/registrations/${id}/change-area`, { version, examAreaCode: '31' }),
  };
}

/** What an error answer says, without the request's id. */
function answerOf(response: LightMyRequestResponse) {
  const { code, message, details } = errorOf(response);
  return { status: response.statusCode, code, message, details };
}

describe('R18: a qualification result not yet published shows nowhere to the candidate', () => {
  it('when a candidate acts on a hidden result, then every refusal is 409 exactly as for 报名确认, naming no result', async () => {
    const reference = candidateActions(plain, plain.view.version);
    for (const made of [passed, failed]) {
      const shown = await getRegistration(made.ready.client, made.view.id);
      const actions = candidateActions(made, shown.version);
      for (const [name, act] of Object.entries(actions)) {
        const response = await act();
        expectStatus(response, 409);
        expect(response.body, name).not.toMatch(/qualified|资格审核通过|资格审核不通过/);
        const answer = answerOf(response);
        // Refused by the status (as 报名确认), never as a stale version.
        expect(answer.code, name).toBe('invalid_transition');
        expect(answer.details, name).toMatchObject({
          status: 'confirmed',
          statusLabel: '报名确认',
        });
        const key = name as keyof typeof reference;
        expect(answer, name).toEqual(answerOf(await reference[key]()));
      }
    }
    expect(await statusOf(passed.view.id)).toBe('qualified');
    expect(await statusOf(failed.view.id)).toBe('disqualified');
  });

  it('when the result is decided, then the version, last change and timeline the candidate reads stay as before it; once published they move on', async () => {
    const hidden = await getRegistration(passed.ready.client, passed.view.id);
    expect(hidden).toMatchObject({
      status: 'confirmed',
      version: passedBefore.version,
      updatedAt: passedBefore.updatedAt,
      qualificationResult: null,
    });
    expect(hidden.timeline).toEqual(passedBefore.timeline);
    const lookup = expectStatus(
      await passed.ready.client.get(`/api/registrations?cycleId=${cycleId}`),
      200,
    ).json<{ registration: RegistrationView }>().registration;
    expect(lookup).toMatchObject({
      version: passedBefore.version,
      updatedAt: passedBefore.updatedAt,
    });
    const row = await ctx.db
      .selectFrom('registrations')
      .select(['version', 'updatedAt'])
      .where('id', '=', passed.view.id)
      .executeTakeFirstOrThrow();
    expect(row.version).toBe(passedBefore.version + 1);
    expect(row.updatedAt.toISOString()).not.toBe(passedBefore.updatedAt);
    // The failed one too: its version is the one of its confirmation.
    const failedView = await getRegistration(failed.ready.client, failed.view.id);
    expect(failedView).toMatchObject({ status: 'confirmed', version: failed.view.version });
  });
});

describe('deadlines: the date a return names, and what can no longer be done', () => {
  let elsewhere: Made;
  let confirmationEnd: Date;

  it('when an area without a resubmission phase returns a registration after registration closed, then the deadline named is the confirmation end, and the candidate can resubmit until then', async () => {
    await createOtherArea(ctx, cycleId, { code: '32' });
    const area = await ctx.db
      .selectFrom('examAreas')
      .select('id')
      .where('code', '=', '32')
      .executeTakeFirstOrThrow();
    await ctx.db
      .deleteFrom('cyclePhases')
      .where('cycleId', '=', cycleId)
      .where('examAreaId', '=', area.id)
      .where('kind', '=', 'resubmission')
      .execute();
    elsewhere = await submitted('32');
    const again = await submitted('32');
    await readsEnglish(elsewhere.ready);
    const registration = await ctx.db
      .selectFrom('cyclePhases')
      .select(['startsAt', 'endsAt'])
      .where('cycleId', '=', cycleId)
      .where('examAreaId', '=', area.id)
      .where('kind', 'in', ['registration', 'confirmation'])
      .orderBy('kind')
      .execute();
    confirmationEnd = registration[0]!.endsAt;
    // Registration in area 32 closed a minute ago; confirmation is still open.
    const closed = new Date(ctx.clock.now().getTime() - 60_000);
    await setPhase(ctx, cycleId, '32', 'registration', registration[1]!.startsAt, closed);
    const reviewer = await reviewerOf(ctx, '32');
    for (const made of [elsewhere, again]) {
      await decide(ctx, {
        registrationId: made.view.id,
        reviewer,
        decision: 'return',
        reasons: [EDUCATION_MISMATCH],
      });
    }
    // The message and the to-do name the confirmation end: in the future, never the past end
    // of registration.
    const [todo] = await todoRowsOf(again.ready.accountId);
    expect(todo).toMatchObject({ dedupeKey: `resubmit:${again.view.id}`, status: 'open' });
    expect(todo?.deadlineAt?.toISOString()).toBe(confirmationEnd.toISOString());
    expect(confirmationEnd.getTime()).toBeGreaterThan(ctx.clock.now().getTime());
    const returned = (await inboxOf(again.ready.accountId)).at(-1);
    expect(returned?.body).toContain(`请在 ${formatShanghaiEnd(confirmationEnd)}（北京时间）前`);
    // And it is true: the candidate may resubmit now, registration being closed.
    const view = await getRegistration(again.ready.client, again.view.id);
    expect(view).toMatchObject({ status: 'returned', canEdit: true });
    expect(view.actions).toContain('resubmit');
    expectStatus(await submit(again.ready.client, again.view.id), 200);
    expect(await todoRowsOf(again.ready.accountId)).toEqual([
      expect.objectContaining({ dedupeKey: `resubmit:${again.view.id}`, status: 'done' }),
    ]);
  });

  it('when registration has closed, then the sweep closes the "submit again" item of a withdrawn draft', async () => {
    const reminders = createReminderJob(jobDeps());
    await reminders.run();
    expect(await todoRowsOf(withdrawn.ready.accountId)).toEqual([
      expect.objectContaining({ dedupeKey: `submit:${withdrawn.view.id}`, status: 'open' }),
    ]);
    // Shanghai's registration ends on day 30.
    ctx.clock.set(at(31));
    await reminders.run();
    expect(await todoRowsOf(withdrawn.ready.accountId)).toEqual([
      expect.objectContaining({ dedupeKey: `submit:${withdrawn.view.id}`, status: 'done' }),
    ]);
    // The supplement item is still actionable: qualification review is open until day 60.
    expect(await todoRowsOf(supplement.ready.accountId)).toEqual([
      expect.objectContaining({ dedupeKey: `supplement:${supplement.view.id}`, status: 'open' }),
    ]);
  });

  it('when the confirmation end standing in for resubmission passes, then the returned registration lapses, told in English with the deadline', async () => {
    ctx.clock.set(new Date(confirmationEnd.getTime() + DAY));
    expect(await createLapseJob(jobDeps()).run()).toBe(1);
    expect(await statusOf(elsewhere.view.id)).toBe('abandoned');
    const told = (await inboxOf(elsewhere.ready.accountId)).at(-1);
    expect(told).toEqual({
      title: 'Registration treated as abandoned',
      body: `Your registration (No. ${elsewhere.view.registrationNumber}) was returned and not submitted again before ${formatShanghaiEnd(confirmationEnd)} (Beijing time), so it is treated as abandoned for this exam. If you have questions, contact the exam area you registered in.`,
    });
    expect(await todoRowsOf(elsewhere.ready.accountId)).toEqual([
      expect.objectContaining({ dedupeKey: `resubmit:${elsewhere.view.id}`, status: 'done' }),
    ]);
  });

  it('when results are published, then the candidate reads the result with the version of the decision', async () => {
    ctx.clock.set(at(40));
    await relogin(passed.ready);
    const shown = await getRegistration(passed.ready.client, passed.view.id);
    expect(shown).toMatchObject({
      status: 'qualified',
      statusLabel: '资格审核通过',
      version: passedBefore.version + 1,
      updatedAt: decidedAt.toISOString(),
    });
    expect(shown.timeline.map((e) => e.event)).toContain('pass_review');
  });

  it('when qualification review closes with a supplement still requested, then it lapses (视为放弃) with the reason, the item closes and the candidate is told in English', async () => {
    // Qualification review ends on day 60.
    ctx.clock.set(at(61));
    const lapse = createLapseJob(jobDeps());
    expect(await lapse.run()).toBe(1);
    expect(await lapse.run()).toBe(0);
    await relogin(supplement.ready);
    const view = await getRegistration(supplement.ready.client, supplement.view.id);
    expect(view).toMatchObject({ status: 'abandoned', statusLabel: '视为放弃', actions: [] });
    const review = await ctx.db
      .selectFrom('cyclePhases as p')
      .innerJoin('examAreas as a', 'a.id', 'p.examAreaId')
      .select('p.endsAt')
      .where('p.cycleId', '=', cycleId)
      .where('a.code', '=', '31')
      .where('p.kind', '=', 'qualification_review')
      .executeTakeFirstOrThrow();
    expect(view.timeline.at(-1)).toMatchObject({
      event: 'lapse',
      label: '逾期视为放弃',
      fromStatus: 'supplement_requested',
      toStatus: 'abandoned',
      actorKind: 'system',
      reasons: [
        {
          code: 'supplement_deadline_passed',
          label: '逾期未提交补充材料，视为放弃',
          explanation: `资格审核要求补充材料，资格审核于 ${formatShanghaiEnd(review.endsAt)}（北京时间）结束，截止前未提交补充材料。`,
        },
      ],
    });
    const told = (await inboxOf(supplement.ready.accountId)).at(-1);
    expect(told?.title).toBe('Registration treated as abandoned');
    expect(told?.body).toContain(`before ${formatShanghaiEnd(review.endsAt)} (Beijing time)`);
    expect(await todoRowsOf(supplement.ready.accountId)).toEqual([
      expect.objectContaining({ dedupeKey: `supplement:${supplement.view.id}`, status: 'done' }),
    ]);
    // Decided registrations are left alone.
    expect(await statusOf(passed.view.id)).toBe('qualified');
    expect(await statusOf(plain.view.id)).toBe('confirmed');
  });
});
