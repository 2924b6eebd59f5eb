import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  eligibilityProfileSchema,
  PROFILE_PARTS,
  type CandidateEligibilityProfile,
  type CandidateProfileView,
  type EligibilityCheckResponse,
  type IdentityDocumentType,
  type ProfileSectionKey,
} from '@hqe/core';
import { lockProfile, unlockProfile } from '../src/modules/candidate-profile';
import { SECTION_PATHS, VALID_SECTIONS } from './candidate-profile-fixtures';
import { createAccount, createCandidate } from './factories';
import { portrait } from './photo-images';
import { createTestContext, TestClient, type TestContext } from './test-app';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

/** A signed-up candidate (居民身份证 unless told otherwise), logged in. */
async function candidate(documentType: IdentityDocumentType = 'resident_id') {
  const created = await createCandidate(ctx.db);
  if (documentType !== 'resident_id') {
    await ctx.db
      .updateTable('candidates')
      .set({ documentType })
      .where('accountId', '=', created.accountId)
      .execute();
  }
  const client = new TestClient(ctx.app);
  expect((await client.login(created.username, created.password)).statusCode).toBe(200);
  return { client, id: created.accountId };
}

type Body = { json: () => unknown };
const errorOf = (r: Body) =>
  (r.json() as { error: { code: string; message: string; details?: unknown } }).error;
const issuesOf = (r: Body) =>
  ((errorOf(r).details as { issues?: { path: string; message: string }[] } | undefined)?.issues ??
    []) as { path: string; message: string }[];

const getProfile = async (client: TestClient) =>
  (await client.get('/api/candidate/profile')).json<CandidateProfileView>();

const save = (client: TestClient, key: ProfileSectionKey, data: unknown, version: number) =>
  client.request('PUT', SECTION_PATHS[key], { body: { version, data } });

/** Saves every section, in order, from version 0. */
async function saveAll(client: TestClient): Promise<number> {
  let version = (await getProfile(client)).version;
  for (const key of Object.keys(VALID_SECTIONS) as ProfileSectionKey[]) {
    const response = await save(client, key, VALID_SECTIONS[key], version);
    expect(response.statusCode, `${key}: ${response.body}`).toBe(200);
    version = response.json<CandidateProfileView>().version;
  }
  return version;
}

describe('reading and saving sections', () => {
  it('when a new candidate reads the profile, then every part is empty, at version 0, with the document type from the account', async () => {
    const { client } = await candidate();
    const profile = await getProfile(client);
    expect(profile).toMatchObject({
      version: 0,
      identityDocument: 'resident_id',
      personal: null,
      currentEmployer: null,
      education: null,
      workHistory: null,
      qualifications: null,
      earlyApplicationClaims: null,
      declarations: null,
      photo: null,
      locked: null,
      updatedAt: null,
    });
    expect(profile.completeness.complete).toBe(false);
    expect(profile.completeness.missing).toEqual([...PROFILE_PARTS]);
    expect(profile.completeness.parts[0]).toMatchObject({
      part: 'personal',
      label: '个人信息',
      complete: false,
    });
    expect(profile.completeness.parts[0]!.hint).not.toBe('');
  });

  it('when each section is saved, then it is stored as sent, the version moves on, and the completeness list shrinks to the photo', async () => {
    const { client } = await candidate();
    const version = await saveAll(client);
    expect(version).toBe(7);
    const profile = await getProfile(client);
    for (const key of Object.keys(VALID_SECTIONS) as ProfileSectionKey[]) {
      expect(profile[key], key).toEqual(VALID_SECTIONS[key]);
    }
    expect(profile.updatedAt).toBe(ctx.clock.now().toISOString());
    expect(profile.completeness).toMatchObject({ complete: false, missing: ['photo'] });

    const photo = await client.post('/api/candidate/profile/photo', {
      contentBase64: (await portrait(600, 840)).toString('base64'),
    });
    expect(photo.statusCode).toBe(201);
    expect((await getProfile(client)).completeness).toMatchObject({ complete: true, missing: [] });
  });

  it('when a list section is saved again, then the whole list is replaced, and an empty list is kept as answered', async () => {
    const { client } = await candidate();
    let version = (
      await save(client, 'education', VALID_SECTIONS.education, 0)
    ).json<CandidateProfileView>().version;
    const second = {
      ...VALID_SECTIONS.education[0]!,
      level: 'master' as const,
      startDate: '2015-09-01',
      graduationDate: '2018-07-01',
      certificateNumber: '102461201802000456',
      degreeCertificateNumber: '1024642018000456',
    };
    const replaced = await save(client, 'education', [second], version);
    expect(replaced.statusCode).toBe(200);
    version = replaced.json<CandidateProfileView>().version;
    expect(replaced.json<CandidateProfileView>().education).toEqual([second]);

    const claims = await save(client, 'earlyApplicationClaims', [], version);
    expect(claims.json<CandidateProfileView>().earlyApplicationClaims).toEqual([]);
    expect(claims.json<CandidateProfileView>().completeness.missing).not.toContain(
      'earlyApplicationClaims',
    );
  });

  it('when certificate numbers carry spaces or lower-case letters, then they are stored as printed on the certificate', async () => {
    const { client } = await candidate();
    const response = await save(
      client,
      'qualifications',
      {
        ...VALID_SECTIONS.qualifications,
        residencyTraining: { certifiedOn: '2018-08-01', certificateNumber: ' zy 2018-0001 ' },
      },
      0,
    );
    expect(response.statusCode).toBe(200);
    expect(response.json<CandidateProfileView>().qualifications?.residencyTraining).toEqual({
      certifiedOn: '2018-08-01',
      certificateNumber: 'ZY2018-0001',
    });
  });
});

const education = VALID_SECTIONS.education[0]!;
const practice = VALID_SECTIONS.qualifications.practiceQualifications[0]!;
const work = VALID_SECTIONS.workHistory[0]!;

/** Invalid sections, the field each is about and a word its message must contain. */
const INVALID: [string, ProfileSectionKey, unknown, string, string][] = [
  [
    'an unknown ethnicity',
    'personal',
    { ...VALID_SECTIONS.personal, ethnicity: '99' },
    'data.ethnicity',
    '民族',
  ],
  ['an unknown field', 'personal', { ...VALID_SECTIONS.personal, nickname: '小张' }, 'data', ''],
  [
    'no household registration for a 居民身份证 holder',
    'personal',
    {
      ...VALID_SECTIONS.personal,
      householdRegistration: undefined,
      residencePermit: 'none',
      socialSecurity: undefined,
    },
    'data.householdRegistration',
    '户籍',
  ],
  [
    'a residence permit with a local household',
    'personal',
    { ...VALID_SECTIONS.personal, householdRegistration: 'local', socialSecurity: undefined },
    'data.residencePermit',
    '未办理',
  ],
  [
    'a 居住证（B证） for a mainland resident',
    'personal',
    { ...VALID_SECTIONS.personal, residencePermit: 'permit_b' },
    'data.residencePermit',
    '外籍',
  ],
  [
    'an HK/Macao/Taiwan permit for a mainland resident',
    'personal',
    { ...VALID_SECTIONS.personal, hmtResidencePermit: true },
    'data.hmtResidencePermit',
    '香港',
  ],
  [
    'an empty employer name',
    'currentEmployer',
    { ...VALID_SECTIONS.currentEmployer, name: '  ' },
    'data.name',
    '不能为空',
  ],
  [
    'an unknown employer kind',
    'currentEmployer',
    { ...VALID_SECTIONS.currentEmployer, kind: 'clinic' },
    'data.kind',
    '单位类别',
  ],
  [
    'a clinical subject twice',
    'currentEmployer',
    { ...VALID_SECTIONS.currentEmployer, clinicalSubjects: ['内科', '内科'] },
    'data.clinicalSubjects.1',
    '重复',
  ],
  ['six educations', 'education', Array.from({ length: 6 }, () => education), 'data', '最多'],
  [
    'a graduation before the start',
    'education',
    [{ ...education, graduationDate: '2009-07-01' }],
    'data.0.graduationDate',
    '晚于入学',
  ],
  [
    'a graduation in the future',
    'education',
    [{ ...education, graduationDate: '2027-07-01' }],
    'data.0.graduationDate',
    '不能晚于今天',
  ],
  [
    'no certificate number for a domestic education',
    'education',
    [{ ...education, certificateNumber: undefined }],
    'data.0.certificateNumber',
    '学历证书编号',
  ],
  [
    'a degree without its certificate number',
    'education',
    [{ ...education, degreeCertificateNumber: undefined }],
    'data.0.degreeCertificateNumber',
    '学位证书编号',
  ],
  [
    'a certificate number with Chinese characters',
    'education',
    [{ ...education, certificateNumber: '复旦123456' }],
    'data.0.certificateNumber',
    '证书编号',
  ],
  [
    'a foreign certification of a domestic education',
    'education',
    [{ ...education, foreignCertified: true }],
    'data.0.foreignCertified',
    '留学服务中心',
  ],
  [
    'an invalid date',
    'education',
    [{ ...education, startDate: '2010-02-30' }],
    'data.0.startDate',
    '有效日期',
  ],
  [
    'a work period ending before it starts',
    'workHistory',
    [{ ...work, to: '2014-01-01' }],
    'data.0.to',
    '不能早于',
  ],
  [
    'a work period starting in the future',
    'workHistory',
    [{ ...work, from: '2026-12-01' }],
    'data.0.from',
    '不能晚于今天',
  ],
  [
    'a registration before the qualification',
    'qualifications',
    {
      ...VALID_SECTIONS.qualifications,
      practiceQualifications: [{ ...practice, registeredOn: '2016-01-01' }],
    },
    'data.practiceQualifications.0.registeredOn',
    '不能早于',
  ],
  [
    'a registration without its principal practice site',
    'qualifications',
    {
      ...VALID_SECTIONS.qualifications,
      practiceQualifications: [{ ...practice, principalPracticeSite: undefined }],
    },
    'data.practiceQualifications.0.principalPracticeSite',
    '主执业地点',
  ],
  [
    'the same title twice',
    'qualifications',
    {
      ...VALID_SECTIONS.qualifications,
      titles: [VALID_SECTIONS.qualifications.titles[0], VALID_SECTIONS.qualifications.titles[0]],
    },
    'data.titles.1.level',
    '同一职称',
  ],
  [
    'no answer about residency training',
    'qualifications',
    { ...VALID_SECTIONS.qualifications, residencyTraining: undefined },
    'data.residencyTraining',
    '',
  ],
  [
    'a claim year before 2000',
    'earlyApplicationClaims',
    [{ kind: 'community', year: 1999 }],
    'data.0.year',
    '2000',
  ],
  [
    'a claim year in the future',
    'earlyApplicationClaims',
    [{ kind: 'community', year: 2027 }],
    'data.0.year',
    '今年',
  ],
  [
    'the same claim twice',
    'earlyApplicationClaims',
    [
      { kind: 'community', year: 2022 },
      { kind: 'community', year: 2022 },
    ],
    'data.1.year',
    '重复',
  ],
  [
    'an unanswered declaration',
    'declarations',
    { ...VALID_SECTIONS.declarations, retired: undefined },
    'data.retired',
    '退休',
  ],
];

describe('validation', () => {
  it.each(INVALID)(
    'when a section has %s, then it is refused with the field and a Chinese message, and nothing changes',
    async (_what, key, data, path, word) => {
      const { client } = await candidate();
      const response = await save(client, key, data, 0);
      expect(response.statusCode, response.body).toBe(400);
      expect(errorOf(response).code).toBe('validation_failed');
      const issue = issuesOf(response).find((i) => i.path === path);
      expect(issue, JSON.stringify(issuesOf(response))).toBeDefined();
      expect(issue!.message).toContain(word);
      expect(issue!.message).toMatch(/[\u4e00-\u9fff]/);
      const profile = await getProfile(client);
      expect(profile.version).toBe(0);
      expect(profile[key]).toBeNull();
    },
  );

  it('when the version is missing or not a number, then the save is refused', async () => {
    const { client } = await candidate();
    const missing = await client.request('PUT', SECTION_PATHS.declarations, {
      body: { data: VALID_SECTIONS.declarations },
    });
    expect(missing.statusCode).toBe(400);
    expect(issuesOf(missing).map((i) => i.path)).toContain('version');
    const text = await client.request('PUT', SECTION_PATHS.declarations, {
      body: { version: '0', data: VALID_SECTIONS.declarations },
    });
    expect(text.statusCode).toBe(400);
  });
});

describe('identity documents other than 居民身份证', () => {
  it('when an HK resident saves personal details, then household registration is refused and the HK/Macao/Taiwan permit is accepted', async () => {
    const { client } = await candidate('hk_macao_pass');
    const refused = await save(client, 'personal', VALID_SECTIONS.personal, 0);
    expect(refused.statusCode).toBe(400);
    expect(issuesOf(refused).map((i) => i.path)).toEqual(
      expect.arrayContaining(['data.householdRegistration', 'data.residencePermit']),
    );
    const personal = {
      ethnicity: '97',
      residencePermit: 'none',
      hmtResidencePermit: true,
      foreignPermanentResidenceId: false,
      covidFrontline: 'none',
    };
    const saved = await save(client, 'personal', personal, 0);
    expect(saved.statusCode, saved.body).toBe(200);
    const eligibility = (
      await client.get('/api/candidate/profile/eligibility-profile')
    ).json<CandidateEligibilityProfile>();
    expect(eligibility.profile).toMatchObject({
      identityDocument: 'hk_macao_pass',
      hmtResidencePermit: true,
      residencePermit: 'none',
    });
    expect(eligibility.profile).not.toHaveProperty('householdRegistration');
  });

  it('when a foreign national saves a 居住证（B证）, then it is accepted, and a 居住证 is refused', async () => {
    const { client } = await candidate('passport');
    const base = {
      ethnicity: '98',
      hmtResidencePermit: false,
      foreignPermanentResidenceId: false,
      covidFrontline: 'none',
    };
    const refused = await save(client, 'personal', { ...base, residencePermit: 'permit' }, 0);
    expect(refused.statusCode).toBe(400);
    expect(issuesOf(refused).map((i) => i.path)).toEqual(['data.residencePermit']);
    const saved = await save(client, 'personal', { ...base, residencePermit: 'permit_b' }, 0);
    expect(saved.statusCode).toBe(200);
  });

  it('when an account has no identity document on file, then the profile says so and the eligibility profile lists it as missing', async () => {
    const account = await createAccount(ctx.db, { roles: ['candidate'] });
    const client = new TestClient(ctx.app);
    await client.login(account.username, account.password);
    expect((await getProfile(client)).identityDocument).toBeNull();
    const eligibility = (
      await client.get('/api/candidate/profile/eligibility-profile')
    ).json<CandidateEligibilityProfile>();
    expect(eligibility.complete).toBe(false);
    expect(eligibility.missing).toContain('identityDocument');
  });
});

describe('optimistic concurrency', () => {
  it('when two pages save from the same version, then the second gets version_conflict, keeps nothing, and is told to reload', async () => {
    const { client } = await candidate();
    await save(client, 'currentEmployer', VALID_SECTIONS.currentEmployer, 0);
    const first = await save(client, 'personal', VALID_SECTIONS.personal, 1);
    expect(first.statusCode).toBe(200);
    const stale = await save(
      client,
      'currentEmployer',
      { ...VALID_SECTIONS.currentEmployer, name: '上海市第六人民医院' },
      1,
    );
    expect(stale.statusCode).toBe(409);
    expect(errorOf(stale).code).toBe('version_conflict');
    expect(errorOf(stale).message).toContain('刷新页面');
    const profile = await getProfile(client);
    expect(profile.version).toBe(2);
    expect(profile.currentEmployer?.name).toBe('上海市第一人民医院');
  });

  it('when a save names a version never reached, then it is a conflict too', async () => {
    const { client } = await candidate();
    const response = await save(client, 'declarations', VALID_SECTIONS.declarations, 5);
    expect(response.statusCode).toBe(409);
    expect(errorOf(response).code).toBe('version_conflict');
    expect((await getProfile(client)).declarations).toBeNull();
  });

  it('when the same version is saved by parallel requests, then exactly one wins', async () => {
    const { client } = await candidate();
    const results = await Promise.all(
      ['一', '二', '三', '四'].map((n) =>
        save(
          client,
          'currentEmployer',
          { ...VALID_SECTIONS.currentEmployer, name: `第${n}医院` },
          0,
        ),
      ),
    );
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes).toEqual([200, 409, 409, 409]);
    const profile = await getProfile(client);
    expect(profile.version).toBe(1);
    const winner = results.find((r) => r.statusCode === 200)!.json<CandidateProfileView>();
    expect(profile.currentEmployer?.name).toBe(winner.currentEmployer?.name);
  });
});

describe('the lock of a confirmed registration', () => {
  it('when the profile is locked, then every section refuses changes with profile_locked and the reason; unlocked, saving works again', async () => {
    const { client, id } = await candidate();
    const version = await saveAll(client);
    await ctx.db.transaction().execute(async (trx) => {
      await lockProfile(trx, id, '2027年度卫生专业技术资格考试报名已确认', ctx.clock.now());
    });
    const profile = await getProfile(client);
    expect(profile.locked).toEqual({
      at: ctx.clock.now().toISOString(),
      reason: '2027年度卫生专业技术资格考试报名已确认',
    });
    for (const key of Object.keys(VALID_SECTIONS) as ProfileSectionKey[]) {
      const response = await save(client, key, VALID_SECTIONS[key], version);
      expect(response.statusCode, key).toBe(409);
      expect(errorOf(response).code).toBe('profile_locked');
      expect(errorOf(response).message).toContain('联系报名所在考区');
      expect(errorOf(response).message).toContain('2027年度');
    }
    expect((await getProfile(client)).version).toBe(version);

    await ctx.db.transaction().execute((trx) => unlockProfile(trx, id, ctx.clock.now()));
    const saved = await save(client, 'declarations', VALID_SECTIONS.declarations, version);
    expect(saved.statusCode).toBe(200);
    expect(saved.json<CandidateProfileView>().locked).toBeNull();
  });

  it('when a profile never saved is locked, then it is locked too', async () => {
    const { client, id } = await candidate();
    await lockProfile(ctx.db, id, '报名已确认', ctx.clock.now());
    const response = await save(client, 'personal', VALID_SECTIONS.personal, 0);
    expect(response.statusCode).toBe(409);
    expect(errorOf(response).code).toBe('profile_locked');
  });
});

describe('audit', () => {
  it('when sections are saved, then each save is audited with section names, counts and field names, never values', async () => {
    const { client, id } = await candidate();
    await saveAll(client);
    const events = await ctx.db
      .selectFrom('auditEvents')
      .selectAll()
      .where('entityType', '=', 'candidate_profile')
      .where('entityId', '=', String(id))
      .orderBy('id')
      .execute();
    expect(events.map((e) => (e.after as { section: string }).section)).toEqual(
      Object.keys(VALID_SECTIONS),
    );
    expect(events.every((e) => e.action === 'candidate_profile.section_saved')).toBe(true);
    expect(events.every((e) => e.actorAccountId === id)).toBe(true);
    expect(events[0]!.before).toEqual({ section: 'personal', version: 0, saved: false });
    expect(events[0]!.after).toEqual({
      section: 'personal',
      version: 1,
      saved: true,
      fields: [
        'covidFrontline',
        'ethnicity',
        'foreignPermanentResidenceId',
        'hmtResidencePermit',
        'householdRegistration',
        'residencePermit',
        'socialSecurity',
      ],
      changedFields: [
        'covidFrontline',
        'ethnicity',
        'foreignPermanentResidenceId',
        'hmtResidencePermit',
        'householdRegistration',
        'residencePermit',
        'socialSecurity',
      ],
    });
    expect(events[2]!.after).toEqual({ section: 'education', version: 3, saved: true, records: 1 });
    expect(events[6]!.after).toEqual({ section: 'declarations', version: 7, saved: true });
    const text = JSON.stringify(events);
    for (const secret of ['上海市第一人民医院', '102461201505000123', '复旦大学', 'ZY2018-0001']) {
      expect(text).not.toContain(secret);
    }
  });

  it('when a save is refused, then no audit event is written', async () => {
    const { client, id } = await candidate();
    await save(client, 'personal', { ...VALID_SECTIONS.personal, ethnicity: '00' }, 0);
    await save(client, 'personal', VALID_SECTIONS.personal, 3);
    const events = await ctx.db
      .selectFrom('auditEvents')
      .select('id')
      .where('entityType', '=', 'candidate_profile')
      .where('entityId', '=', String(id))
      .execute();
    expect(events).toHaveLength(0);
  });
});

describe('the eligibility profile', () => {
  it('when the profile is incomplete, then the mapping lists what is missing and fills neutral values', async () => {
    const { client } = await candidate();
    await save(client, 'education', VALID_SECTIONS.education, 0);
    const response = await client.get('/api/candidate/profile/eligibility-profile');
    expect(response.statusCode).toBe(200);
    const body = response.json<CandidateEligibilityProfile>();
    expect(body.complete).toBe(false);
    expect(body.missing).toEqual([
      'personal',
      'currentEmployer',
      'workHistory',
      'qualifications',
      'earlyApplicationClaims',
      'declarations',
    ]);
    expect(body.profile).toMatchObject({
      identityDocument: 'resident_id',
      residencePermit: 'none',
      covidFrontline: 'none',
      workPeriods: [],
      declarations: {},
    });
    expect(body.profile.education).toHaveLength(1);
    expect(body.profile.currentEmployer).toBeUndefined();
  });

  it('when the profile is complete, then the mapping is a whole EligibilityProfile the self-check accepts', async () => {
    const { client } = await candidate();
    await saveAll(client);
    const body = (
      await client.get('/api/candidate/profile/eligibility-profile')
    ).json<CandidateEligibilityProfile>();
    expect(body).toMatchObject({ complete: true, missing: [] });
    const profile = eligibilityProfileSchema.parse(body.profile);
    expect(profile).toEqual({
      identityDocument: 'resident_id',
      householdRegistration: 'non_local',
      residencePermit: 'permit',
      hmtResidencePermit: false,
      foreignPermanentResidenceId: false,
      socialSecurity: { payingInstitution: '上海市第一人民医院' },
      education: [
        {
          level: 'bachelor',
          mode: 'full_time',
          healthRelated: true,
          major: '临床医学',
          school: '复旦大学',
          graduationDate: '2015-07-01',
          foreign: false,
          foreignCertified: false,
          withDegree: true,
        },
      ],
      practiceQualifications: [
        {
          kind: 'doctor',
          qualifiedOn: '2016-12-01',
          registeredOn: '2017-03-01',
          principalPracticeSite: '上海市第一人民医院',
        },
      ],
      titles: [{ level: 'junior', track: 'doctor', obtainedOn: '2017-10-01', name: '医师' }],
      residencyTraining: { certifiedOn: '2018-08-01' },
      workPeriods: [
        { employer: '上海市第一人民医院', from: '2015-08-01', inExamArea: true, inSpecialty: true },
      ],
      currentEmployer: {
        name: '上海市第一人民医院',
        kind: 'hospital',
        clinicalSubjects: ['内科', '外科'],
      },
      covidFrontline: 'none',
      earlyApplicationClaims: [],
      declarations: VALID_SECTIONS.declarations,
      returningCandidate: false,
    });

    const cycle = await ctx.db.selectFrom('cycles').select('id').executeTakeFirstOrThrow();
    const check = await client.post('/api/eligibility/check', {
      cycleId: cycle.id,
      examAreaCode: '31',
      specialtyCode: '303',
      registeredEmployer: '上海市第一人民医院',
      profile,
    });
    expect(check.statusCode, check.body).toBe(200);
    const result = check.json<EligibilityCheckResponse>();
    expect(result.lines.find((l) => l.ruleId === 'p1.household')?.outcome).toBe('met');
    expect(result.lines.find((l) => l.ruleId === 'p1.practice_site')?.outcome).toBe('met');
  });
});
