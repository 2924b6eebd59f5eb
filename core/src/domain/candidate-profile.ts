import {
  PROFILE_PART_LABELS,
  PROFILE_PARTS,
  type CurrentEmployerSection,
  type DeclarationsSection,
  type EarlyApplicationClaimsSection,
  type EducationSection,
  type EligibilityProfileDraft,
  type EligibilityProfileGap,
  type PersonalSection,
  type ProfileCompleteness,
  type ProfilePart,
  type ProfileSectionData,
  type ProfileSectionKey,
  type QualificationsSection,
  type WorkHistorySection,
} from '../api/candidate-profile';
import type { EligibilityProfile, IdentityDocumentType } from './eligibility';
import { identityGroup } from './eligibility/identity';

/**
 * The candidate's basic information as the domain sees it: the rules between its fields and the
 * account, what is still missing, and its mapping into the eligibility engine's input.
 */

/** The stored profile: each section as last saved (null: never saved), and whether a photo is on file. */
export interface CandidateProfileData {
  personal: PersonalSection | null;
  currentEmployer: CurrentEmployerSection | null;
  education: EducationSection | null;
  workHistory: WorkHistorySection | null;
  qualifications: QualificationsSection | null;
  earlyApplicationClaims: EarlyApplicationClaimsSection | null;
  declarations: DeclarationsSection | null;
  hasPhoto: boolean;
}

export const EMPTY_CANDIDATE_PROFILE: CandidateProfileData = {
  personal: null,
  currentEmployer: null,
  education: null,
  workHistory: null,
  qualifications: null,
  earlyApplicationClaims: null,
  declarations: null,
  hasPhoto: false,
};

/** What the profile needs from the account: the identity document it registered with. */
export interface CandidateAccountFacts {
  /** Null while the account has no identity document on file (it cannot be checked yet). */
  identityDocument: IdentityDocumentType | null;
  /** 历史考生: decided from the previous cycle's results by registration, never typed in. */
  returningCandidate?: boolean;
}

/** A problem with one field, by its path inside the section (`0.graduationDate`). */
export interface ProfileIssue {
  path: string;
  message: string;
}

/**
 * The personal section against the account's identity document: 户籍 only for 居民身份证 holders
 * (and then required), 居住证 and its receipt only for a non-local household, 居住证（B证） only for
 * foreign nationals, 港澳台居民居住证 only for HK/Macao/Taiwan residents, 外国人永久居留身份证 only for
 * foreign nationals, the social-security payer only for a non-local household. With no document on
 * file only the rules between the section's own fields apply.
 */
export function personalSectionIssues(
  personal: PersonalSection,
  identityDocument: IdentityDocumentType | null,
): ProfileIssue[] {
  const issues: ProfileIssue[] = [];
  const issue = (path: string, message: string) => issues.push({ path, message });
  const nonLocal = personal.householdRegistration === 'non_local';
  const group = identityDocument === null ? null : identityGroup(identityDocument);

  const permit = personal.residencePermit === 'permit' || personal.residencePermit === 'receipt';
  if (group === null || group === 'mainland') {
    if (group === 'mainland' && personal.householdRegistration === undefined) {
      issue('householdRegistration', '请选择户籍所在地（本市或非本市）');
    }
    if (permit && !nonLocal) {
      issue('residencePermit', '居住证或其受理凭证只需非本市户籍的考生填写，请选择“未办理”');
    }
    if (personal.socialSecurity !== undefined && !nonLocal) {
      issue('socialSecurity.payingInstitution', '社保缴费单位只需非本市户籍的考生填写，请清空');
    }
  } else {
    if (personal.householdRegistration !== undefined) {
      issue('householdRegistration', '只有使用居民身份证的考生需要填写户籍，请不要选择');
    }
    if (permit) {
      issue(
        'residencePermit',
        group === 'foreign'
          ? '外籍人员请选择“居住证（B证）”或“未办理”'
          : '港澳台居民请填写是否持有港澳台居民居住证，居住证一项请选择“未办理”',
      );
    }
    if (personal.socialSecurity !== undefined) {
      issue(
        'socialSecurity.payingInstitution',
        '社保缴费单位只需使用居民身份证的非本市户籍考生填写，请清空',
      );
    }
  }
  if (personal.residencePermit === 'permit_b' && group !== null && group !== 'foreign') {
    issue('residencePermit', '居住证（B证）仅适用于外籍人员，请重新选择');
  }
  if (personal.hmtResidencePermit && group !== null && group !== 'hmt') {
    issue('hmtResidencePermit', '港澳台居民居住证仅适用于香港、澳门、台湾居民，请选择“否”');
  }
  if (personal.foreignPermanentResidenceId && group !== null && group !== 'foreign') {
    issue('foreignPermanentResidenceId', '外国人永久居留身份证仅适用于外籍人员，请选择“否”');
  }
  return issues;
}

const DATE_WORDS = {
  startDate: '入学日期',
  graduationDate: '毕业日期',
  from: '开始日期',
  to: '结束日期',
  qualifiedOn: '资格取得日期',
  registeredOn: '执业注册日期',
  obtainedOn: '职称取得日期',
  certifiedOn: '证书取得日期',
  changedOn: '岗位变动日期',
} as const;

/**
 * Dates in a section that lie after `today` (YYYY-MM-DD in the exam area's time): a record of
 * something obtained, or a period worked, cannot be in the future.
 */
export function sectionDateIssues<K extends ProfileSectionKey>(
  key: K,
  data: ProfileSectionData<K>,
  today: string,
): ProfileIssue[] {
  const issues: ProfileIssue[] = [];
  const check = (path: string, field: keyof typeof DATE_WORDS, value: string | undefined): void => {
    if (value !== undefined && value > today) {
      issues.push({ path, message: `${DATE_WORDS[field]}不能晚于今天（${today}），请核对` });
    }
  };
  const section = { key, data } as {
    [S in ProfileSectionKey]: { key: S; data: ProfileSectionData<S> };
  }[ProfileSectionKey];
  switch (section.key) {
    case 'education':
      section.data.forEach((e, i) => {
        check(`${i}.startDate`, 'startDate', e.startDate);
        check(`${i}.graduationDate`, 'graduationDate', e.graduationDate);
      });
      break;
    case 'workHistory':
      section.data.forEach((w, i) => {
        check(`${i}.from`, 'from', w.from);
        check(`${i}.to`, 'to', w.to);
      });
      break;
    case 'qualifications':
      section.data.practiceQualifications.forEach((q, i) => {
        check(`practiceQualifications.${i}.qualifiedOn`, 'qualifiedOn', q.qualifiedOn);
        check(`practiceQualifications.${i}.registeredOn`, 'registeredOn', q.registeredOn);
      });
      section.data.titles.forEach((t, i) => {
        check(`titles.${i}.obtainedOn`, 'obtainedOn', t.obtainedOn);
      });
      check(
        'residencyTraining.certifiedOn',
        'certifiedOn',
        section.data.residencyTraining?.certifiedOn,
      );
      check('postChange.changedOn', 'changedOn', section.data.postChange?.changedOn);
      break;
    case 'earlyApplicationClaims': {
      const year = Number(today.slice(0, 4));
      section.data.forEach((c, i) => {
        if (c.year > year) {
          issues.push({ path: `${i}.year`, message: `年度不能晚于今年（${year}年），请核对` });
        }
      });
      break;
    }
    case 'personal':
    case 'currentEmployer':
    case 'declarations':
      break;
  }
  return issues;
}

const HINTS: Record<ProfilePart, string> = {
  personal: '请填写民族、户籍和居住证明等个人信息。',
  photo: '请上传符合要求的基本照片。',
  education: '请至少填写一条学历信息（含最高学历）。',
  currentEmployer: '请填写现工作单位。',
  workHistory: '请至少填写一段工作经历（含现工作单位）。',
  qualifications: '请填写执业资格与职称情况；均未取得的，请直接保存。',
  earlyApplicationClaims: '请确认以前年度是否使用过提前申报政策；未使用过的，请直接保存。',
  declarations: '请逐项如实声明。',
};

function partComplete(
  part: ProfilePart,
  profile: CandidateProfileData,
  account: CandidateAccountFacts,
): boolean {
  switch (part) {
    case 'personal':
      return (
        profile.personal !== null &&
        !(
          account.identityDocument === 'resident_id' &&
          profile.personal.householdRegistration === undefined
        )
      );
    case 'photo':
      return profile.hasPhoto;
    case 'education':
      return (profile.education?.length ?? 0) > 0;
    case 'currentEmployer':
      return profile.currentEmployer !== null;
    case 'workHistory':
      return (profile.workHistory?.length ?? 0) > 0;
    case 'qualifications':
      return profile.qualifications !== null;
    case 'earlyApplicationClaims':
      return profile.earlyApplicationClaims !== null;
    case 'declarations':
      return profile.declarations !== null;
  }
}

/**
 * Which parts of the basic information are still missing: the list the candidate works through
 * on the overview, and the gate registration checks before it starts.
 */
export function profileCompleteness(
  profile: CandidateProfileData,
  account: CandidateAccountFacts,
): ProfileCompleteness {
  const parts = PROFILE_PARTS.map((part) => {
    const complete = partComplete(part, profile, account);
    return { part, label: PROFILE_PART_LABELS[part], complete, hint: complete ? '' : HINTS[part] };
  });
  const missing = parts.filter((p) => !p.complete).map((p) => p.part);
  return { complete: missing.length === 0, missing, parts };
}

export type EligibilityProfileMapping =
  | { complete: true; missing: []; profile: EligibilityProfile }
  | { complete: false; missing: EligibilityProfileGap[]; profile: EligibilityProfileDraft };

/**
 * The stored basic information as the eligibility engine's input. What is not saved yet takes the
 * engine's neutral value (no records, no residence permit, nothing declared) and is listed in
 * `missing`; only a complete mapping is a whole `EligibilityProfile`.
 */
export function toEligibilityProfile(
  profile: CandidateProfileData,
  account: CandidateAccountFacts,
): EligibilityProfileMapping {
  const { personal, qualifications, currentEmployer } = profile;
  const identityDocument = account.identityDocument ?? undefined;
  const mainland = identityDocument !== undefined && identityGroup(identityDocument) === 'mainland';
  const household = mainland ? personal?.householdRegistration : undefined;

  const base: Omit<EligibilityProfile, 'identityDocument' | 'currentEmployer'> = {
    ...(household !== undefined ? { householdRegistration: household } : {}),
    residencePermit: personal?.residencePermit ?? 'none',
    hmtResidencePermit: personal?.hmtResidencePermit ?? false,
    foreignPermanentResidenceId: personal?.foreignPermanentResidenceId ?? false,
    ...(personal?.socialSecurity
      ? { socialSecurity: { payingInstitution: personal.socialSecurity.payingInstitution } }
      : {}),
    education: (profile.education ?? []).map((e) => ({
      level: e.level,
      mode: e.mode,
      healthRelated: e.healthRelated,
      major: e.major,
      school: e.school,
      graduationDate: e.graduationDate,
      foreign: e.foreign,
      foreignCertified: e.foreign && e.foreignCertified,
      withDegree: e.withDegree,
    })),
    practiceQualifications: (qualifications?.practiceQualifications ?? []).map((q) => ({
      kind: q.kind,
      qualifiedOn: q.qualifiedOn,
      ...(q.registeredOn !== undefined ? { registeredOn: q.registeredOn } : {}),
      ...(q.principalPracticeSite !== undefined
        ? { principalPracticeSite: q.principalPracticeSite }
        : {}),
    })),
    titles: (qualifications?.titles ?? []).map((t) => ({
      level: t.level,
      track: t.track,
      obtainedOn: t.obtainedOn,
      ...(t.name !== undefined ? { name: t.name } : {}),
    })),
    ...(qualifications?.residencyTraining
      ? { residencyTraining: { certifiedOn: qualifications.residencyTraining.certifiedOn } }
      : {}),
    workPeriods: (profile.workHistory ?? []).map((w) => ({
      employer: w.employer,
      from: w.from,
      ...(w.to !== undefined ? { to: w.to } : {}),
      inExamArea: w.inExamArea,
      inSpecialty: w.inSpecialty,
    })),
    ...(qualifications?.postChange
      ? { postChange: { changedOn: qualifications.postChange.changedOn } }
      : {}),
    covidFrontline: personal?.covidFrontline ?? 'none',
    earlyApplicationClaims: (profile.earlyApplicationClaims ?? []).map((c) => ({
      kind: c.kind,
      year: c.year,
    })),
    declarations: profile.declarations ? { ...profile.declarations } : {},
    returningCandidate: account.returningCandidate ?? false,
  };
  const employer = currentEmployer
    ? {
        name: currentEmployer.name,
        kind: currentEmployer.kind,
        ...(currentEmployer.clinicalSubjects !== undefined &&
        currentEmployer.clinicalSubjects.length > 0
          ? { clinicalSubjects: [...currentEmployer.clinicalSubjects] }
          : {}),
      }
    : undefined;

  const missing: EligibilityProfileGap[] = [];
  if (identityDocument === undefined) missing.push('identityDocument');
  if (personal === null) missing.push('personal');
  if (employer === undefined) missing.push('currentEmployer');
  if (profile.education === null) missing.push('education');
  if (profile.workHistory === null) missing.push('workHistory');
  if (qualifications === null) missing.push('qualifications');
  if (profile.earlyApplicationClaims === null) missing.push('earlyApplicationClaims');
  if (profile.declarations === null) missing.push('declarations');

  if (missing.length === 0 && identityDocument !== undefined && employer !== undefined) {
    return {
      complete: true,
      missing: [],
      profile: { identityDocument, ...base, currentEmployer: employer },
    };
  }
  return {
    complete: false,
    missing,
    profile: {
      ...(identityDocument !== undefined ? { identityDocument } : {}),
      ...base,
      ...(employer !== undefined ? { currentEmployer: employer } : {}),
    },
  };
}
