import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegistrationView } from '@hqe/core';
import { createAccount, createCandidate } from './factories';
import {
  choicesOf,
  createRegistrationReady,
  demoCycleId,
  errorOf,
  expectStatus,
  findRegistration,
  getRegistration,
  setPhase,
  startRegistration,
  VALID_INFO,
  type ReadyCandidate,
} from './support-registration';
import { createTestContext, TestClient, TEST_NOW, type TestContext } from './test-app';

let ctx: TestContext;
let ready: ReadyCandidate;
let draft: RegistrationView;

beforeAll(async () => {
  ctx = await createTestContext();
  ready = await createRegistrationReady(ctx);
  draft = await startRegistration(ready);
});
afterAll(() => ctx.close());

const DAY = 86_400_000;
const at = (days: number) => new Date(new Date(TEST_NOW).getTime() + days * DAY);

const put = (client: TestClient, id: number, step: string, body: unknown) =>
  client.request('PUT', `/api/registrations/${id}/${step}`, { body });

describe('entering online registration', () => {
  it('when a candidate enters registration while it is open, then a draft with a registration number is made and its steps say what is left', async () => {
    expect(draft).toMatchObject({
      status: 'draft',
      statusLabel: '未提交',
      version: 1,
      examArea: { code: '31', name: '上海' },
      cycle: { id: ready.cycleId, year: 2027 },
      city: null,
      testSite: null,
      specialty: null,
      info: null,
      photo: null,
      canEdit: true,
      readyToSubmit: false,
      actions: ['submit', 'change_area'],
      applicationForm: { url: `/api/registrations/${draft.id}/application-form.pdf` },
    });
    expect(draft.registrationNumber).toMatch(/^312027\d{8}$/);
    expect(draft.completeness.steps.map((s) => [s.key, s.done])).toEqual([
      ['account', true],
      ['basic_info', true],
      ['choose_exam', true],
      ['choose_area', false],
      ['fill_in', false],
      ['confirm_photo', false],
      ['application_form', false],
      ['materials', false],
      ['submit', false],
    ]);
    expect(draft.completeness.missing.map((m) => m.path)).toEqual([
      'area.cityId',
      'area.testSiteId',
      'specialty.specialtyCode',
      'info',
      'photo',
      'applicationForm',
      'materials.application_form',
    ]);
    expect(draft.eligibilityNote).toContain('请先选择报考专业');
    expect(draft.timeline).toMatchObject([
      { event: 'create', label: '进入网上报名', toStatus: 'draft', actorLabel: '考生' },
    ]);
    expect(draft.calendar.map((p) => p.kind)).toContain('registration');
    const audit = await ctx.db
      .selectFrom('auditEvents')
      .select(['action', 'after'])
      .where('entityType', '=', 'registration')
      .where('entityId', '=', String(draft.id))
      .execute();
    expect(audit).toMatchObject([
      { action: 'registration.created', after: { registrationNumber: draft.registrationNumber } },
    ]);
  });

  it('when the candidate looks the cycle up, then the registration comes back; for another cycle, null', async () => {
    expect((await findRegistration(ready.client, ready.cycleId))?.id).toBe(draft.id);
    expect(await findRegistration(ready.client, ready.cycleId + 1000)).toBeNull();
    expect((await getRegistration(ready.client, draft.id)).registrationNumber).toBe(
      draft.registrationNumber,
    );
  });

  it('when the candidate enters the same cycle again, then 409 conflict points to the existing registration', async () => {
    const again = await ready.client.post('/api/registrations', {
      cycleId: ready.cycleId,
      examAreaCode: '31',
    });
    expectStatus(again, 409);
    expect(errorOf(again)).toMatchObject({
      code: 'conflict',
      details: { registrationId: draft.id, registrationNumber: draft.registrationNumber },
    });
    expect(errorOf(again).message).toContain('每个考试年度只能报名一次');
  });

  it('when two candidates register, then their numbers follow one another in the area and cycle', async () => {
    const other = await createRegistrationReady(ctx);
    const second = await startRegistration(other);
    expect(Number(second.registrationNumber.slice(6))).toBe(
      Number(draft.registrationNumber.slice(6)) + 1,
    );
  });

  it('when registration has ended, then 409 phase_closed gives the dates and nothing is made', async () => {
    const late = await createRegistrationReady(ctx);
    const cycleId = await demoCycleId(ctx);
    const before = await ctx.db.selectFrom('cyclePhases').selectAll().execute();
    await setPhase(ctx, cycleId, '31', 'registration', at(-30), at(-1));
    try {
      const response = await late.client.post('/api/registrations', {
        cycleId,
        examAreaCode: '31',
      });
      expectStatus(response, 409);
      const error = errorOf(response);
      expect(error.code).toBe('phase_closed');
      expect(error.message).toMatch(/^网上报名时间为 \d{4}-\d\d-\d\d \d\d:\d\d 至 .*已经截止/);
      expect(error.details).toMatchObject({
        kind: 'registration',
        status: 'closed',
        startsAt: at(-30).toISOString(),
        endsAt: at(-1).toISOString(),
      });
      expect(await findRegistration(late.client, cycleId)).toBeNull();

      await setPhase(ctx, cycleId, '31', 'registration', at(3), at(20));
      const early = await late.client.post('/api/registrations', { cycleId, examAreaCode: '31' });
      expect(errorOf(early).message).toContain('尚未开始');
    } finally {
      await ctx.db.deleteFrom('cyclePhases').execute();
      await ctx.db.insertInto('cyclePhases').values(before).execute();
    }
  });

  it('when an area has no calendar for the cycle, an unknown area or cycle is asked for, then the candidate is told', async () => {
    await ctx.db.insertInto('examAreas').values({ code: '45', name: '广西' }).execute();
    const noCalendar = await ready.client.post('/api/registrations', {
      cycleId: ready.cycleId,
      examAreaCode: '45',
    });
    // The candidate already has a registration in this cycle: that is said first.
    expect(errorOf(noCalendar).code).toBe('conflict');
    const fresh = await createRegistrationReady(ctx);
    const closed = await fresh.client.post('/api/registrations', {
      cycleId: fresh.cycleId,
      examAreaCode: '45',
    });
    expect(errorOf(closed)).toMatchObject({ code: 'phase_closed' });
    expect(errorOf(closed).message).toContain('考区尚未公布网上报名时间');
    const unknownArea = await fresh.client.post('/api/registrations', {
      cycleId: fresh.cycleId,
      examAreaCode: '99',
    });
    expect(errorOf(unknownArea).code).toBe('not_found');
    const unknownCycle = await fresh.client.post('/api/registrations', {
      cycleId: 999_999,
      examAreaCode: '31',
    });
    expect(errorOf(unknownCycle).code).toBe('not_found');
    const extra = await fresh.client.post('/api/registrations', {
      cycleId: fresh.cycleId,
      examAreaCode: '31',
      status: 'confirmed',
    });
    expect(errorOf(extra).code).toBe('validation_failed');
  });

  it('when staff or a visitor call the candidate API, then 403 and 401', async () => {
    const staff = await createAccount(ctx.db, { roles: ['confirmation_reviewer'] });
    const client = new TestClient(ctx.app);
    await client.login(staff.username, staff.password);
    expectStatus(await client.get(`/api/registrations/${draft.id}`), 403);
    expectStatus(await new TestClient(ctx.app).get(`/api/registrations/${draft.id}`), 401);
  });
});

describe("someone else's registration", () => {
  it('when another candidate names its id anywhere, then 404 not_found, as for an id never used', async () => {
    const stranger = await createCandidate(ctx.db);
    const client = new TestClient(ctx.app);
    await client.login(stranger.username, stranger.password);
    const id = draft.id;
    const attempts = [
      client.get(`/api/registrations/${id}`),
      client.get(`/api/registrations/${id}/choices`),
      put(client, id, 'area', { version: 1, cityId: 1, testSiteId: 1 }),
      put(client, id, 'specialty', { version: 1, specialtyCode: '303' }),
      put(client, id, 'info', { version: 1, ...VALID_INFO }),
      client.post(`/api/registrations/${id}/photo-confirmation`),
      client.get(`/api/registrations/${id}/photo`),
      client.get(`/api/registrations/${id}/application-form.pdf`),
      client.post(`/api/registrations/${id}/materials/other`, {
        fileName: 'a.pdf',
        contentBase64: 'JVBERi0=',
      }),
      client.get(`/api/registrations/${id}/materials/files/1`),
      client.post(
        `/api/registrations/${id}/submit`,
        {},
        { headers: { 'idempotency-key': 'k'.repeat(12) } },
      ),
      client.post(`/api/registrations/${id}/withdraw`),
      client.post(`/api/registrations/${id}/change-area`, { version: 1, examAreaCode: '32' }),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.statusCode, response.body).toBe(404);
      expect(errorOf(response).code).toBe('not_found');
    }
    const never = await client.get('/api/registrations/999999');
    expect(errorOf(never).message).toBe(
      errorOf(await client.get(`/api/registrations/${id}`)).message,
    );
    expect((await getRegistration(ready.client, id)).version).toBe(1);
  });
});

describe('choosing the city, test site and specialty', () => {
  it("when the candidate reads the choices, then the area's active cities, test sites and offered specialties come back", async () => {
    const choices = await choicesOf(ready.client, draft.id);
    expect(choices.examArea.code).toBe('31');
    expect(choices.cities.length).toBe(16);
    expect(choices.testSites.map((s) => s.code)).toEqual(['3101', '3102', '3103']);
    expect(choices.specialties.find((s) => s.code === '303')).toMatchObject({
      name: '内科学',
      level: 'intermediate',
      levelLabel: '中级',
      feePerSubjectFen: 5000,
    });
  });

  it('when a city of another area or a test site out of use is chosen, then 400 and nothing changes', async () => {
    const choices = await choicesOf(ready.client, draft.id);
    const [city] = choices.cities;
    const [site] = choices.testSites;
    if (!city || !site) throw new Error('no choices');
    const other = await ctx.db
      .insertInto('examAreas')
      .values({ code: '33', name: '浙江' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const foreignCity = await ctx.db
      .insertInto('examAreaCities')
      .values({ examAreaId: other.id, code: '3301', name: '杭州市', sortOrder: 1 })
      .returning('id')
      .executeTakeFirstOrThrow();
    const wrongCity = await put(ready.client, draft.id, 'area', {
      version: 1,
      cityId: foreignCity.id,
      testSiteId: site.id,
    });
    expectStatus(wrongCity, 400);
    expect(errorOf(wrongCity).message).toContain('所选报名地市不属于本考区或已停用');

    await ctx.db
      .updateTable('testSites')
      .set({ active: false })
      .where('id', '=', site.id)
      .execute();
    const inactive = await put(ready.client, draft.id, 'area', {
      version: 1,
      cityId: city.id,
      testSiteId: site.id,
    });
    await ctx.db.updateTable('testSites').set({ active: true }).where('id', '=', site.id).execute();
    expect(errorOf(inactive).message).toContain('所选考点不属于本考区或已停用');
    expect((await getRegistration(ready.client, draft.id)).city).toBeNull();
  });

  it('when the area is chosen from a stale version, then 409 version_conflict and the newer choice stays', async () => {
    const choices = await choicesOf(ready.client, draft.id);
    const [first, second] = choices.cities;
    const [site] = choices.testSites;
    if (!first || !second || !site) throw new Error('no choices');
    const saved = expectStatus(
      await put(ready.client, draft.id, 'area', {
        version: 1,
        cityId: first.id,
        testSiteId: site.id,
      }),
      200,
    ).json<RegistrationView>();
    expect(saved).toMatchObject({ version: 2, city: { id: first.id }, testSite: { id: site.id } });
    expect(saved.completeness.steps.find((s) => s.key === 'choose_area')?.done).toBe(true);

    const stale = await put(ready.client, draft.id, 'area', {
      version: 1,
      cityId: second.id,
      testSiteId: site.id,
    });
    expectStatus(stale, 409);
    expect(errorOf(stale).code).toBe('version_conflict');
    expect((await getRegistration(ready.client, draft.id)).city?.id).toBe(first.id);
  });

  it('when a specialty the area does not offer is chosen, then 400; an offered one brings the eligibility result', async () => {
    let view = await getRegistration(ready.client, draft.id);
    const cycle = await ctx.db
      .selectFrom('specialties')
      .innerJoin('areaOfferings', 'areaOfferings.specialtyId', 'specialties.id')
      .select('areaOfferings.id')
      .where('specialties.code', '=', '101')
      .executeTakeFirstOrThrow();
    await ctx.db
      .updateTable('areaOfferings')
      .set({ active: false })
      .where('id', '=', cycle.id)
      .execute();
    const refused = await put(ready.client, draft.id, 'specialty', {
      version: view.version,
      specialtyCode: '101',
    });
    expectStatus(refused, 400);
    expect(errorOf(refused).message).toContain('未开考专业代码为 101 的专业');
    const unknown = await put(ready.client, draft.id, 'specialty', {
      version: view.version,
      specialtyCode: '999',
    });
    expectStatus(unknown, 400);

    view = expectStatus(
      await put(ready.client, draft.id, 'specialty', {
        version: view.version,
        specialtyCode: '303',
      }),
      200,
    ).json<RegistrationView>();
    expect(view.specialty).toMatchObject({ code: '303', name: '内科学', offered: true });
    expect(view.eligibility?.eligible).toBe(true);
    expect(view.eligibility?.lines.length).toBeGreaterThan(5);
    expect(view.eligibilityNote).toBeNull();
    // The slots now follow from the eligibility result: contracts, certificates …
    expect(view.materialSlots.map((s) => s.key)).toEqual(
      expect.arrayContaining(['identity_document', 'labour_contract', 'application_form']),
    );
    expect(view.materialSlots.map((s) => s.key)).not.toContain('photo');
  });

  it('when the area stops offering the chosen specialty, then the step says to choose again', async () => {
    const offering = await ctx.db
      .selectFrom('specialties')
      .innerJoin('areaOfferings', 'areaOfferings.specialtyId', 'specialties.id')
      .select('areaOfferings.id')
      .where('specialties.code', '=', '303')
      .executeTakeFirstOrThrow();
    await ctx.db
      .updateTable('areaOfferings')
      .set({ active: false })
      .where('id', '=', offering.id)
      .execute();
    const view = await getRegistration(ready.client, draft.id);
    await ctx.db
      .updateTable('areaOfferings')
      .set({ active: true })
      .where('id', '=', offering.id)
      .execute();
    expect(view.specialty?.offered).toBe(false);
    expect(view.completeness.missing[0]).toEqual({
      path: 'specialty.specialtyCode',
      message: '本考区本年度已不再开考您选择的专业“303 内科学”，请重新选择。',
    });
  });
});

describe('filling in the registration info', () => {
  it('when an education the profile does not have is named, then 400 says where to add it', async () => {
    const view = await getRegistration(ready.client, draft.id);
    const response = await put(ready.client, draft.id, 'info', {
      version: view.version,
      ...VALID_INFO,
      educationIndex: 3,
    });
    expectStatus(response, 400);
    expect(errorOf(response).message).toContain('个人中心 → 基本信息 → 学历学位');
  });

  it('when the info is saved, then it comes back with the education used, and a stale save is refused', async () => {
    const before = await getRegistration(ready.client, draft.id);
    const view = expectStatus(
      await put(ready.client, draft.id, 'info', {
        version: before.version,
        ...VALID_INFO,
        earlyApplicationClaim: 'covid_front_line',
        returningFileNumber: ' ab-2026 001 ',
      }),
      200,
    ).json<RegistrationView>();
    expect(view.info).toMatchObject({
      employer: '上海市第一人民医院',
      department: '内科',
      post: '住院医师',
      yearsInSpecialty: 9,
      education: { index: 0, level: 'bachelor', levelLabel: '大学本科', school: '复旦大学' },
      earlyApplicationClaim: 'covid_front_line',
      earlyApplicationClaimLabel: '新冠肺炎疫情防控一线医务人员提前一年申报',
      returningFileNumber: 'AB-2026001',
    });
    // The 档案号 alone does not make a returning candidate: last year's imported results do
    // (registration-auto-confirm.api.test.ts), so no slot for last year's report here.
    expect(view.materialSlots.map((s) => s.key)).not.toContain('previous_score_report_or_ticket');
    const stale = await put(ready.client, draft.id, 'info', {
      version: before.version,
      ...VALID_INFO,
    });
    expect(errorOf(stale).code).toBe('version_conflict');

    const audit = await ctx.db
      .selectFrom('auditEvents')
      .select(['before', 'after'])
      .where('action', '=', 'registration.info_saved')
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(audit)).not.toContain('上海市第一人民医院');
    expect(audit.after).toMatchObject({ infoSaved: true });

    const cleared = expectStatus(
      await put(ready.client, draft.id, 'info', { version: view.version, ...VALID_INFO }),
      200,
    ).json<RegistrationView>();
    expect(cleared.info?.returningFileNumber).toBeNull();
  });

  it('when a field is missing or out of range, then 400 names it in Chinese', async () => {
    const response = await put(ready.client, draft.id, 'info', {
      version: 1,
      ...VALID_INFO,
      yearsInSpecialty: 80,
      employer: '',
    });
    expectStatus(response, 400);
    expect(errorOf(response).message).toMatch(/请填写工作单位|不能超过 70 年/);
  });
});

describe('the registration photo', () => {
  it('when the candidate has no base photo, then confirming says to upload one under 个人中心 → 照片', async () => {
    const candidate = await createCandidate(ctx.db);
    const client = new TestClient(ctx.app);
    await client.login(candidate.username, candidate.password);
    const created = expectStatus(
      await client.post('/api/registrations', { cycleId: ready.cycleId, examAreaCode: '31' }),
      201,
    ).json<RegistrationView>();
    // Basic information missing too: the step names each part.
    expect(created.completeness.steps.find((s) => s.key === 'basic_info')?.done).toBe(false);
    const response = await client.post(`/api/registrations/${created.id}/photo-confirmation`);
    expectStatus(response, 400);
    expect(errorOf(response).message).toContain('个人中心 → 照片');
    expect((await getRegistration(client, created.id)).photo).toBeNull();
  });

  it('when the candidate confirms, then the base photo is copied and served as the registration photo', async () => {
    const view = expectStatus(
      await ready.client.post(`/api/registrations/${draft.id}/photo-confirmation`),
      200,
    ).json<RegistrationView>();
    expect(view.photo?.url).toMatch(new RegExp(`^/api/registrations/${draft.id}/photo\\?v=`));
    const photo = await ready.client.get(view.photo?.url ?? '');
    expectStatus(photo, 200);
    expect(photo.headers['content-type']).toBe('image/jpeg');
    expect(photo.headers['cache-control']).toBe('private, no-store');
    const base = await ready.client.get('/api/candidate/profile/photo');
    expect(photo.rawPayload.equals(base.rawPayload)).toBe(true);
  });
});

describe('the calendar gate on edits', () => {
  it('when registration has ended for a draft, then every edit answers phase_closed with the dates', async () => {
    const cycleId = ready.cycleId;
    const before = await ctx.db.selectFrom('cyclePhases').selectAll().execute();
    await setPhase(ctx, cycleId, '31', 'registration', at(-30), at(-1));
    try {
      const view = await getRegistration(ready.client, draft.id);
      expect(view.canEdit).toBe(false);
      expect(view.actions).toEqual([]);
      const response = await put(ready.client, draft.id, 'specialty', {
        version: view.version,
        specialtyCode: '303',
      });
      expectStatus(response, 409);
      expect(errorOf(response)).toMatchObject({
        code: 'phase_closed',
        details: { kind: 'registration', status: 'closed', endsAt: at(-1).toISOString() },
      });
      const photo = await ready.client.post(`/api/registrations/${draft.id}/photo-confirmation`);
      expect(errorOf(photo).code).toBe('phase_closed');
    } finally {
      await ctx.db.deleteFrom('cyclePhases').execute();
      await ctx.db.insertInto('cyclePhases').values(before).execute();
    }
  });
});
