import type { ProfileSectionData, ProfileSectionKey } from '@hqe/core';

/** A complete, valid profile of a non-local doctor in Shanghai, section by section. */
export const VALID_SECTIONS: { [K in ProfileSectionKey]: ProfileSectionData<K> } = {
  personal: {
    ethnicity: '01',
    householdRegistration: 'non_local',
    residencePermit: 'permit',
    socialSecurity: { payingInstitution: '上海市第一人民医院' },
    hmtResidencePermit: false,
    foreignPermanentResidenceId: false,
    covidFrontline: 'none',
  },
  currentEmployer: {
    name: '上海市第一人民医院',
    kind: 'hospital',
    department: '内科',
    post: '住院医师',
    clinicalSubjects: ['内科', '外科'],
  },
  education: [
    {
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
    },
  ],
  workHistory: [
    {
      employer: '上海市第一人民医院',
      department: '内科',
      post: '住院医师',
      from: '2015-08-01',
      inExamArea: true,
      inSpecialty: true,
    },
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
        practiceScope: '内科专业',
      },
    ],
    titles: [{ level: 'junior', track: 'doctor', obtainedOn: '2017-10-01', name: '医师' }],
    residencyTraining: { certifiedOn: '2018-08-01', certificateNumber: 'ZY2018-0001' },
    postChange: null,
  },
  earlyApplicationClaims: [],
  declarations: {
    malpracticeWithin3Years: false,
    errorWithin1Year: false,
    sanctionInForce: false,
    forgeryOrExamDisciplineWithin2Years: false,
    retired: false,
  },
};

export const SECTION_PATHS: Record<ProfileSectionKey, string> = {
  personal: '/api/candidate/profile/personal',
  currentEmployer: '/api/candidate/profile/current-employer',
  education: '/api/candidate/profile/education',
  workHistory: '/api/candidate/profile/work-history',
  qualifications: '/api/candidate/profile/qualifications',
  earlyApplicationClaims: '/api/candidate/profile/early-application-claims',
  declarations: '/api/candidate/profile/declarations',
};
