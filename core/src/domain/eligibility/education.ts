import type { CheckContext } from './context';
import { formatDateZh } from './dates';
import { ELIGIBILITY_LABELS } from './labels';
import { EDUCATION_LEVELS, type EducationLevel, type EligibilityEducation } from './profile';
import type { EligibilityLine } from './result';
import { ELIGIBILITY_SOURCES } from './rules';

/** Why an education record does not count for this registration (R13, P3). */
export type EducationExclusion =
  'not_health_related' | 'after_cutoff' | 'foreign_uncertified' | 'in_service_without_full_time';

const EXCLUSION_TEXT: Record<EducationExclusion, string> = {
  not_health_related: '非医学或相关专业',
  after_cutoff: '取得时间晚于截止日期',
  foreign_uncertified: '国(境)外学历未经教育部留学服务中心认证',
  in_service_without_full_time: '在职学历之前没有全日制医学或相关专业学历',
};

export interface EducationAssessment {
  /** Records that count, in the order given. */
  counted: EligibilityEducation[];
  excluded: { record: EligibilityEducation; reasons: EducationExclusion[] }[];
  /** The highest level among the counted records. */
  best: EducationLevel | undefined;
}

export function educationRank(level: EducationLevel): number {
  return EDUCATION_LEVELS.indexOf(level);
}

export function describeEducation(e: EligibilityEducation): string {
  const mode = e.mode === 'full_time' ? '全日制' : '在职';
  const where = e.foreign ? '，国(境)外' : '';
  return `${ELIGIBILITY_LABELS.educationLevel[e.level]}（${mode}${where}，${e.major}，${formatDateZh(e.graduationDate)}毕业）`;
}

/**
 * Which education records count: health-related, obtained on or before the cut-off, foreign ones
 * certified, and in-service ones preceded by a full-time health-related education (R13).
 */
export function assessEducation(
  records: readonly EligibilityEducation[],
  cutoff: string,
): EducationAssessment {
  const counted: EligibilityEducation[] = [];
  const excluded: EducationAssessment['excluded'] = [];
  for (const record of records) {
    const reasons: EducationExclusion[] = [];
    if (!record.healthRelated) reasons.push('not_health_related');
    if (record.graduationDate > cutoff) reasons.push('after_cutoff');
    if (record.foreign && !record.foreignCertified) reasons.push('foreign_uncertified');
    if (
      record.mode === 'in_service' &&
      !records.some(
        (prior) =>
          prior.mode === 'full_time' &&
          prior.healthRelated &&
          prior.graduationDate < record.graduationDate,
      )
    ) {
      reasons.push('in_service_without_full_time');
    }
    if (reasons.length === 0) counted.push(record);
    else excluded.push({ record, reasons });
  }
  let best: EducationLevel | undefined;
  for (const r of counted) {
    if (best === undefined || educationRank(r.level) > educationRank(best)) best = r.level;
  }
  return { counted, excluded, best };
}

/** One line per education rule that bears on the profile (R13, P3). */
export function educationLines(ctx: CheckContext): EligibilityLine[] {
  const { counted, excluded } = ctx.education;
  const { profile, cutoff } = ctx;
  const source = { ...ELIGIBILITY_SOURCES.shanghaiFaq, note: 'R13 学历不符' };
  const fallback = counted.length > 0 ? 'met' : 'not_met';
  const usedText =
    counted.length > 0 ? `可用于本次报考的学历：${counted.map(describeEducation).join('、')}` : '';
  const lines: EligibilityLine[] = [];

  const excludedText = excluded
    .map(
      (x) =>
        `${describeEducation(x.record)}：${x.reasons.map((r) => EXCLUSION_TEXT[r]).join('，')}`,
    )
    .join('；');
  lines.push({
    ruleId: 'education.qualifying',
    title: '学历',
    required: `具有国家认可的医学或相关专业学历，学历取得时间计算至${formatDateZh(cutoff)}`,
    actual:
      profile.education.length === 0
        ? '您尚未填写学历信息，请填写学历信息。'
        : `${[usedText, excludedText && `不计入：${excludedText}`].filter(Boolean).join('；')}。${
            counted.length === 0 ? '请补充符合条件的学历信息。' : ''
          }`,
    outcome: fallback,
    source,
  });

  const byReason = (reason: EducationExclusion) =>
    excluded.filter((x) => x.reasons.includes(reason)).map((x) => describeEducation(x.record));

  const inService = profile.education.filter((e) => e.mode === 'in_service' && e.healthRelated);
  if (inService.length > 0) {
    const without = byReason('in_service_without_full_time');
    lines.push({
      ruleId: 'education.in_service_prior_full_time',
      title: '在职学历',
      required: '在职（非全日制）学历须同时具有此前取得的全日制医学或相关专业学历',
      actual:
        without.length === 0
          ? '您的在职学历之前已有全日制医学或相关专业学历。'
          : `${without.join('、')}之前没有全日制医学或相关专业学历，该学历不计入本次报考。`,
      outcome: without.length === 0 ? 'met' : fallback,
      source,
    });
  }

  const foreign = profile.education.filter((e) => e.foreign && e.healthRelated);
  if (foreign.length > 0) {
    const uncertified = byReason('foreign_uncertified');
    lines.push({
      ruleId: 'education.foreign_certification',
      title: '国(境)外学历认证',
      required: '国(境)外学历须经教育部留学服务中心认证',
      actual:
        uncertified.length === 0
          ? '您的国(境)外学历已经认证，请上传认证书。'
          : `${uncertified.join('、')}尚未认证，该学历不计入本次报考；请先办理教育部留学服务中心认证。`,
      outcome: uncertified.length === 0 ? 'met' : fallback,
      source,
    });
  }

  const late = byReason('after_cutoff');
  if (late.length > 0) {
    lines.push({
      ruleId: 'education.obtained_by_cutoff',
      title: '学历取得时间',
      required: `学历取得时间计算至${formatDateZh(cutoff)}，此后取得的学历本年度不能使用`,
      actual: `${late.join('、')}取得时间晚于截止日期，本年度不计入。`,
      outcome: fallback,
      source: ELIGIBILITY_SOURCES.counting2024,
    });
  }

  if (counted.length > 0) {
    const majors = [...new Set(counted.map((e) => e.major))].join('、');
    lines.push({
      ruleId: 'education.specialty_match',
      title: '学历专业与报考专业',
      required: '所学专业须与报考专业相符，否则将以“学历不符”退回',
      actual: `所学专业：${majors}；报考专业：${ctx.specialty.name}。由审核员核对是否相符。`,
      outcome: 'review',
      source,
    });
  }

  ctx.materials.require(
    'education_certificate',
    'education.qualifying',
    '请上传所填写的全部学历证书',
  );
  if (counted.some((e) => e.withDegree)) {
    ctx.materials.require('degree_certificate', 'education.qualifying', '请上传所填写的学位证书');
  }
  if (foreign.length > 0) {
    ctx.materials.require(
      'foreign_degree_certification',
      'education.foreign_certification',
      '国(境)外学历须提交教育部留学服务中心出具的认证书',
    );
  }
  return lines;
}
