import {
  eligibilityCheckRequestSchema,
  type EligibilityCheckResponse,
  type EligibilityProfile,
} from '@hqe/core';
import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import {
  formFieldOfApiPath,
  INITIAL_VALUES,
  toCheckRequest,
  valuesFromProfile,
  type SelfCheckValues,
} from './form-values';
import { verdictOf } from './verdict';

const EMPLOYER = '上海市第一人民医院';

const doctorValues: SelfCheckValues = {
  ...INITIAL_VALUES,
  cycleId: 7,
  specialtyCode: '303',
  householdRegistration: 'local',
  education: [
    {
      level: 'bachelor',
      mode: 'full_time',
      healthRelated: true,
      major: ' 临床医学 ',
      school: '',
      graduationDate: dayjs('2015-07-01'),
      foreign: false,
      foreignCertified: true,
      withDegree: true,
    },
  ],
  practiceQualifications: [
    { kind: 'doctor', qualifiedOn: dayjs('2016-06-15'), registeredOn: dayjs('2016-09-01') },
  ],
  workPeriods: [
    {
      employer: EMPLOYER,
      from: dayjs('2015-08-01'),
      to: dayjs('2016-01-01'),
      ongoing: true,
      inExamArea: true,
      inSpecialty: true,
    },
  ],
  currentEmployerName: EMPLOYER,
  currentEmployerKind: 'hospital',
  declarations: {
    malpracticeWithin3Years: false,
    errorWithin1Year: false,
    sanctionInForce: false,
    forgeryOrExamDisciplineWithin2Years: false,
    retired: false,
  },
};

describe('the self-check form as a request', () => {
  it('when a local doctor fills the form, then the request passes the API schema with dates as YYYY-MM-DD', () => {
    const request = toCheckRequest(doctorValues, '31');
    expect(eligibilityCheckRequestSchema.safeParse(request).success).toBe(true);
    expect(request).toMatchObject({
      cycleId: 7,
      examAreaCode: '31',
      specialtyCode: '303',
      registeredEmployer: EMPLOYER,
    });
    expect(request.profile.education[0]).toEqual({
      level: 'bachelor',
      mode: 'full_time',
      healthRelated: true,
      major: '临床医学',
      graduationDate: '2015-07-01',
      foreign: false,
      foreignCertified: false,
      withDegree: true,
    });
    expect(request.profile.practiceQualifications[0]).toEqual({
      kind: 'doctor',
      qualifiedOn: '2016-06-15',
      registeredOn: '2016-09-01',
    });
    // 至今 wins over an end date typed before it was ticked.
    expect(request.profile.workPeriods[0]).not.toHaveProperty('to');
    expect(request.profile.householdRegistration).toBe('local');
    expect(request.profile.residencePermit).toBe('none');
  });

  it('when the identity document changes to a passport, then household answers left behind are not sent', () => {
    const request = toCheckRequest(
      {
        ...doctorValues,
        identityDocument: 'passport',
        householdRegistration: 'non_local',
        residencePermit: 'receipt',
        hasSocialSecurity: true,
        socialSecurityPayer: EMPLOYER,
        hmtResidencePermit: true,
      },
      '31',
    );
    expect(request.profile).not.toHaveProperty('householdRegistration');
    expect(request.profile).not.toHaveProperty('socialSecurity');
    expect(request.profile.residencePermit).toBe('none');
    expect(request.profile.hmtResidencePermit).toBe(false);
  });

  it('when a non-local candidate pays social security, then the payer and the permit are sent', () => {
    const request = toCheckRequest(
      {
        ...doctorValues,
        householdRegistration: 'non_local',
        residencePermit: 'none',
        hasSocialSecurity: true,
        socialSecurityPayer: ` ${EMPLOYER} `,
      },
      '31',
    );
    expect(request.profile.socialSecurity).toEqual({ payingInstitution: EMPLOYER });
    expect(request.profile.residencePermit).toBe('none');
  });

  it('when the employer named at registration differs, then it is sent as typed', () => {
    const request = toCheckRequest(
      { ...doctorValues, registeredEmployerSame: false, registeredEmployer: '某某医院' },
      '31',
    );
    expect(request.registeredEmployer).toBe('某某医院');
  });

  it('when a saved profile fills the form, then submitting it unchanged sends the same profile', () => {
    const profile: EligibilityProfile = {
      identityDocument: 'resident_id',
      householdRegistration: 'non_local',
      residencePermit: 'receipt',
      hmtResidencePermit: false,
      foreignPermanentResidenceId: false,
      socialSecurity: { payingInstitution: EMPLOYER },
      education: [
        {
          level: 'junior_college',
          mode: 'full_time',
          healthRelated: true,
          major: '护理',
          graduationDate: '2012-07-01',
          foreign: false,
          foreignCertified: false,
          withDegree: false,
        },
        {
          level: 'bachelor',
          mode: 'in_service',
          healthRelated: true,
          major: '护理学',
          school: '某某大学',
          graduationDate: '2018-01-10',
          foreign: false,
          foreignCertified: false,
          withDegree: true,
        },
      ],
      practiceQualifications: [
        {
          kind: 'nurse',
          qualifiedOn: '2012-05-20',
          registeredOn: '2012-09-01',
          principalPracticeSite: EMPLOYER,
        },
      ],
      titles: [{ level: 'junior', track: 'nursing', obtainedOn: '2016-05-01', name: '护师' }],
      residencyTraining: { certifiedOn: '2019-06-30' },
      workPeriods: [
        {
          employer: '外地医院',
          from: '2012-08-01',
          to: '2015-06-30',
          inExamArea: false,
          inSpecialty: true,
        },
        { employer: EMPLOYER, from: '2015-07-01', inExamArea: true, inSpecialty: true },
      ],
      postChange: { changedOn: '2020-03-01' },
      currentEmployer: {
        name: EMPLOYER,
        kind: 'community_health_service_centre',
        clinicalSubjects: ['内科', '护理'],
      },
      covidFrontline: 'front_line',
      earlyApplicationClaims: [{ kind: 'community', year: 2021 }],
      declarations: {
        malpracticeWithin3Years: false,
        errorWithin1Year: false,
        sanctionInForce: false,
        forgeryOrExamDisciplineWithin2Years: false,
        retired: false,
      },
      returningCandidate: true,
    };
    const values = { ...valuesFromProfile(profile, EMPLOYER), cycleId: 7, specialtyCode: '368' };
    const request = toCheckRequest(values, '31');
    expect(request.profile).toEqual(profile);
    expect(request.registeredEmployer).toBe(EMPLOYER);
  });
});

describe('server validation issues on the form', () => {
  it.each([
    ['profile.education.0.graduationDate', ['education', 0, 'graduationDate']],
    ['profile.workPeriods.2.to', ['workPeriods', 2, 'to']],
    ['profile.titles.1.track', ['titles', 1, 'title']],
    ['profile.currentEmployer.name', ['currentEmployerName']],
    ['profile.declarations.retired', ['declarations', 'retired']],
    ['profile.identityDocument', ['identityDocument']],
    ['specialtyCode', ['specialtyCode']],
    ['registeredEmployer', ['currentEmployerName']],
  ])('when the server names %s, then the form marks %j', (path, field) => {
    expect(formFieldOfApiPath(path, doctorValues)).toEqual(field);
  });

  it('when the path is not a form field, then there is none to mark', () => {
    expect(formFieldOfApiPath('profile', doctorValues)).toBeNull();
    expect(formFieldOfApiPath('profile.education', doctorValues)).toBeNull();
  });
});

describe('the verdict', () => {
  const line = (
    ruleId: string,
    outcome: 'met' | 'not_met' | 'review',
  ): EligibilityCheckResponse['lines'][number] => ({
    ruleId,
    title: ruleId,
    required: '',
    actual: '',
    outcome,
    source: { document: '', certainty: 'sourced' },
  });
  const result = (lines: EligibilityCheckResponse['lines']): EligibilityCheckResponse => ({
    eligible: lines.every((l) => l.outcome !== 'not_met'),
    needsReview: lines.some((l) => l.outcome === 'review'),
    lines,
    materialSlots: [],
    checkedAgainst: {
      cycle: { id: 1, name: '2027年度', workYearsCutoff: '2026-12-31' },
      examArea: { code: '31', name: '上海' },
      specialty: { code: '303', name: '内科学', level: 'intermediate', category: 'doctor' },
    },
  });

  it('when only the routine checks are for review, then 符合报考条件', () => {
    expect(
      verdictOf(
        result([
          line('years.intermediate.doctor.bachelor', 'met'),
          line('barred.retired', 'review'),
          line('education.specialty_match', 'review'),
          line('employment.clinical_subjects', 'review'),
        ]),
      ),
    ).toBe('eligible');
  });

  it('when a document must be checked by hand, then 需审核确认', () => {
    expect(verdictOf(result([line('identity.document', 'review')]))).toBe('review');
  });

  it('when a line is not met, then 暂不符合', () => {
    expect(
      verdictOf(result([line('identity.document', 'review'), line('p1.household', 'not_met')])),
    ).toBe('not_eligible');
  });
});
