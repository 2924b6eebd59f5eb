import type { EligibilityCheckResponse, EligibilityProfile } from '@hqe/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { examAreaId } from './factories';
import { createTestContext, TestClient, type TestContext } from './test-app';

let ctx: TestContext;
let cycle: { id: number; workYearsCutoff: string };
let visitor: TestClient;
beforeAll(async () => {
  ctx = await createTestContext();
  cycle = await ctx.db
    .selectFrom('cycles')
    .select(['id', 'workYearsCutoff'])
    .orderBy('id')
    .executeTakeFirstOrThrow();
  visitor = await new TestClient(ctx.app).start();
});
afterAll(() => ctx.close());

const EMPLOYER = '上海市第一人民医院';

/** Whole years before a date, same month and day (the cut-off is always a 12-31 here). */
function yearsBefore(date: string, years: number, plusDays = 0): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  d.setUTCDate(d.getUTCDate() + plusDays);
  return d.toISOString().slice(0, 10);
}

/** A local Shanghai doctor: 本科 full-time 2015, 执业医师 registered on `registeredOn`. */
function doctorProfile(
  registeredOn = '2016-09-01',
  overrides: Partial<EligibilityProfile> = {},
): EligibilityProfile {
  return {
    identityDocument: 'resident_id',
    householdRegistration: 'local',
    residencePermit: 'none',
    hmtResidencePermit: false,
    foreignPermanentResidenceId: false,
    education: [
      {
        level: 'bachelor',
        mode: 'full_time',
        healthRelated: true,
        major: '临床医学',
        school: '复旦大学上海医学院',
        graduationDate: '2015-07-01',
        foreign: false,
        foreignCertified: false,
        withDegree: true,
      },
    ],
    practiceQualifications: [
      {
        kind: 'doctor',
        qualifiedOn: '2016-06-15',
        registeredOn,
        principalPracticeSite: EMPLOYER,
      },
    ],
    titles: [],
    workPeriods: [{ employer: EMPLOYER, from: '2015-08-01', inExamArea: true, inSpecialty: true }],
    currentEmployer: { name: EMPLOYER, kind: 'hospital' },
    covidFrontline: 'none',
    earlyApplicationClaims: [],
    declarations: {
      malpracticeWithin3Years: false,
      errorWithin1Year: false,
      sanctionInForce: false,
      forgeryOrExamDisciplineWithin2Years: false,
      retired: false,
    },
    returningCandidate: false,
    ...overrides,
  };
}

function body(profile: EligibilityProfile, overrides: Record<string, unknown> = {}) {
  return {
    cycleId: cycle.id,
    examAreaCode: '31',
    specialtyCode: '303',
    registeredEmployer: EMPLOYER,
    profile,
    ...overrides,
  };
}

const line = (result: EligibilityCheckResponse, ruleId: string) => {
  const found = result.lines.find((l) => l.ruleId === ruleId);
  if (!found) throw new Error(`no line ${ruleId}: ${result.lines.map((l) => l.ruleId).join()}`);
  return found;
};

const errorOf = (r: { json: () => unknown }) =>
  (r.json() as { error: { code: string; message: string; details?: unknown } }).error;

describe('POST /api/eligibility/check', () => {
  it('when a local doctor registered in 2016 checks 303 内科学 (中级), then every rule is met or for review, and the materials are listed', async () => {
    const response = await visitor.post('/api/eligibility/check', body(doctorProfile()));
    expect(response.statusCode).toBe(200);
    const result = response.json<EligibilityCheckResponse>();
    expect(result.eligible).toBe(true);
    expect(result.checkedAgainst.cycle).toMatchObject(cycle);
    expect(result.checkedAgainst).toMatchObject({
      examArea: { code: '31', name: '上海' },
      specialty: { code: '303', name: '内科学', level: 'intermediate', category: 'doctor' },
    });
    expect(result.lines.some((l) => l.outcome === 'not_met')).toBe(false);
    const years = line(result, 'years.intermediate.doctor.bachelor');
    expect(years).toMatchObject({ outcome: 'met', title: '学历与工作年限' });
    expect(years.actual).toContain('执业注册之日（2016年9月1日）');
    expect(years.source.document).toContain('51号');
    expect(line(result, 'practice.doctor').outcome).toBe('met');
    expect(line(result, 'p1.household').outcome).toBe('met');
    expect(result.lines.some((l) => l.ruleId === 'p1.practice_site')).toBe(false);
    const slots = Object.fromEntries(result.materialSlots.map((s) => [s.key, s]));
    expect(slots.practice_registration?.required).toBe(true);
    expect(slots.labour_contract?.required).toBe(true);
    expect(slots.residence_permit).toBeUndefined();
    expect(slots.photo?.reason).toContain('白底');
  });

  it('when the registration is one day too late for 4 years, then the years line is not met with the day it will be', async () => {
    const registeredOn = yearsBefore(cycle.workYearsCutoff, 4, 2);
    const response = await visitor.post(
      '/api/eligibility/check',
      body(doctorProfile(registeredOn)),
    );
    expect(response.statusCode).toBe(200);
    const result = response.json<EligibilityCheckResponse>();
    expect(result.eligible).toBe(false);
    const years = line(result, 'years.intermediate.doctor.bachelor');
    const dayAfterCutoff = yearsBefore(cycle.workYearsCutoff, 0, 1);
    expect(years).toMatchObject({ outcome: 'not_met', metOn: dayAfterCutoff });
    expect(years.actual).toContain('3年11个月');

    const exactly = await visitor.post(
      '/api/eligibility/check',
      body(doctorProfile(yearsBefore(cycle.workYearsCutoff, 4, 1))),
    );
    expect(
      line(exactly.json<EligibilityCheckResponse>(), 'years.intermediate.doctor.bachelor'),
    ).toMatchObject({ outcome: 'met' });
  });

  it('when a non-local candidate in Shanghai has neither residence permit nor social security, then P1 is not met and a residence permit is asked for', async () => {
    const response = await visitor.post(
      '/api/eligibility/check',
      body(doctorProfile('2016-09-01', { householdRegistration: 'non_local' })),
    );
    expect(response.statusCode).toBe(200);
    const result = response.json<EligibilityCheckResponse>();
    expect(result.eligible).toBe(false);
    const household = line(result, 'p1.household');
    expect(household.outcome).toBe('not_met');
    expect(household.actual).toContain('请办理后上传其中之一');
    expect(line(result, 'p1.practice_site').outcome).toBe('met');
    const permit = result.materialSlots.find((s) => s.key === 'residence_permit');
    expect(permit).toMatchObject({ required: true, ruleIds: ['p1.household'] });

    const withPermit = await visitor.post(
      '/api/eligibility/check',
      body(
        doctorProfile('2016-09-01', {
          householdRegistration: 'non_local',
          residencePermit: 'permit',
        }),
      ),
    );
    const ok = withPermit.json<EligibilityCheckResponse>();
    expect(line(ok, 'p1.household').outcome).toBe('met');
    expect(ok.eligible).toBe(true);
  });

  it('when the area has no rules of its own, then the Shanghai household rules are not applied', async () => {
    await examAreaId(ctx.db, '32');
    const response = await visitor.post(
      '/api/eligibility/check',
      body(doctorProfile('2016-09-01', { householdRegistration: 'non_local' }), {
        examAreaCode: '32',
      }),
    );
    expect(response.statusCode).toBe(200);
    const result = response.json<EligibilityCheckResponse>();
    expect(result.lines.some((l) => l.ruleId.startsWith('p1.'))).toBe(false);
    expect(result.eligible).toBe(true);
  });

  it('when a date is invalid, then 400 validation_failed names the field path in Chinese', async () => {
    const profile = doctorProfile();
    const response = await visitor.post(
      '/api/eligibility/check',
      body({ ...profile, education: [{ ...profile.education[0]!, graduationDate: '2015-13-01' }] }),
    );
    expect(response.statusCode).toBe(400);
    const error = errorOf(response);
    expect(error.code).toBe('validation_failed');
    expect(error.message).toContain('profile.education.0.graduationDate');
    expect(error.message).toContain('请填写有效日期');
    expect(error.details).toEqual({
      issues: [
        { path: 'profile.education.0.graduationDate', message: '请填写有效日期（YYYY-MM-DD）' },
      ],
    });
  });

  it('when the body carries an unknown field, then it is refused', async () => {
    const response = await visitor.post(
      '/api/eligibility/check',
      body({ ...doctorProfile(), idNumber: '310101199001011234' } as EligibilityProfile),
    );
    expect(response.statusCode).toBe(400);
    const error = errorOf(response);
    expect(error.code).toBe('validation_failed');
    expect(error.message).toContain('idNumber');
    expect(JSON.stringify(error.details)).toContain('"path":"profile"');
  });

  it('when a work period ends before it starts, then the refusal points at its end date', async () => {
    const response = await visitor.post(
      '/api/eligibility/check',
      body(
        doctorProfile('2016-09-01', {
          workPeriods: [
            {
              employer: EMPLOYER,
              from: '2020-01-01',
              to: '2019-12-31',
              inExamArea: true,
              inSpecialty: true,
            },
          ],
        }),
      ),
    );
    expect(response.statusCode).toBe(400);
    expect(errorOf(response).details).toEqual({
      issues: [{ path: 'profile.workPeriods.0.to', message: '结束日期不能早于开始日期' }],
    });
  });

  it('when the specialty, the cycle or the area is unknown, then 404 not_found says what to do', async () => {
    const specialty = await visitor.post(
      '/api/eligibility/check',
      body(doctorProfile(), { specialtyCode: '999' }),
    );
    expect(specialty.statusCode).toBe(404);
    expect(errorOf(specialty)).toMatchObject({ code: 'not_found' });
    expect(errorOf(specialty).message).toContain('999');
    expect(errorOf(specialty).message).toContain('重新选择');

    const missingCycle = await visitor.post(
      '/api/eligibility/check',
      body(doctorProfile(), { cycleId: 999_999 }),
    );
    expect(missingCycle.statusCode).toBe(404);
    expect(errorOf(missingCycle).message).toContain('考试年度');

    const area = await visitor.post(
      '/api/eligibility/check',
      body(doctorProfile(), { examAreaCode: '99' }),
    );
    expect(area.statusCode).toBe(404);
    expect(errorOf(area).message).toContain('考区');
  });

  it('when the CSRF header is missing, then 403 csrf_failed and nothing is computed', async () => {
    const response = await visitor.post('/api/eligibility/check', body(doctorProfile()), {
      withoutCsrf: true,
    });
    expect(response.statusCode).toBe(403);
    expect(errorOf(response).code).toBe('csrf_failed');
  });
});

describe('GET /api/eligibility/specialties', () => {
  it('when a cycle is given, then its specialties come by level and code, without login', async () => {
    const response = await new TestClient(ctx.app).get(
      `/api/eligibility/specialties?cycleId=${cycle.id}`,
    );
    expect(response.statusCode).toBe(200);
    const list = response.json<{
      cycleId: number;
      items: { code: string; name: string; level: string; category: string }[];
    }>();
    expect(list.cycleId).toBe(cycle.id);
    expect(list.items).toContainEqual({
      code: '303',
      name: '内科学',
      level: 'intermediate',
      category: 'doctor',
    });
    const levels = list.items.map((s) => s.level);
    expect(levels.indexOf('intermediate')).toBeGreaterThan(levels.lastIndexOf('junior'));
    expect(levels.lastIndexOf('junior_assistant')).toBeLessThan(levels.indexOf('junior'));
    const intermediate = list.items.filter((s) => s.level === 'intermediate').map((s) => s.code);
    expect(intermediate).toEqual([...intermediate].sort());
  });

  it('when an area is given, then only the specialties it offers in the cycle are listed', async () => {
    const shanghai = await examAreaId(ctx.db, '31');
    const internalMedicine = await ctx.db
      .selectFrom('specialties')
      .select('id')
      .where('code', '=', '303')
      .executeTakeFirstOrThrow();
    await ctx.db
      .updateTable('areaOfferings')
      .set({ active: false })
      .where('cycleId', '=', cycle.id)
      .where('examAreaId', '=', shanghai)
      .where('specialtyId', '=', internalMedicine.id)
      .execute();
    const client = new TestClient(ctx.app);
    const codes = async (url: string) =>
      (await client.get(url)).json<{ items: { code: string }[] }>().items.map((s) => s.code);

    const offered = await codes(`/api/eligibility/specialties?cycleId=${cycle.id}&examAreaCode=31`);
    expect(offered).not.toContain('303');
    expect(offered).toContain('301');
    // An area that has not set its offerings up yet sees the whole table.
    await examAreaId(ctx.db, '33');
    expect(
      await codes(`/api/eligibility/specialties?cycleId=${cycle.id}&examAreaCode=33`),
    ).toContain('303');
    expect(await codes(`/api/eligibility/specialties?cycleId=${cycle.id}`)).toContain('303');
    const unknownArea = await client.get(
      `/api/eligibility/specialties?cycleId=${cycle.id}&examAreaCode=99`,
    );
    expect(unknownArea.statusCode).toBe(404);

    // Checking a specialty the area does not offer is refused, saying so; elsewhere it is checked.
    const refused = await visitor.post('/api/eligibility/check', body(doctorProfile('2016-09-01')));
    expect(refused.statusCode).toBe(400);
    expect(errorOf(refused)).toMatchObject({
      code: 'validation_failed',
      details: { issues: [{ path: 'specialtyCode' }] },
    });
    expect(errorOf(refused).message).toContain('未开考');
    const elsewhere = await visitor.post(
      '/api/eligibility/check',
      body(doctorProfile('2016-09-01'), { examAreaCode: '33' }),
    );
    expect(elsewhere.statusCode).toBe(200);

    await ctx.db
      .updateTable('areaOfferings')
      .set({ active: true })
      .where('cycleId', '=', cycle.id)
      .where('specialtyId', '=', internalMedicine.id)
      .execute();
  });

  it('when the cycle is unknown or missing, then 404 or 400', async () => {
    const client = new TestClient(ctx.app);
    expect((await client.get('/api/eligibility/specialties?cycleId=999999')).statusCode).toBe(404);
    const missing = await client.get('/api/eligibility/specialties');
    expect(missing.statusCode).toBe(400);
    expect(errorOf(missing).message).toContain('cycleId');
  });
});
