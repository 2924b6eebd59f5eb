import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SHANGHAI_AREA_ELIGIBILITY_RULES,
  type AreaEligibilityRulesView,
  type EligibilityCheckResponse,
  type EligibilityProfile,
  type ExamAreaEligibilityRules,
} from '@hqe/core';
import { DEFAULT_AREA_ELIGIBILITY_RULES } from '../src/modules/eligibility';
import { areaStaff } from './support-area-staff';
import { createTestContext, TEST_NOW, type TestClient, type TestContext } from './test-app';

/**
 * An exam area's own eligibility rules (P1, P2) as data: read and saved by its administrators,
 * audited, and honoured by the eligibility check at once.
 */
let ctx: TestContext;
let shanghai: number;
let otherArea: number;
let cycleId: number;
let platform: TestClient;
let shanghaiAdmin: TestClient;
let shanghaiAdminId: number;
let otherAdmin: TestClient;
let otherAdminId: number;
let reviewer: TestClient;
let visitor: TestClient;

beforeAll(async () => {
  ctx = await createTestContext();
  cycleId = (await ctx.db.selectFrom('cycles').select('id').orderBy('id').executeTakeFirstOrThrow())
    .id;
  ({
    shanghai,
    otherArea,
    platform,
    shanghaiAdmin,
    shanghaiAdminId,
    otherAdmin,
    otherAdminId,
    reviewer,
    visitor,
  } = await areaStaff(ctx));
});
afterAll(() => ctx.close());

type Body = { json: () => unknown };
const errorOf = (r: Body) =>
  (r.json() as { error: { code: string; message: string; details?: unknown } }).error;
const rulesUrl = (areaId: number) => `/api/admin/exam-areas/${areaId}/eligibility-rules`;
const putRules = (client: TestClient, areaId: number, body: unknown) =>
  client.request('PUT', rulesUrl(areaId), { body });

async function snapshot() {
  return {
    settings: await ctx.db
      .selectFrom('examAreaSettings')
      .selectAll()
      .orderBy('examAreaId')
      .execute(),
    audit: (await ctx.db.selectFrom('auditEvents').select('id').execute()).length,
  };
}
async function lastAudit(action: string) {
  const rows = await ctx.db
    .selectFrom('auditEvents')
    .selectAll()
    .where('action', '=', action)
    .orderBy('id')
    .execute();
  const last = rows.at(-1);
  if (!last) throw new Error(`no ${action} audit event`);
  return last;
}

const EMPLOYER = '上海市第一人民医院';

/**
 * A non-local 护师 (since 2017) checking 368 护理学(中级), with neither a residence permit nor
 * social-security records.
 */
function nonLocalNurse(overrides: Partial<EligibilityProfile> = {}): EligibilityProfile {
  return {
    identityDocument: 'resident_id',
    householdRegistration: 'non_local',
    residencePermit: 'none',
    hmtResidencePermit: false,
    foreignPermanentResidenceId: false,
    education: [
      {
        level: 'bachelor',
        mode: 'full_time',
        healthRelated: true,
        major: '护理学',
        school: '上海交通大学',
        graduationDate: '2015-07-01',
        foreign: false,
        foreignCertified: false,
        withDegree: true,
      },
    ],
    practiceQualifications: [
      {
        kind: 'nurse',
        qualifiedOn: '2015-06-15',
        registeredOn: '2015-09-01',
        principalPracticeSite: EMPLOYER,
      },
    ],
    titles: [{ level: 'junior', track: 'nursing', obtainedOn: '2017-01-01', name: '护师' }],
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

async function check(areaCode: string, profile: EligibilityProfile) {
  const response = await visitor.post('/api/eligibility/check', {
    cycleId,
    examAreaCode: areaCode,
    specialtyCode: '368',
    registeredEmployer: EMPLOYER,
    profile,
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<EligibilityCheckResponse>();
}
const ruleIds = (result: EligibilityCheckResponse) => result.lines.map((l) => l.ruleId);

describe('reading an area’s rules', () => {
  it('when the Shanghai admin reads the rules, then the seeded Shanghai rules come, not the defaults', async () => {
    const response = await shanghaiAdmin.get(rulesUrl(shanghai));
    expect(response.statusCode).toBe(200);
    expect(response.json<AreaEligibilityRulesView>()).toEqual({
      examAreaId: shanghai,
      rules: SHANGHAI_AREA_ELIGIBILITY_RULES,
      isDefault: false,
      updatedAt: TEST_NOW,
    });
  });

  it('when an area has saved no rules, then the platform defaults come, marked as such', async () => {
    const response = await otherAdmin.get(rulesUrl(otherArea));
    expect(response.statusCode).toBe(200);
    expect(response.json<AreaEligibilityRulesView>()).toEqual({
      examAreaId: otherArea,
      rules: DEFAULT_AREA_ELIGIBILITY_RULES,
      isDefault: true,
      updatedAt: null,
    });
    expect((await platform.get(rulesUrl(otherArea))).statusCode).toBe(200);
    expect((await platform.get(rulesUrl(999999))).statusCode).toBe(404);
  });
});

describe('saving an area’s rules', () => {
  it('when Shanghai turns off the non-local household documents, then a non-local candidate without a residence permit passes that line', async () => {
    const before = await check('31', nonLocalNurse());
    const household = before.lines.find((l) => l.ruleId === 'p1.household');
    expect(household?.outcome).toBe('not_met');
    expect(before.eligible).toBe(false);
    expect(before.materialSlots.map((s) => s.key)).toContain('residence_permit');

    const rules: ExamAreaEligibilityRules = {
      ...SHANGHAI_AREA_ELIGIBILITY_RULES,
      nonLocalHouseholdDocuments: false,
    };
    ctx.clock.advance(60_000);
    const response = await putRules(shanghaiAdmin, shanghai, rules);
    expect(response.statusCode).toBe(200);
    expect(response.json<AreaEligibilityRulesView>()).toEqual({
      examAreaId: shanghai,
      rules,
      isDefault: false,
      updatedAt: ctx.clock.now().toISOString(),
    });
    const event = await lastAudit('area_eligibility_rules.updated');
    expect(event).toMatchObject({
      actorAccountId: shanghaiAdminId,
      examAreaId: shanghai,
      entityType: 'exam_area',
      entityId: String(shanghai),
      before: { ...SHANGHAI_AREA_ELIGIBILITY_RULES, isDefault: false },
      after: rules,
    });

    const after = await check('31', nonLocalNurse());
    expect(ruleIds(after)).not.toContain('p1.household');
    expect(after.materialSlots.map((s) => s.key)).not.toContain('residence_permit');
    expect(after.lines.filter((l) => l.outcome === 'not_met')).toEqual([]);
    expect(after.eligible).toBe(true);
    // The other P1 switch still applies: the practice site must be the employer.
    expect(after.lines.find((l) => l.ruleId === 'p1.practice_site')?.outcome).toBe('met');

    const reread = await shanghaiAdmin.get(rulesUrl(shanghai));
    expect(reread.json<AreaEligibilityRulesView>().rules).toEqual(rules);
  });

  it('when Shanghai turns off the practice-site match, then a site other than the employer no longer fails', async () => {
    const elsewhere = nonLocalNurse({
      practiceQualifications: [
        {
          kind: 'nurse',
          qualifiedOn: '2015-06-15',
          registeredOn: '2015-09-01',
          principalPracticeSite: '另一家医院',
        },
      ],
    });
    expect(
      (await check('31', elsewhere)).lines.find((l) => l.ruleId === 'p1.practice_site')?.outcome,
    ).toBe('not_met');
    const response = await putRules(platform, shanghai, {
      ...SHANGHAI_AREA_ELIGIBILITY_RULES,
      nonLocalHouseholdDocuments: false,
      practiceSiteEmployerMatch: false,
    });
    expect(response.statusCode).toBe(200);
    expect(ruleIds(await check('31', elsewhere))).not.toContain('p1.practice_site');
  });

  it('when an area on the defaults saves its own rules, then the row is created and the check follows them', async () => {
    expect(ruleIds(await check('32', nonLocalNurse()))).not.toContain('p1.household');
    const rules = { ...DEFAULT_AREA_ELIGIBILITY_RULES, nonLocalHouseholdDocuments: true };
    const response = await putRules(otherAdmin, otherArea, rules);
    expect(response.statusCode).toBe(200);
    expect(response.json<AreaEligibilityRulesView>()).toMatchObject({ rules, isDefault: false });
    expect(await lastAudit('area_eligibility_rules.updated')).toMatchObject({
      actorAccountId: otherAdminId,
      examAreaId: otherArea,
      before: { ...DEFAULT_AREA_ELIGIBILITY_RULES, isDefault: true },
      after: rules,
    });
    const result = await check('32', nonLocalNurse());
    expect(result.lines.find((l) => l.ruleId === 'p1.household')?.outcome).toBe('not_met');
  });

  it('when P2 is turned off, then a Hong Kong resident without the residence permit is not asked for it', async () => {
    const hk = nonLocalNurse({
      identityDocument: 'hk_macao_pass',
      householdRegistration: undefined,
    });
    expect(
      (await check('31', hk)).lines.find((l) => l.ruleId === 'p2.hmt_residence_permit')?.outcome,
    ).toBe('not_met');
    const current = (await shanghaiAdmin.get(rulesUrl(shanghai))).json<AreaEligibilityRulesView>();
    const response = await putRules(shanghaiAdmin, shanghai, {
      ...current.rules,
      hmtAndForeignDocuments: false,
    });
    expect(response.statusCode).toBe(200);
    const result = await check('31', hk);
    expect(ruleIds(result)).not.toContain('p2.hmt_residence_permit');
    expect(result.lines.find((l) => l.ruleId === 'identity.document')?.outcome).toBe('review');
  });
});

describe('who may change the rules, and bad input', () => {
  it("when another area's admin, a reviewer or a visitor reads or saves Shanghai's rules, then it is refused and nothing changes", async () => {
    const before = await snapshot();
    const rules = { ...SHANGHAI_AREA_ELIGIBILITY_RULES };
    for (const client of [otherAdmin, reviewer]) {
      const read = await client.get(rulesUrl(shanghai));
      expect(read.statusCode).toBe(403);
      expect(errorOf(read).code).toBe('forbidden');
      const write = await putRules(client, shanghai, rules);
      expect(write.statusCode).toBe(403);
      expect(errorOf(write).message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect((await visitor.get(rulesUrl(shanghai))).statusCode).toBe(401);
    expect((await putRules(visitor, shanghai, rules)).statusCode).toBe(401);
    expect(await snapshot()).toEqual(before);
  });

  it('when a switch is missing, not a boolean or unknown, then 400 naming it and nothing changes', async () => {
    const before = await snapshot();
    const { hmtAndForeignDocuments: _dropped, ...missing } = SHANGHAI_AREA_ELIGIBILITY_RULES;
    for (const [body, path] of [
      [missing, 'hmtAndForeignDocuments'],
      [
        { ...SHANGHAI_AREA_ELIGIBILITY_RULES, nonLocalHouseholdDocuments: 'false' },
        'nonLocalHouseholdDocuments',
      ],
      [{ ...SHANGHAI_AREA_ELIGIBILITY_RULES, residencePermitB: true }, 'residencePermitB'],
    ] as const) {
      const response = await putRules(shanghaiAdmin, shanghai, body);
      expect(response.statusCode).toBe(400);
      expect(errorOf(response).code).toBe('validation_failed');
      expect(JSON.stringify(errorOf(response).details)).toContain(path);
    }
    expect((await putRules(shanghaiAdmin, shanghai, null)).statusCode).toBe(400);
    expect((await putRules(platform, 999999, SHANGHAI_AREA_ELIGIBILITY_RULES)).statusCode).toBe(
      404,
    );
    expect(await snapshot()).toEqual(before);
  });
});
