import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatShanghaiEnd, type RegistrationView } from '@hqe/core';
import { LAPSE_EVERY_MS, LAPSE_JOB } from '../src/modules/registrations';
import { createCandidate, examAreaId } from './factories';
import {
  createOtherArea,
  createRegistrationReady,
  decide,
  demoCycleId,
  EDUCATION_MISMATCH,
  errorOf,
  expectStatus,
  fillRegistration,
  getRegistration,
  insertRegistration,
  reviewerOf,
  scanJpeg,
  setPhase,
  startRegistration,
  submit,
  uploadMaterial,
  type ReadyCandidate,
} from './support-registration';
import { loggedInOne } from './support-review-queue';
import { createTestContext, TEST_NOW, type TestContext } from './test-app';

/*
 * Deadlines on time (R10, R12, R19): a supplement (补充材料) and a resubmission are accepted up to
 * the last millisecond before their deadline and refused from it, naming it in Beijing time; the
 * registration lapses (视为放弃) at that instant — the lapse job is queued for it — and the
 * candidate is told once. A deadline the area moves afterwards is caught by the sweep within
 * LAPSE_EVERY_MS.
 */

let ctx: TestContext;
let cycleId: number;
let qualifier: Awaited<ReturnType<typeof loggedInOne>>;

const DAY = 86_400_000;
const MINUTE = 60_000;
const now0 = new Date(TEST_NOW).getTime();
const at = (ms: number) => new Date(now0 + ms);
/** Shanghai's deadline: qualification review, registration and resubmission all end then. */
const DEADLINE = at(20 * MINUTE);
const JUST_BEFORE = new Date(DEADLINE.getTime() - 1);

interface Made {
  ready: ReadyCandidate;
  id: number;
}
/** Supplement requested: one to supply in time, one too late. */
let inTime: Made;
let late: Made;
/** Returned: one resubmitted in time, one too late. */
let resubmitted: Made;
let lapsing: Made;
/** The lapse jobs pending once the supplements were requested, before any return. */
let queuedBySupplements: unknown[];

const lapseJobs = () =>
  ctx.db
    .selectFrom('jobs')
    .select(['runAt', 'status', 'uniqueKey'])
    .where('kind', '=', LAPSE_JOB)
    .execute();

/** A candidate's registration, filled in and submitted through the API. */
async function submitted(): Promise<Made> {
  const ready = await createRegistrationReady(ctx);
  const filled = await fillRegistration(ready, await startRegistration(ready));
  const view = expectStatus(await submit(ready.client, filled.id), 200).json<RegistrationView>();
  return { ready, id: view.id };
}

/** Confirmed, then a supplement of the slot 其他材料 requested by a qualification reviewer. */
async function supplementRequested(): Promise<Made> {
  const made = await submitted();
  await decide(ctx, {
    registrationId: made.id,
    reviewer: await reviewerOf(ctx),
    decision: 'confirm',
  });
  const { version } = await getRegistration(made.ready.client, made.id);
  expectStatus(
    await qualifier.client.post(`/api/review/registrations/${made.id}/qualification`, {
      version,
      decision: 'request_supplement',
      supplementSlots: ['other'],
    }),
    200,
  );
  return made;
}

async function returned(): Promise<Made> {
  const made = await submitted();
  await decide(ctx, {
    registrationId: made.id,
    reviewer: await reviewerOf(ctx),
    decision: 'return',
    reasons: [EDUCATION_MISMATCH],
  });
  return made;
}

const statusOf = async (id: number) =>
  (
    await ctx.db
      .selectFrom('registrations')
      .select('status')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
  ).status;

/** The outbox rows of an account for one template, by channel. */
const messagesOf = (accountId: number, template: string) =>
  ctx.db
    .selectFrom('notificationMessages')
    .select(['channel', 'dedupeKey'])
    .where('accountId', '=', accountId)
    .where('templateKey', '=', template)
    .orderBy('id')
    .execute();

const lapsesOf = (id: number) =>
  ctx.db
    .selectFrom('registrationEvents')
    .select(['reasons'])
    .where('registrationId', '=', id)
    .where('event', '=', 'lapse')
    .execute();

beforeAll(async () => {
  ctx = await createTestContext();
  cycleId = await demoCycleId(ctx);
  qualifier = await loggedInOne(ctx, { roles: ['qualification_reviewer'] });
  await setPhase(ctx, cycleId, '31', 'qualification_review', at(-7 * DAY), DEADLINE);
  await setPhase(ctx, cycleId, '31', 'registration', at(-7 * DAY), DEADLINE);
  await setPhase(ctx, cycleId, '31', 'resubmission', at(-7 * DAY), DEADLINE);
  inTime = await supplementRequested();
  late = await supplementRequested();
  queuedBySupplements = await lapseJobs();
  resubmitted = await returned();
  lapsing = await returned();
}, 180_000);
afterAll(() => ctx.close());

describe('deadlines on time: a supplement (补充材料, R19) and a resubmission (R10, R12)', () => {
  it('when a supplement is requested or a registration returned, then the lapse job is queued for the deadline itself', async () => {
    // One job for the area's deadline, however many registrations wait for it: queued by the
    // supplement requests already, and the same one for the returns.
    const expected = [
      {
        runAt: DEADLINE,
        status: 'pending',
        uniqueKey: `${LAPSE_JOB}:${cycleId}:${await examAreaId(ctx.db, '31')}:${DEADLINE.toISOString()}`,
      },
    ];
    expect(queuedBySupplements).toEqual(expected);
    expect(await lapseJobs()).toEqual(expected);
  });

  it('when the candidate acts 1 ms before the deadline, then uploading, supplying and resubmitting are accepted', async () => {
    ctx.clock.set(JUST_BEFORE);
    expectStatus(
      await uploadMaterial(late.ready.client, late.id, 'other', await scanJpeg('补充一')),
      201,
    );
    const uploaded = expectStatus(
      await uploadMaterial(inTime.ready.client, inTime.id, 'other', await scanJpeg('补充二')),
      201,
    ).json<RegistrationView>();
    const supplied = expectStatus(
      await inTime.ready.client.post(`/api/registrations/${inTime.id}/supply`, {
        version: uploaded.version,
      }),
      200,
    ).json<RegistrationView>();
    expect(supplied.status).toBe('confirmed');
    const again = expectStatus(
      await submit(resubmitted.ready.client, resubmitted.id),
      200,
    ).json<RegistrationView>();
    expect(again.status).toBe('submitted');
  });

  it('when the deadline has come, then uploading, deleting, supplying and resubmitting are refused with the deadline in Beijing time', async () => {
    ctx.clock.set(DEADLINE);
    const message = `补充材料的提交截止时间为 ${formatShanghaiEnd(DEADLINE)}（北京时间），已经截止，不能再上传或提交补充材料。`;
    expect(message).toContain('2026-11-20 10:20');

    const upload = await uploadMaterial(late.ready.client, late.id, 'other', await scanJpeg('迟'));
    expectStatus(upload, 409);
    expect(errorOf(upload)).toMatchObject({
      code: 'phase_closed',
      message,
      details: { kind: 'qualification_review', endsAt: DEADLINE.toISOString() },
    });

    const view = await getRegistration(late.ready.client, late.id);
    expect(view.actions).toEqual([]);
    const added = view.materialSlots.find((s) => s.key === 'other')?.files.at(-1);
    if (!added) throw new Error('the file uploaded in time is missing');
    const removal = await late.ready.client.request(
      'DELETE',
      `/api/registrations/${late.id}/materials/files/${added.id}`,
    );
    expectStatus(removal, 409);
    expect(errorOf(removal)).toMatchObject({ code: 'phase_closed', message });

    // Every named slot has a file added since the request: only the deadline refuses it.
    const supply = await late.ready.client.post(`/api/registrations/${late.id}/supply`, {
      version: view.version,
    });
    expectStatus(supply, 409);
    expect(errorOf(supply)).toMatchObject({ code: 'phase_closed', message });
    expect(await statusOf(late.id)).toBe('supplement_requested');

    const resubmission = await submit(lapsing.ready.client, lapsing.id);
    expectStatus(resubmission, 409);
    expect(errorOf(resubmission).code).toBe('phase_closed');
    expect(errorOf(resubmission).message).toContain(`${formatShanghaiEnd(DEADLINE)}（北京时间）`);
    expect(await statusOf(lapsing.id)).toBe('returned');
  });

  it('when the worker runs at the deadline, then both lapse at once, each candidate told once, and a rerun changes nothing', async () => {
    ctx.clock.set(DEADLINE);
    await ctx.worker.drain();

    expect(await statusOf(late.id)).toBe('abandoned');
    expect(await statusOf(lapsing.id)).toBe('abandoned');
    expect(await statusOf(inTime.id)).toBe('confirmed');
    expect(await statusOf(resubmitted.id)).toBe('submitted');
    expect(await lapsesOf(late.id)).toEqual([
      {
        reasons: [
          expect.objectContaining({
            code: 'supplement_deadline_passed',
            explanation: expect.stringContaining(
              `${formatShanghaiEnd(DEADLINE)}（北京时间）`,
            ) as unknown,
          }),
        ],
      },
    ]);
    expect(await lapsesOf(lapsing.id)).toEqual([
      { reasons: [expect.objectContaining({ code: 'resubmission_deadline_passed' })] },
    ]);
    const view = await getRegistration(late.ready.client, late.id);
    expect(view).toMatchObject({ status: 'abandoned', statusLabel: '视为放弃', actions: [] });
    const todo = await ctx.db
      .selectFrom('todoItems')
      .select('status')
      .where('accountId', '=', late.ready.accountId)
      .where('dedupeKey', '=', `supplement:${late.id}`)
      .executeTakeFirstOrThrow();
    expect(todo.status).toBe('done');

    const toldLate = await messagesOf(late.ready.accountId, 'supplement_lapsed');
    const toldLapsing = await messagesOf(lapsing.ready.accountId, 'lapsed');
    for (const told of [toldLate, toldLapsing]) {
      expect(told.map((m) => m.channel)).toContain('in_app');
      // One message per channel.
      expect(new Set(told.map((m) => m.channel)).size).toBe(told.length);
    }
    expect(await messagesOf(inTime.ready.accountId, 'supplement_lapsed')).toEqual([]);
    expect(await messagesOf(resubmitted.ready.accountId, 'lapsed')).toEqual([]);

    // The sweep runs again (and again): nothing lapses twice, nobody is told twice.
    for (let run = 0; run < 2; run++) {
      ctx.clock.advance(LAPSE_EVERY_MS + 1000);
      await ctx.worker.drain();
    }
    expect(await lapsesOf(late.id)).toHaveLength(1);
    expect(await lapsesOf(lapsing.id)).toHaveLength(1);
    expect(await messagesOf(late.ready.accountId, 'supplement_lapsed')).toEqual(toldLate);
    expect(await messagesOf(lapsing.ready.accountId, 'lapsed')).toEqual(toldLapsing);
  });

  it('when an area has no resubmission phase, then a return queues the lapse job for the end of confirmation, and it lapses then, not before', async () => {
    const start = ctx.clock.now();
    const ends = new Date(start.getTime() + 5 * MINUTE);
    const area = await createOtherArea(ctx, cycleId, { code: '33', name: '浙江' });
    await ctx.db
      .deleteFrom('cyclePhases')
      .where('cycleId', '=', cycleId)
      .where('examAreaId', '=', area.id)
      .where('kind', '=', 'resubmission')
      .execute();
    await setPhase(ctx, cycleId, '33', 'registration', at(-7 * DAY), start);
    await setPhase(ctx, cycleId, '33', 'confirmation', at(-7 * DAY), ends);
    const id = await insertRegistration(ctx, {
      accountId: (await createCandidate(ctx.db)).accountId,
      cycleId,
      areaCode: '33',
      status: 'submitted',
    });
    await decide(ctx, {
      registrationId: id,
      reviewer: await reviewerOf(ctx, '33'),
      decision: 'return',
      reasons: [EDUCATION_MISMATCH],
    });
    const job = await ctx.db
      .selectFrom('jobs')
      .select(['runAt', 'status'])
      .where('uniqueKey', '=', `${LAPSE_JOB}:${cycleId}:${area.id}:${ends.toISOString()}`)
      .executeTakeFirstOrThrow();
    expect(job).toEqual({ runAt: ends, status: 'pending' });

    ctx.clock.set(new Date(ends.getTime() - 1));
    await ctx.worker.drain();
    expect(await statusOf(id)).toBe('returned');
    ctx.clock.set(ends);
    await ctx.worker.drain();
    expect(await statusOf(id)).toBe('abandoned');
  });

  it('when an area moves a deadline after the request, then the sweep lapses it within ten minutes', async () => {
    expect(LAPSE_EVERY_MS).toBeLessThanOrEqual(10 * MINUTE);
    await ctx.worker.drain();
    const moved = ctx.clock.now();
    const area = await createOtherArea(ctx, cycleId, { code: '32' });
    const id = await insertRegistration(ctx, {
      accountId: (await createCandidate(ctx.db)).accountId,
      cycleId,
      areaCode: '32',
      status: 'confirmed',
    });
    await ctx.db
      .updateTable('registrations')
      .set({
        status: 'supplement_requested',
        supplementSlots: JSON.stringify(['other']),
        supplementRequestedAt: ctx.clock.now(),
      })
      .where('id', '=', id)
      .execute();
    // Moved to end now: no job was queued for this instant.
    await setPhase(ctx, cycleId, '32', 'registration', at(-7 * DAY), moved);
    await setPhase(ctx, cycleId, '32', 'resubmission', at(-7 * DAY), moved);
    await setPhase(ctx, cycleId, '32', 'qualification_review', at(-7 * DAY), moved);
    expect(
      await ctx.db
        .selectFrom('jobs')
        .select('id')
        .where('uniqueKey', 'like', `${LAPSE_JOB}:${cycleId}:${area.id}:%`)
        .execute(),
    ).toEqual([]);

    ctx.clock.advance(LAPSE_EVERY_MS);
    await ctx.worker.drain();
    expect(await statusOf(id)).toBe('abandoned');
  });
});
