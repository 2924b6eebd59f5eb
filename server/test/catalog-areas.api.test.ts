import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AdminRegistrationCity,
  AdminRegistrationCityList,
  ExamView,
  PublicTestSiteList,
  RegistrationCityList,
} from '@hqe/core';
import type { Kysely } from 'kysely';
import { openDatabase } from '../src/db/database';
import * as m0001 from '../src/db/migrations/0001-foundation';
import * as m0002 from '../src/db/migrations/0002-catalog';
import * as m0003 from '../src/db/migrations/0003-area-settings';
import { SHANGHAI } from '../src/modules/catalog/reference-data';
import { areaStaff } from './support-area-staff';
import { createTestContext, type TestClient, type TestContext } from './test-app';

/**
 * Exam areas (考区), their registration cities (报名地市) and the public lists candidates read:
 * who may change what, validation, audit, and that nothing changes on a refusal.
 */
let ctx: TestContext;
let shanghai: number;
let otherArea: number;
let platform: TestClient;
let platformId: number;
let shanghaiAdmin: TestClient;
let shanghaiAdminId: number;
let otherAdmin: TestClient;
let reviewer: TestClient;
let candidate: TestClient;
let visitor: TestClient;

beforeAll(async () => {
  ctx = await createTestContext();
  ({
    shanghai,
    otherArea,
    platform,
    platformId,
    shanghaiAdmin,
    shanghaiAdminId,
    otherAdmin,
    reviewer,
    candidate,
    visitor,
  } = await areaStaff(ctx));
});
afterAll(() => ctx.close());

type Body = { json: () => unknown };
const errorOf = (r: Body) =>
  (r.json() as { error: { code: string; message: string; details?: unknown } }).error;
const issuePaths = (r: Body) =>
  (errorOf(r).details as { issues: { path: string }[] }).issues.map((i) => i.path);
const put = (client: TestClient, url: string, body: unknown) =>
  client.request('PUT', url, { body });

interface AuditRow {
  actorAccountId: number | null;
  examAreaId: number | null;
  entityType: string;
  entityId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}
async function audits(action: string): Promise<AuditRow[]> {
  return (await ctx.db
    .selectFrom('auditEvents')
    .selectAll()
    .where('action', '=', action)
    .orderBy('id')
    .execute()) as AuditRow[];
}
async function lastAudit(action: string): Promise<AuditRow> {
  const event = (await audits(action)).at(-1);
  if (!event) throw new Error(`no ${action} audit event`);
  return event;
}

/** Everything a refused request must leave alone: areas, cities, and the audit log. */
async function snapshot() {
  return {
    areas: await ctx.db.selectFrom('examAreas').selectAll().orderBy('id').execute(),
    cities: await ctx.db.selectFrom('examAreaCities').selectAll().orderBy('id').execute(),
    audit: (await ctx.db.selectFrom('auditEvents').select('id').execute()).length,
  };
}

const citiesOf = async (areaId: number) =>
  ctx.db
    .selectFrom('examAreaCities')
    .selectAll()
    .where('examAreaId', '=', areaId)
    .orderBy('sortOrder')
    .orderBy('code')
    .execute();

// --- exams and exam areas -------------------------------------------------------------------

describe('exams and exam areas', () => {
  it('when an administrator lists the exams, then the seeded exam is there', async () => {
    const response = await shanghaiAdmin.get('/api/admin/exams');
    expect(response.statusCode).toBe(200);
    expect(response.json<{ items: ExamView[] }>().items).toEqual([
      { id: expect.any(Number) as number, code: 'HPTQ', name: '全国卫生专业技术资格考试' },
    ]);
    expect((await reviewer.get('/api/admin/exams')).statusCode).toBe(403);
    expect((await visitor.get('/api/admin/exams')).statusCode).toBe(401);
  });

  it('when a platform admin adds an exam area, then it is listed and audited', async () => {
    const response = await platform.post('/api/admin/exam-areas', { code: ' 33 ', name: '浙江' });
    expect(response.statusCode).toBe(201);
    const area = response.json<{ id: number; code: string; name: string }>();
    expect(area).toEqual({ id: expect.any(Number) as number, code: '33', name: '浙江' });

    const list = await visitor.get('/api/exam-areas');
    expect(list.json<{ items: { code: string }[] }>().items.map((a) => a.code)).toContain('33');

    const event = await lastAudit('exam_area.created');
    expect(event).toMatchObject({
      actorAccountId: platformId,
      examAreaId: area.id,
      entityType: 'exam_area',
      entityId: String(area.id),
      before: null,
      after: { code: '33', name: '浙江' },
    });

    // A new area starts with no registration cities and no test sites.
    const cities = await visitor.get('/api/catalog/exam-areas/33/cities');
    expect(cities.statusCode).toBe(200);
    expect(cities.json<RegistrationCityList>()).toEqual({
      examArea: { id: area.id, code: '33', name: '浙江' },
      items: [],
    });
  });

  it('when the code or the name is invalid, then 400 naming the field and nothing is created', async () => {
    const before = await snapshot();
    for (const [body, path] of [
      [{ code: '3', name: '某省' }, 'code'],
      [{ code: '03', name: '某省' }, 'code'],
      [{ code: 'ab', name: '某省' }, 'code'],
      [{ code: '34', name: '   ' }, 'name'],
      [{ code: '34', name: '很'.repeat(21) }, 'name'],
      [{ code: '34' }, 'name'],
    ] as const) {
      const response = await platform.post('/api/admin/exam-areas', body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(errorOf(response).code).toBe('validation_failed');
      expect(issuePaths(response)).toContain(path);
    }
    const unknownField = await platform.post('/api/admin/exam-areas', {
      code: '34',
      name: '安徽',
      active: true,
    });
    expect(unknownField.statusCode).toBe(400);
    expect(JSON.stringify(errorOf(unknownField).details)).toContain('active');
    expect(errorOf(unknownField).message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await snapshot()).toEqual(before);
  });

  it('when the code or the name is taken, then 409 naming the field and nothing is created', async () => {
    const before = await snapshot();
    const sameCode = await platform.post('/api/admin/exam-areas', { code: '31', name: '沪' });
    expect(sameCode.statusCode).toBe(409);
    expect(errorOf(sameCode)).toMatchObject({ code: 'conflict' });
    expect(errorOf(sameCode).message).toContain('上海');
    expect(issuePaths(sameCode)).toEqual(['code']);
    const sameName = await platform.post('/api/admin/exam-areas', { code: '35', name: '上海' });
    expect(sameName.statusCode).toBe(409);
    expect(issuePaths(sameName)).toEqual(['name']);
    expect(await snapshot()).toEqual(before);
  });

  it('when a platform admin renames an area, then the name changes, the code stays, and it is audited', async () => {
    const created = (
      await platform.post('/api/admin/exam-areas', { code: '36', name: '江西考区' })
    ).json<{ id: number }>();
    const response = await put(platform, `/api/admin/exam-areas/${created.id}`, { name: '江西' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ id: created.id, code: '36', name: '江西' });
    expect(await lastAudit('exam_area.updated')).toMatchObject({
      actorAccountId: platformId,
      examAreaId: created.id,
      before: { code: '36', name: '江西考区' },
      after: { code: '36', name: '江西' },
    });

    const before = await snapshot();
    const clash = await put(platform, `/api/admin/exam-areas/${created.id}`, { name: '上海' });
    expect(clash.statusCode).toBe(409);
    expect(issuePaths(clash)).toEqual(['name']);
    const codeChange = await put(platform, `/api/admin/exam-areas/${created.id}`, {
      name: '江西',
      code: '37',
    });
    expect(codeChange.statusCode).toBe(400);
    const unknown = await put(platform, '/api/admin/exam-areas/999999', { name: '无此考区' });
    expect(unknown.statusCode).toBe(404);
    expect(errorOf(unknown).code).toBe('not_found');
    expect(await snapshot()).toEqual(before);
  });

  it('when anyone but a platform admin adds or renames an area, then it is refused and nothing changes', async () => {
    const before = await snapshot();
    for (const client of [shanghaiAdmin, otherAdmin, reviewer, candidate]) {
      const create = await client.post('/api/admin/exam-areas', { code: '41', name: '河南' });
      expect(create.statusCode).toBe(403);
      expect(errorOf(create).code).toBe('forbidden');
      const rename = await put(client, `/api/admin/exam-areas/${shanghai}`, { name: '上海市' });
      expect(rename.statusCode).toBe(403);
    }
    expect(
      (await visitor.post('/api/admin/exam-areas', { code: '41', name: '河南' })).statusCode,
    ).toBe(401);
    expect(await snapshot()).toEqual(before);
  });
});

// --- registration cities --------------------------------------------------------------------

describe('registration cities (报名地市)', () => {
  it('when the Shanghai admin lists the cities, then the 16 districts come in order, all in use', async () => {
    const response = await shanghaiAdmin.get(`/api/admin/exam-areas/${shanghai}/cities`);
    expect(response.statusCode).toBe(200);
    const list = response.json<AdminRegistrationCityList>();
    expect(list.examAreaId).toBe(shanghai);
    expect(list.items.map((c) => [c.code, c.name])).toEqual(SHANGHAI.cities.map((c) => [...c]));
    expect(list.items.every((c) => c.active && c.examAreaId === shanghai)).toBe(true);
    expect(list.items.map((c) => c.sortOrder)).toEqual(SHANGHAI.cities.map((_, i) => i + 1));
    expect((await platform.get(`/api/admin/exam-areas/${shanghai}/cities`)).statusCode).toBe(200);
    expect((await platform.get('/api/admin/exam-areas/999999/cities')).statusCode).toBe(404);
  });

  it("when an area admin of another area, a reviewer or a candidate touches Shanghai's cities, then 403 and nothing changes", async () => {
    const city = (await citiesOf(shanghai))[0]!;
    const before = await snapshot();
    for (const client of [otherAdmin, reviewer, candidate]) {
      const calls = [
        await client.get(`/api/admin/exam-areas/${shanghai}/cities`),
        await client.post(`/api/admin/exam-areas/${shanghai}/cities`, {
          code: '310198',
          name: '越权区',
        }),
        await put(client, `/api/admin/cities/${city.id}`, { name: '越权改名' }),
        await client.post(`/api/admin/cities/${city.id}/deactivate`),
        await put(client, `/api/admin/exam-areas/${shanghai}/cities/order`, {
          cityIds: (await citiesOf(shanghai)).map((c) => c.id).reverse(),
        }),
      ];
      for (const response of calls) {
        expect(response.statusCode).toBe(403);
        expect(errorOf(response).code).toBe('forbidden');
      }
    }
    expect((await visitor.get(`/api/admin/exam-areas/${shanghai}/cities`)).statusCode).toBe(401);
    expect(await snapshot()).toEqual(before);
  });

  it('when the Shanghai admin adds a city, then it comes last, in use, and is audited', async () => {
    const response = await shanghaiAdmin.post(`/api/admin/exam-areas/${shanghai}/cities`, {
      code: '310199',
      name: ' 测试新区 ',
    });
    expect(response.statusCode).toBe(201);
    const city = response.json<AdminRegistrationCity>();
    expect(city).toEqual({
      id: expect.any(Number) as number,
      examAreaId: shanghai,
      code: '310199',
      name: '测试新区',
      sortOrder: SHANGHAI.cities.length + 1,
      active: true,
    });
    expect(await lastAudit('registration_city.created')).toMatchObject({
      actorAccountId: shanghaiAdminId,
      examAreaId: shanghai,
      entityType: 'registration_city',
      entityId: String(city.id),
      after: { code: '310199', name: '测试新区', sortOrder: 17, active: true },
    });
    const list = (
      await visitor.get('/api/catalog/exam-areas/31/cities')
    ).json<RegistrationCityList>();
    expect(list.items.at(-1)).toEqual({ id: city.id, code: '310199', name: '测试新区' });
  });

  it('when a new city is invalid or clashes, then 400 or 409 naming the field and nothing is added', async () => {
    const before = await snapshot();
    for (const [body, path] of [
      [{ code: '3101', name: '短代码区' }, 'code'],
      [{ code: '31010a', name: '字母区' }, 'code'],
      [{ code: '310197', name: '' }, 'name'],
      [{ code: '310197', name: '长'.repeat(31) }, 'name'],
    ] as const) {
      const response = await shanghaiAdmin.post(`/api/admin/exam-areas/${shanghai}/cities`, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(issuePaths(response)).toContain(path);
    }
    const sameCode = await shanghaiAdmin.post(`/api/admin/exam-areas/${shanghai}/cities`, {
      code: '310101',
      name: '另一个区',
    });
    expect(sameCode.statusCode).toBe(409);
    expect(errorOf(sameCode).message).toContain('黄浦区');
    expect(issuePaths(sameCode)).toEqual(['code']);
    const sameName = await shanghaiAdmin.post(`/api/admin/exam-areas/${shanghai}/cities`, {
      code: '310197',
      name: '徐汇区',
    });
    expect(sameName.statusCode).toBe(409);
    expect(issuePaths(sameName)).toEqual(['name']);
    const unknownArea = await platform.post('/api/admin/exam-areas/999999/cities', {
      code: '310197',
      name: '无考区',
    });
    expect(unknownArea.statusCode).toBe(404);
    expect(await snapshot()).toEqual(before);
  });

  it('when a city of another area has the same code, then it is no clash', async () => {
    const response = await otherAdmin.post(`/api/admin/exam-areas/${otherArea}/cities`, {
      code: '310101',
      name: '黄浦区',
    });
    expect(response.statusCode).toBe(201);
    expect(response.json<AdminRegistrationCity>()).toMatchObject({
      examAreaId: otherArea,
      sortOrder: 1,
    });
  });

  it('when a city is renamed, then the code stays and it is audited; a clash or an unknown city is refused', async () => {
    const city = (await citiesOf(shanghai)).find((c) => c.code === '310151')!;
    const response = await put(shanghaiAdmin, `/api/admin/cities/${city.id}`, { name: '崇明' });
    expect(response.statusCode).toBe(200);
    expect(response.json<AdminRegistrationCity>()).toMatchObject({
      id: city.id,
      code: '310151',
      name: '崇明',
    });
    expect(await lastAudit('registration_city.renamed')).toMatchObject({
      examAreaId: shanghai,
      before: { code: '310151', name: '崇明区' },
      after: { code: '310151', name: '崇明' },
    });
    // Its own name again is fine (no clash with itself).
    expect(
      (await put(shanghaiAdmin, `/api/admin/cities/${city.id}`, { name: '崇明区' })).statusCode,
    ).toBe(200);

    const before = await snapshot();
    const clash = await put(shanghaiAdmin, `/api/admin/cities/${city.id}`, { name: '黄浦区' });
    expect(clash.statusCode).toBe(409);
    expect(issuePaths(clash)).toEqual(['name']);
    const blank = await put(shanghaiAdmin, `/api/admin/cities/${city.id}`, { name: ' ' });
    expect(blank.statusCode).toBe(400);
    const code = await put(shanghaiAdmin, `/api/admin/cities/${city.id}`, {
      name: '崇明区',
      code: '310152',
    });
    expect(code.statusCode).toBe(400);
    expect((await put(shanghaiAdmin, '/api/admin/cities/999999', { name: '无' })).statusCode).toBe(
      404,
    );
    expect(await snapshot()).toEqual(before);
  });

  it('when a city is deactivated, then candidates no longer see it, the row stays, and it can be reactivated', async () => {
    const city = (await citiesOf(shanghai)).find((c) => c.code === '310120')!;
    const off = await shanghaiAdmin.post(`/api/admin/cities/${city.id}/deactivate`);
    expect(off.statusCode).toBe(200);
    expect(off.json<AdminRegistrationCity>()).toMatchObject({ id: city.id, active: false });
    expect(await lastAudit('registration_city.deactivated')).toMatchObject({
      examAreaId: shanghai,
      entityId: String(city.id),
      before: { active: true },
      after: { active: false },
    });

    const publicList = (
      await visitor.get('/api/catalog/exam-areas/31/cities')
    ).json<RegistrationCityList>();
    expect(publicList.items.map((c) => c.code)).not.toContain('310120');
    const adminList = (
      await shanghaiAdmin.get(`/api/admin/exam-areas/${shanghai}/cities`)
    ).json<AdminRegistrationCityList>();
    expect(adminList.items.find((c) => c.id === city.id)).toMatchObject({ active: false });

    const before = await snapshot();
    const again = await shanghaiAdmin.post(`/api/admin/cities/${city.id}/deactivate`);
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).code).toBe('invalid_transition');
    expect(await snapshot()).toEqual(before);

    const on = await platform.post(`/api/admin/cities/${city.id}/activate`);
    expect(on.statusCode).toBe(200);
    expect(on.json<AdminRegistrationCity>().active).toBe(true);
    expect(await lastAudit('registration_city.activated')).toMatchObject({
      actorAccountId: platformId,
      after: { active: true },
    });
    const back = (
      await visitor.get('/api/catalog/exam-areas/31/cities')
    ).json<RegistrationCityList>();
    expect(back.items.map((c) => c.code)).toContain('310120');
    expect((await platform.post('/api/admin/cities/999999/activate')).statusCode).toBe(404);
  });

  it('when the cities are reordered, then candidates see the new order and it is audited', async () => {
    const current = await citiesOf(shanghai);
    const reversed = [...current].reverse();
    const response = await put(shanghaiAdmin, `/api/admin/exam-areas/${shanghai}/cities/order`, {
      cityIds: reversed.map((c) => c.id),
    });
    expect(response.statusCode).toBe(200);
    const list = response.json<AdminRegistrationCityList>();
    expect(list.items.map((c) => c.id)).toEqual(reversed.map((c) => c.id));
    expect(list.items.map((c) => c.sortOrder)).toEqual(reversed.map((_, i) => i + 1));

    const publicList = (
      await visitor.get('/api/catalog/exam-areas/31/cities')
    ).json<RegistrationCityList>();
    expect(publicList.items.map((c) => c.id)).toEqual(
      reversed.filter((c) => c.active).map((c) => c.id),
    );
    expect(await lastAudit('registration_cities.reordered')).toMatchObject({
      actorAccountId: shanghaiAdminId,
      examAreaId: shanghai,
      entityType: 'exam_area',
      before: { order: current.map((c) => c.code) },
      after: { order: reversed.map((c) => c.code) },
    });
  });

  it('when a reorder leaves a city out, names a foreign or repeated one, then 400 and the order stays', async () => {
    const current = await citiesOf(shanghai);
    const ids = current.map((c) => c.id);
    const foreign = (await citiesOf(otherArea))[0]!.id;
    const before = await snapshot();
    const url = `/api/admin/exam-areas/${shanghai}/cities/order`;

    const missing = await put(shanghaiAdmin, url, { cityIds: ids.slice(1) });
    expect(missing.statusCode).toBe(400);
    expect(errorOf(missing).code).toBe('validation_failed');
    expect(errorOf(missing).message).toContain('刷新页面');
    expect(issuePaths(missing)).toEqual(['cityIds']);

    const withForeign = await put(shanghaiAdmin, url, { cityIds: [...ids.slice(1), foreign] });
    expect(withForeign.statusCode).toBe(400);
    expect(issuePaths(withForeign)).toEqual([`cityIds.${ids.length - 1}`]);

    const repeated = await put(shanghaiAdmin, url, { cityIds: [ids[0], ...ids] });
    expect(repeated.statusCode).toBe(400);
    const empty = await put(shanghaiAdmin, url, { cityIds: [] });
    expect(empty.statusCode).toBe(400);
    const notNumbers = await put(shanghaiAdmin, url, { cityIds: ['a'] });
    expect(notNumbers.statusCode).toBe(400);
    expect(await snapshot()).toEqual(before);
  });
});

// --- the public lists -----------------------------------------------------------------------

describe('public lists of an area (no login)', () => {
  it('when a visitor lists the test sites of Shanghai, then only those in use come, by code, with id, code, name and address', async () => {
    const response = await visitor.get('/api/catalog/exam-areas/31/test-sites');
    expect(response.statusCode).toBe(200);
    const list = response.json<PublicTestSiteList>();
    expect(list.examArea).toEqual({ id: shanghai, code: '31', name: '上海' });
    expect(list.items.map((s) => s.code)).toEqual(['3101', '3102', '3103']);
    expect(Object.keys(list.items[0]!).sort()).toEqual(['address', 'code', 'id', 'name']);

    const site = await ctx.db
      .selectFrom('testSites')
      .select('id')
      .where('examAreaId', '=', shanghai)
      .where('code', '=', '3102')
      .executeTakeFirstOrThrow();
    expect(
      (await shanghaiAdmin.post(`/api/admin/test-sites/${site.id}/deactivate`)).statusCode,
    ).toBe(200);
    const after = (
      await visitor.get('/api/catalog/exam-areas/31/test-sites')
    ).json<PublicTestSiteList>();
    expect(after.items.map((s) => s.code)).toEqual(['3101', '3103']);
    // No login needed and nothing cached.
    const anonymous = await ctx.app.inject({
      method: 'GET',
      url: '/api/catalog/exam-areas/31/test-sites',
    });
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.headers['cache-control']).toBe('no-store');
  });

  it('when the area is unknown, then 404 not_found; when the code is malformed, then 400', async () => {
    for (const what of ['test-sites', 'cities']) {
      const unknown = await visitor.get(`/api/catalog/exam-areas/99/${what}`);
      expect(unknown.statusCode).toBe(404);
      expect(errorOf(unknown).code).toBe('not_found');
      expect(errorOf(unknown).message).toContain('99');
      for (const bad of ['3', 'abc', '311']) {
        const response = await visitor.get(`/api/catalog/exam-areas/${bad}/${what}`);
        expect(response.statusCode, bad).toBe(400);
        expect(errorOf(response).code).toBe('validation_failed');
      }
    }
  });

  it('when an area has no test sites, then the list is empty', async () => {
    const response = await visitor.get('/api/catalog/exam-areas/32/test-sites');
    expect(response.statusCode).toBe(200);
    expect(response.json<PublicTestSiteList>().items).toEqual([]);
  });
});

// --- migration ------------------------------------------------------------------------------

describe('migration 0003', () => {
  it('when 0003 runs on a database with cities, then they stay and are in use, and names are checked', async () => {
    const handle = await openDatabase({ engine: 'pglite', dataDir: null });
    try {
      const db = handle.db;
      await m0001.up(db as unknown as Kysely<unknown>);
      await m0002.up(db as unknown as Kysely<unknown>);
      const area = await db
        .insertInto('examAreas')
        .values({ code: '31', name: '上海' })
        .returning('id')
        .executeTakeFirstOrThrow();
      // Inserted as 0001 knew them: without the active column.
      await db
        .insertInto('examAreaCities')
        .values([
          { examAreaId: area.id, code: '310101', name: '黄浦区', sortOrder: 1 },
          { examAreaId: area.id, code: '310104', name: '徐汇区', sortOrder: 2 },
        ])
        .execute();
      await m0003.up(db as unknown as Kysely<unknown>);
      const rows = await db
        .selectFrom('examAreaCities')
        .select(['code', 'active'])
        .orderBy('sortOrder')
        .execute();
      expect(rows).toEqual([
        { code: '310101', active: true },
        { code: '310104', active: true },
      ]);
      await expect(
        db.updateTable('examAreaCities').set({ name: '' }).where('code', '=', '310101').execute(),
      ).rejects.toThrow();
      expect(await db.selectFrom('examAreaSettings').selectAll().execute()).toEqual([]);
    } finally {
      await handle.close();
    }
  });
});
