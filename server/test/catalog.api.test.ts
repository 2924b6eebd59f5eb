import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkPassword,
  formatShanghai,
  PHASE_KIND_LIST,
  type CatalogOverview,
  type PhaseKind,
} from '@hqe/core';
import { verifyPassword } from '../src/lib/secrets';
import { ensureFirstPlatformAdmin } from '../src/modules/accounts';
import { seedReferenceData } from '../src/modules/catalog';
import {
  demoPhases,
  EXAM,
  SHANGHAI,
  startOfShanghaiDay,
} from '../src/modules/catalog/reference-data';
import { createTestContext, TEST_NOW, TestClient, type TestContext } from './test-app';

const DAY = 86_400_000;

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

async function overview(): Promise<CatalogOverview> {
  const response = await new TestClient(ctx.app).get('/api/catalog/overview');
  expect(response.statusCode).toBe(200);
  return response.json<CatalogOverview>();
}

function shanghaiPhases(body: CatalogOverview) {
  const exam = body.exams.find((e) => e.code === EXAM.code);
  const cycle = exam?.cycles[0];
  const area = cycle?.areas.find((a) => a.code === '31');
  if (!exam || !cycle || !area) throw new Error('no Shanghai calendar in the overview');
  return { exam, cycle, area, byKind: new Map(area.phases.map((p) => [p.kind, p])) };
}

async function tableCounts() {
  const count = async (
    table: 'exams' | 'examAreas' | 'examAreaCities' | 'specialties' | 'cycles' | 'cyclePhases',
  ) => {
    const row = await ctx.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return row.n;
  };
  return {
    exams: await count('exams'),
    examAreas: await count('examAreas'),
    examAreaCities: await count('examAreaCities'),
    specialties: await count('specialties'),
    cycles: await count('cycles'),
    cyclePhases: await count('cyclePhases'),
  };
}

describe('GET /api/catalog/overview', () => {
  it('when a visitor asks, then the exam and the Shanghai demo calendar are shown', async () => {
    const body = await overview();
    expect(body.now).toBe(TEST_NOW);
    expect(body.exams).toHaveLength(1);
    const { exam, cycle, area } = shanghaiPhases(body);
    expect(exam).toMatchObject({ code: 'HPTQ', name: '全国卫生专业技术资格考试' });
    expect(exam.cycles).toHaveLength(1);
    expect(cycle.year).toBe(2027);
    expect(cycle.name).toContain('2027');
    expect(area).toMatchObject({ code: '31', name: '上海' });
  });

  it('when the cycle is for 2027, then the work-years cut-off is 31 December 2026', async () => {
    const { cycle } = shanghaiPhases(await overview());
    expect(cycle.workYearsCutoff).toBe('2026-12-31');
  });

  it('when listing phases, then they follow PHASE_KIND_LIST with Chinese labels', async () => {
    const { area } = shanghaiPhases(await overview());
    expect(area.phases.map((p) => p.kind)).toEqual(PHASE_KIND_LIST);
    expect(area.phases.find((p) => p.kind === 'registration')?.label).toBe('网上报名');
    expect(area.phases.find((p) => p.kind === 'exam')?.label).toBe('考试');
  });

  it('when it is the test instant, then registration is open and the exam upcoming', async () => {
    const { area, byKind } = shanghaiPhases(await overview());
    expect(byKind.get('registration')).toMatchObject({
      status: 'open',
      // Shanghai midnight seven days before 2026-11-20, and thirty days after.
      startsAt: '2026-11-12T16:00:00.000Z',
      endsAt: '2026-12-19T16:00:00.000Z',
    });
    expect(byKind.get('exam')).toMatchObject({
      status: 'upcoming',
      startsAt: '2027-03-29T16:00:00.000Z',
      endsAt: '2027-03-31T16:00:00.000Z',
    });
    for (const phase of area.phases.filter((p) => p.kind !== 'exam')) {
      expect(phase.status, phase.kind).toBe('open');
    }
  });

  it('when the clock reaches the end instant of registration, then it shows closed', async () => {
    const { byKind } = shanghaiPhases(await overview());
    const endsAt = new Date(byKind.get('registration')!.endsAt);
    try {
      ctx.clock.set(new Date(endsAt.getTime() - 1));
      expect(shanghaiPhases(await overview()).byKind.get('registration')?.status).toBe('open');
      ctx.clock.set(endsAt);
      const after = shanghaiPhases(await overview()).byKind;
      expect(after.get('registration')?.status).toBe('closed');
      expect(after.get('confirmation')?.status).toBe('open');
    } finally {
      ctx.clock.set(TEST_NOW);
    }
  });

  it('when the clock is before the first phase, then every phase is upcoming', async () => {
    try {
      ctx.clock.set('2026-11-12T15:59:59.999Z');
      const { area } = shanghaiPhases(await overview());
      expect(area.phases.map((p) => p.status)).toEqual(PHASE_KIND_LIST.map(() => 'upcoming'));
    } finally {
      ctx.clock.set(TEST_NOW);
    }
  });
});

describe('GET /api/exam-areas', () => {
  it('when a visitor asks, then Shanghai (31) is listed', async () => {
    const response = await new TestClient(ctx.app).get('/api/exam-areas');
    expect(response.statusCode).toBe(200);
    const body = response.json<{ items: { id: number; code: string; name: string }[] }>();
    expect(body.items.map(({ code, name }) => ({ code, name }))).toEqual([
      { code: '31', name: '上海' },
    ]);
    const shanghai = await ctx.db
      .selectFrom('examAreas')
      .select('id')
      .where('code', '=', '31')
      .executeTakeFirstOrThrow();
    expect(body.items[0]?.id).toBe(shanghai.id);
  });
});

describe('reference data seeding', () => {
  it('when the seed has run, then 113 specialties are loaded with their levels', async () => {
    const rows = await ctx.db.selectFrom('specialties').select(['code', 'name', 'level']).execute();
    expect(rows).toHaveLength(113);
    const byCode = new Map(rows.map((r) => [r.code, r]));
    expect(byCode.get('101')).toMatchObject({ name: '药学(士)', level: 'junior_assistant' });
    expect(byCode.get('203')).toMatchObject({ name: '护理学(师)', level: 'junior' });
    expect(byCode.get('368')).toMatchObject({ name: '护理学(中级)', level: 'intermediate' });
    const perLevel = { junior_assistant: 0, junior: 0, intermediate: 0 };
    for (const r of rows) perLevel[r.level] += 1;
    expect(perLevel).toEqual({ junior_assistant: 10, junior: 15, intermediate: 88 });
  });

  it('when the seed has run, then Shanghai has its 16 districts in order', async () => {
    const cities = await ctx.db
      .selectFrom('examAreaCities as c')
      .innerJoin('examAreas as a', 'a.id', 'c.examAreaId')
      .select(['c.code', 'c.name', 'c.sortOrder'])
      .where('a.code', '=', '31')
      .orderBy('c.sortOrder')
      .execute();
    expect(cities).toHaveLength(16);
    expect(cities[0]).toEqual({ code: '310101', name: '黄浦区', sortOrder: 1 });
    expect(cities[15]).toEqual({ code: '310151', name: '崇明区', sortOrder: 16 });
    expect(cities.map((c) => c.code)).toEqual(SHANGHAI.cities.map(([code]) => code));
  });

  it('when the seed runs again, then every row count stays the same', async () => {
    const before = await tableCounts();
    expect(before).toEqual({
      exams: 1,
      examAreas: 1,
      examAreaCities: 16,
      specialties: 113,
      cycles: 1,
      cyclePhases: PHASE_KIND_LIST.length,
    });
    await seedReferenceData(ctx.db, { now: ctx.clock.now(), demoCycle: true });
    await seedReferenceData(ctx.db, { now: ctx.clock.now(), demoCycle: true });
    expect(await tableCounts()).toEqual(before);
  });

  it('when the seed runs a year later, then no second demo cycle is added', async () => {
    const before = await tableCounts();
    await seedReferenceData(ctx.db, { now: new Date('2027-11-20T02:00:00.000Z'), demoCycle: true });
    expect(await tableCounts()).toEqual(before);
    const cycles = await ctx.db.selectFrom('cycles').select('year').execute();
    expect(cycles).toEqual([{ year: 2027 }]);
  });

  it('when an admin renamed a specialty, then seeding again keeps the edit', async () => {
    const edited = '药学(士)（考区修订名称）';
    await ctx.db
      .updateTable('specialties')
      .set({ name: edited })
      .where('code', '=', '101')
      .execute();
    await seedReferenceData(ctx.db, { now: ctx.clock.now(), demoCycle: true });
    const row = await ctx.db
      .selectFrom('specialties')
      .select('name')
      .where('code', '=', '101')
      .executeTakeFirstOrThrow();
    expect(row.name).toBe(edited);
    expect(await ctx.db.selectFrom('specialties').select('id').execute()).toHaveLength(113);
  });
});

describe('startOfShanghaiDay and demoPhases', () => {
  it('when the instant is 2026-11-19T16:00:00Z, then it is Shanghai midnight of 11-20', () => {
    const midnight = new Date('2026-11-19T16:00:00.000Z');
    expect(formatShanghai(midnight)).toBe('2026-11-20 00:00');
    expect(startOfShanghaiDay(midnight).toISOString()).toBe('2026-11-19T16:00:00.000Z');
    expect(startOfShanghaiDay(new Date('2026-11-20T15:59:59.999Z')).toISOString()).toBe(
      '2026-11-19T16:00:00.000Z',
    );
  });

  it('when the instant is 1 ms before Shanghai midnight, then the day is the previous one', () => {
    expect(startOfShanghaiDay(new Date('2026-11-19T15:59:59.999Z')).toISOString()).toBe(
      '2026-11-18T16:00:00.000Z',
    );
  });

  it('when demo phases are built at Shanghai midnight, then they start 7 days earlier', () => {
    const midnight = new Date('2026-11-19T16:00:00.000Z');
    const phases = demoPhases(midnight);
    expect(phases.map((p) => p.kind)).toEqual(PHASE_KIND_LIST);
    const registration = phases.find((p) => p.kind === 'registration')!;
    expect(registration.startsAt.toISOString()).toBe('2026-11-12T16:00:00.000Z');
    expect(registration.endsAt.toISOString()).toBe('2026-12-19T16:00:00.000Z');
    const oneMsEarlier = demoPhases(new Date(midnight.getTime() - 1));
    expect(oneMsEarlier[0]!.startsAt.getTime()).toBe(registration.startsAt.getTime() - DAY);
  });

  it('when demo phases are built, then each is open at that instant except the exam ahead', () => {
    const now = new Date(TEST_NOW);
    const open = (p: { startsAt: Date; endsAt: Date }) =>
      p.startsAt.getTime() <= now.getTime() && now.getTime() < p.endsAt.getTime();
    const status = new Map<PhaseKind, boolean>(demoPhases(now).map((p) => [p.kind, open(p)]));
    for (const kind of PHASE_KIND_LIST) expect(status.get(kind), kind).toBe(kind !== 'exam');
    for (const p of demoPhases(now)) {
      expect(p.endsAt.getTime()).toBeGreaterThan(p.startsAt.getTime());
      // Every boundary is a Shanghai midnight.
      expect(formatShanghai(p.startsAt)).toMatch(/ 00:00$/);
      expect(formatShanghai(p.endsAt)).toMatch(/ 00:00$/);
    }
  });
});

/*
 * The first platform admin. These run on this file's own database, which holds no account until
 * here; they must stay in this order (the last one logs in, which ties the account to events).
 */
describe('ensureFirstPlatformAdmin', () => {
  const accounts = () => ctx.db.selectFrom('accounts').selectAll().orderBy('id').execute();
  const creationEvents = () =>
    ctx.db.selectFrom('auditEvents').selectAll().where('action', '=', 'account.created').execute();

  it('when a given password breaks the staff policy, then it throws and creates nothing', async () => {
    expect(await accounts()).toEqual([]);
    await expect(
      ensureFirstPlatformAdmin(ctx.db, ctx.clock, {
        username: 'admin',
        password: 'admin-12345678',
      }),
    ).rejects.toThrow(/INITIAL_ADMIN_PASSWORD/);
    await expect(
      ensureFirstPlatformAdmin(ctx.db, ctx.clock, {
        username: 'admin',
        password: 'alllowercase!!',
      }),
    ).rejects.toThrow(/staff password policy/);
    expect(await accounts()).toEqual([]);
    expect(await creationEvents()).toEqual([]);
  });

  it('when no account exists, then one platform admin is created with a generated password', async () => {
    const result = await ensureFirstPlatformAdmin(ctx.db, ctx.clock, {
      username: 'admin',
      password: undefined,
    });

    expect(result.created).toBe(true);
    expect(result.username).toBe('admin');
    const password = result.generatedPassword;
    expect(password).toEqual(expect.any(String));
    expect(checkPassword(password!, 'staff', 'admin')).toEqual([]);

    const rows = await accounts();
    expect(rows).toHaveLength(1);
    const admin = rows[0]!;
    expect(admin).toMatchObject({
      kind: 'staff',
      username: 'admin',
      roles: ['platform_admin'],
      examAreaId: null,
      status: 'active',
      mustChangePassword: true,
    });
    expect(admin.createdAt.toISOString()).toBe(TEST_NOW);
    expect(admin.passwordHash).not.toContain(password!);
    expect(await verifyPassword(admin.passwordHash, password!)).toBe(true);

    const events = await creationEvents();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorAccountId: null,
      examAreaId: null,
      entityType: 'account',
      entityId: String(admin.id),
      after: { username: 'admin', roles: ['platform_admin'], reason: 'first_run' },
    });
    expect(JSON.stringify(events[0])).not.toContain(password!);
  });

  it('when a platform admin already exists, then a second call creates nothing', async () => {
    const result = await ensureFirstPlatformAdmin(ctx.db, ctx.clock, {
      username: 'root',
      password: 'An0ther-Valid-Passw0rd',
    });
    expect(result).toEqual({ created: false, username: 'admin' });
    expect(await accounts()).toHaveLength(1);
    expect(await creationEvents()).toHaveLength(1);
  });

  it('when a valid password is given on an empty table, then no change is required and login works', async () => {
    // Back to a fresh installation: the first admin's event has no actor, so nothing refers to it.
    await ctx.db.deleteFrom('accounts').execute();
    const password = 'Operat0r-Chosen-Pw!';

    const result = await ensureFirstPlatformAdmin(ctx.db, ctx.clock, {
      username: 'ops.admin',
      password,
    });

    expect(result).toEqual({ created: true, username: 'ops.admin' });
    const [admin] = await accounts();
    expect(admin).toMatchObject({
      username: 'ops.admin',
      roles: ['platform_admin'],
      mustChangePassword: false,
    });

    const client = new TestClient(ctx.app);
    const login = await client.login('ops.admin', password);
    expect(login.statusCode).toBe(200);
    expect(login.json()).toMatchObject({
      account: { username: 'ops.admin', roles: ['platform_admin'], mustChangePassword: false },
    });
    // No forced password change: the admin can use a guarded route at once.
    const audit = await client.get('/api/audit-events?action=account.created');
    expect(audit.statusCode).toBe(200);
    expect(audit.json<{ total: number }>().total).toBe(2);
  });
});
