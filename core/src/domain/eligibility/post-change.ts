import type { CheckContext } from './context';
import { formatDateZh } from './dates';
import type { EligibilityLine } from './result';
import { checkWorkTime, formatMonthsZh } from './work-years';

/** A change of post into the specialty: at least two years in the current post's specialty. */
export function postChangeLines(ctx: CheckContext): EligibilityLine[] {
  const change = ctx.profile.postChange;
  if (!change) return [];
  const rule = ctx.rules.postChange;
  const periods = ctx.profile.workPeriods.filter((p) => p.inSpecialty);
  const check = checkWorkTime(periods, change.changedOn, ctx.cutoff, rule.years * 12);
  ctx.materials.require(
    'work_certificate',
    rule.id,
    `岗位变动人员须提交现岗位聘书或从事现岗位工作满${rule.years}年的证明`,
  );
  const counted = `${formatDateZh(change.changedOn)}变动至现岗位，至${formatDateZh(ctx.cutoff)}从事现岗位专业工作${formatMonthsZh(check.months)}`;
  if (check.met) {
    return [
      {
        ruleId: rule.id,
        title: '岗位变动',
        required: rule.requirement,
        actual: `${counted}。`,
        outcome: 'met',
        source: rule.source,
      },
    ];
  }
  const when = check.metOn
    ? `将于${formatDateZh(check.metOn)}满${rule.years}年。`
    : '目前没有延续至截止日期之后的现岗位工作经历。';
  return [
    {
      ruleId: rule.id,
      title: '岗位变动',
      required: rule.requirement,
      actual: `${counted}，未满${rule.years}年。${when}`,
      outcome: 'not_met',
      ...(check.metOn ? { metOn: check.metOn } : {}),
      source: rule.source,
    },
  ];
}
