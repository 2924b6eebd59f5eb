import type { CheckContext } from './context';
import { formatDateZh } from './dates';
import {
  appliedEarlyApplicationLine,
  earlyApplicationBlockers,
  hasEarlyApplicationBasis,
  LOWER_LEVEL,
  reducedMonths,
  unavailableEarlyApplicationLine,
} from './early-application';
import { educationRank } from './education';
import { ELIGIBILITY_LABELS } from './labels';
import type { EligibilityLine } from './result';
import type { EarlyApplicationRule, YearsRule } from './rules';
import { checkWorkTime, formatMonthsZh, type YearsCheck } from './work-years';

/** One row of the years table applied to the profile. */
export interface RouteResult {
  rule: YearsRule;
  /** What the profile lacks for this route (education, certificate, title …); empty: applies. */
  missing: string[];
  /** The candidate's education is high enough for the route. */
  educationFits: boolean;
  /** The day the counting starts, and how to say it. */
  start?: { date: string; text: string };
  /** The work-time check, when the route applies. */
  check?: YearsCheck;
}

function countingStart(
  ctx: CheckContext,
  rule: YearsRule,
  missing: string[],
): RouteResult['start'] {
  const { profile, cutoff } = ctx;
  const late = (what: string, date: string) =>
    missing.push(`${what}（${formatDateZh(date)}）晚于截止日期${formatDateZh(cutoff)}`);
  switch (rule.countFrom) {
    case 'none':
      return undefined;
    case 'graduation': {
      const dates = ctx.education.counted
        .filter((e) => educationRank(e.level) >= educationRank(rule.education))
        .map((e) => e.graduationDate)
        .sort();
      const date = dates[0];
      return date ? { date, text: `毕业之日（${formatDateZh(date)}）` } : undefined;
    }
    case 'practice_registration': {
      const kind =
        rule.track === 'doctor' ? 'doctor' : rule.track === 'nursing' ? 'nurse' : undefined;
      if (!kind) {
        missing.push('该系列没有执业注册');
        return undefined;
      }
      const what = ELIGIBILITY_LABELS.practiceQualification[kind];
      const dates = profile.practiceQualifications
        .filter((q) => q.kind === kind)
        .flatMap((q) => (q.registeredOn ? [q.registeredOn] : []))
        .sort();
      const date = dates[0];
      if (!date) missing.push(`未填写${what}的执业注册日期`);
      else if (date > cutoff) late('执业注册时间', date);
      else return { date, text: `执业注册之日（${formatDateZh(date)}）` };
      return undefined;
    }
    case 'lower_title': {
      const lower = LOWER_LEVEL[rule.level];
      if (!lower) return undefined;
      const name = ELIGIBILITY_LABELS.title[rule.track][lower];
      const dates = profile.titles
        .filter((t) => t.track === rule.track && t.level === lower)
        .map((t) => t.obtainedOn)
        .sort();
      const date = dates[0];
      if (!date) missing.push(`未取得${name}职称`);
      else if (date > cutoff) late(`取得${name}职称时间`, date);
      else return { date, text: `取得${name}职称之日（${formatDateZh(date)}）` };
      return undefined;
    }
    case 'residency_training': {
      const date = profile.residencyTraining?.certifiedOn;
      if (!date || date > cutoff) return undefined; // reported by the residency requirement
      return { date, text: `取得住院医师规范化培训合格证书之日（${formatDateZh(date)}）` };
    }
  }
}

/** Apply one row of the years table; `requiredMonths` lowered by an early-application preference. */
export function evaluateRoute(
  ctx: CheckContext,
  rule: YearsRule,
  requiredMonths = rule.years * 12,
): RouteResult {
  const { profile, cutoff, education } = ctx;
  const missing: string[] = [];
  const need = ELIGIBILITY_LABELS.educationLevel[rule.education];
  const educationFits =
    education.best !== undefined && educationRank(education.best) >= educationRank(rule.education);
  if (education.best === undefined) missing.push(`须具备${need}及以上学历，您没有可用于报考的学历`);
  else if (educationRank(education.best) < educationRank(rule.education)) {
    const best = ELIGIBILITY_LABELS.educationLevel[education.best];
    missing.push(`须具备${need}及以上学历，您可用于报考的最高学历为${best}`);
  }
  if (rule.requiresResidencyTraining || rule.countFrom === 'residency_training') {
    const certified = profile.residencyTraining?.certifiedOn;
    if (!certified) missing.push('未取得住院医师规范化培训合格证书');
    else if (certified > cutoff) {
      missing.push(
        `住院医师规范化培训合格证书取得时间（${formatDateZh(certified)}）晚于截止日期${formatDateZh(cutoff)}`,
      );
    }
  }
  if (
    rule.requiresGrassrootsEmployer &&
    !ctx.rules.grassrootsEmployerKinds.includes(profile.currentEmployer.kind)
  ) {
    const kind = ELIGIBILITY_LABELS.employerKind[profile.currentEmployer.kind];
    missing.push(`须在基层医疗卫生机构工作，您当前工作单位为${kind}`);
  }
  const start = countingStart(ctx, rule, missing);
  if (missing.length > 0) return { rule, missing, educationFits };
  const periods = profile.workPeriods.filter((p) => p.inSpecialty);
  const check = checkWorkTime(periods, start?.date, cutoff, requiredMonths);
  return start
    ? { rule, missing, educationFits, start, check }
    : { rule, missing, educationFits, check };
}

/** The route to explain when none is met: the nearest one. */
function closestRoute(routes: readonly RouteResult[]): RouteResult | undefined {
  const day = (r: RouteResult) => r.check?.metOn ?? '9999-12-31';
  const applicable = routes.filter((r) => r.check);
  if (applicable.length > 0) {
    return applicable.reduce((best, r) => (day(r) < day(best) ? r : best));
  }
  const special = (r: RouteResult) =>
    (r.rule.requiresResidencyTraining ? 1 : 0) + (r.rule.requiresGrassrootsEmployer ? 1 : 0);
  const fits = (r: RouteResult) => (r.educationFits ? 0 : 1);
  return [...routes].sort(
    (a, b) =>
      fits(a) - fits(b) ||
      a.missing.length - b.missing.length ||
      special(a) - special(b) ||
      // With no education that fits, explain the route that asks the least education.
      (a.educationFits ? 0 : educationRank(a.rule.education) - educationRank(b.rule.education)),
  )[0];
}

function outOfAreaEmployers(ctx: CheckContext, from: string | undefined): string[] {
  const periods = ctx.profile.workPeriods.filter(
    (p) =>
      p.inSpecialty &&
      !p.inExamArea &&
      p.from <= ctx.cutoff &&
      (from === undefined || p.to === undefined || p.to >= from),
  );
  return [...new Set(periods.map((p) => p.employer))];
}

function routeLine(
  ctx: CheckContext,
  route: RouteResult,
  early?: EarlyApplicationRule,
): EligibilityLine {
  const { rule, check, start } = route;
  const base = { ruleId: rule.id, title: '学历与工作年限', source: rule.source };
  const effect = early
    ? early.effect === 'direct'
      ? '（按提前申报政策可直接报考，不受工作年限限制）'
      : `（按提前申报政策提前一年，满${rule.years - 1}年即可）`
    : '';
  const required = rule.requirement + effect;
  if (!check) {
    return { ...base, required, actual: `${route.missing.join('；')}。`, outcome: 'not_met' };
  }
  const best = ctx.education.best ? ELIGIBILITY_LABELS.educationLevel[ctx.education.best] : '';
  if (rule.years === 0) {
    const since = start ? `，${start.text.replace('之日', '')}` : '';
    return {
      ...base,
      required,
      actual: `最高学历${best}${since}，无工作年限要求。`,
      outcome: 'met',
    };
  }
  const abroad = outOfAreaEmployers(ctx, start?.date);
  const counted =
    `${start ? `自${start.text}起` : ''}至${formatDateZh(ctx.cutoff)}，` +
    `从事本专业工作${formatMonthsZh(check.months)}` +
    (abroad.length > 0 ? `（含外地工作：${abroad.join('、')}）` : '');
  if (check.met) {
    const eased = early ? '，按提前申报政策报考' : '';
    return { ...base, required, actual: `最高学历${best}；${counted}${eased}。`, outcome: 'met' };
  }
  const when = check.metOn
    ? `按现有工作经历，将于${formatDateZh(check.metOn)}满足要求，本年度暂不符合报考条件。`
    : '目前没有延续至截止日期之后的本专业工作经历，本年度暂不符合报考条件。';
  return {
    ...base,
    required,
    actual: `最高学历${best}；${counted}，未满${formatMonthsZh(check.requiredMonths)}。${when}`,
    outcome: 'not_met',
    ...(check.metOn ? { metOn: check.metOn } : {}),
  };
}

function routeMaterials(ctx: CheckContext, route: RouteResult): void {
  const { rule, start } = route;
  const { materials } = ctx;
  switch (rule.countFrom) {
    case 'practice_registration':
      materials.require('practice_qualification', rule.id, '工作年限自执业注册之日起计算');
      materials.require('practice_registration', rule.id, '工作年限自执业注册之日起计算');
      break;
    case 'lower_title': {
      const lower = LOWER_LEVEL[rule.level];
      if (lower) {
        const name = ELIGIBILITY_LABELS.title[rule.track][lower];
        materials.require('title_certificate', rule.id, `工作年限自取得${name}职称之日起计算`);
      }
      break;
    }
    case 'none':
    case 'graduation':
    case 'residency_training':
      break;
  }
  if (rule.requiresResidencyTraining) {
    materials.require('residency_training_certificate', rule.id, '该报考条件须住培合格证书');
  }
  if (rule.requiresGrassrootsEmployer) {
    materials.require('community_employment_proof', rule.id, '须提交在基层医疗卫生机构工作的证明');
  }
  if (rule.years > 0) {
    const since = start ? `自${start.text}以来的` : '';
    const abroad = outOfAreaEmployers(ctx, start?.date);
    materials.require(
      'labour_contract',
      rule.id,
      `请上传${since}全部劳动（聘用）合同，包括外地工作期间的合同` +
        (abroad.length > 0 ? `（${abroad.join('、')}）` : ''),
    );
    const lost =
      '合同遗失的，可提交原单位盖章的合同复印件，或社保、公积金缴费记录加工作证明（缴费单位须与工作经历一致）';
    materials.offer('social_security_record', rule.id, lost);
    materials.offer('housing_fund_record', rule.id, lost);
    materials.offer('work_certificate', rule.id, lost);
  }
}

/**
 * The education × years rule (P3): the rows of the table for the specialty's level and track; the
 * first met route wins. When none is met, an early-application preference (P4) is tried, then the
 * nearest route is explained.
 */
export function yearsLines(ctx: CheckContext): EligibilityLine[] {
  const { specialty, track } = ctx;
  const rows = track
    ? ctx.rules.years.filter((r) => r.level === specialty.level && r.track === track)
    : [];
  if (rows.length === 0) {
    return [
      {
        ruleId: 'years.no_rule',
        title: '学历与工作年限',
        required: '按考试通知规定的学历和工作年限条件报考',
        actual: `暂无${ELIGIBILITY_LABELS.level[specialty.level]}“${specialty.name}”的报考条件数据，由审核员按考试通知审核。`,
        outcome: 'review',
        source: {
          document: '考试通知',
          certainty: 'uncertain',
          note: '规则表中没有该级别与类别的条件',
        },
      },
    ];
  }
  const routes = rows.map((r) => evaluateRoute(ctx, r));
  const met = routes.find((r) => r.check?.met);
  if (met) {
    routeMaterials(ctx, met);
    return [routeLine(ctx, met)];
  }

  const considered: { rule: EarlyApplicationRule; blockers: string[] }[] = [];
  for (const early of ctx.rules.earlyApplication) {
    if (!hasEarlyApplicationBasis(ctx, early)) continue;
    const blockers = earlyApplicationBlockers(ctx, early);
    if (blockers.length === 0) {
      const eased = routes
        .filter((r) => r.check && r.rule.years > 0)
        .map((r) => evaluateRoute(ctx, r.rule, reducedMonths(r.rule, early)))
        .find((r) => r.check?.met);
      if (eased) {
        routeMaterials(ctx, eased);
        ctx.materials.require(
          early.material,
          early.id,
          `按“${ELIGIBILITY_LABELS.earlyApplication[early.kind]}”报考须提交证明`,
        );
        return [routeLine(ctx, eased, early), appliedEarlyApplicationLine(early)];
      }
      blockers.push(
        routes.some((r) => r.check)
          ? early.effect === 'direct'
            ? '不符合学历、资格等其他条件'
            : '提前一年后工作年限仍不足'
          : '不符合学历、资格等其他条件',
      );
    }
    considered.push({ rule: early, blockers });
  }

  const shown = closestRoute(routes) ?? routes[0];
  if (!shown) return [];
  routeMaterials(ctx, shown);
  const earlyLine = unavailableEarlyApplicationLine(considered);
  return earlyLine ? [routeLine(ctx, shown), earlyLine] : [routeLine(ctx, shown)];
}
