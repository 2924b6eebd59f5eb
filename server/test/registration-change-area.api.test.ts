import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegistrationView } from '@hqe/core';
import {
  createOtherArea,
  createRegistrationReady,
  decide,
  EDUCATION_MISMATCH,
  errorOf,
  expectStatus,
  fillRegistration,
  getRegistration,
  reviewerOf,
  setPhase,
  startRegistration,
  submit,
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
  await createOtherArea(ctx, ready.cycleId, { code: '32', name: '江苏' });
  await createOtherArea(ctx, ready.cycleId, { code: '33', name: '浙江', specialtyCodes: ['101'] });
});
afterAll(() => ctx.close());

const DAY = 86_400_000;
const at = (days: number) => new Date(new Date(TEST_NOW).getTime() + days * DAY);

const changeArea = (client: ReadyCandidate['client'], id: number, body: unknown) =>
  client.post(`/api/registrations/${id}/change-area`, body);

describe('changing the exam area (修改考区, R8)', () => {
  it('when the new area is the same, unknown, or the version is stale, then it is refused and nothing changes', async () => {
    const same = await changeArea(ready.client, filled.id, {
      version: filled.version,
      examAreaCode: '31',
    });
    expectStatus(same, 400);
    expect(errorOf(same).message).toBe('新考区与当前考区相同，无需修改考区。');
    const unknown = await changeArea(ready.client, filled.id, {
      version: filled.version,
      examAreaCode: '98',
    });
    expectStatus(unknown, 404);
    const stale = await changeArea(ready.client, filled.id, {
      version: filled.version - 1,
      examAreaCode: '32',
    });
    expectStatus(stale, 409);
    expect(errorOf(stale).code).toBe('version_conflict');
    expect((await getRegistration(ready.client, filled.id)).registrationNumber).toBe(
      filled.registrationNumber,
    );
  });

  it("when the new area's registration is closed, then 409 phase_closed with its dates", async () => {
    const before = await ctx.db.selectFrom('cyclePhases').selectAll().execute();
    await setPhase(ctx, ready.cycleId, '32', 'registration', at(-20), at(-2));
    try {
      const response = await changeArea(ready.client, filled.id, {
        version: filled.version,
        examAreaCode: '32',
      });
      expectStatus(response, 409);
      expect(errorOf(response)).toMatchObject({
        code: 'phase_closed',
        details: { kind: 'registration', endsAt: at(-2).toISOString() },
      });
    } finally {
      await ctx.db.deleteFrom('cyclePhases').execute();
      await ctx.db.insertInto('cyclePhases').values(before).execute();
    }
    expect((await getRegistration(ready.client, filled.id)).examArea.code).toBe('31');
  });

  it('when a draft moves to an area that offers its specialty, then it gets a new number there, keeps the info and files, and the slots follow the new rules', async () => {
    // A minute after the files were uploaded (the manual clock stands still otherwise).
    ctx.clock.advance(60_000);
    const response = await changeArea(ready.client, filled.id, {
      version: filled.version,
      examAreaCode: '32',
    });
    expectStatus(response, 200);
    const view = response.json<RegistrationView>();
    expect(view).toMatchObject({
      status: 'draft',
      examArea: { code: '32', name: '江苏' },
      city: null,
      testSite: null,
      specialty: { code: '303', offered: true },
      info: { employer: '上海市第一人民医院' },
      applicationForm: { downloadedAt: null },
    });
    expect(view.photo?.confirmedAt).toBe(filled.photo?.confirmedAt);
    expect(view.registrationNumber).toMatch(/^322027\d{8}$/);
    expect(view.registrationNumber).not.toBe(filled.registrationNumber);
    // The stamped form prints the old area and number: it stays, but no longer counts.
    const stamped = filled.materialSlots.find((s) => s.key === 'application_form')?.files ?? [];
    expect(view.applicationForm.outdatedFileIds).toEqual(stamped.map((f) => f.id));
    expect(view.materialSlots.find((s) => s.key === 'application_form')?.files).toHaveLength(
      stamped.length,
    );
    expect(view.completeness.missing.map((m) => m.path)).toEqual([
      'area.cityId',
      'area.testSiteId',
      'applicationForm',
      'materials.application_form',
    ]);
    // Shanghai's own rules (P1) asked for the residence permit and social-security records;
    // Jiangsu has none of its own: those files are kept, flagged as no longer needed.
    const permit = view.materialSlots.find((s) => s.key === 'residence_permit');
    expect(permit).toMatchObject({ requested: false, required: false });
    expect(permit?.files).toHaveLength(1);
    expect(view.materialSlots.find((s) => s.key === 'labour_contract')).toMatchObject({
      requested: true,
      required: true,
    });
    expect(view.timeline.at(-1)).toMatchObject({
      event: 'change_area',
      label: '修改考区',
      fromStatus: 'draft',
      toStatus: 'draft',
      note: `考区由“上海”改为“江苏”，网报号由 ${filled.registrationNumber} 改为 ${view.registrationNumber}。`,
    });
    const audit = await ctx.db
      .selectFrom('auditEvents')
      .select(['examAreaId', 'before', 'after'])
      .where('action', '=', 'registration.change_area')
      .executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({
      registrationNumber: view.registrationNumber,
      specialtyKept: true,
    });

    // A file of a slot no longer asked for can still be removed.
    const file = permit?.files[0];
    const removed = await ready.client.request(
      'DELETE',
      `/api/registrations/${filled.id}/materials/files/${file?.id}`,
    );
    expectStatus(removed, 200);
    expect(
      removed.json<RegistrationView>().materialSlots.find((s) => s.key === 'residence_permit'),
    ).toBeUndefined();
  });

  it('when it moves to an area that does not offer its specialty, then the specialty is cleared and the timeline says so', async () => {
    const current = await getRegistration(ready.client, filled.id);
    const response = await changeArea(ready.client, filled.id, {
      version: current.version,
      examAreaCode: '33',
    });
    expectStatus(response, 200);
    const view = response.json<RegistrationView>();
    expect(view.specialty).toBeNull();
    expect(view.registrationNumber).toMatch(/^332027\d{8}$/);
    expect(view.eligibility).toBeNull();
    expect(view.timeline.at(-1)?.note).toContain(
      '浙江考区本年度未开考原报考专业“303 内科学”，请重新选择专业',
    );
  });

  it('when the registration is submitted, then changing the area is refused; after a return it moves as a draft', async () => {
    const other = await createRegistrationReady(ctx);
    const draft = await fillRegistration(other, await startRegistration(other));
    expectStatus(await submit(other.client, draft.id), 200);
    const refused = await changeArea(other.client, draft.id, {
      version: (await getRegistration(other.client, draft.id)).version,
      examAreaCode: '32',
    });
    expectStatus(refused, 409);
    expect(errorOf(refused)).toMatchObject({
      code: 'invalid_transition',
      message: '报名当前状态为“待确认”，不能修改考区。请刷新页面查看最新状态。',
    });

    await decide(ctx, {
      registrationId: draft.id,
      reviewer: await reviewerOf(ctx),
      decision: 'return',
      reasons: [EDUCATION_MISMATCH],
    });
    const returned = await getRegistration(other.client, draft.id);
    expect(returned.actions).toContain('change_area');
    const moved = await changeArea(other.client, draft.id, {
      version: returned.version,
      examAreaCode: '32',
    });
    expectStatus(moved, 200);
    expect(moved.json<RegistrationView>()).toMatchObject({
      status: 'draft',
      examArea: { code: '32' },
      returnReasons: [],
    });
    expect(moved.json<RegistrationView>().timeline.at(-1)).toMatchObject({
      fromStatus: 'returned',
      toStatus: 'draft',
    });
  });
});
