import type { CheckContext } from './context';
import { ELIGIBILITY_LABELS } from './labels';
import { MATERIAL_SLOT_LABELS } from './materials';
import type { EligibilityLevel, TitleTrack } from './profile';
import type { EligibilityLine } from './result';
import type { EarlyApplicationRule, YearsRule } from './rules';

/** The level right below each level (the title one applies from). */
export const LOWER_LEVEL: Record<EligibilityLevel, EligibilityLevel | undefined> = {
  junior_assistant: undefined,
  junior: 'junior_assistant',
  intermediate: 'junior',
};

/**
 * Whether the candidate holds a level of a track by the cut-off: a title held, or the title a
 * practice qualification confers (执业医师 = 医师, 执业助理医师 = 医士, 护士执业资格 = 护士).
 */
export function holdsLevel(ctx: CheckContext, track: TitleTrack, level: EligibilityLevel): boolean {
  const { profile, cutoff } = ctx;
  if (
    profile.titles.some((t) => t.track === track && t.level === level && t.obtainedOn <= cutoff)
  ) {
    return true;
  }
  return profile.practiceQualifications.some(
    (q) => q.qualifiedOn <= cutoff && CONFERRED[q.kind] === `${track}/${level}`,
  );
}

/** The title a practice qualification confers, as track/level. */
const CONFERRED = {
  doctor: 'doctor/junior',
  assistant_doctor: 'doctor/junior_assistant',
  nurse: 'nursing/junior_assistant',
} as const;

function conferredByQualification(track: TitleTrack, level: EligibilityLevel): boolean {
  return Object.values(CONFERRED).some((key) => key === `${track}/${level}`);
}

/** The candidate's situation fits the preference at all (employer kind, COVID status). */
export function hasEarlyApplicationBasis(ctx: CheckContext, rule: EarlyApplicationRule): boolean {
  const { profile } = ctx;
  if (rule.covidStatuses) {
    const status = profile.covidFrontline;
    if (status === 'none' || !rule.covidStatuses.includes(status)) return false;
  }
  if (rule.employerKinds && !rule.employerKinds.includes(profile.currentEmployer.kind))
    return false;
  return true;
}

/** What keeps the preference from this registration (empty: available). */
export function earlyApplicationBlockers(ctx: CheckContext, rule: EarlyApplicationRule): string[] {
  const { specialty, profile } = ctx;
  const blockers: string[] = [];
  if (rule.specialtyCodes && !rule.specialtyCodes.includes(specialty.code)) {
    blockers.push(
      `仅限专业代码${rule.specialtyCodes.join('、')}，您报考的是${specialty.code} ${specialty.name}`,
    );
  }
  if (rule.levels && !rule.levels.includes(specialty.level)) {
    const levels = rule.levels.map((l) => ELIGIBILITY_LABELS.level[l]).join('、');
    blockers.push(`仅限${levels}，您报考的是${ELIGIBILITY_LABELS.level[specialty.level]}`);
  }
  const lower = LOWER_LEVEL[specialty.level];
  if (rule.nextHigherLevelOnly && lower) {
    const track = ctx.track;
    if (!track) blockers.push('仅适用于医、护、药、技系列的高一级职称');
    else if (!holdsLevel(ctx, track, lower)) {
      const or = conferredByQualification(track, lower) ? '（或相应执业资格）' : '';
      blockers.push(
        `仅限申报高一级职称，须已取得${ELIGIBILITY_LABELS.title[track][lower]}职称${or}`,
      );
    }
  }
  if (rule.oncePerPerson && profile.earlyApplicationClaims.length > 0) {
    const used = profile.earlyApplicationClaims
      .map((c) => `${c.year}年（${ELIGIBILITY_LABELS.earlyApplication[c.kind]}）`)
      .join('、');
    blockers.push(`您已于${used}享受过提前申报政策，每人只享受一次`);
  }
  return blockers;
}

/** The months a years route asks under the preference. */
export function reducedMonths(route: YearsRule, rule: EarlyApplicationRule): number {
  return rule.effect === 'direct' ? 0 : Math.max(0, route.years - 1) * 12;
}

export function appliedEarlyApplicationLine(rule: EarlyApplicationRule): EligibilityLine {
  const effect = rule.effect === 'direct' ? '不受工作年限限制' : '工作年限要求减少1年';
  return {
    ruleId: rule.id,
    title: '提前申报',
    required: rule.requirement,
    actual: `您符合“${ELIGIBILITY_LABELS.earlyApplication[rule.kind]}”的条件，本次按该政策报考（${effect}）。该政策每人只享受一次，本次使用后不再享受。请上传${MATERIAL_SLOT_LABELS[rule.material]}，由审核员核实。`,
    outcome: 'review',
    source: rule.source,
  };
}

export function unavailableEarlyApplicationLine(
  considered: readonly { rule: EarlyApplicationRule; blockers: string[] }[],
): EligibilityLine | undefined {
  const first = considered[0];
  if (!first) return undefined;
  return {
    ruleId: 'early_application',
    title: '提前申报',
    required: considered.map((c) => c.rule.requirement).join('；'),
    actual: `${considered
      .map((c) => `${ELIGIBILITY_LABELS.earlyApplication[c.rule.kind]}：${c.blockers.join('；')}`)
      .join('。')}。`,
    outcome: 'not_met',
    source: first.rule.source,
  };
}
