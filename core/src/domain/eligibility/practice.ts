import type { CheckContext } from './context';
import { formatDateZh } from './dates';
import { ELIGIBILITY_LABELS } from './labels';
import type { EligibilityLine } from './result';

/** Doctor codes need 执业医师资格, nurse codes 护士执业资格, both registered by the cut-off. */
export function practiceLines(ctx: CheckContext): EligibilityLine[] {
  const requirement = ctx.practice;
  if (!requirement) return [];
  const { profile, cutoff, materials } = ctx;
  const what = ELIGIBILITY_LABELS.practiceQualification[requirement.kind];
  // Earliest first, so these lines show the same dates the years count starts from.
  const quals = profile.practiceQualifications
    .filter((q) => q.kind === requirement.kind)
    .sort((a, b) => (a.registeredOn ?? '9999').localeCompare(b.registeredOn ?? '9999'));
  const qualified = [...quals]
    .sort((a, b) => a.qualifiedOn.localeCompare(b.qualifiedOn))
    .find((q) => q.qualifiedOn <= cutoff);
  const registered = quals.find((q) => q.registeredOn !== undefined && q.registeredOn <= cutoff);
  const assistantOnly =
    requirement.kind === 'doctor' &&
    quals.length === 0 &&
    profile.practiceQualifications.some((q) => q.kind === 'assistant_doctor');

  let qualActual: string;
  if (qualified) qualActual = `${what}，取得时间${formatDateZh(qualified.qualifiedOn)}。`;
  else if (quals[0]) {
    qualActual = `${what}取得时间${formatDateZh(quals[0].qualifiedOn)}晚于截止日期，本年度不能使用。`;
  } else if (assistantOnly) {
    qualActual = '您仅具有执业助理医师资格，不能报考医师类中级专业。';
  } else qualActual = `您尚未填写${what}。`;

  const firstRegistration = quals.find((q) => q.registeredOn !== undefined)?.registeredOn;
  let regActual: string;
  if (registered?.registeredOn)
    regActual = `执业注册时间${formatDateZh(registered.registeredOn)}。`;
  else if (firstRegistration) {
    regActual = `执业注册时间${formatDateZh(firstRegistration)}晚于截止日期，本年度不能使用。`;
  } else regActual = '您尚未填写执业注册信息，请按执业证书填写。';

  const reason = `报考${ctx.specialty.code} ${ctx.specialty.name}须具有${what}并经执业注册`;
  materials.require('practice_qualification', requirement.id, reason);
  materials.require('practice_registration', requirement.id, reason);
  return [
    {
      ruleId: requirement.id,
      title: what,
      required: requirement.requirement,
      actual: qualActual,
      outcome: qualified ? 'met' : 'not_met',
      source: requirement.source,
    },
    {
      ruleId: `${requirement.id}.registration`,
      title: '执业注册',
      required: `须在${formatDateZh(cutoff)}前（含当日）经执业注册`,
      actual: regActual,
      outcome: registered ? 'met' : 'not_met',
      source: requirement.source,
    },
  ];
}
