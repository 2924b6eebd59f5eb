/**
 * Builders of eligibility inputs for tests (and for demos): a profile that passes everything but
 * what a test changes. Not exported from the package.
 */
import type {
  EligibilityEducation,
  EligibilityInput,
  EligibilityProfile,
  EligibilitySpecialty,
  EligibilityWorkPeriod,
} from './profile';
import { SHANGHAI_AREA_ELIGIBILITY_RULES } from './profile';
import type { EligibilityLine, EligibilityResult } from './result';

export const CUTOFF = '2023-12-31';
export const EMPLOYER = '上海市第一人民医院';

export const SPECIALTIES = {
  pharmacyAssistant: {
    code: '101',
    name: '药学(士)',
    level: 'junior_assistant',
    category: 'pharmacy',
  },
  labAssistant: {
    code: '105',
    name: '临床医学检验技术(士)',
    level: 'junior_assistant',
    category: 'technician',
  },
  pharmacist: { code: '201', name: '药学(师)', level: 'junior', category: 'pharmacy' },
  radiographer: { code: '206', name: '放射医学技术(师)', level: 'junior', category: 'technician' },
  nurse: { code: '203', name: '护理学(师)', level: 'junior', category: 'nursing' },
  tcmNurse: { code: '204', name: '中医护理学(师)', level: 'junior', category: 'nursing' },
  generalPractice: { code: '301', name: '全科医学', level: 'intermediate', category: 'doctor' },
  generalPracticeTcm: {
    code: '302',
    name: '全科医学(中医类)',
    level: 'intermediate',
    category: 'doctor',
  },
  internalMedicine: { code: '303', name: '内科学', level: 'intermediate', category: 'doctor' },
  publicHealth: { code: '365', name: '健康教育', level: 'intermediate', category: 'doctor' },
  emergency: { code: '392', name: '急诊医学', level: 'intermediate', category: 'doctor' },
  seniorPharmacist: {
    code: '366',
    name: '药学(中级)',
    level: 'intermediate',
    category: 'pharmacy',
  },
  seniorLab: {
    code: '379',
    name: '临床医学检验技术(中级)',
    level: 'intermediate',
    category: 'technician',
  },
  seniorNurse: { code: '368', name: '护理学(中级)', level: 'intermediate', category: 'nursing' },
  communityNurse: { code: '373', name: '社区护理', level: 'intermediate', category: 'nursing' },
  otherSpecialty: { code: '399', name: '其他专业', level: 'intermediate', category: 'other' },
} as const satisfies Record<string, EligibilitySpecialty>;

export function education(overrides: Partial<EligibilityEducation> = {}): EligibilityEducation {
  return {
    level: 'bachelor',
    mode: 'full_time',
    healthRelated: true,
    major: '临床医学',
    graduationDate: '2012-07-01',
    foreign: false,
    foreignCertified: false,
    withDegree: true,
    ...overrides,
  };
}

export function work(
  from: string,
  to?: string,
  overrides: Partial<EligibilityWorkPeriod> = {},
): EligibilityWorkPeriod {
  return {
    employer: EMPLOYER,
    from,
    ...(to ? { to } : {}),
    inExamArea: true,
    inSpecialty: true,
    ...overrides,
  };
}

export function profile(overrides: Partial<EligibilityProfile> = {}): EligibilityProfile {
  return {
    identityDocument: 'resident_id',
    householdRegistration: 'local',
    residencePermit: 'none',
    hmtResidencePermit: false,
    foreignPermanentResidenceId: false,
    education: [education()],
    practiceQualifications: [],
    titles: [],
    workPeriods: [work('2012-08-01')],
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

/** A doctor registered (执业医师) on `registeredOn`, working in the specialty since then. */
export function doctor(
  registeredOn: string,
  overrides: Partial<EligibilityProfile> = {},
): EligibilityProfile {
  return profile({
    practiceQualifications: [
      { kind: 'doctor', qualifiedOn: registeredOn, registeredOn, principalPracticeSite: EMPLOYER },
    ],
    workPeriods: [work(registeredOn)],
    ...overrides,
  });
}

/** A nurse registered on `registeredOn`, working in nursing since then. */
export function nurse(
  registeredOn: string,
  overrides: Partial<EligibilityProfile> = {},
): EligibilityProfile {
  return profile({
    education: [education({ major: '护理学' })],
    practiceQualifications: [
      { kind: 'nurse', qualifiedOn: registeredOn, registeredOn, principalPracticeSite: EMPLOYER },
    ],
    workPeriods: [work(registeredOn)],
    ...overrides,
  });
}

export function input(
  candidate: EligibilityProfile,
  specialty: EligibilitySpecialty,
  overrides: Partial<EligibilityInput> = {},
): EligibilityInput {
  return {
    profile: candidate,
    specialty,
    cutoffDate: CUTOFF,
    examArea: { code: '31', rules: SHANGHAI_AREA_ELIGIBILITY_RULES },
    registeredEmployer: EMPLOYER,
    ...overrides,
  };
}

/** The line of a rule; throws when the result has none, so a test fails with the rule's id. */
export function lineOf(result: EligibilityResult, ruleId: string): EligibilityLine {
  const line = result.lines.find((l) => l.ruleId === ruleId);
  if (!line) {
    throw new Error(`no line ${ruleId}; lines: ${result.lines.map((l) => l.ruleId).join(', ')}`);
  }
  return line;
}

export function slotOf(result: EligibilityResult, key: string) {
  return result.materialSlots.find((s) => s.key === key);
}
