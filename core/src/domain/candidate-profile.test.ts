import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  currentEmployerSectionSchema,
  declarationsSectionSchema,
  earlyApplicationClaimsSectionSchema,
  educationRecordSchema,
  educationSectionSchema,
  ETHNICITY_CODES,
  personalSectionSchema,
  practiceQualificationRecordSchema,
  qualificationsSectionSchema,
  workPeriodRecordSchema,
  type EducationRecord,
  type PersonalSection,
} from '../api/candidate-profile';
import {
  EMPTY_CANDIDATE_PROFILE,
  personalSectionIssues,
  profileCompleteness,
  sectionDateIssues,
  toEligibilityProfile,
  type CandidateProfileData,
} from './candidate-profile';
import { checkEligibility, eligibilityProfileSchema } from './eligibility';
import type { IdentityDocumentType } from './eligibility';

// As the server does: zod's own messages (unknown fields …) in Chinese.
z.config(z.locales.zhCN());

const education: EducationRecord = {
  level: 'bachelor',
  mode: 'full_time',
  school: '复旦大学',
  major: '临床医学',
  healthRelated: true,
  startDate: '2010-09-01',
  graduationDate: '2015-07-01',
  certificateNumber: '102461201505000123',
  withDegree: true,
  degreeCertificateNumber: '1024642015000123',
  foreign: false,
  foreignCertified: false,
};

const personal: PersonalSection = {
  ethnicity: '01',
  householdRegistration: 'non_local',
  residencePermit: 'receipt',
  socialSecurity: { payingInstitution: '上海市第一人民医院' },
  hmtResidencePermit: false,
  foreignPermanentResidenceId: false,
  covidFrontline: 'front_line',
};

const FULL: CandidateProfileData = {
  personal,
  currentEmployer: {
    name: '上海市第一人民医院',
    kind: 'hospital',
    department: '内科',
    clinicalSubjects: ['内科'],
  },
  education: [education],
  workHistory: [
    {
      employer: '外地医院',
      from: '2015-08-01',
      to: '2018-07-31',
      inExamArea: false,
      inSpecialty: true,
    },
    { employer: '上海市第一人民医院', from: '2018-08-01', inExamArea: true, inSpecialty: true },
  ],
  qualifications: {
    practiceQualifications: [
      {
        kind: 'doctor',
        certificateNumber: '201631110310101199001',
        qualifiedOn: '2016-12-01',
        registeredOn: '2017-03-01',
        principalPracticeSite: '上海市第一人民医院',
        practiceCategory: '临床',
      },
    ],
    titles: [{ level: 'junior', track: 'doctor', obtainedOn: '2017-10-01' }],
    residencyTraining: null,
    postChange: { changedOn: '2019-01-01' },
  },
  earlyApplicationClaims: [{ kind: 'community', year: 2021 }],
  declarations: {
    malpracticeWithin3Years: false,
    errorWithin1Year: false,
    sanctionInForce: false,
    forgeryOrExamDisciplineWithin2Years: false,
    retired: false,
  },
  hasPhoto: true,
};

const pathsOf = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  (result.error?.issues ?? []).map((i) => i.path.join('.'));

describe('section schemas', () => {
  it.each([
    ['a valid education', educationRecordSchema, education, []],
    [
      'a foreign education without numbers',
      educationRecordSchema,
      {
        ...education,
        foreign: true,
        foreignCertified: true,
        certificateNumber: undefined,
        degreeCertificateNumber: undefined,
      },
      [],
    ],
    [
      'graduation on the start day',
      educationRecordSchema,
      { ...education, graduationDate: education.startDate },
      ['graduationDate'],
    ],
    [
      'a degree number without a degree',
      educationRecordSchema,
      { ...education, withDegree: false },
      ['degreeCertificateNumber'],
    ],
    [
      'an in-service mode typo',
      educationRecordSchema,
      { ...education, mode: 'part_time' },
      ['mode'],
    ],
    ['six educations', educationSectionSchema, Array.from({ length: 6 }, () => education), ['']],
    [
      'a repeated certificate number',
      educationSectionSchema,
      [education, { ...education, level: 'master' }],
      ['1.certificateNumber'],
    ],
    [
      'an ongoing work period',
      workPeriodRecordSchema,
      { employer: '某医院', from: '2020-01-01', inExamArea: true, inSpecialty: false },
      [],
    ],
    [
      'a work period ending the day it starts',
      workPeriodRecordSchema,
      {
        employer: '某医院',
        from: '2020-01-01',
        to: '2020-01-01',
        inExamArea: true,
        inSpecialty: true,
      },
      [],
    ],
    [
      'a qualification not yet registered',
      practiceQualificationRecordSchema,
      { kind: 'nurse', certificateNumber: 'HS2020001', qualifiedOn: '2020-05-01' },
      [],
    ],
    [
      'a practice site without registration',
      practiceQualificationRecordSchema,
      {
        kind: 'nurse',
        certificateNumber: 'HS2020001',
        qualifiedOn: '2020-05-01',
        principalPracticeSite: '某医院',
      },
      ['principalPracticeSite'],
    ],
    [
      'two nurse qualifications',
      qualificationsSectionSchema,
      {
        practiceQualifications: [
          { kind: 'nurse', certificateNumber: 'HS2020001', qualifiedOn: '2020-05-01' },
          { kind: 'nurse', certificateNumber: 'HS2020002', qualifiedOn: '2020-05-01' },
        ],
        titles: [],
        residencyTraining: null,
        postChange: null,
      },
      ['practiceQualifications.1.kind'],
    ],
    [
      'a duplicated clinical subject',
      currentEmployerSectionSchema,
      { name: '某医院', kind: 'hospital', clinicalSubjects: ['内科', '内科'] },
      ['clinicalSubjects.1'],
    ],
    [
      'a claim year as text',
      earlyApplicationClaimsSectionSchema,
      [{ kind: 'community', year: '2021' }],
      ['0.year'],
    ],
    [
      'a missing declaration',
      declarationsSectionSchema,
      {
        malpracticeWithin3Years: false,
        errorWithin1Year: false,
        sanctionInForce: false,
        forgeryOrExamDisciplineWithin2Years: false,
      },
      ['retired'],
    ],
    [
      'an extra personal field',
      personalSectionSchema,
      { ...personal, idNumber: '310101199003070012' },
      [''],
    ],
  ] as const)('%s', (_what, schema, value, paths) => {
    const result = schema.safeParse(value);
    expect(pathsOf(result)).toEqual(paths);
    for (const issue of result.error?.issues ?? [])
      expect(issue.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('lists the 56 ethnic groups, 其他 and 外国血统中国籍人士', () => {
    expect(ETHNICITY_CODES).toHaveLength(58);
    expect(ETHNICITY_CODES.slice(-2)).toEqual(['97', '98']);
  });
});

describe('personalSectionIssues', () => {
  const local: PersonalSection = {
    ...personal,
    householdRegistration: 'local',
    residencePermit: 'none',
    socialSecurity: undefined,
  };
  delete local.socialSecurity;
  const hmt: PersonalSection = {
    ethnicity: '97',
    residencePermit: 'none',
    hmtResidencePermit: true,
    foreignPermanentResidenceId: false,
    covidFrontline: 'none',
  };
  const foreign: PersonalSection = {
    ...hmt,
    hmtResidencePermit: false,
    residencePermit: 'permit_b',
  };

  it.each<[string, PersonalSection, IdentityDocumentType | null, string[]]>([
    ['a non-local mainland resident with a receipt', personal, 'resident_id', []],
    ['a local mainland resident', local, 'resident_id', []],
    [
      'no household for 居民身份证',
      { ...hmt, hmtResidencePermit: false },
      'resident_id',
      ['householdRegistration'],
    ],
    [
      'a permit with a local household',
      { ...local, residencePermit: 'permit' },
      'resident_id',
      ['residencePermit'],
    ],
    [
      'social security with a local household',
      { ...local, socialSecurity: { payingInstitution: '某医院' } },
      'resident_id',
      ['socialSecurity.payingInstitution'],
    ],
    ['an HK resident', hmt, 'hk_macao_pass', []],
    [
      'an HK resident with a household',
      { ...hmt, householdRegistration: 'local' },
      'hmt_residence_permit',
      ['householdRegistration'],
    ],
    [
      'an HK resident with a 居住证',
      { ...hmt, residencePermit: 'permit' },
      'taiwan_pass',
      ['residencePermit'],
    ],
    ['a foreigner with a B permit', foreign, 'passport', []],
    [
      'a foreigner with an HK permit',
      { ...foreign, hmtResidencePermit: true },
      'foreign_permanent_residence_id',
      ['hmtResidencePermit'],
    ],
    [
      'a mainland resident with a B permit',
      { ...personal, residencePermit: 'permit_b' },
      'resident_id',
      ['residencePermit'],
    ],
    [
      'a mainland resident with a foreign permanent residence id',
      { ...personal, foreignPermanentResidenceId: true },
      'resident_id',
      ['foreignPermanentResidenceId'],
    ],
    ['no document on file: only the section’s own rules', hmt, null, []],
    [
      'no document on file, a permit without a non-local household',
      { ...hmt, residencePermit: 'permit' },
      null,
      ['residencePermit'],
    ],
  ])('%s', (_what, section, document, paths) => {
    expect(personalSectionIssues(section, document).map((i) => i.path)).toEqual(paths);
  });
});

describe('sectionDateIssues', () => {
  const today = '2026-11-20';
  it('accepts dates up to today and refuses later ones, with the field named', () => {
    expect(
      sectionDateIssues('education', [{ ...education, graduationDate: today }], today),
    ).toEqual([]);
    expect(
      sectionDateIssues('education', [{ ...education, graduationDate: '2026-11-21' }], today),
    ).toEqual([
      { path: '0.graduationDate', message: '毕业日期不能晚于今天（2026-11-20），请核对' },
    ]);
    expect(
      sectionDateIssues(
        'qualifications',
        {
          practiceQualifications: [],
          titles: [{ level: 'junior', track: 'nursing', obtainedOn: '2027-01-01' }],
          residencyTraining: { certifiedOn: '2027-01-01', certificateNumber: 'ZY1' + '234' },
          postChange: { changedOn: '2026-12-01' },
        },
        today,
      ).map((i) => i.path),
    ).toEqual(['titles.0.obtainedOn', 'residencyTraining.certifiedOn', 'postChange.changedOn']);
    expect(
      sectionDateIssues('earlyApplicationClaims', [{ kind: 'community', year: 2027 }], today),
    ).toEqual([{ path: '0.year', message: '年度不能晚于今年（2026年），请核对' }]);
    expect(sectionDateIssues('declarations', FULL.declarations!, today)).toEqual([]);
  });
});

describe('profileCompleteness', () => {
  it.each<[string, CandidateProfileData, IdentityDocumentType | null, string[]]>([
    [
      'an empty profile',
      EMPTY_CANDIDATE_PROFILE,
      'resident_id',
      [
        'personal',
        'photo',
        'education',
        'currentEmployer',
        'workHistory',
        'qualifications',
        'earlyApplicationClaims',
        'declarations',
      ],
    ],
    ['a full profile', FULL, 'resident_id', []],
    ['no photo', { ...FULL, hasPhoto: false }, 'resident_id', ['photo']],
    ['no education records', { ...FULL, education: [] }, 'resident_id', ['education']],
    ['no work records', { ...FULL, workHistory: [] }, 'resident_id', ['workHistory']],
    [
      'empty qualifications and claims are answers',
      {
        ...FULL,
        qualifications: {
          practiceQualifications: [],
          titles: [],
          residencyTraining: null,
          postChange: null,
        },
        earlyApplicationClaims: [],
      },
      'resident_id',
      [],
    ],
    [
      'a household missing for 居民身份证',
      { ...FULL, personal: { ...personal, householdRegistration: undefined } },
      'resident_id',
      ['personal'],
    ],
    [
      'no household needed for a passport',
      { ...FULL, personal: { ...personal, householdRegistration: undefined } },
      'passport',
      [],
    ],
  ])('%s', (_what, profile, document, missing) => {
    const result = profileCompleteness(profile, { identityDocument: document });
    expect(result.missing).toEqual(missing);
    expect(result.complete).toBe(missing.length === 0);
    expect(result.parts).toHaveLength(8);
    for (const part of result.parts) expect(part.hint === '').toBe(part.complete);
  });
});

describe('toEligibilityProfile', () => {
  it('maps a full profile into a valid EligibilityProfile the engine checks', () => {
    const mapping = toEligibilityProfile(FULL, { identityDocument: 'resident_id' });
    expect(mapping.complete).toBe(true);
    expect(mapping.missing).toEqual([]);
    const profile = eligibilityProfileSchema.parse(mapping.profile);
    expect(profile).toEqual({
      identityDocument: 'resident_id',
      householdRegistration: 'non_local',
      residencePermit: 'receipt',
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
      titles: [{ level: 'junior', track: 'doctor', obtainedOn: '2017-10-01' }],
      workPeriods: [
        {
          employer: '外地医院',
          from: '2015-08-01',
          to: '2018-07-31',
          inExamArea: false,
          inSpecialty: true,
        },
        { employer: '上海市第一人民医院', from: '2018-08-01', inExamArea: true, inSpecialty: true },
      ],
      postChange: { changedOn: '2019-01-01' },
      currentEmployer: { name: '上海市第一人民医院', kind: 'hospital', clinicalSubjects: ['内科'] },
      covidFrontline: 'front_line',
      earlyApplicationClaims: [{ kind: 'community', year: 2021 }],
      declarations: FULL.declarations,
      returningCandidate: false,
    });
    const result = checkEligibility({
      profile,
      specialty: { code: '303', name: '内科学', level: 'intermediate', category: 'doctor' },
      cutoffDate: '2025-12-31',
      examArea: {
        code: '31',
        rules: {
          nonLocalHouseholdDocuments: true,
          socialSecurityEmployerMatch: true,
          practiceSiteEmployerMatch: true,
          hmtAndForeignDocuments: true,
        },
      },
      registeredEmployer: '上海市第一人民医院',
    });
    expect(result.lines.find((l) => l.ruleId === 'p1.practice_site')?.outcome).toBe('met');
  });

  it.each<[string, CandidateProfileData, IdentityDocumentType | null, Record<string, unknown>]>([
    [
      'a returning candidate flag comes from the account',
      FULL,
      'resident_id',
      { returningCandidate: false },
    ],
    [
      'household dropped for a non-mainland document',
      FULL,
      'hk_macao_pass',
      { identityDocument: 'hk_macao_pass', householdRegistration: undefined },
    ],
    [
      'no clinical subjects: the field is left out',
      { ...FULL, currentEmployer: { name: '某医院', kind: 'other', clinicalSubjects: [] } },
      'resident_id',
      { currentEmployer: { name: '某医院', kind: 'other' } },
    ],
    [
      'foreign certification only counts for a foreign education',
      { ...FULL, education: [{ ...education, foreign: false, foreignCertified: false }] },
      'resident_id',
      { education: [expect.objectContaining({ foreignCertified: false })] },
    ],
    [
      'residency training keeps the date only',
      {
        ...FULL,
        qualifications: {
          ...FULL.qualifications!,
          residencyTraining: { certifiedOn: '2019-08-01', certificateNumber: 'ZY1234' },
        },
      },
      'resident_id',
      { residencyTraining: { certifiedOn: '2019-08-01' } },
    ],
  ])('%s', (_what, profile, document, expected) => {
    const mapping = toEligibilityProfile(profile, { identityDocument: document });
    for (const [key, value] of Object.entries(expected)) {
      expect((mapping.profile as Record<string, unknown>)[key], key).toEqual(value);
    }
  });

  it('passes the returning-candidate flag the account gives', () => {
    const mapping = toEligibilityProfile(FULL, {
      identityDocument: 'resident_id',
      returningCandidate: true,
    });
    expect(mapping.profile.returningCandidate).toBe(true);
  });

  it.each<[string, CandidateProfileData, IdentityDocumentType | null, string[]]>([
    [
      'an empty profile without a document',
      EMPTY_CANDIDATE_PROFILE,
      null,
      [
        'identityDocument',
        'personal',
        'currentEmployer',
        'education',
        'workHistory',
        'qualifications',
        'earlyApplicationClaims',
        'declarations',
      ],
    ],
    ['no employer', { ...FULL, currentEmployer: null }, 'resident_id', ['currentEmployer']],
    ['no declarations', { ...FULL, declarations: null }, 'resident_id', ['declarations']],
    ['no photo does not matter to the check', { ...FULL, hasPhoto: false }, 'resident_id', []],
  ])('lists what is missing: %s', (_what, profile, document, missing) => {
    const mapping = toEligibilityProfile(profile, { identityDocument: document });
    expect(mapping.missing).toEqual(missing);
    expect(mapping.complete).toBe(missing.length === 0);
  });

  it('gives neutral values for what is not saved: nothing declared, no records, no permit', () => {
    const mapping = toEligibilityProfile(EMPTY_CANDIDATE_PROFILE, {
      identityDocument: 'resident_id',
    });
    expect(mapping.profile).toEqual({
      identityDocument: 'resident_id',
      residencePermit: 'none',
      hmtResidencePermit: false,
      foreignPermanentResidenceId: false,
      education: [],
      practiceQualifications: [],
      titles: [],
      workPeriods: [],
      covidFrontline: 'none',
      earlyApplicationClaims: [],
      declarations: {},
      returningCandidate: false,
    });
  });
});
