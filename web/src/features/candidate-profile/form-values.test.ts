import {
  currentEmployerSectionSchema,
  educationSectionSchema,
  personalSectionSchema,
  qualificationsSectionSchema,
  workHistorySectionSchema,
  type EducationRecord,
  type QualificationsSection,
} from '@hqe/core';
import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import {
  claimsToData,
  declarationsToData,
  educationFromData,
  educationToData,
  employerToData,
  formPathOfList,
  formPathOfPersonal,
  formPathOfQualifications,
  personalFromData,
  personalToData,
  qualificationsFromData,
  qualificationsToData,
  workFromData,
  workToData,
} from './form-values';

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

describe('personal values', () => {
  it('keeps only what applies to the identity document, and the result passes the API schema', () => {
    const values = {
      ethnicity: '01' as const,
      householdRegistration: 'non_local' as const,
      residencePermit: 'none' as const,
      hasSocialSecurity: true,
      socialSecurityPayer: '  上海市第一人民医院 ',
      hmtResidencePermit: true,
      foreignPermanentResidenceId: false,
      covidFrontline: 'none' as const,
    };
    const mainland = personalToData(values, 'resident_id');
    expect(mainland).toEqual({
      ethnicity: '01',
      householdRegistration: 'non_local',
      residencePermit: 'none',
      socialSecurity: { payingInstitution: '上海市第一人民医院' },
      hmtResidencePermit: false,
      foreignPermanentResidenceId: false,
      covidFrontline: 'none',
    });
    expect(personalSectionSchema.safeParse(mainland).success).toBe(true);

    const hk = personalToData({ ...values, residencePermit: 'permit' }, 'hk_macao_pass');
    expect(hk).toEqual({
      ethnicity: '01',
      residencePermit: 'none',
      hmtResidencePermit: true,
      foreignPermanentResidenceId: false,
      covidFrontline: 'none',
    });
    const foreign = personalToData(
      { ...values, residencePermit: 'permit_b', foreignPermanentResidenceId: true },
      'passport',
    );
    expect(foreign).toMatchObject({
      residencePermit: 'permit_b',
      foreignPermanentResidenceId: true,
    });
    expect(foreign).not.toHaveProperty('householdRegistration');
    expect(personalFromData(mainland)).toMatchObject({
      hasSocialSecurity: true,
      socialSecurityPayer: '上海市第一人民医院',
    });
  });

  it('a local household drops a residence permit and the social-security payer', () => {
    expect(
      personalToData(
        {
          ethnicity: '03',
          householdRegistration: 'local',
          residencePermit: 'permit',
          hasSocialSecurity: true,
          socialSecurityPayer: '某医院',
        },
        'resident_id',
      ),
    ).toEqual({
      ethnicity: '03',
      householdRegistration: 'local',
      residencePermit: 'none',
      hmtResidencePermit: false,
      foreignPermanentResidenceId: false,
      covidFrontline: 'none',
    });
  });
});

describe('list sections', () => {
  it('education round-trips through the form and passes the API schema', () => {
    const values = educationFromData([education]);
    expect(values.records?.[0]?.graduationDate?.format('YYYY-MM-DD')).toBe('2015-07-01');
    const data = educationToData(values);
    expect(data).toEqual([education]);
    expect(educationSectionSchema.safeParse(data).success).toBe(true);
  });

  it('a degree number is dropped when no degree is held, foreign certification without a foreign education', () => {
    const [record] = educationToData({
      records: [
        {
          ...educationFromData([education]).records?.[0],
          withDegree: false,
          foreign: false,
          foreignCertified: true,
        },
      ],
    });
    expect(record).not.toHaveProperty('degreeCertificateNumber');
    expect(record?.foreignCertified).toBe(false);
  });

  it('a never-saved list starts with one blank record', () => {
    expect(educationFromData(null).records).toHaveLength(1);
    expect(workFromData(null).records?.[0]?.ongoing).toBe(true);
  });

  it('an ongoing work period has no end date', () => {
    const data = workToData({
      records: [
        {
          employer: ' 某医院 ',
          from: dayjs('2020-01-01'),
          to: dayjs('2021-01-01'),
          ongoing: true,
          inExamArea: true,
          inSpecialty: false,
        },
      ],
    });
    expect(data).toEqual([
      { employer: '某医院', from: '2020-01-01', inExamArea: true, inSpecialty: false },
    ]);
    expect(workHistorySectionSchema.safeParse(data).success).toBe(true);
  });

  it('clinical subjects are trimmed and de-duplicated; an empty list is left out', () => {
    expect(
      employerToData({ name: '某医院', kind: 'hospital', clinicalSubjects: ['内科 ', '内科', ''] }),
    ).toEqual({ name: '某医院', kind: 'hospital', clinicalSubjects: ['内科'] });
    const bare = employerToData({ name: '某医院', kind: 'other', clinicalSubjects: [] });
    expect(bare).toEqual({ name: '某医院', kind: 'other' });
    expect(currentEmployerSectionSchema.safeParse(bare).success).toBe(true);
  });

  it('claims and declarations', () => {
    expect(claimsToData({ records: [{ kind: 'community', year: 2021 }] })).toEqual([
      { kind: 'community', year: 2021 },
    ]);
    expect(declarationsToData({ retired: true })).toEqual({
      malpracticeWithin3Years: false,
      errorWithin1Year: false,
      sanctionInForce: false,
      forgeryOrExamDisciplineWithin2Years: false,
      retired: true,
    });
  });
});

describe('qualifications', () => {
  const section: QualificationsSection = {
    practiceQualifications: [
      {
        kind: 'nurse',
        certificateNumber: 'HS2020001',
        qualifiedOn: '2020-05-01',
        registeredOn: '2020-08-01',
        principalPracticeSite: '某医院',
      },
    ],
    titles: [{ level: 'junior', track: 'nursing', obtainedOn: '2022-01-01', name: '护师' }],
    residencyTraining: null,
    postChange: { changedOn: '2023-01-01' },
  };

  it('round-trip through the form, with the title named from its track and level', () => {
    const data = qualificationsToData(qualificationsFromData(section));
    expect(data).toEqual(section);
    expect(qualificationsSectionSchema.safeParse(data).success).toBe(true);
  });

  it('an unregistered qualification keeps no registration details', () => {
    const values = qualificationsFromData(section);
    const practice = (values.practiceQualifications ?? []).map((q) => ({
      ...q,
      registered: false,
    }));
    expect(
      qualificationsToData({ ...values, practiceQualifications: practice })
        .practiceQualifications[0],
    ).toEqual({
      kind: 'nurse',
      certificateNumber: 'HS2020001',
      qualifiedOn: '2020-05-01',
    });
  });
});

describe('server issue paths to form fields', () => {
  it.each([
    [formPathOfList, 'data.0.graduationDate', ['records', 0, 'graduationDate']],
    [formPathOfList, 'data', null],
    [formPathOfPersonal, 'data.householdRegistration', ['householdRegistration']],
    [formPathOfPersonal, 'data.socialSecurity.payingInstitution', ['socialSecurityPayer']],
    [
      formPathOfQualifications,
      'data.practiceQualifications.0.principalPracticeSite',
      ['practiceQualifications', 0, 'principalPracticeSite'],
    ],
    [formPathOfQualifications, 'data.titles.1.level', ['titles', 1, 'title']],
    [
      formPathOfQualifications,
      'data.residencyTraining.certificateNumber',
      ['residencyCertificateNumber'],
    ],
    [formPathOfQualifications, 'version', null],
  ] as const)('%#: %s', (map, path, field) => {
    expect(map(path)).toEqual(field);
  });
});
