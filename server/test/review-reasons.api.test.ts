import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_REVIEW_REASONS, type ReviewReasonItem, type ReviewReasonList } from '@hqe/core';
import { createAccount, createCandidate, examAreaId } from './factories';
import { createOtherArea, demoCycleId, errorOf, expectStatus } from './support-registration';
import { loggedInStaff } from './support-review-queue';
import { createTestContext, TestClient, type TestContext } from './test-app';

/*
 * The reason catalogue of an exam area (退回原因 / 不通过原因, issue #6): the defaults every area
 * starts with, the area administrator's additions and edits (audited), read by the area's
 * reviewers, invisible and untouchable from another area.
 */

let ctx: TestContext;
let admin: TestClient;
let reviewer: TestClient;
let otherAdmin: TestClient;
let shanghaiId: number;
let otherId: number;

const list = async (client: TestClient, query = '') =>
  expectStatus(await client.get(`/api/review/reasons${query}`), 200).json<ReviewReasonList>().items;

beforeAll(async () => {
  ctx = await createTestContext();
  const cycleId = await demoCycleId(ctx);
  otherId = (await createOtherArea(ctx, cycleId)).id;
  shanghaiId = await examAreaId(ctx.db, '31');
  const client = async (roles: ('area_admin' | 'confirmation_reviewer')[], areaCode = '31') => {
    const [staff] = await loggedInStaff(ctx, 1, { roles, areaCode });
    if (!staff) throw new Error('no staff');
    return staff.client;
  };
  admin = await client(['area_admin']);
  reviewer = await client(['confirmation_reviewer']);
  otherAdmin = await client(['area_admin'], '32');
}, 60_000);
afterAll(() => ctx.close());

describe('the default catalogue', () => {
  it('when an area reads its catalogue for the first time, then it holds the standard reasons of both stages in order', async () => {
    const before = await ctx.db
      .selectFrom('reviewReasons')
      .select('id')
      .where('examAreaId', '=', shanghaiId)
      .execute();
    expect(before).toHaveLength(0);

    const items = await list(reviewer);
    expect(items.map((i) => [i.stage, i.code, i.label, i.explanation])).toEqual(
      DEFAULT_REVIEW_REASONS.map((r) => [r.stage, r.code, r.label, r.explanation]),
    );
    expect(items.every((i) => i.active)).toBe(true);
    const confirmation = items.filter((i) => i.stage === 'confirmation');
    expect(confirmation.map((i) => i.position)).toEqual(
      confirmation.map((_, index) => (index + 1) * 10),
    );
    expect(confirmation.map((i) => i.label)).toEqual(
      expect.arrayContaining(['学历不符', '专业不符', '年限不够', '照片不合格', '材料不全']),
    );

    // Read again (and by two readers at once): no second copy.
    await Promise.all([list(reviewer), list(admin)]);
    const after = await ctx.db
      .selectFrom('reviewReasons')
      .select('id')
      .where('examAreaId', '=', shanghaiId)
      .execute();
    expect(after).toHaveLength(DEFAULT_REVIEW_REASONS.length);
  });

  it('when a stage is asked for, then only its reasons are listed', async () => {
    const items = await list(reviewer, '?stage=qualification');
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => i.stage === 'qualification')).toBe(true);
    const bad = await reviewer.get('/api/review/reasons?stage=payment');
    expectStatus(bad, 400);
    expect(errorOf(bad).code).toBe('validation_failed');
  });
});

describe('who may read and change the catalogue', () => {
  it('when a candidate, a visitor or a platform administrator asks, then they are refused', async () => {
    const candidate = await createCandidate(ctx.db);
    const client = new TestClient(ctx.app);
    await client.login(candidate.username, candidate.password);
    expectStatus(await client.get('/api/review/reasons'), 403);
    expectStatus(await new TestClient(ctx.app).get('/api/review/reasons'), 401);

    const platform = await createAccount(ctx.db, { roles: ['platform_admin'] });
    const platformClient = new TestClient(ctx.app);
    await platformClient.login(platform.username, platform.password);
    const refused = await platformClient.get('/api/review/reasons');
    expectStatus(refused, 403);
    expect(errorOf(refused).message).toContain('考区');
  });

  it('when a reviewer tries to add or change a reason, then it is refused (area administrators only)', async () => {
    const [first] = await list(reviewer);
    const create = await reviewer.post('/api/review/reasons', {
      stage: 'confirmation',
      code: 'reviewer_made',
      label: '审核员自拟',
      explanation: '说明',
    });
    expectStatus(create, 403);
    expect(errorOf(create).message).toContain('考区管理员');
    const patch = await reviewer.request('PATCH', `/api/review/reasons/${first?.id}`, {
      body: { label: '改名' },
    });
    expectStatus(patch, 403);
  });
});

describe('the area administrator edits the catalogue', () => {
  let created: ReviewReasonItem;

  it('when the administrator adds a reason, then it comes last in its stage, is audited, and the reviewers see it', async () => {
    const response = await admin.post('/api/review/reasons', {
      stage: 'confirmation',
      code: 'contract_missing',
      label: '劳动合同缺失',
      explanation: '  请上传与现工作单位签订的、在有效期内的劳动合同。  ',
    });
    expectStatus(response, 201);
    created = response.json<ReviewReasonItem>();
    const confirmationCount = DEFAULT_REVIEW_REASONS.filter(
      (r) => r.stage === 'confirmation',
    ).length;
    expect(created).toMatchObject({
      stage: 'confirmation',
      code: 'contract_missing',
      label: '劳动合同缺失',
      explanation: '请上传与现工作单位签订的、在有效期内的劳动合同。',
      position: (confirmationCount + 1) * 10,
      active: true,
    });
    const seen = await list(reviewer, '?stage=confirmation');
    expect(seen.at(-1)?.code).toBe('contract_missing');

    const audit = await ctx.db
      .selectFrom('auditEvents')
      .selectAll()
      .where('action', '=', 'review_reason.created')
      .where('entityId', '=', String(created.id))
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({
      examAreaId: shanghaiId,
      entityType: 'review_reason',
      after: { code: 'contract_missing', label: '劳动合同缺失' },
    });
  });

  it('when the same code is added again in the stage, then it is refused with 409; in the other stage it is fine', async () => {
    const again = await admin.post('/api/review/reasons', {
      stage: 'confirmation',
      code: 'contract_missing',
      label: '重复',
      explanation: '重复',
    });
    expectStatus(again, 409);
    expect(errorOf(again)).toMatchObject({ code: 'conflict' });
    expect(errorOf(again).message).toContain('contract_missing');

    const otherStage = await admin.post('/api/review/reasons', {
      stage: 'qualification',
      code: 'contract_missing',
      label: '劳动合同缺失',
      explanation: '资格审核中发现劳动合同缺失。',
    });
    expectStatus(otherStage, 201);
  });

  it('when the request is malformed, then it is refused with Chinese messages and nothing is stored', async () => {
    const badCode = await admin.post('/api/review/reasons', {
      stage: 'confirmation',
      code: 'Bad Code!',
      label: '名称',
      explanation: '说明',
    });
    expectStatus(badCode, 400);
    expect(errorOf(badCode).message).toContain('原因代码');
    const blank = await admin.post('/api/review/reasons', {
      stage: 'confirmation',
      code: 'blank_label',
      label: '   ',
      explanation: '说明',
    });
    expectStatus(blank, 400);
    expect(errorOf(blank).message).toContain('请填写原因名称');
    const empty = await admin.request('PATCH', `/api/review/reasons/${created.id}`, { body: {} });
    expectStatus(empty, 400);
    expect(errorOf(empty).message).toContain('请至少修改一项');
    const unknownField = await admin.request('PATCH', `/api/review/reasons/${created.id}`, {
      body: { code: 'renamed' },
    });
    expectStatus(unknownField, 400);
    const stored = await ctx.db
      .selectFrom('reviewReasons')
      .select('code')
      .where('code', '=', 'blank_label')
      .execute();
    expect(stored).toHaveLength(0);
  });

  it('when the administrator renames, moves and deactivates a reason, then each change is kept and audited with before and after', async () => {
    const response = await admin.request('PATCH', `/api/review/reasons/${created.id}`, {
      body: { label: '劳动合同未上传', position: 5, active: false },
    });
    expectStatus(response, 200);
    expect(response.json<ReviewReasonItem>()).toMatchObject({
      id: created.id,
      code: 'contract_missing',
      label: '劳动合同未上传',
      position: 5,
      active: false,
    });
    const items = await list(reviewer, '?stage=confirmation');
    expect(items[0]).toMatchObject({ code: 'contract_missing', active: false });

    const audit = await ctx.db
      .selectFrom('auditEvents')
      .selectAll()
      .where('action', '=', 'review_reason.updated')
      .where('entityId', '=', String(created.id))
      .executeTakeFirstOrThrow();
    expect(audit.before).toEqual({
      stage: 'confirmation',
      code: 'contract_missing',
      label: '劳动合同缺失',
      position: created.position,
      active: true,
    });
    expect(audit.after).toEqual({ label: '劳动合同未上传', position: 5, active: false });

    const reactivated = await admin.request('PATCH', `/api/review/reasons/${created.id}`, {
      body: { active: true },
    });
    expect(expectStatus(reactivated, 200).json<ReviewReasonItem>().active).toBe(true);
  });
});

describe('one area never sees or changes another area’s catalogue', () => {
  it('when another area’s administrator reads, then that area has its own defaults and none of these additions', async () => {
    // Two first reads at once still give one copy of the defaults.
    const [items] = await Promise.all([list(otherAdmin), list(otherAdmin)]);
    expect(items).toHaveLength(DEFAULT_REVIEW_REASONS.length);
    const stored = await ctx.db
      .selectFrom('reviewReasons')
      .select('id')
      .where('examAreaId', '=', otherId)
      .execute();
    expect(stored).toHaveLength(DEFAULT_REVIEW_REASONS.length);
    expect(items.some((i) => i.code === 'contract_missing')).toBe(false);
    const rows = await ctx.db
      .selectFrom('reviewReasons')
      .select(['id', 'examAreaId'])
      .where(
        'id',
        'in',
        items.map((i) => i.id),
      )
      .execute();
    expect(rows.every((r) => r.examAreaId === otherId)).toBe(true);
  });

  it('when another area’s administrator patches this area’s reason, then it is not found and unchanged', async () => {
    const [mine] = await list(admin, '?stage=confirmation');
    if (!mine) throw new Error('no reason');
    const response = await otherAdmin.request('PATCH', `/api/review/reasons/${mine.id}`, {
      body: { label: '越权修改' },
    });
    expectStatus(response, 404);
    expect(errorOf(response).code).toBe('not_found');
    const [still] = await list(admin, '?stage=confirmation');
    expect(still?.label).toBe(mine.label);
  });
});
