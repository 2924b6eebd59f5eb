import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  BulkDecisionResult,
  RegistrationView,
  ReviewDecisionOutcome,
  ReviewReasonList,
  ReviewRegistration,
} from '@hqe/core';
import { createCandidate } from './factories';
import {
  createOtherArea,
  createRegistrationReady,
  demoCycleId,
  errorOf,
  expectStatus,
  fillRegistration,
  getRegistration,
  scanJpeg,
  setPhase,
  startRegistration,
  submit,
  uploadMaterial,
  type ReadyCandidate,
} from './support-registration';
import { insertQueuedRegistration, loggedInStaff } from './support-review-queue';
import { createTestContext, TEST_NOW, TestClient, type TestContext } from './test-app';

/*
 * The review console's decisions (issue #6): 报名确认 (confirm / return with the area's reasons),
 * 资格审核 (pass / fail / request a supplement), bulk confirmation — each with its refusals, audit
 * event, timeline entry and what the candidate sees (R12, R18, R19).
 */

let ctx: TestContext;
let cycleId: number;
type Staff = Awaited<ReturnType<typeof loggedInStaff>>[number];
let wang: Staff; // confirmation reviewer
let li: Staff; // confirmation reviewer
let zhao: Staff; // qualification reviewer
let admin: Staff; // area administrator
let outsider: Staff; // confirmation and qualification reviewer of another area

const DAY = 86_400_000;
const at = (days: number) => new Date(new Date(TEST_NOW).getTime() + days * DAY);

beforeAll(async () => {
  ctx = await createTestContext();
  cycleId = await demoCycleId(ctx);
  await createOtherArea(ctx, cycleId);
  [wang, li] = (await loggedInStaff(ctx, 2, {
    roles: ['confirmation_reviewer'],
    displayName: (i) => ['王审核', '李审核'][i] ?? '审核员',
  })) as [Staff, Staff];
  [zhao] = (await loggedInStaff(ctx, 1, {
    roles: ['qualification_reviewer'],
    displayName: () => '赵资审',
  })) as [Staff];
  [admin] = (await loggedInStaff(ctx, 1, { roles: ['area_admin'] })) as [Staff];
  [outsider] = (await loggedInStaff(ctx, 1, {
    roles: ['confirmation_reviewer', 'qualification_reviewer'],
    areaCode: '32',
  })) as [Staff];
}, 120_000);
afterAll(() => ctx.close());

/** Runs `body` with the calendar changed, then puts the seeded calendar back. */
async function withCalendar(change: () => Promise<void>, body: () => Promise<void>) {
  const before = await ctx.db.selectFrom('cyclePhases').selectAll().execute();
  await change();
  try {
    await body();
  } finally {
    await ctx.db.deleteFrom('cyclePhases').execute();
    await ctx.db.insertInto('cyclePhases').values(before).execute();
  }
}

/** The version a reviewer reading the registration now sees (1 for an id that does not exist). */
const versionOf = async (id: number) =>
  (
    await ctx.db
      .selectFrom('registrations')
      .select('version')
      .where('id', '=', id)
      .executeTakeFirst()
  )?.version ?? 1;
/** A decision on what the reviewer has just read: its current version unless one is given. */
const withVersion = async (id: number, body: Record<string, unknown>) =>
  'version' in body ? body : { version: await versionOf(id), ...body };
const confirmation = async (client: TestClient, id: number, body: Record<string, unknown>) =>
  client.post(`/api/review/registrations/${id}/confirmation`, await withVersion(id, body));
const qualification = async (client: TestClient, id: number, body: Record<string, unknown>) =>
  client.post(`/api/review/registrations/${id}/qualification`, await withVersion(id, body));
/** A bulk selection as the queue shows it: each registration with its current version. */
const selection = (ids: readonly number[]) =>
  Promise.all(ids.map(async (id) => ({ id, version: await versionOf(id) })));
const detail = async (client: TestClient, id: number) =>
  expectStatus(await client.get(`/api/review/registrations/${id}`), 200).json<ReviewRegistration>();

const rowOf = (id: number) =>
  ctx.db.selectFrom('registrations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const eventsOf = (id: number) =>
  ctx.db
    .selectFrom('registrationEvents')
    .selectAll()
    .where('registrationId', '=', id)
    .orderBy('id')
    .execute();
const auditOf = (id: number, action: string) =>
  ctx.db
    .selectFrom('auditEvents')
    .selectAll()
    .where('entityType', '=', 'registration')
    .where('entityId', '=', String(id))
    .where('action', '=', action)
    .execute();

/** A candidate's registration, filled in and submitted through the API. */
async function submitted(): Promise<{ ready: ReadyCandidate; view: RegistrationView }> {
  const ready = await createRegistrationReady(ctx);
  const filled = await fillRegistration(ready, await startRegistration(ready));
  const response = await submit(ready.client, filled.id);
  return { ready, view: expectStatus(response, 200).json<RegistrationView>() };
}

/** A submitted registration confirmed by a reviewer: waiting for qualification review. */
async function confirmed() {
  const made = await submitted();
  expectStatus(await confirmation(wang.client, made.view.id, { decision: 'confirm' }), 200);
  return made;
}

/** A registration put straight into a waiting status (for refusals and bulk). */
async function queued(options: { status?: 'submitted' | 'confirmed'; areaCode?: string } = {}) {
  return insertQueuedRegistration(ctx, { cycleId, ...options });
}

describe('报名确认: return with reasons, then confirm the resubmission', () => {
  let made: Awaited<ReturnType<typeof submitted>>;

  beforeAll(async () => {
    made = await submitted();
  }, 60_000);

  it('when the reviewer returns with two reasons of the catalogue and a note, then the candidate reads them with the resubmission deadline and is notified', async () => {
    const { view, ready } = made;
    const response = await confirmation(wang.client, view.id, {
      decision: 'return',
      reasonCodes: ['education_mismatch', 'form_not_signed'],
      note: '  学历证书照片模糊，申报表缺少单位盖章。  ',
    });
    expectStatus(response, 200);
    expect(response.json<ReviewDecisionOutcome>()).toEqual({
      registrationId: view.id,
      status: 'returned',
      statusLabel: '确认不通过',
      version: view.version + 1,
    });

    const seen = await getRegistration(ready.client, view.id);
    expect(seen.status).toBe('returned');
    expect(seen.returnReasons.map((r) => r.code)).toEqual([
      'education_mismatch',
      'form_not_signed',
    ]);
    expect(seen.returnReasons[0]).toMatchObject({ label: '学历不符' });
    expect(seen.returnReasons[0]?.explanation).toContain('学历证书');
    expect(seen.returnReasons[1]).toMatchObject({ label: '申报表未签字盖章' });
    expect(seen.returnNote).toBe('学历证书照片模糊，申报表缺少单位盖章。');
    const deadline = seen.calendar.find((p) => p.kind === 'resubmission');
    expect(deadline?.status).toBe('open');
    expect(seen.actions).toContain('resubmit');
    expect(seen.canEdit).toBe(true);
    expect(seen.timeline.at(-1)).toMatchObject({
      event: 'return',
      actorLabel: '报名确认审核员',
      note: '学历证书照片模糊，申报表缺少单位盖章。',
    });
    // The candidate's timeline never names the reviewer.
    expect(JSON.stringify(seen.timeline)).not.toContain('王审核');

    const notice = await ctx.db
      .selectFrom('notifications')
      .select('body')
      .where('accountId', '=', ready.accountId)
      .where('title', '=', '报名确认不通过，请修改后重新提交')
      .executeTakeFirstOrThrow();
    expect(notice.body).toContain('学历不符、申报表未签字盖章');
    expect(notice.body).toMatch(/请在 \d{4}-\d\d-\d\d .*（北京时间）前按原因修改并重新提交/);

    const [audit] = await auditOf(view.id, 'registration.return');
    expect(audit).toMatchObject({
      actorAccountId: wang.accountId,
      before: { status: 'submitted' },
      after: {
        status: 'returned',
        reasons: ['education_mismatch', 'form_not_signed'],
        note: '学历证书照片模糊，申报表缺少单位盖章。',
      },
    });
    const reviewer = await detail(wang.client, view.id);
    expect(reviewer.timeline.at(-1)).toMatchObject({ event: 'return', actorName: '王审核' });
    expect(reviewer.lastReturn?.reasons.map((r) => r.code)).toEqual([
      'education_mismatch',
      'form_not_signed',
    ]);
  });

  it('when the candidate resubmits and another reviewer confirms, then it is 报名确认, audited, and the candidate is told', async () => {
    const { view, ready } = made;
    expectStatus(await submit(ready.client, view.id), 200);
    const response = await confirmation(li.client, view.id, { decision: 'confirm' });
    expectStatus(response, 200);
    expect(response.json<ReviewDecisionOutcome>()).toMatchObject({
      status: 'confirmed',
      statusLabel: '报名确认',
    });
    const seen = await getRegistration(ready.client, view.id);
    expect(seen).toMatchObject({ status: 'confirmed', statusLabel: '报名确认', returnReasons: [] });
    expect((await eventsOf(view.id)).map((e) => e.event)).toEqual([
      'create',
      'submit',
      'return',
      'resubmit',
      'confirm',
    ]);
    const [audit] = await auditOf(view.id, 'registration.confirm');
    expect(audit).toMatchObject({
      actorAccountId: li.accountId,
      before: { status: 'submitted' },
      after: { status: 'confirmed' },
    });
    const notice = await ctx.db
      .selectFrom('notifications')
      .select('title')
      .where('accountId', '=', ready.accountId)
      .where('title', '=', '报名确认通过')
      .execute();
    expect(notice).toHaveLength(1);

    const again = await confirmation(wang.client, view.id, { decision: 'confirm' });
    expectStatus(again, 409);
    expect(errorOf(again).code).toBe('invalid_transition');
  });
});

describe('报名确认: refusals change nothing', () => {
  it('when someone without the confirmation role decides, then 403; a candidate or a visitor too', async () => {
    const r = await queued();
    for (const client of [zhao.client, admin.client]) {
      const response = await confirmation(client, r.id, { decision: 'confirm' });
      expectStatus(response, 403);
      expect(errorOf(response).code).toBe('forbidden');
    }
    const candidate = new TestClient(ctx.app);
    await candidate.login(r.username, r.password);
    expectStatus(await confirmation(candidate, r.id, { decision: 'confirm' }), 403);
    const visitor = await new TestClient(ctx.app).start();
    expectStatus(await confirmation(visitor, r.id, { decision: 'confirm' }), 401);
    expect((await rowOf(r.id)).status).toBe('submitted');
  });

  it('when a reviewer of another area decides, then the registration is not found', async () => {
    const r = await queued();
    const response = await confirmation(outsider.client, r.id, { decision: 'confirm' });
    expectStatus(response, 404);
    expect(errorOf(response).code).toBe('not_found');
    const missing = await confirmation(wang.client, 2_000_000_000, { decision: 'confirm' });
    expectStatus(missing, 404);
    expect(errorOf(missing).message).toBe(errorOf(response).message);
    expect((await rowOf(r.id)).status).toBe('submitted');
    expect(await auditOf(r.id, 'registration.confirm')).toHaveLength(0);
  });

  it('when the registration is not waiting for confirmation, then 409 invalid_transition', async () => {
    const r = await queued({ status: 'confirmed' });
    const response = await confirmation(wang.client, r.id, {
      decision: 'return',
      reasonCodes: ['years_short'],
    });
    expectStatus(response, 409);
    expect(errorOf(response)).toMatchObject({
      code: 'invalid_transition',
      details: { status: 'confirmed', statusLabel: '报名确认' },
    });
  });

  it('when the candidate withdrew, changed and resubmitted after the reviewer opened it, then the decision on the old version is refused with 409 version_conflict and nothing changes', async () => {
    const { ready, view } = await submitted();
    expectStatus(await wang.client.post(`/api/review/claims/${view.id}`), 200);
    const seen = await detail(wang.client, view.id);
    expect(seen.version).toBe(view.version);

    // Meanwhile the candidate withdraws (which clears the claim) and resubmits.
    expectStatus(await ready.client.post(`/api/registrations/${view.id}/withdraw`), 200);
    expectStatus(await submit(ready.client, view.id), 200);
    const before = await rowOf(view.id);
    expect(before.status).toBe('submitted');
    expect(before.version).toBeGreaterThan(seen.version);
    const eventsBefore = (await eventsOf(view.id)).length;

    const stale = await confirmation(wang.client, view.id, {
      version: seen.version,
      decision: 'confirm',
    });
    expectStatus(stale, 409);
    expect(errorOf(stale)).toMatchObject({
      code: 'version_conflict',
      details: { version: before.version, status: 'submitted' },
    });
    expect(errorOf(stale).message).toContain('考生');
    expect(errorOf(stale).message).toContain('重新加载');
    const after = await rowOf(view.id);
    expect(after.status).toBe('submitted');
    expect(after.version).toBe(before.version);
    expect(after.confirmedAt).toBeNull();
    expect(await eventsOf(view.id)).toHaveLength(eventsBefore);
    expect(await auditOf(view.id, 'registration.confirm')).toHaveLength(0);

    // Read again, the reviewer decides on what the candidate submitted last.
    const fresh = await detail(wang.client, view.id);
    const response = await confirmation(wang.client, view.id, {
      version: fresh.version,
      decision: 'confirm',
    });
    expectStatus(response, 200);
    expect(response.json<ReviewDecisionOutcome>().status).toBe('confirmed');
  });

  it('when the decision carries no version, then 400 validation_failed', async () => {
    const r = await queued();
    const response = await wang.client.post(`/api/review/registrations/${r.id}/confirmation`, {
      decision: 'confirm',
    });
    expectStatus(response, 400);
    expect(errorOf(response).code).toBe('validation_failed');
    expect(JSON.stringify(errorOf(response))).toContain('版本');
    expect((await rowOf(r.id)).status).toBe('submitted');
  });

  it('when a bulk selection holds a registration changed since the queue was read, then that one is refused with version_conflict and the others are decided', async () => {
    const a = await queued();
    const b = await queued();
    const seen = await selection([a.id, b.id]);
    // After the queue was read, b changes (as a candidate's edit would: its version moves on).
    await ctx.db
      .updateTable('registrations')
      .set((eb) => ({ version: eb('version', '+', 1) }))
      .where('id', '=', b.id)
      .execute();
    const response = await wang.client.post('/api/review/confirmation/bulk', {
      registrations: seen,
      decision: 'confirm',
    });
    const result = expectStatus(response, 200).json<BulkDecisionResult>();
    expect(result.results.map((r) => [r.registrationId, r.ok, r.error?.code])).toEqual([
      [a.id, true, undefined],
      [b.id, false, 'version_conflict'],
    ]);
    expect((await rowOf(a.id)).status).toBe('confirmed');
    expect((await rowOf(b.id)).status).toBe('submitted');
  });

  it('when the confirmation phase has closed, then 409 phase_closed with its dates', async () => {
    const r = await queued();
    await withCalendar(
      () => setPhase(ctx, cycleId, '31', 'confirmation', at(-20), at(-1)),
      async () => {
        const response = await confirmation(wang.client, r.id, { decision: 'confirm' });
        expectStatus(response, 409);
        expect(errorOf(response)).toMatchObject({
          code: 'phase_closed',
          details: { kind: 'confirmation', endsAt: at(-1).toISOString() },
        });
        expect(errorOf(response).message).toContain('报名确认');
      },
    );
    expect((await rowOf(r.id)).status).toBe('submitted');
  });

  it('when a reason code is unknown or taken out of use, then 400 names it and nothing changes', async () => {
    const r = await queued();
    const unknown = await confirmation(wang.client, r.id, {
      decision: 'return',
      reasonCodes: ['education_mismatch', 'made_up_reason'],
    });
    expectStatus(unknown, 400);
    expect(errorOf(unknown)).toMatchObject({
      code: 'validation_failed',
      details: { issues: [{ path: 'reasonCodes.1' }] },
    });
    expect(errorOf(unknown).message).toContain('made_up_reason');

    const reasons = expectStatus(
      await admin.client.get('/api/review/reasons?stage=confirmation'),
      200,
    ).json<ReviewReasonList>().items;
    const wrongCity = reasons.find((i) => i.code === 'wrong_city');
    expectStatus(
      await admin.client.request('PATCH', `/api/review/reasons/${wrongCity?.id}`, {
        body: { active: false },
      }),
      200,
    );
    const inactive = await confirmation(wang.client, r.id, {
      decision: 'return',
      reasonCodes: ['wrong_city'],
    });
    expectStatus(inactive, 400);
    expect(errorOf(inactive).message).toContain('报名地市错误');
    expect(errorOf(inactive).message).toContain('已停用');

    // A qualification-stage code is not a return reason.
    const otherStage = await confirmation(wang.client, r.id, {
      decision: 'return',
      reasonCodes: ['false_materials'],
    });
    expectStatus(otherStage, 400);
    expect((await rowOf(r.id)).status).toBe('submitted');
  });

  it('when a return has no reason or a confirmation has reasons, then 400 in Chinese', async () => {
    const r = await queued();
    const none = await confirmation(wang.client, r.id, { decision: 'return' });
    expectStatus(none, 400);
    expect(errorOf(none).message).toContain('退回修改须至少选择一项退回原因');
    const withReasons = await confirmation(wang.client, r.id, {
      decision: 'confirm',
      reasonCodes: ['education_mismatch'],
    });
    expectStatus(withReasons, 400);
    expect(errorOf(withReasons).message).toContain('确认通过无需选择退回原因');
    expect((await rowOf(r.id)).status).toBe('submitted');
  });

  it('when another reviewer holds the registration, then 409 conflict names that reviewer; the holder may decide', async () => {
    const r = await queued();
    expectStatus(await li.client.post(`/api/review/claims/${r.id}`), 200);
    const response = await confirmation(wang.client, r.id, { decision: 'confirm' });
    expectStatus(response, 409);
    expect(errorOf(response).code).toBe('conflict');
    expect(errorOf(response).message).toContain('李审核');
    expect((await rowOf(r.id)).status).toBe('submitted');

    expectStatus(await confirmation(li.client, r.id, { decision: 'confirm' }), 200);
    const row = await rowOf(r.id);
    expect(row).toMatchObject({ status: 'confirmed', claimedBy: null, claimExpiresAt: null });
  });
});

describe('批量确认 with a mix of registrations', () => {
  it('when some of the selection cannot be decided, then each is reported in order, the others are decided and audited one by one', async () => {
    const ok1 = await queued();
    const ok2 = await queued();
    const elsewhere = await queued({ areaCode: '32' });
    const alreadyConfirmed = await queued({ status: 'confirmed' });
    const held = await queued();
    expectStatus(await li.client.post(`/api/review/claims/${held.id}`), 200);
    const missing = 2_000_000_001;

    const response = await wang.client.post('/api/review/confirmation/bulk', {
      registrations: await selection([
        ok1.id,
        elsewhere.id,
        alreadyConfirmed.id,
        held.id,
        missing,
        ok2.id,
      ]),
      decision: 'return',
      reasonCodes: ['materials_incomplete'],
      note: '请补齐材料',
    });
    expectStatus(response, 200);
    const result = response.json<BulkDecisionResult>();
    expect(result.succeeded).toBe(2);
    expect(result.failed).toBe(4);
    expect(result.results.map((r) => [r.registrationId, r.ok, r.status, r.error?.code])).toEqual([
      [ok1.id, true, 'returned', undefined],
      [elsewhere.id, false, null, 'not_found'],
      [alreadyConfirmed.id, false, null, 'invalid_transition'],
      [held.id, false, null, 'conflict'],
      [missing, false, null, 'not_found'],
      [ok2.id, true, 'returned', undefined],
    ]);
    expect(result.results[3]?.error?.message).toContain('李审核');

    for (const id of [ok1.id, ok2.id]) {
      const row = await rowOf(id);
      expect(row.status).toBe('returned');
      expect(row.returnNote).toBe('请补齐材料');
      expect(row.returnReasons).toEqual([
        expect.objectContaining({ code: 'materials_incomplete', label: '材料不全' }),
      ]);
      const audits = await auditOf(id, 'registration.return');
      expect(audits).toHaveLength(1);
      expect(audits[0]?.actorAccountId).toBe(wang.accountId);
    }
    for (const r of [elsewhere, alreadyConfirmed, held]) {
      expect(await auditOf(r.id, 'registration.return')).toHaveLength(0);
    }
    expect((await rowOf(elsewhere.id)).status).toBe('submitted');
    expect((await rowOf(held.id)).status).toBe('submitted');
  });

  it('when the bulk request itself is wrong, then 400 and nothing is decided', async () => {
    const r = await queued();
    const duplicate = await wang.client.post('/api/review/confirmation/bulk', {
      registrations: await selection([r.id, r.id]),
      decision: 'confirm',
    });
    expectStatus(duplicate, 400);
    expect(errorOf(duplicate).message).toContain('不能重复');
    const badReason = await wang.client.post('/api/review/confirmation/bulk', {
      registrations: await selection([r.id]),
      decision: 'return',
      reasonCodes: ['nope'],
    });
    expectStatus(badReason, 400);
    const tooMany = await wang.client.post('/api/review/confirmation/bulk', {
      registrations: Array.from({ length: 201 }, (_, i) => ({ id: i + 1, version: 1 })),
      decision: 'confirm',
    });
    expectStatus(tooMany, 400);
    expect(errorOf(tooMany).message).toContain('200');
    const byAdmin = await admin.client.post('/api/review/confirmation/bulk', {
      registrations: await selection([r.id]),
      decision: 'confirm',
    });
    expectStatus(byAdmin, 403);
    expect((await rowOf(r.id)).status).toBe('submitted');
  });

  it('when the whole selection is confirmed, then every one is confirmed', async () => {
    const a = await queued();
    const b = await queued();
    const response = await wang.client.post('/api/review/confirmation/bulk', {
      registrations: await selection([a.id, b.id]),
      decision: 'confirm',
    });
    expect(expectStatus(response, 200).json<BulkDecisionResult>()).toMatchObject({
      succeeded: 2,
      failed: 0,
    });
    expect((await rowOf(a.id)).status).toBe('confirmed');
    expect((await rowOf(b.id)).status).toBe('confirmed');
  });
});

describe('a withdrawal racing a reviewer’s decision over HTTP', () => {
  const ROUNDS = 8;
  it(`when both arrive together (${ROUNDS} rounds), then exactly one of them happens`, async () => {
    let withdrawals = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const r = await queued();
      const candidate = new TestClient(ctx.app);
      expectStatus(await candidate.login(r.username, r.password), 200);
      const withdraw = () => candidate.post(`/api/registrations/${r.id}/withdraw`);
      // The reviewer decides on the version read before the race.
      const version = await versionOf(r.id);
      const decide = () => confirmation(wang.client, r.id, { version, decision: 'confirm' });
      const [w, d] =
        round % 2 === 0
          ? await Promise.all([withdraw(), decide()])
          : await Promise.all([decide(), withdraw()]).then(([x, y]) => [y, x] as const);
      const events = (await eventsOf(r.id)).map((e) => e.event).slice(1);
      const status = (await rowOf(r.id)).status;
      if (w.statusCode === 200) {
        withdrawals += 1;
        expectStatus(d, 409);
        // The withdrawal changed the version the reviewer read.
        expect(errorOf(d).code).toBe('version_conflict');
        expect(status).toBe('draft');
        expect(events).toEqual(['withdraw']);
      } else {
        expectStatus(d, 200);
        expectStatus(w, 409);
        expect(status).toBe('confirmed');
        expect(events).toEqual(['confirm']);
      }
    }
    process.stdout.write(
      `withdraw-vs-confirm over HTTP: withdraw won ${withdrawals} of ${ROUNDS} rounds\n`,
    );
  });
});

describe('资格审核: pass and fail, recorded now and published later (R18)', () => {
  it('when a registration passes before the publication date, then the candidate still reads 报名确认 until results are published', async () => {
    const { view, ready } = await confirmed();
    // Publication starts in two minutes (the sessions stay alive across the clock's move).
    const soon = new Date(ctx.clock.now().getTime() + 120_000);
    await withCalendar(
      () => setPhase(ctx, cycleId, '31', 'results_publication', soon, at(40)),
      async () => {
        const response = await qualification(zhao.client, view.id, {
          decision: 'pass',
          note: '材料齐全',
        });
        expectStatus(response, 200);
        expect(response.json<ReviewDecisionOutcome>()).toMatchObject({
          status: 'qualified',
          statusLabel: '资格审核通过',
        });
        const row = await rowOf(view.id);
        expect(row).toMatchObject({
          status: 'qualified',
          reviewResult: 'qualified',
          reviewedBy: zhao.accountId,
          reviewNote: '材料齐全',
        });

        const hidden = await getRegistration(ready.client, view.id);
        expect(hidden).toMatchObject({
          status: 'confirmed',
          statusLabel: '报名确认',
          qualificationResult: null,
          actions: [],
        });
        expect(hidden.timeline.map((e) => e.event)).not.toContain('pass_review');
        const staff = await detail(zhao.client, view.id);
        expect(staff.status).toBe('qualified');
        expect(staff.qualificationDecision).toMatchObject({
          result: 'qualified',
          note: '材料齐全',
          publishedToCandidate: false,
        });
        expect(staff.timeline.at(-1)).toMatchObject({ event: 'pass_review', actorName: '赵资审' });
        // No message before publication (issue #7 tells the candidate then).
        const messages = await ctx.db
          .selectFrom('notifications')
          .select('title')
          .where('accountId', '=', ready.accountId)
          .where('title', 'like', '%资格审核%')
          .execute();
        expect(messages).toHaveLength(0);

        ctx.clock.set(soon);
        try {
          const shown = await getRegistration(ready.client, view.id);
          expect(shown).toMatchObject({
            status: 'qualified',
            statusLabel: '资格审核通过',
            qualificationResult: { result: 'qualified', reasons: [], note: '材料齐全' },
          });
          expect(shown.timeline.at(-1)).toMatchObject({ event: 'pass_review' });
          expect((await detail(zhao.client, view.id)).qualificationDecision).toMatchObject({
            publishedToCandidate: true,
          });
        } finally {
          ctx.clock.set(TEST_NOW);
        }
      },
    );
    const audit = await auditOf(view.id, 'registration.pass_review');
    expect(audit[0]).toMatchObject({
      actorAccountId: zhao.accountId,
      before: { status: 'confirmed' },
      after: { status: 'qualified', note: '材料齐全' },
    });
  });

  it('when a registration fails with reasons after publication has begun, then the candidate reads the failure and its reasons', async () => {
    const { view, ready } = await confirmed();
    const response = await qualification(zhao.client, view.id, {
      decision: 'fail',
      reasonCodes: ['not_eligible', 'false_materials'],
      note: '工作年限证明与社保记录不符',
    });
    expectStatus(response, 200);
    const seen = await getRegistration(ready.client, view.id);
    expect(seen).toMatchObject({
      status: 'disqualified',
      statusLabel: '资格审核不通过',
      qualificationResult: {
        result: 'disqualified',
        note: '工作年限证明与社保记录不符',
      },
    });
    expect(seen.qualificationResult?.reasons.map((r) => r.label)).toEqual([
      '不符合报考条件',
      '材料不真实',
    ]);
    const [audit] = await auditOf(view.id, 'registration.fail_review');
    expect(audit?.after).toMatchObject({
      status: 'disqualified',
      reasons: ['not_eligible', 'false_materials'],
    });
  });

  it('when the qualification decision is refused, then nothing changes: role, area, status, reasons, calendar', async () => {
    const r = await queued({ status: 'confirmed' });
    expectStatus(await qualification(wang.client, r.id, { decision: 'pass' }), 403);
    expectStatus(await qualification(admin.client, r.id, { decision: 'pass' }), 403);
    expectStatus(await qualification(outsider.client, r.id, { decision: 'pass' }), 404);
    const noReason = await qualification(zhao.client, r.id, { decision: 'fail' });
    expectStatus(noReason, 400);
    expect(errorOf(noReason).message).toContain('审核不通过须至少选择一项原因');
    const confirmationReason = await qualification(zhao.client, r.id, {
      decision: 'fail',
      reasonCodes: ['education_mismatch'],
    });
    expectStatus(confirmationReason, 400);
    expect(errorOf(confirmationReason).message).toContain('education_mismatch');
    const slotsOnPass = await qualification(zhao.client, r.id, {
      decision: 'pass',
      supplementSlots: ['other'],
    });
    expectStatus(slotsOnPass, 400);
    const photo = await qualification(zhao.client, r.id, {
      decision: 'request_supplement',
      supplementSlots: ['photo'],
    });
    expectStatus(photo, 400);
    expect(errorOf(photo).message).toContain('报名照片');
    const noSlots = await qualification(zhao.client, r.id, { decision: 'request_supplement' });
    expectStatus(noSlots, 400);
    expect(errorOf(noSlots).message).toContain('至少选择一个材料栏目');

    await withCalendar(
      () => setPhase(ctx, cycleId, '31', 'qualification_review', at(5), at(30)),
      async () => {
        const early = await qualification(zhao.client, r.id, { decision: 'pass' });
        expectStatus(early, 409);
        expect(errorOf(early)).toMatchObject({
          code: 'phase_closed',
          details: { kind: 'qualification_review', startsAt: at(5).toISOString() },
        });
      },
    );
    const submittedOne = await queued();
    const wrongStatus = await qualification(zhao.client, submittedOne.id, { decision: 'pass' });
    expectStatus(wrongStatus, 409);
    expect(errorOf(wrongStatus).code).toBe('invalid_transition');
    expect(await rowOf(r.id)).toMatchObject({ status: 'confirmed', reviewResult: null });
  });
});

describe('资格审核: a supplement request and its round trip (R19)', () => {
  let ready: ReadyCandidate;
  let id: number;

  // Five minutes after the files of the submission: what was uploaded before the request is told
  // apart from what the candidate adds for it (and the sessions stay alive).
  const REQUESTED_AT = new Date(new Date(TEST_NOW).getTime() + 300_000);

  beforeAll(async () => {
    const made = await confirmed();
    ready = made.ready;
    id = made.view.id;
    ctx.clock.set(REQUESTED_AT);
  }, 60_000);
  afterAll(() => ctx.clock.set(TEST_NOW));

  const candidateView = () => getRegistration(ready.client, id);

  it('when the reviewer asks for two slots with a note, then the candidate is notified and sees them', async () => {
    const response = await qualification(zhao.client, id, {
      decision: 'request_supplement',
      supplementSlots: ['application_form', 'work_certificate'],
      reasonCodes: ['materials_unclear'],
      note: '请补充单位出具的工作证明，并重新上传盖章清晰的申报表',
    });
    expectStatus(response, 200);
    expect(response.json<ReviewDecisionOutcome>()).toMatchObject({
      status: 'supplement_requested',
      statusLabel: '待补充材料',
    });
    const view = await candidateView();
    expect(view.supplement).toMatchObject({
      slots: ['application_form', 'work_certificate'],
      note: '请补充单位出具的工作证明，并重新上传盖章清晰的申报表',
      requestedAt: ctx.clock.now().toISOString(),
    });
    expect(view.actions).toEqual(['supply']);
    expect(view.materialSlots.find((s) => s.key === 'work_certificate')).toMatchObject({
      requested: true,
    });
    expect(view.timeline.at(-1)).toMatchObject({
      event: 'request_supplement',
      reasons: [expect.objectContaining({ code: 'materials_unclear' })],
    });
    expect(view.timeline.at(-1)?.note).toContain('工作证明');

    const notice = await ctx.db
      .selectFrom('notifications')
      .select('body')
      .where('accountId', '=', ready.accountId)
      .where('title', '=', '资格审核：请补充材料')
      .executeTakeFirstOrThrow();
    expect(notice.body).toContain('需补充的材料：“报名申报表（单位盖章）”“工作证明”');
    expect(notice.body).toContain('请补充单位出具的工作证明');
    expect(notice.body).toMatch(/请在 \d{4}-\d\d-\d\d .*（北京时间）前登录网上报名系统补充/);

    const [audit] = await auditOf(id, 'registration.request_supplement');
    expect(audit).toMatchObject({
      actorAccountId: zhao.accountId,
      after: {
        status: 'supplement_requested',
        supplementSlots: ['application_form', 'work_certificate'],
      },
    });
  });

  it('when the candidate uploads outside the named slots or deletes a file already reviewed, then it is refused', async () => {
    const view = await candidateView();
    const outside = await uploadMaterial(ready.client, id, 'other', await scanJpeg('其他'));
    expectStatus(outside, 400);
    expect(errorOf(outside).message).toContain('工作证明');
    const reviewed = view.materialSlots.find((s) => s.key === 'application_form')?.files[0];
    if (!reviewed) throw new Error('no application form file');
    const removal = await ready.client.request(
      'DELETE',
      `/api/registrations/${id}/materials/files/${reviewed.id}`,
    );
    expectStatus(removal, 409);
    expect(errorOf(removal).message).toContain('不能删除');
    const info = await ready.client.request('PUT', `/api/registrations/${id}/info`, {
      body: {
        version: view.version,
        employer: '上海市第一人民医院',
        department: '外科',
        post: '住院医师',
        yearsInSpecialty: 9,
        educationIndex: 0,
        earlyApplicationClaim: 'none',
      },
    });
    expectStatus(info, 409);
  });

  it('when the candidate supplies before uploading into every named slot, then 400 lists what is missing', async () => {
    const view = await candidateView();
    const early = await ready.client.post(`/api/registrations/${id}/supply`, {
      version: view.version,
    });
    expectStatus(early, 400);
    expect(errorOf(early)).toMatchObject({
      code: 'validation_failed',
      details: {
        issues: [{ path: 'materials.application_form' }, { path: 'materials.work_certificate' }],
      },
    });
    expectStatus(
      await uploadMaterial(ready.client, id, 'application_form', await scanJpeg('申报表')),
      201,
    );
    const half = await ready.client.post(`/api/registrations/${id}/supply`, {
      version: view.version,
    });
    expectStatus(half, 400);
    expect(errorOf(half).message).toContain('工作证明');
    expect(errorOf(half).message).not.toContain('报名申报表');
  });

  it('when the candidate uploads into the named slot, may delete what was just added, and supplies, then it is back in the qualification queue', async () => {
    const added = expectStatus(
      await uploadMaterial(ready.client, id, 'work_certificate', await scanJpeg('证明一')),
      201,
    ).json<RegistrationView>();
    const fresh = added.materialSlots.find((s) => s.key === 'work_certificate')?.files[0];
    expectStatus(
      await ready.client.request('DELETE', `/api/registrations/${id}/materials/files/${fresh?.id}`),
      200,
    );
    const view = expectStatus(
      await uploadMaterial(ready.client, id, 'work_certificate', await scanJpeg('证明二')),
      201,
    ).json<RegistrationView>();

    const stale = await ready.client.post(`/api/registrations/${id}/supply`, {
      version: view.version - 1,
    });
    expectStatus(stale, 409);
    expect(errorOf(stale).code).toBe('version_conflict');

    ctx.clock.advance(60_000);
    try {
      const response = await ready.client.post(`/api/registrations/${id}/supply`, {
        version: view.version,
      });
      const supplied = expectStatus(response, 200).json<RegistrationView>();
      expect(supplied).toMatchObject({ status: 'confirmed', supplement: null, actions: [] });
      expect(supplied.timeline.at(-1)).toMatchObject({ event: 'supply', actorLabel: '考生' });
      const row = await rowOf(id);
      expect(row.queuedAt?.toISOString()).toBe(ctx.clock.now().toISOString());
    } finally {
      ctx.clock.set(REQUESTED_AT);
    }

    const staff = await detail(zhao.client, id);
    expect(staff.status).toBe('confirmed');
    expect(staff.supplement?.slots).toEqual(['application_form', 'work_certificate']);
    expect(staff.actions).toEqual(['pass_review', 'fail_review', 'request_supplement']);
    expect(
      staff.materialSlots.find((s) => s.key === 'work_certificate')?.files.map((f) => f.fileName),
    ).toHaveLength(1);
    const [audit] = await auditOf(id, 'registration.supply');
    expect(audit).toMatchObject({
      actorAccountId: ready.accountId,
      after: { status: 'confirmed' },
    });

    const late = await uploadMaterial(ready.client, id, 'work_certificate', await scanJpeg('迟'));
    expectStatus(late, 409);
  });

  it('when qualification review has closed, then the supplement can neither be uploaded nor supplied', async () => {
    const r = await confirmed();
    expectStatus(
      await qualification(zhao.client, r.view.id, {
        decision: 'request_supplement',
        supplementSlots: ['other'],
      }),
      200,
    );
    const view = await getRegistration(r.ready.client, r.view.id);
    await withCalendar(
      () => setPhase(ctx, cycleId, '31', 'qualification_review', at(-30), at(-1)),
      async () => {
        const upload = await uploadMaterial(r.ready.client, r.view.id, 'other', await scanJpeg());
        expectStatus(upload, 409);
        expect(errorOf(upload).code).toBe('phase_closed');
        const supply = await r.ready.client.post(`/api/registrations/${r.view.id}/supply`, {
          version: view.version,
        });
        expectStatus(supply, 409);
        expect(errorOf(supply).code).toBe('phase_closed');
      },
    );
  });

  it('when someone else’s registration is supplied, then it is not found', async () => {
    const stranger = await createCandidate(ctx.db);
    const client = new TestClient(ctx.app);
    await client.login(stranger.username, stranger.password);
    const response = await client.post(`/api/registrations/${id}/supply`, { version: 1 });
    expectStatus(response, 404);
  });
});
