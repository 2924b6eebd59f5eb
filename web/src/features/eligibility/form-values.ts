import {
  ELIGIBILITY_LABELS,
  type DeclarationKey,
  type EarlyApplicationKind,
  type EducationLevel,
  type EligibilityCheckRequest,
  type EligibilityLevel,
  type EligibilityProfile,
  type EligibilityProfileDraft,
  type EmployerKind,
  type IdentityDocumentType,
  type PracticeQualificationKind,
  type TitleTrack,
} from '@hqe/core';
import dayjs, { type Dayjs } from 'dayjs';

/**
 * The self-check form's values and their two-way mapping to the API's profile: `toCheckRequest`
 * builds the request body, `valuesFromProfile` fills the form from a saved profile (the candidate
 * profile of a later issue), so the page can be prefilled without changing the form.
 */

type DateValue = Dayjs | null | undefined;

export interface EducationValues {
  level?: EducationLevel;
  mode?: 'full_time' | 'in_service';
  healthRelated?: boolean;
  major?: string;
  school?: string;
  graduationDate?: DateValue;
  foreign?: boolean;
  foreignCertified?: boolean;
  withDegree?: boolean;
}

export interface PracticeValues {
  kind?: PracticeQualificationKind;
  qualifiedOn?: DateValue;
  registeredOn?: DateValue;
  principalPracticeSite?: string;
}

/** A title held, as one choice of track and level (药师 = pharmacy:junior). */
export type TitleKey = `${TitleTrack}:${EligibilityLevel}`;

export interface TitleValues {
  title?: TitleKey;
  obtainedOn?: DateValue;
}

export function titleKey(track: TitleTrack, level: EligibilityLevel): TitleKey {
  return `${track}:${level}`;
}

function splitTitleKey(key: TitleKey): { track: TitleTrack; level: EligibilityLevel } {
  const [track, level] = key.split(':') as [TitleTrack, EligibilityLevel];
  return { track, level };
}

export interface WorkValues {
  employer?: string;
  from?: DateValue;
  to?: DateValue;
  ongoing?: boolean;
  inExamArea?: boolean;
  inSpecialty?: boolean;
}

export interface ClaimValues {
  kind?: EarlyApplicationKind;
  year?: number | null;
}

export type ResidencePermitValue = EligibilityProfile['residencePermit'];
export type CovidValue = EligibilityProfile['covidFrontline'];

export interface SelfCheckValues {
  cycleId?: number;
  specialtyCode?: string;
  returningCandidate?: boolean;
  identityDocument?: IdentityDocumentType;
  householdRegistration?: 'local' | 'non_local';
  residencePermit?: ResidencePermitValue;
  hasSocialSecurity?: boolean;
  socialSecurityPayer?: string;
  hmtResidencePermit?: boolean;
  foreignPermanentResidenceId?: boolean;
  education?: EducationValues[];
  practiceQualifications?: PracticeValues[];
  titles?: TitleValues[];
  hasResidencyTraining?: boolean;
  residencyCertifiedOn?: DateValue;
  hasPostChange?: boolean;
  postChangedOn?: DateValue;
  workPeriods?: WorkValues[];
  currentEmployerName?: string;
  currentEmployerKind?: EmployerKind;
  /** 诊疗科目 on the employer's licence, where the candidate knows them. */
  clinicalSubjects?: string[];
  registeredEmployerSame?: boolean;
  registeredEmployer?: string;
  covidFrontline?: CovidValue;
  earlyApplicationClaims?: ClaimValues[];
  declarations?: Partial<Record<DeclarationKey, boolean>>;
}

/** Most records of each list the form offers. */
export const LIST_LIMITS = {
  education: 5,
  practiceQualifications: 3,
  titles: 5,
  workPeriods: 10,
  earlyApplicationClaims: 3,
} as const;

export const NEW_EDUCATION: EducationValues = {
  mode: 'full_time',
  healthRelated: true,
  foreign: false,
  foreignCertified: false,
  withDegree: false,
};
export const NEW_WORK: WorkValues = { ongoing: false, inExamArea: true, inSpecialty: true };

/** A blank form: one education record and one ongoing work period to start from. */
export const INITIAL_VALUES: SelfCheckValues = {
  returningCandidate: false,
  identityDocument: 'resident_id',
  hasSocialSecurity: false,
  hmtResidencePermit: false,
  foreignPermanentResidenceId: false,
  education: [{ ...NEW_EDUCATION }],
  practiceQualifications: [],
  titles: [],
  hasResidencyTraining: false,
  hasPostChange: false,
  workPeriods: [{ ...NEW_WORK, ongoing: true }],
  registeredEmployerSame: true,
  covidFrontline: 'none',
  earlyApplicationClaims: [],
  declarations: {},
};

/** Who the identity document says the candidate is (the engine's grouping). */
export function identityGroup(
  type: IdentityDocumentType | undefined,
): 'mainland' | 'hmt' | 'foreign' {
  switch (type) {
    case undefined:
    case 'resident_id':
      return 'mainland';
    case 'hmt_residence_permit':
    case 'hk_macao_pass':
    case 'taiwan_pass':
      return 'hmt';
    case 'foreign_permanent_residence_id':
    case 'passport':
      return 'foreign';
  }
}

const DATE_FORMAT = 'YYYY-MM-DD';

function date(value: DateValue): string {
  return value ? value.format(DATE_FORMAT) : '';
}

function optionalDate(value: DateValue): string | undefined {
  return value ? value.format(DATE_FORMAT) : undefined;
}

function toDayjs(value: string | undefined): Dayjs | null {
  return value ? dayjs(value) : null;
}

function text(value: string | undefined): string {
  return (value ?? '').trim();
}

function optionalText(value: string | undefined): string | undefined {
  const trimmed = text(value);
  return trimmed === '' ? undefined : trimmed;
}

/** The form's values (already validated by the form) as the check's request body. */
export function toCheckRequest(
  values: SelfCheckValues,
  examAreaCode: string,
): EligibilityCheckRequest {
  const group = identityGroup(values.identityDocument);
  const mainlandNonLocal = group === 'mainland' && values.householdRegistration === 'non_local';
  const residencePermit: ResidencePermitValue = mainlandNonLocal
    ? (values.residencePermit ?? 'none')
    : group === 'foreign' && values.residencePermit === 'permit_b'
      ? 'permit_b'
      : 'none';
  const payer = optionalText(values.socialSecurityPayer);
  const currentEmployer = text(values.currentEmployerName);
  const subjects = [
    ...new Set((values.clinicalSubjects ?? []).map((x) => x.trim()).filter(Boolean)),
  ];
  const profile: EligibilityProfile = {
    identityDocument: values.identityDocument ?? 'resident_id',
    ...(group === 'mainland' && values.householdRegistration
      ? { householdRegistration: values.householdRegistration }
      : {}),
    residencePermit,
    hmtResidencePermit: group === 'hmt' && values.hmtResidencePermit === true,
    foreignPermanentResidenceId: group === 'foreign' && values.foreignPermanentResidenceId === true,
    ...(mainlandNonLocal && values.hasSocialSecurity && payer
      ? { socialSecurity: { payingInstitution: payer } }
      : {}),
    education: (values.education ?? []).map((e) => ({
      level: e.level ?? 'bachelor',
      mode: e.mode ?? 'full_time',
      healthRelated: e.healthRelated ?? false,
      major: text(e.major),
      ...(optionalText(e.school) ? { school: text(e.school) } : {}),
      graduationDate: date(e.graduationDate),
      foreign: e.foreign === true,
      foreignCertified: e.foreign === true && e.foreignCertified === true,
      withDegree: e.withDegree === true,
    })),
    practiceQualifications: (values.practiceQualifications ?? []).map((q) => ({
      kind: q.kind ?? 'doctor',
      qualifiedOn: date(q.qualifiedOn),
      ...(q.registeredOn ? { registeredOn: date(q.registeredOn) } : {}),
      ...(optionalText(q.principalPracticeSite)
        ? { principalPracticeSite: text(q.principalPracticeSite) }
        : {}),
    })),
    titles: (values.titles ?? []).flatMap((t) => {
      if (!t.title) return [];
      const { track, level } = splitTitleKey(t.title);
      return [
        {
          track,
          level,
          obtainedOn: date(t.obtainedOn),
          name: ELIGIBILITY_LABELS.title[track][level],
        },
      ];
    }),
    ...(values.hasResidencyTraining && values.residencyCertifiedOn
      ? { residencyTraining: { certifiedOn: date(values.residencyCertifiedOn) } }
      : {}),
    workPeriods: (values.workPeriods ?? []).map((w) => {
      const to = w.ongoing ? undefined : optionalDate(w.to);
      return {
        employer: text(w.employer),
        from: date(w.from),
        ...(to ? { to } : {}),
        inExamArea: w.inExamArea ?? true,
        inSpecialty: w.inSpecialty ?? true,
      };
    }),
    ...(values.hasPostChange && values.postChangedOn
      ? { postChange: { changedOn: date(values.postChangedOn) } }
      : {}),
    currentEmployer: {
      name: currentEmployer,
      kind: values.currentEmployerKind ?? 'hospital',
      ...(subjects.length > 0 ? { clinicalSubjects: subjects } : {}),
    },
    covidFrontline: values.covidFrontline ?? 'none',
    earlyApplicationClaims: (values.earlyApplicationClaims ?? []).map((c) => ({
      kind: c.kind ?? 'community',
      year: c.year ?? 0,
    })),
    declarations: { ...values.declarations },
    returningCandidate: values.returningCandidate === true,
  };
  return {
    cycleId: values.cycleId ?? 0,
    examAreaCode,
    specialtyCode: values.specialtyCode ?? '',
    registeredEmployer: values.registeredEmployerSame
      ? currentEmployer
      : text(values.registeredEmployer),
    profile,
  };
}

/**
 * Form values from a saved profile (and the employer named at registration, when known); a draft
 * (the candidate's basic information not yet complete) leaves what it lacks at the blank form's.
 */
export function valuesFromProfile(
  profile: EligibilityProfileDraft,
  registeredEmployer?: string,
): SelfCheckValues {
  const registeredSame =
    registeredEmployer === undefined || registeredEmployer === profile.currentEmployer?.name;
  return {
    ...INITIAL_VALUES,
    returningCandidate: profile.returningCandidate,
    identityDocument: profile.identityDocument ?? INITIAL_VALUES.identityDocument,
    householdRegistration: profile.householdRegistration,
    residencePermit: profile.residencePermit,
    hasSocialSecurity: profile.socialSecurity !== undefined,
    socialSecurityPayer: profile.socialSecurity?.payingInstitution,
    hmtResidencePermit: profile.hmtResidencePermit,
    foreignPermanentResidenceId: profile.foreignPermanentResidenceId,
    education: profile.education.map((e) => ({ ...e, graduationDate: toDayjs(e.graduationDate) })),
    practiceQualifications: profile.practiceQualifications.map((q) => ({
      ...q,
      qualifiedOn: toDayjs(q.qualifiedOn),
      registeredOn: toDayjs(q.registeredOn),
    })),
    titles: profile.titles.map((t) => ({
      title: titleKey(t.track, t.level),
      obtainedOn: toDayjs(t.obtainedOn),
    })),
    hasResidencyTraining: profile.residencyTraining !== undefined,
    residencyCertifiedOn: toDayjs(profile.residencyTraining?.certifiedOn),
    hasPostChange: profile.postChange !== undefined,
    postChangedOn: toDayjs(profile.postChange?.changedOn),
    workPeriods: profile.workPeriods.map((w) => ({
      ...w,
      from: toDayjs(w.from),
      to: toDayjs(w.to),
      ongoing: w.to === undefined,
    })),
    currentEmployerName: profile.currentEmployer?.name,
    currentEmployerKind: profile.currentEmployer?.kind,
    clinicalSubjects: profile.currentEmployer?.clinicalSubjects ?? [],
    registeredEmployerSame: registeredSame,
    registeredEmployer: registeredSame ? undefined : registeredEmployer,
    covidFrontline: profile.covidFrontline,
    earlyApplicationClaims: profile.earlyApplicationClaims.map((c) => ({ ...c })),
    declarations: { ...profile.declarations },
  };
}

type FieldPath = (string | number)[];

/** Profile fields that are form fields of the same name. */
const TOP_LEVEL = new Set<string>([
  'identityDocument',
  'householdRegistration',
  'residencePermit',
  'hmtResidencePermit',
  'foreignPermanentResidenceId',
  'covidFrontline',
  'returningCandidate',
]);

const RENAMED: Record<string, FieldPath> = {
  'profile.currentEmployer.name': ['currentEmployerName'],
  'profile.currentEmployer.kind': ['currentEmployerKind'],
  'profile.currentEmployer.clinicalSubjects': ['clinicalSubjects'],
  'profile.socialSecurity.payingInstitution': ['socialSecurityPayer'],
  'profile.residencyTraining.certifiedOn': ['residencyCertifiedOn'],
  'profile.postChange.changedOn': ['postChangedOn'],
};

/**
 * The form field a server validation issue is about (`profile.education.0.major` →
 * `['education', 0, 'major']`), or null when the form has no such field.
 */
export function formFieldOfApiPath(path: string, values: SelfCheckValues): FieldPath | null {
  const renamed = RENAMED[path];
  if (renamed) return renamed;
  if (path === 'registeredEmployer') {
    return values.registeredEmployerSame ? ['currentEmployerName'] : ['registeredEmployer'];
  }
  if (path === 'specialtyCode' || path === 'cycleId') return [path];
  const parts = path.split('.');
  if (parts[0] !== 'profile' || parts.length < 2) return null;
  const field = parts.slice(1).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  const lists = [
    'education',
    'practiceQualifications',
    'titles',
    'workPeriods',
    'earlyApplicationClaims',
    'declarations',
  ];
  if (field.length === 3 && typeof field[0] === 'string' && lists.includes(field[0])) {
    const [list, index, name] = field;
    return list === 'titles' && name !== 'obtainedOn' ? [list, index ?? 0, 'title'] : field;
  }
  if (field.length === 2 && field[0] === 'declarations') return field;
  if (field.length === 1 && typeof field[0] === 'string' && TOP_LEVEL.has(field[0])) return field;
  return null;
}
