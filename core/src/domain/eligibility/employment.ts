import type { CheckContext } from './context';
import { sameInstitution } from './labels';
import type { EligibilityLine } from './result';
import { ELIGIBILITY_SOURCES } from './rules';

/** The employer named at registration and its licensed clinical subjects (R14). */
export function employmentLines(ctx: CheckContext): EligibilityLine[] {
  const { profile, registeredEmployer, specialty, materials } = ctx;
  const current = profile.currentEmployer;
  const same = sameInstitution(current.name, registeredEmployer);
  const subjects = current.clinicalSubjects ?? [];
  materials.require(
    'labour_contract',
    'employment.clinical_subjects',
    '劳动（聘用）合同须写明现岗位，并与报考专业一致',
  );
  return [
    {
      ruleId: 'employment.employer',
      title: '工作单位',
      required: '报名时填写的工作单位须为本人当前实际工作的医疗卫生机构（不得挂靠）',
      actual: same
        ? `当前工作单位：${current.name}。`
        : `报名填写的工作单位为“${registeredEmployer}”，当前工作单位为“${current.name}”，两者不一致。请填写本人实际工作的单位。`,
      outcome: same ? 'met' : 'not_met',
      source: ELIGIBILITY_SOURCES.rejectReasons,
    },
    {
      ruleId: 'employment.clinical_subjects',
      title: '诊疗科目与岗位',
      required:
        '报考专业须与单位《医疗机构执业许可证》核准的诊疗科目相符；劳动（聘用）合同须写明现岗位并与报考专业一致',
      actual: `${
        subjects.length > 0 ? `单位诊疗科目：${subjects.join('、')}` : '未填写单位诊疗科目'
      }；报考专业：${specialty.code} ${specialty.name}。由审核员核对。`,
      outcome: 'review',
      source: { ...ELIGIBILITY_SOURCES.shanghaiFaq, note: 'R14 专业不符' },
    },
  ];
}
