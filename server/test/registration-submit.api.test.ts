import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CandidateProfileView, RegistrationView } from '@hqe/core';
import { VALID_SECTIONS } from './candidate-profile-fixtures';
import {
  createRegistrationReady,
  decide,
  EDUCATION_MISMATCH,
  errorOf,
  eventsOf,
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

let ctx: TestContext;
let ready: ReadyCandidate;
let filled: RegistrationView;

beforeAll(async () => {
  ctx = await createTestContext();
  ready = await createRegistrationReady(ctx);
  filled = await fillRegistration(ready, await startRegistration(ready));
});
afterAll(() => ctx.close());

const DAY = 86_400_000;
const at = (days: number) => new Date(new Date(TEST_NOW).getTime() + days * DAY);

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

const statusOf = async (id: number) =>
  (
    await ctx.db
      .selectFrom('registrations')
      .select(['status', 'version'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
  ).status;

describe('submitting', () => {
  it('when the idempotency key is missing or malformed, then 400 and nothing changes', async () => {
    const missing = await ready.client.post(`/api/registrations/${filled.id}/submit`);
    expectStatus(missing, 400);
    expect(errorOf(missing).message).toContain('Idempotency-Key');
    const short = await submit(ready.client, filled.id, 'short');
    expectStatus(short, 400);
    expect(await statusOf(filled.id)).toBe('draft');
  });

  it('when steps are missing, then 400 names every missing item in Chinese, in step order', async () => {
    const other = await createRegistrationReady(ctx);
    const draft = await startRegistration(other);
    const response = await submit(other.client, draft.id);
    expectStatus(response, 400);
    const error = errorOf(response);
    expect(error.code).toBe('validation_failed');
    expect(error.message).toBe(
      '报名信息尚不完整，请完成以下 7 项后再提交：请选择报名地市。 请选择考点。 请选择报考专业和级别。 请填写报名信息（工作单位、科室、岗位、从事本专业年限、所用学历等）并保存。 请核对并确认报名照片。 请下载申报表，打印后由单位经办人签字并加盖人事部门公章。 请上传“报名申报表（单位盖章）”。',
    );
    expect((error.details as { issues: unknown[] }).issues).toHaveLength(7);
    expect(await eventsOf(ctx, draft.id)).toHaveLength(1);
  });

  it('when the eligibility check fails, then 422 not_eligible gives the failed lines and nothing changes', async () => {
    const profile = (await ready.client.get('/api/candidate/profile')).json<CandidateProfileView>();
    const retired = await ready.client.request('PUT', '/api/candidate/profile/declarations', {
      body: { version: profile.version, data: { ...VALID_SECTIONS.declarations, retired: true } },
    });
    expectStatus(retired, 200);
    try {
      const view = await getRegistration(ready.client, filled.id);
      expect(view.eligibility?.eligible).toBe(false);
      expect(view.readyToSubmit).toBe(false);
      const response = await submit(ready.client, filled.id);
      expectStatus(response, 422);
      const error = errorOf(response);
      expect(error.code).toBe('not_eligible');
      expect(error.message).toMatch(/^您不符合所选专业和级别的报考条件：/);
      const lines = (error.details as { lines: { ruleId: string; outcome: string }[] }).lines;
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.every((l) => l.outcome === 'not_met')).toBe(true);
      expect(lines.map((l) => l.ruleId)).toContain('barred.retired');
      expect(await statusOf(filled.id)).toBe('draft');
    } finally {
      const now = (await ready.client.get('/api/candidate/profile')).json<CandidateProfileView>();
      expectStatus(
        await ready.client.request('PUT', '/api/candidate/profile/declarations', {
          body: { version: now.version, data: VALID_SECTIONS.declarations },
        }),
        200,
      );
    }
  });

  it('when registration has ended, then 409 phase_closed with the dates', async () => {
    await withCalendar(
      () => setPhase(ctx, ready.cycleId, '31', 'registration', at(-20), at(-1)),
      async () => {
        const response = await submit(ready.client, filled.id);
        expectStatus(response, 409);
        expect(errorOf(response)).toMatchObject({
          code: 'phase_closed',
          details: { kind: 'registration', endsAt: at(-1).toISOString() },
        });
        expect(errorOf(response).message).toContain('已经截止');
      },
    );
    expect(await statusOf(filled.id)).toBe('draft');
  });

  it('when a complete, eligible draft is submitted, then it waits for confirmation, with one timeline entry and a stored eligibility snapshot', async () => {
    expect((await getRegistration(ready.client, filled.id)).readyToSubmit).toBe(true);
    const key = randomUUID();
    const response = await submit(ready.client, filled.id, key);
    expectStatus(response, 200);
    const view = response.json<RegistrationView>();
    expect(view).toMatchObject({
      status: 'submitted',
      statusLabel: '待确认',
      canEdit: false,
      readyToSubmit: false,
      actions: ['withdraw'],
      submittedAt: ctx.clock.now().toISOString(),
    });
    expect(view.completeness.steps.every((s) => s.done)).toBe(true);
    expect(view.timeline.at(-1)).toMatchObject({
      event: 'submit',
      label: '提交报名信息',
      fromStatus: 'draft',
      toStatus: 'submitted',
      actorKind: 'candidate',
    });
    const row = await ctx.db
      .selectFrom('registrations')
      .select(['eligibilitySnapshot', 'lastSubmitKey'])
      .where('id', '=', filled.id)
      .executeTakeFirstOrThrow();
    expect(row.lastSubmitKey).toBe(key);
    expect(row.eligibilitySnapshot).toMatchObject({ eligible: true, specialtyCode: '303' });
    const audit = await ctx.db
      .selectFrom('auditEvents')
      .select(['before', 'after'])
      .where('action', '=', 'registration.submit')
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ before: { status: 'draft' }, after: { status: 'submitted' } });

    // A retry of the same request (same key): the registration as it is, no second submission.
    const retry = await submit(ready.client, filled.id, key);
    expectStatus(retry, 200);
    expect(retry.json<RegistrationView>().version).toBe(view.version);
    expect((await eventsOf(ctx, filled.id)).filter((e) => e.event === 'submit')).toHaveLength(1);
  });

  it('when a new submission (another key) reaches a submitted registration, then 409 invalid_transition with the lifecycle message', async () => {
    const response = await submit(ready.client, filled.id);
    expectStatus(response, 409);
    expect(errorOf(response)).toMatchObject({
      code: 'invalid_transition',
      message: '报名当前状态为“待确认”，不能提交报名信息。请刷新页面查看最新状态。',
      details: { status: 'submitted' },
    });
  });

  it('when the candidate edits a submitted registration, then 409 says to withdraw first', async () => {
    const response = await ready.client.request('PUT', `/api/registrations/${filled.id}/info`, {
      body: { version: (await getRegistration(ready.client, filled.id)).version, ...VALID_INFO },
    });
    expectStatus(response, 409);
    expect(errorOf(response).message).toBe(
      '报名信息已提交，正在等待考区确认，不能修改。如需修改，请先撤回信息提交。',
    );
    const upload = await uploadMaterial(ready.client, filled.id, 'other', await scanJpeg());
    expectStatus(upload, 409);
  });
});

describe('withdrawing and submitting again', () => {
  it('when the candidate withdraws, then the registration is a draft again and can be edited', async () => {
    const response = await ready.client.post(`/api/registrations/${filled.id}/withdraw`);
    expectStatus(response, 200);
    const view = response.json<RegistrationView>();
    expect(view).toMatchObject({ status: 'draft', canEdit: true, submittedAt: null });
    expect(view.timeline.at(-1)).toMatchObject({ event: 'withdraw', label: '撤回信息提交' });
    const again = await ready.client.post(`/api/registrations/${filled.id}/withdraw`);
    expectStatus(again, 409);
    expect(errorOf(again).message).toBe('您的报名信息尚未提交，无需撤回，可直接修改。');
  });

  it('when the same submission is sent twice at once, then it is submitted once and both get the registration', async () => {
    const key = randomUUID();
    const [a, b] = await Promise.all([
      submit(ready.client, filled.id, key),
      submit(ready.client, filled.id, key),
    ]);
    expectStatus(a, 200);
    expectStatus(b, 200);
    expect(a.json<RegistrationView>().status).toBe('submitted');
    expect(b.json<RegistrationView>().status).toBe('submitted');
    expect((await eventsOf(ctx, filled.id)).map((e) => e.event)).toEqual([
      'create',
      'submit',
      'withdraw',
      'submit',
    ]);
  });
});

describe('the confirmation decision (review console, #6)', () => {
  it('when a reviewer of another area, or without the role, decides, then not found and nothing changes', async () => {
    const other = await reviewerOf(ctx, '32');
    await expect(
      decide(ctx, { registrationId: filled.id, reviewer: other, decision: 'confirm' }),
    ).rejects.toMatchObject({ code: 'not_found' });
    expect(await statusOf(filled.id)).toBe('submitted');
  });

  it('when a return names no reason, then it is refused', async () => {
    const reviewer = await reviewerOf(ctx);
    await expect(
      decide(ctx, { registrationId: filled.id, reviewer, decision: 'return' }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
  });

  it('when confirmation is closed, then the decision is refused with the dates', async () => {
    const reviewer = await reviewerOf(ctx);
    await withCalendar(
      () => setPhase(ctx, ready.cycleId, '31', 'confirmation', at(2), at(9)),
      async () => {
        await expect(
          decide(ctx, { registrationId: filled.id, reviewer, decision: 'confirm' }),
        ).rejects.toMatchObject({ code: 'phase_closed', details: { status: 'upcoming' } });
      },
    );
  });

  it('when the reviewer returns it, then the candidate sees the reasons and the note, is told, and may fix it', async () => {
    const reviewer = await reviewerOf(ctx);
    const outcome = await decide(ctx, {
      registrationId: filled.id,
      reviewer,
      decision: 'return',
      reasons: [EDUCATION_MISMATCH],
      note: '请补充学历证书的清晰照片。',
    });
    expect(outcome.status).toBe('returned');
    const view = await getRegistration(ready.client, filled.id);
    expect(view).toMatchObject({
      status: 'returned',
      statusLabel: '确认不通过',
      returnReasons: [EDUCATION_MISMATCH],
      returnNote: '请补充学历证书的清晰照片。',
      canEdit: true,
      actions: ['resubmit', 'change_area'],
    });
    expect(view.timeline.at(-1)).toMatchObject({
      event: 'return',
      actorKind: 'confirmation_reviewer',
      actorLabel: '报名确认审核员',
      reasons: [EDUCATION_MISMATCH],
    });
    const note = await ctx.db
      .selectFrom('notifications')
      .select(['title', 'body'])
      .where('accountId', '=', ready.accountId)
      .where('title', '=', '报名确认不通过，请修改后重新提交')
      .executeTakeFirstOrThrow();
    expect(note.body).toContain('学历不符');
    expect(note.body).toMatch(/请在 \d{4}-\d\d-\d\d 24:00（北京时间）前按原因修改并重新提交/);
    expectStatus(
      await uploadMaterial(ready.client, filled.id, 'education_certificate', await scanJpeg('2')),
      201,
    );
  });

  it('when the resubmission deadline has passed (and registration is over), then resubmitting is refused with the dates', async () => {
    await withCalendar(
      async () => {
        await setPhase(ctx, ready.cycleId, '31', 'registration', at(-30), at(-10));
        await setPhase(ctx, ready.cycleId, '31', 'resubmission', at(-10), at(-1));
      },
      async () => {
        const response = await submit(ready.client, filled.id);
        expectStatus(response, 409);
        expect(errorOf(response)).toMatchObject({
          code: 'phase_closed',
          details: { kind: 'resubmission', endsAt: at(-1).toISOString() },
        });
        expect(errorOf(response).message).toContain('退回后重新提交时间为');
      },
    );
  });

  it('when the candidate resubmits, then it waits for confirmation again and the reasons are cleared', async () => {
    const response = await submit(ready.client, filled.id);
    expectStatus(response, 200);
    const view = response.json<RegistrationView>();
    expect(view).toMatchObject({ status: 'submitted', returnReasons: [], returnNote: null });
    expect(view.timeline.at(-1)).toMatchObject({ event: 'resubmit', label: '重新提交' });
  });

  it('when the reviewer confirms, then it shows 报名确认, the basic information is locked, and withdrawing is not needed', async () => {
    const reviewer = await reviewerOf(ctx);
    const outcome = await decide(ctx, {
      registrationId: filled.id,
      reviewer,
      decision: 'confirm',
    });
    expect(outcome.status).toBe('confirmed');
    const view = await getRegistration(ready.client, filled.id);
    expect(view).toMatchObject({
      status: 'confirmed',
      statusLabel: '报名确认',
      actions: [],
      canEdit: false,
      confirmedAt: ctx.clock.now().toISOString(),
    });
    const withdraw = await ready.client.post(`/api/registrations/${filled.id}/withdraw`);
    expectStatus(withdraw, 409);
    expect(errorOf(withdraw).message).toBe('您的报名已确认，无需撤回信息提交。');
    const profile = (await ready.client.get('/api/candidate/profile')).json<CandidateProfileView>();
    expect(profile.locked?.reason).toContain(filled.registrationNumber);
    const edit = await ready.client.request('PUT', '/api/candidate/profile/declarations', {
      body: { version: profile.version, data: VALID_SECTIONS.declarations },
    });
    expect(errorOf(edit).code).toBe('profile_locked');
    const change = await ready.client.post(`/api/registrations/${filled.id}/change-area`, {
      version: view.version,
      examAreaCode: '32',
    });
    expectStatus(change, 409);
    expect(errorOf(change).code).toBe('invalid_transition');
    // Deciding again: the status moved on.
    await expect(
      decide(ctx, {
        registrationId: filled.id,
        reviewer,
        decision: 'return',
        reasons: [EDUCATION_MISMATCH],
      }),
    ).rejects.toMatchObject({ code: 'invalid_transition' });
  });
});
