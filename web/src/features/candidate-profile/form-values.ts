import {
  ELIGIBILITY_LABELS,
  type CurrentEmployerSection,
  type DeclarationsSection,
  type EarlyApplicationClaimRecord,
  type EarlyApplicationKind,
  type EducationLevel,
  type EducationMode,
  type EducationRecord,
  type EligibilityLevel,
  type EmployerKind,
  type EthnicityCode,
  type HouseholdRegistration,
  type IdentityDocumentType,
  type PersonalSection,
  type PracticeQualificationKind,
  type QualificationsSection,
  type ResidencePermit,
  type CovidFrontlineStatus,
  type TitleTrack,
  type WorkPeriodRecord,
} from '@hqe/core';
import dayjs, { type Dayjs } from 'dayjs';

/**
 * Each section's form values and their two-way mapping to the API: `…ToData` builds what is saved
 * (trimmed, optional fields left out, dates as YYYY-MM-DD), `…FromData` fills the form from what was
 * saved. `formPathOf…` turn a server issue path (`data.0.graduationDate`) into the form field.
 */

type DateValue = Dayjs | null | undefined;
export type FieldPath = (string | number)[];

const DATE_FORMAT = 'YYYY-MM-DD';
const date = (value: DateValue): string => (value ? value.format(DATE_FORMAT) : '');
const optionalDate = (value: DateValue): string | undefined =>
  value ? value.format(DATE_FORMAT) : undefined;
const toDayjs = (value: string | undefined): Dayjs | null => (value ? dayjs(value) : null);
const text = (value: string | undefined): string => (value ?? '').trim();
const optionalText = (value: string | undefined): string | undefined => {
  const trimmed = text(value);
  return trimmed === '' ? undefined : trimmed;
};
/** Only the keys whose value is defined (the API's strict schemas refuse explicit undefined). */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** Who the identity document says the candidate is (as the eligibility engine groups them). */
export function identityGroupOf(
  type: IdentityDocumentType | null | undefined,
): 'mainland' | 'hmt' | 'foreign' | null {
  switch (type) {
    case null:
    case undefined:
      return null;
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

/** Splits a server issue path after its `data.` prefix into form path parts. */
function dataPath(path: string): FieldPath | null {
  const parts = path.split('.');
  if (parts[0] !== 'data') return null;
  return parts.slice(1).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

// ---------------------------------------------------------------------------------------------
// 个人信息

export interface PersonalValues {
  ethnicity?: EthnicityCode;
  householdRegistration?: HouseholdRegistration;
  residencePermit?: ResidencePermit;
  hasSocialSecurity?: boolean;
  socialSecurityPayer?: string;
  hmtResidencePermit?: boolean;
  foreignPermanentResidenceId?: boolean;
  covidFrontline?: CovidFrontlineStatus;
}

export const NEW_PERSONAL: PersonalValues = {
  residencePermit: 'none',
  hasSocialSecurity: false,
  hmtResidencePermit: false,
  foreignPermanentResidenceId: false,
  covidFrontline: 'none',
};

/** The personal section, keeping only what applies to the candidate's identity document. */
export function personalToData(
  values: PersonalValues,
  document: IdentityDocumentType | null,
): PersonalSection {
  const group = identityGroupOf(document);
  const mainland = group === null || group === 'mainland';
  const nonLocal = mainland && values.householdRegistration === 'non_local';
  const permit = values.residencePermit ?? 'none';
  const residencePermit: ResidencePermit =
    permit === 'permit_b'
      ? group === 'foreign'
        ? 'permit_b'
        : 'none'
      : permit !== 'none' && !nonLocal
        ? 'none'
        : permit;
  const payer = optionalText(values.socialSecurityPayer);
  return defined({
    ethnicity: values.ethnicity ?? '01',
    householdRegistration: mainland ? values.householdRegistration : undefined,
    residencePermit,
    socialSecurity:
      nonLocal && values.hasSocialSecurity === true && payer
        ? { payingInstitution: payer }
        : undefined,
    hmtResidencePermit: group === 'hmt' && values.hmtResidencePermit === true,
    foreignPermanentResidenceId: group === 'foreign' && values.foreignPermanentResidenceId === true,
    covidFrontline: values.covidFrontline ?? 'none',
  });
}

export function personalFromData(data: PersonalSection | null): PersonalValues {
  if (!data) return { ...NEW_PERSONAL };
  return {
    ethnicity: data.ethnicity,
    householdRegistration: data.householdRegistration,
    residencePermit: data.residencePermit,
    hasSocialSecurity: data.socialSecurity !== undefined,
    socialSecurityPayer: data.socialSecurity?.payingInstitution,
    hmtResidencePermit: data.hmtResidencePermit,
    foreignPermanentResidenceId: data.foreignPermanentResidenceId,
    covidFrontline: data.covidFrontline,
  };
}

export function formPathOfPersonal(path: string): FieldPath | null {
  const field = dataPath(path);
  if (!field || field.length === 0) return null;
  if (field[0] === 'socialSecurity') return ['socialSecurityPayer'];
  return [field[0] as string];
}

// ---------------------------------------------------------------------------------------------
// 现工作单位

export interface EmployerValues {
  name?: string;
  kind?: EmployerKind;
  department?: string;
  post?: string;
  clinicalSubjects?: string[];
}

export function employerToData(values: EmployerValues): CurrentEmployerSection {
  const subjects = [
    ...new Set((values.clinicalSubjects ?? []).map((s) => s.trim()).filter(Boolean)),
  ];
  return defined({
    name: text(values.name),
    kind: values.kind ?? 'hospital',
    department: optionalText(values.department),
    post: optionalText(values.post),
    clinicalSubjects: subjects.length > 0 ? subjects : undefined,
  });
}

export function employerFromData(data: CurrentEmployerSection | null): EmployerValues {
  if (!data) return { clinicalSubjects: [] };
  return { ...data, clinicalSubjects: data.clinicalSubjects ?? [] };
}

export function formPathOfField(path: string): FieldPath | null {
  const field = dataPath(path);
  if (!field || field.length === 0) return null;
  return [field[0] as string];
}

// ---------------------------------------------------------------------------------------------
// 学历学位

export interface EducationValues {
  level?: EducationLevel;
  mode?: EducationMode;
  school?: string;
  major?: string;
  healthRelated?: boolean;
  startDate?: DateValue;
  graduationDate?: DateValue;
  certificateNumber?: string;
  withDegree?: boolean;
  degreeCertificateNumber?: string;
  foreign?: boolean;
  foreignCertified?: boolean;
}

export interface EducationListValues {
  records?: EducationValues[];
}

export const NEW_EDUCATION: EducationValues = {
  mode: 'full_time',
  healthRelated: true,
  withDegree: false,
  foreign: false,
  foreignCertified: false,
};

export function educationToData(values: EducationListValues): EducationRecord[] {
  return (values.records ?? []).map((e) => {
    const foreign = e.foreign === true;
    const withDegree = e.withDegree === true;
    return defined({
      level: e.level ?? 'bachelor',
      mode: e.mode ?? 'full_time',
      school: text(e.school),
      major: text(e.major),
      healthRelated: e.healthRelated ?? false,
      startDate: date(e.startDate),
      graduationDate: date(e.graduationDate),
      certificateNumber: optionalText(e.certificateNumber),
      withDegree,
      degreeCertificateNumber: withDegree ? optionalText(e.degreeCertificateNumber) : undefined,
      foreign,
      foreignCertified: foreign && e.foreignCertified === true,
    });
  });
}

export function educationFromData(data: EducationRecord[] | null): EducationListValues {
  if (!data) return { records: [{ ...NEW_EDUCATION }] };
  return {
    records: data.map((e) => ({
      ...e,
      startDate: toDayjs(e.startDate),
      graduationDate: toDayjs(e.graduationDate),
    })),
  };
}

/** `data.0.major` → `records.0.major`; list-wide issues go to the list. */
export function formPathOfList(path: string): FieldPath | null {
  const field = dataPath(path);
  if (!field || field.length < 2) return null;
  return ['records', ...field];
}

// ---------------------------------------------------------------------------------------------
// 工作经历

export interface WorkValues {
  employer?: string;
  department?: string;
  post?: string;
  from?: DateValue;
  to?: DateValue;
  ongoing?: boolean;
  inExamArea?: boolean;
  inSpecialty?: boolean;
}

export interface WorkListValues {
  records?: WorkValues[];
}

export const NEW_WORK: WorkValues = { ongoing: false, inExamArea: true, inSpecialty: true };

export function workToData(values: WorkListValues): WorkPeriodRecord[] {
  return (values.records ?? []).map((w) =>
    defined({
      employer: text(w.employer),
      department: optionalText(w.department),
      post: optionalText(w.post),
      from: date(w.from),
      to: w.ongoing ? undefined : optionalDate(w.to),
      inExamArea: w.inExamArea ?? true,
      inSpecialty: w.inSpecialty ?? true,
    }),
  );
}

export function workFromData(data: WorkPeriodRecord[] | null): WorkListValues {
  if (!data) return { records: [{ ...NEW_WORK, ongoing: true }] };
  return {
    records: data.map((w) => ({
      ...w,
      from: toDayjs(w.from),
      to: toDayjs(w.to),
      ongoing: w.to === undefined,
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// 执业资格与职称

export interface PracticeValues {
  kind?: PracticeQualificationKind;
  certificateNumber?: string;
  qualifiedOn?: DateValue;
  registered?: boolean;
  registeredOn?: DateValue;
  principalPracticeSite?: string;
  practiceCategory?: string;
  practiceScope?: string;
}

/** A title as one choice of track and level (药师 = pharmacy:junior). */
export type TitleKey = `${TitleTrack}:${EligibilityLevel}`;

export interface TitleValues {
  title?: TitleKey;
  obtainedOn?: DateValue;
}

export interface QualificationsValues {
  practiceQualifications?: PracticeValues[];
  titles?: TitleValues[];
  hasResidencyTraining?: boolean;
  residencyCertifiedOn?: DateValue;
  residencyCertificateNumber?: string;
  hasPostChange?: boolean;
  postChangedOn?: DateValue;
}

export const NEW_PRACTICE: PracticeValues = { registered: true };

export function qualificationsToData(values: QualificationsValues): QualificationsSection {
  return {
    practiceQualifications: (values.practiceQualifications ?? []).map((q) => {
      const registered = q.registered === true;
      return defined({
        kind: q.kind ?? 'doctor',
        certificateNumber: text(q.certificateNumber),
        qualifiedOn: date(q.qualifiedOn),
        registeredOn: registered ? date(q.registeredOn) : undefined,
        principalPracticeSite: registered ? optionalText(q.principalPracticeSite) : undefined,
        practiceCategory: registered ? optionalText(q.practiceCategory) : undefined,
        practiceScope: registered ? optionalText(q.practiceScope) : undefined,
      });
    }),
    titles: (values.titles ?? []).flatMap((t) => {
      if (!t.title) return [];
      const [track, level] = t.title.split(':') as [TitleTrack, EligibilityLevel];
      return [
        {
          level,
          track,
          obtainedOn: date(t.obtainedOn),
          name: ELIGIBILITY_LABELS.title[track][level],
        },
      ];
    }),
    residencyTraining: values.hasResidencyTraining
      ? {
          certifiedOn: date(values.residencyCertifiedOn),
          certificateNumber: text(values.residencyCertificateNumber),
        }
      : null,
    postChange: values.hasPostChange ? { changedOn: date(values.postChangedOn) } : null,
  };
}

export function qualificationsFromData(data: QualificationsSection | null): QualificationsValues {
  if (!data) {
    return {
      practiceQualifications: [],
      titles: [],
      hasResidencyTraining: false,
      hasPostChange: false,
    };
  }
  return {
    practiceQualifications: data.practiceQualifications.map((q) => ({
      ...q,
      qualifiedOn: toDayjs(q.qualifiedOn),
      registered: q.registeredOn !== undefined,
      registeredOn: toDayjs(q.registeredOn),
    })),
    titles: data.titles.map((t) => ({
      title: `${t.track}:${t.level}` as const,
      obtainedOn: toDayjs(t.obtainedOn),
    })),
    hasResidencyTraining: data.residencyTraining !== null,
    residencyCertifiedOn: toDayjs(data.residencyTraining?.certifiedOn),
    residencyCertificateNumber: data.residencyTraining?.certificateNumber,
    hasPostChange: data.postChange !== null,
    postChangedOn: toDayjs(data.postChange?.changedOn),
  };
}

const RENAMED_QUALIFICATION_FIELDS: Record<string, FieldPath> = {
  'residencyTraining.certifiedOn': ['residencyCertifiedOn'],
  'residencyTraining.certificateNumber': ['residencyCertificateNumber'],
  'postChange.changedOn': ['postChangedOn'],
};

export function formPathOfQualifications(path: string): FieldPath | null {
  const field = dataPath(path);
  if (!field || field.length === 0) return null;
  const renamed = RENAMED_QUALIFICATION_FIELDS[field.join('.')];
  if (renamed) return renamed;
  const [list, index, name] = field;
  if ((list === 'practiceQualifications' || list === 'titles') && typeof index === 'number') {
    if (list === 'titles') return ['titles', index, name === 'obtainedOn' ? 'obtainedOn' : 'title'];
    return name === undefined ? null : [list, index, name];
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// 提前申报情况

export interface ClaimValues {
  kind?: EarlyApplicationKind;
  year?: number | null;
}

export interface ClaimListValues {
  records?: ClaimValues[];
}

export function claimsToData(values: ClaimListValues): EarlyApplicationClaimRecord[] {
  return (values.records ?? []).map((c) => ({ kind: c.kind ?? 'community', year: c.year ?? 0 }));
}

export function claimsFromData(data: EarlyApplicationClaimRecord[] | null): ClaimListValues {
  return { records: (data ?? []).map((c) => ({ ...c })) };
}

// ---------------------------------------------------------------------------------------------
// 诚信声明

export type DeclarationsValues = Partial<DeclarationsSection>;

export function declarationsToData(values: DeclarationsValues): DeclarationsSection {
  return {
    malpracticeWithin3Years: values.malpracticeWithin3Years === true,
    errorWithin1Year: values.errorWithin1Year === true,
    sanctionInForce: values.sanctionInForce === true,
    forgeryOrExamDisciplineWithin2Years: values.forgeryOrExamDisciplineWithin2Years === true,
    retired: values.retired === true,
  };
}

export function declarationsFromData(data: DeclarationsSection | null): DeclarationsValues {
  return data ? { ...data } : {};
}
