import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegistrationStatus, RegistrationTimelineEvent, ReviewDashboard } from '@hqe/core';
import type { Actor } from '../src/lib/actor';
import { hashPassword } from '../src/lib/secrets';
import { createAccount, createCandidate, examAreaId, STRONG_PASSWORD } from './factories';
import {
  createOtherArea,
  createRegistrationReady,
  decide,
  demoCycleId,
  errorOf,
  expectStatus,
  fillRegistration,
  startRegistration,
  submit,
} from './support-registration';
import { createTestContext, TestClient, TEST_NOW, type TestContext } from './test-app';

/*
 * 审核统计 (GET /api/review/dashboard, issue #6 "Oversight"): counts on made-up registrations and
 * timeline events spread over statuses, specialties, 报名地市 and days (Asia/Shanghai boundaries),
 * one registration taken through the real submit and confirm, and a second exam area whose data
 * must never show.
 */

let ctx: TestContext;
let cycleId: number;
let shanghai: number;
let jiangsu: number;
let passwordHash: string;
const staff: Record<'admin' | 'a' | 'b' | 'q' | 'x' | 'platform', Actor & { name: string }> =
  {} as never;
const ids: Record<string, number> = {};
const areas: Record<string, number> = {};
const numbers: Record<string, string> = {};
let c1: number;
let c2: number;
let o303: number;
let o203: number;

const minutes = (n: number) => n * 60_000;

async function staffAccount(roles: Actor['roles'], areaCode: string | null, name: string) {
  const account = await createAccount(ctx.db, { roles, areaCode, displayName: name });
  return {
    accountId: account.id,
    username: account.username,
    roles: account.roles,
    examAreaId: account.examAreaId,
    requestId: 'test',
    name,
  };
}

let sequence = 0;
/** A registration written straight into the table: only what the dashboard reads. */
async function seed(
  key: string,
  options: {
    area?: number;
    status: RegistrationStatus;
    cityId?: number | null;
    offeringId?: number | null;
    queuedAt?: string;
    claim?: { by: number; until: Date };
  },
) {
  sequence += 1;
  const area = options.area ?? shanghai;
  const account = await ctx.db
    .insertInto('accounts')
    .values({
      kind: 'candidate',
      username: `dash${process.pid}x${sequence}`,
      displayName: `考生${sequence}`,
      passwordHash,
      roles: ['candidate'],
      examAreaId: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const now = ctx.clock.now();
  const status = options.status;
  const number = `${area === shanghai ? '31' : '32'}2027${String(80_000_000 + sequence)}`;
  const row = await ctx.db
    .insertInto('registrations')
    .values({
      accountId: account.id,
      cycleId,
      examAreaId: area,
      registrationNumber: number,
      status,
      cityId: options.cityId ?? null,
      areaOfferingId: options.offeringId ?? null,
      submittedAt: status === 'draft' ? null : now,
      queuedAt: options.queuedAt ? new Date(options.queuedAt) : null,
      claimedBy: options.claim?.by ?? null,
      claimExpiresAt: options.claim?.until ?? null,
      ...(status === 'qualified' ? { reviewResult: 'qualified' as const, reviewedAt: now } : {}),
      ...(status === 'supplement_requested'
        ? { supplementSlots: '["other"]', supplementRequestedAt: now }
        : {}),
      createdAt: now,
      updatedAt: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  ids[key] = row.id;
  areas[key] = area;
  numbers[key] = number;
  return row.id;
}

/**
 * A timeline entry written straight into the table, in the registration's area unless `inArea`
 * says where it happened (before a change of area).
 */
async function event(
  key: string,
  kind: RegistrationTimelineEvent,
  occurredAt: string,
  by: Actor | null = null,
  inArea: number = areas[key]!,
) {
  const actorKind =
    by === null
      ? kind === 'auto_confirm' || kind === 'lapse'
        ? ('system' as const)
        : ('candidate' as const)
      : by.roles.includes('qualification_reviewer')
        ? ('qualification_reviewer' as const)
        : ('confirmation_reviewer' as const);
  await ctx.db
    .insertInto('registrationEvents')
    .values({
      registrationId: ids[key]!,
      examAreaId: inArea,
      cycleId,
      event: kind,
      fromStatus: null,
      toStatus: 'submitted',
      actorAccountId: by?.accountId ?? null,
      actorKind,
      occurredAt: new Date(occurredAt),
    })
    .execute();
}

async function offeringOf(area: number, code: string) {
  const row = await ctx.db
    .selectFrom('areaOfferings as o')
    .innerJoin('specialties as s', 's.id', 'o.specialtyId')
    .select('o.id')
    .where('o.examAreaId', '=', area)
    .where('o.cycleId', '=', cycleId)
    .where('s.code', '=', code)
    .executeTakeFirstOrThrow();
  return row.id;
}

async function clientOf(who: { username: string }) {
  const client = new TestClient(ctx.app);
  expectStatus(await client.login(who.username, STRONG_PASSWORD), 200);
  return client;
}

async function dashboardAs(who: { username: string }, query = `cycleId=${cycleId}`) {
  const client = await clientOf(who);
  return client.get(`/api/review/dashboard?${query}`);
}

const dashboardOf = async (who: { username: string }, query?: string) =>
  expectStatus(await dashboardAs(who, query), 200).json<ReviewDashboard>();

beforeAll(async () => {
  ctx = await createTestContext();
  cycleId = await demoCycleId(ctx);
  shanghai = await examAreaId(ctx.db, '31');
  jiangsu = (await createOtherArea(ctx, cycleId)).id;
  passwordHash = await hashPassword(STRONG_PASSWORD);
  staff.admin = await staffAccount(['area_admin'], '31', '考务管理员');
  staff.a = await staffAccount(['confirmation_reviewer'], '31', '甲审核员');
  staff.b = await staffAccount(['confirmation_reviewer'], '31', '乙审核员');
  staff.q = await staffAccount(['qualification_reviewer'], '31', '丙资格审核员');
  staff.x = await staffAccount(['confirmation_reviewer'], '32', '江苏审核员');
  staff.platform = await staffAccount(['platform_admin'], null, '平台管理员');

  // R0 — the real path: a candidate submits through the API, reviewer 甲 confirms (at TEST_NOW,
  // Shanghai 2026-11-20 10:00).
  const ready = await createRegistrationReady(ctx);
  const filled = await fillRegistration(ready, await startRegistration(ready));
  expectStatus(await submit(ready.client, filled.id), 200);
  await decide(ctx, { registrationId: filled.id, reviewer: staff.a, decision: 'confirm' });
  ids.R0 = filled.id;
  const r0 = await ctx.db
    .selectFrom('registrations')
    .select(['cityId', 'areaOfferingId', 'registrationNumber'])
    .where('id', '=', filled.id)
    .executeTakeFirstOrThrow();
  numbers.R0 = r0.registrationNumber;
  c1 = r0.cityId!;
  o303 = r0.areaOfferingId!;
  expect(o303).toBe(await offeringOf(shanghai, '303'));
  o203 = await offeringOf(shanghai, '203');
  const other = await ctx.db
    .selectFrom('examAreaCities')
    .select('id')
    .where('examAreaId', '=', shanghai)
    .where('id', '<>', c1)
    .orderBy('sortOrder')
    .executeTakeFirstOrThrow();
  c2 = other.id;

  const now = ctx.clock.now();
  await seed('D1', { status: 'draft' });
  await seed('D2', { status: 'draft', cityId: c1, offeringId: o303 });
  await seed('S1', {
    status: 'submitted',
    cityId: c1,
    offeringId: o303,
    queuedAt: '2026-11-18T15:59:59Z',
    claim: { by: staff.a.accountId, until: new Date(now.getTime() + minutes(10)) },
  });
  await seed('S2', {
    status: 'submitted',
    cityId: c1,
    offeringId: o303,
    queuedAt: '2026-11-18T16:00:00Z',
    claim: { by: staff.b.accountId, until: new Date(now.getTime() - minutes(1)) },
  });
  await seed('S3', {
    status: 'submitted',
    cityId: c2,
    offeringId: o203,
    queuedAt: '2026-11-17T08:00:00Z',
  });
  await seed('RT', { status: 'returned', cityId: c1, offeringId: o303 });
  await seed('CF', {
    status: 'confirmed',
    cityId: c2,
    offeringId: o303,
    queuedAt: '2026-11-19T05:00:00Z',
  });
  await seed('QL', { status: 'qualified', cityId: c1, offeringId: o303 });
  await seed('AB', { status: 'abandoned', cityId: c2, offeringId: o203 });
  await seed('SR', { status: 'supplement_requested', cityId: c2, offeringId: o203 });
  // Returned in 江苏, then moved to 上海 (修改考区): its earlier timeline belongs to 江苏, the
  // change itself to 上海.
  await seed('MV', { status: 'draft' });

  await event('S3', 'submit', '2026-11-17T08:00:00Z'); // Shanghai 11-17 16:00
  await event('S1', 'submit', '2026-11-18T15:59:59Z'); // Shanghai 11-18 23:59:59
  await event('S2', 'submit', '2026-11-18T16:00:00Z'); // Shanghai 11-19 00:00
  await event('RT', 'submit', '2026-11-18T02:00:00Z');
  await event('RT', 'return', '2026-11-18T16:30:00Z', staff.b); // Shanghai 11-19 00:30
  await event('CF', 'submit', '2026-11-18T03:00:00Z');
  await event('CF', 'confirm', '2026-11-19T05:00:00Z', staff.a);
  await event('QL', 'submit', '2026-11-17T01:00:00Z');
  await event('QL', 'auto_confirm', '2026-11-17T01:00:00Z');
  await event('QL', 'pass_review', '2026-11-19T15:59:00Z', staff.q); // Shanghai 11-19 23:59
  await event('AB', 'submit', '2026-11-17T02:00:00Z');
  await event('AB', 'return', '2026-11-17T03:00:00Z', staff.b);
  await event('AB', 'lapse', '2026-11-19T02:00:00Z');
  await event('SR', 'submit', '2026-11-17T04:00:00Z');
  await event('SR', 'confirm', '2026-11-17T05:00:00Z', staff.a);
  await event('SR', 'request_supplement', '2026-11-18T06:00:00Z', staff.q);
  await event('MV', 'submit', '2026-11-16T02:00:00Z', null, jiangsu);
  await event('MV', 'return', '2026-11-16T03:00:00Z', staff.x, jiangsu);
  await event('MV', 'change_area', '2026-11-16T04:00:00Z');

  // 江苏's own registrations and its reviewer's work.
  const jsCity = await ctx.db
    .selectFrom('examAreaCities')
    .select('id')
    .where('examAreaId', '=', jiangsu)
    .executeTakeFirstOrThrow();
  const js303 = await offeringOf(jiangsu, '303');
  await seed('P1', {
    area: jiangsu,
    status: 'submitted',
    cityId: jsCity.id,
    offeringId: js303,
    queuedAt: '2026-11-18T01:00:00Z',
  });
  await seed('P2', { area: jiangsu, status: 'confirmed', cityId: jsCity.id, offeringId: js303 });
  await event('P1', 'submit', '2026-11-18T01:00:00Z');
  await event('P2', 'submit', '2026-11-18T01:00:00Z');
  await event('P2', 'confirm', '2026-11-18T02:00:00Z', staff.x);
});
afterAll(() => ctx.close());

describe('the dashboard of an exam area (审核统计)', () => {
  let board: ReviewDashboard;
  beforeAll(async () => {
    board = await dashboardOf(staff.admin);
  });

  it('when an area administrator opens it, then it names the area and cycle and counts every registration by status, with labels, zeros included', () => {
    expect(board.examArea).toMatchObject({ id: shanghai, code: '31' });
    expect(board.cycle.id).toBe(cycleId);
    expect(board.generatedAt).toBe(TEST_NOW);
    expect(board.total).toBe(12);
    expect(board.byStatus).toEqual([
      { status: 'draft', label: '未提交', count: 3 },
      { status: 'submitted', label: '待确认', count: 3 },
      { status: 'returned', label: '确认不通过', count: 1 },
      { status: 'confirmed', label: '报名确认', count: 2 },
      { status: 'supplement_requested', label: '待补充材料', count: 1 },
      { status: 'qualified', label: '资格审核通过', count: 1 },
      { status: 'disqualified', label: '资格审核不通过', count: 0 },
      { status: 'paid', label: '已缴费', count: 0 },
      { status: 'abandoned', label: '视为放弃', count: 1 },
    ]);
  });

  it('then specialties count the submitted registrations (not drafts) and those past 报名确认', () => {
    expect(board.bySpecialty).toEqual([
      {
        code: '203',
        name: '护理学(师)',
        level: 'junior',
        levelLabel: '初级(师)',
        count: 3,
        confirmed: 1,
      },
      {
        code: '303',
        name: '内科学',
        level: 'intermediate',
        levelLabel: '中级',
        count: 6,
        confirmed: 3,
      },
    ]);
  });

  it('then every 报名地市 of the area is listed in its order, with zeros, and the same counts', async () => {
    const cities = await ctx.db
      .selectFrom('examAreaCities')
      .select('id')
      .where('examAreaId', '=', shanghai)
      .orderBy('sortOrder')
      .orderBy('code')
      .execute();
    expect(board.byCity.map((c) => c.cityId)).toEqual(cities.map((c) => c.id));
    expect(board.byCity.find((c) => c.cityId === c1)).toMatchObject({ count: 5, confirmed: 2 });
    expect(board.byCity.find((c) => c.cityId === c2)).toMatchObject({ count: 4, confirmed: 2 });
    const rest = board.byCity.filter((c) => c.cityId !== c1 && c.cityId !== c2);
    expect(rest.every((c) => c.count === 0 && c.confirmed === 0)).toBe(true);
    expect(board.byCity.reduce((sum, c) => sum + c.count, 0)).toBe(9);
  });

  it('then per day counts follow Asia/Shanghai days, and what happened in another area before a change of area is left out', () => {
    expect(board.perDay).toEqual([
      {
        date: '2026-11-17',
        submissions: 4,
        confirmations: 2,
        autoConfirmations: 1,
        returns: 1,
        qualificationDecisions: 0,
      },
      {
        date: '2026-11-18',
        submissions: 3,
        confirmations: 0,
        autoConfirmations: 0,
        returns: 0,
        qualificationDecisions: 1,
      },
      {
        date: '2026-11-19',
        submissions: 1,
        confirmations: 1,
        autoConfirmations: 0,
        returns: 1,
        qualificationDecisions: 1,
      },
      {
        date: '2026-11-20',
        submissions: 1,
        confirmations: 1,
        autoConfirmations: 0,
        returns: 0,
        qualificationDecisions: 0,
      },
    ]);
  });

  it('then each reviewer of the area has totals and a line per Shanghai day, busiest first', () => {
    expect(board.reviewers.map((r) => r.name)).toEqual([
      '甲审核员',
      ...['乙审核员', '丙资格审核员'].sort((a, b) => a.localeCompare(b, 'zh-CN')),
    ]);
    expect(board.reviewers[0]).toEqual({
      accountId: staff.a.accountId,
      name: '甲审核员',
      confirmed: 3,
      returned: 0,
      qualificationDecisions: 0,
      lastDecisionAt: TEST_NOW,
      perDay: [
        { date: '2026-11-17', confirmed: 1, returned: 0, qualificationDecisions: 0 },
        { date: '2026-11-19', confirmed: 1, returned: 0, qualificationDecisions: 0 },
        { date: '2026-11-20', confirmed: 1, returned: 0, qualificationDecisions: 0 },
      ],
    });
    expect(board.reviewers.find((r) => r.accountId === staff.b.accountId)).toEqual({
      accountId: staff.b.accountId,
      name: '乙审核员',
      confirmed: 0,
      returned: 2,
      qualificationDecisions: 0,
      lastDecisionAt: '2026-11-18T16:30:00.000Z',
      perDay: [
        { date: '2026-11-17', confirmed: 0, returned: 1, qualificationDecisions: 0 },
        { date: '2026-11-19', confirmed: 0, returned: 1, qualificationDecisions: 0 },
      ],
    });
    expect(board.reviewers.find((r) => r.accountId === staff.q.accountId)).toMatchObject({
      confirmed: 0,
      returned: 0,
      qualificationDecisions: 2,
      perDay: [
        { date: '2026-11-18', confirmed: 0, returned: 0, qualificationDecisions: 1 },
        { date: '2026-11-19', confirmed: 0, returned: 0, qualificationDecisions: 1 },
      ],
    });
  });

  it('then each queue shows how many wait, how many are claimed (live leases only) and the oldest', () => {
    expect(board.queues).toEqual([
      {
        stage: 'confirmation',
        label: '报名确认',
        inQueue: 3,
        waiting: 2,
        claimed: 1,
        oldest: {
          registrationId: ids.S3,
          registrationNumber: numbers.S3,
          queuedAt: '2026-11-17T08:00:00.000Z',
        },
      },
      {
        stage: 'qualification',
        label: '资格审核',
        inQueue: 2,
        waiting: 2,
        claimed: 0,
        oldest: {
          registrationId: ids.CF,
          registrationNumber: numbers.CF,
          queuedAt: '2026-11-19T05:00:00.000Z',
        },
      },
    ]);
  });

  it('when a lease runs out, then the registration counts as waiting again', async () => {
    ctx.clock.advance(minutes(11));
    try {
      const later = await dashboardOf(staff.admin);
      expect(later.queues[0]).toMatchObject({ inQueue: 3, waiting: 3, claimed: 0 });
    } finally {
      ctx.clock.set(TEST_NOW);
    }
  });

  it('then nothing of another exam area is counted or shown', () => {
    const text = JSON.stringify(board);
    expect(text).not.toContain('江苏审核员');
    expect(text).not.toContain(numbers.P1);
    expect(board.reviewers.map((r) => r.accountId)).not.toContain(staff.x.accountId);
  });
});

describe('who may read it', () => {
  it('when reviewers of either stage open it, then they read the same figures as the administrator', async () => {
    const admin = await dashboardOf(staff.admin);
    expect(await dashboardOf(staff.a)).toEqual(admin);
    expect(await dashboardOf(staff.q)).toEqual(admin);
  });

  it('when another area’s reviewer opens it, then only that area’s registrations and work are counted, with what happened there before a change of area', async () => {
    const board = await dashboardOf(staff.x);
    expect(board.examArea.id).toBe(jiangsu);
    expect(board.total).toBe(2);
    expect(board.byStatus.filter((s) => s.count > 0)).toEqual([
      { status: 'submitted', label: '待确认', count: 1 },
      { status: 'confirmed', label: '报名确认', count: 1 },
    ]);
    // MV's submission and return happened in 江苏 before it moved to 上海: they count here.
    expect(board.reviewers).toEqual([
      expect.objectContaining({ accountId: staff.x.accountId, confirmed: 1, returned: 1 }),
    ]);
    expect(board.perDay).toEqual([
      {
        date: '2026-11-16',
        submissions: 1,
        confirmations: 0,
        autoConfirmations: 0,
        returns: 1,
        qualificationDecisions: 0,
      },
      {
        date: '2026-11-18',
        submissions: 2,
        confirmations: 1,
        autoConfirmations: 0,
        returns: 0,
        qualificationDecisions: 0,
      },
    ]);
  });

  it('when staff of one area ask for another area, then it answers not found', async () => {
    const response = await dashboardAs(staff.x, `cycleId=${cycleId}&examAreaId=${shanghai}`);
    expectStatus(response, 404);
    expect(errorOf(response).code).toBe('not_found');
    expectStatus(await dashboardAs(staff.admin, `cycleId=${cycleId}&examAreaId=${jiangsu}`), 404);
    // Their own area named explicitly is fine.
    expectStatus(await dashboardAs(staff.admin, `cycleId=${cycleId}&examAreaId=${shanghai}`), 200);
  });

  it('when a platform administrator opens it, then an exam area must be chosen, and any area can be', async () => {
    const missing = await dashboardAs(staff.platform);
    expectStatus(missing, 400);
    expect(errorOf(missing)).toMatchObject({ code: 'validation_failed', message: '请选择考区。' });
    const board = await dashboardOf(staff.platform, `cycleId=${cycleId}&examAreaId=${shanghai}`);
    expect(board).toEqual(await dashboardOf(staff.admin));
    expect(
      (await dashboardOf(staff.platform, `cycleId=${cycleId}&examAreaId=${jiangsu}`)).total,
    ).toBe(2);
    expectStatus(await dashboardAs(staff.platform, `cycleId=${cycleId}&examAreaId=999999`), 404);
  });

  it('when the cycle does not exist or the query is malformed, then it answers not found or 400', async () => {
    expectStatus(await dashboardAs(staff.admin, 'cycleId=999999'), 404);
    const bad = await dashboardAs(staff.admin, 'cycleId=abc');
    expectStatus(bad, 400);
    expect(errorOf(bad).code).toBe('validation_failed');
    expectStatus(await dashboardAs(staff.admin, `cycleId=${cycleId}&extra=1`), 400);
  });

  it('when a candidate or a visitor asks, then it is refused', async () => {
    const candidate = await createCandidate(ctx.db);
    expectStatus(await dashboardAs(candidate), 403);
    const visitor = new TestClient(ctx.app);
    expectStatus(await visitor.get(`/api/review/dashboard?cycleId=${cycleId}`), 401);
  });
});
