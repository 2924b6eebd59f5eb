import type { CheckContext } from './context';
import { identityGroup } from './identity';
import { ELIGIBILITY_LABELS, sameInstitution } from './labels';
import type { EligibilityLine } from './result';
import { ELIGIBILITY_SOURCES } from './rules';

const PERMIT_TEXT = { permit: '居住证', receipt: '居住证受理凭证', permit_b: '居住证（B证）' };

/**
 * P1, for areas that ask it (Shanghai): a candidate with a non-local household registration needs a
 * residence permit, its receipt or social-security records; the institution paying social security
 * must be the employer named at registration; for doctor and nurse codes the principal practice site
 * must be that employer.
 */
export function residenceLines(ctx: CheckContext): EligibilityLine[] {
  const { profile, area, materials, registeredEmployer } = ctx;
  if (identityGroup(profile.identityDocument) !== 'mainland') return [];
  const source = { ...ELIGIBILITY_SOURCES.shanghaiFaq, note: 'P1' };
  const lines: EligibilityLine[] = [];

  if (area.nonLocalHouseholdDocuments) {
    const household = profile.householdRegistration;
    if (household === undefined) {
      lines.push({
        ruleId: 'p1.household',
        title: '户籍',
        required: '请填写户籍所在地（本市或非本市）',
        actual: '您尚未填写户籍信息。',
        outcome: 'review',
        source,
      });
    } else if (household === 'local') {
      lines.push({
        ruleId: 'p1.household',
        title: '户籍',
        required: '非本市户籍人员须提交居住证、居住证受理凭证或社保缴费记录',
        actual: '本市户籍，无需提交居住证或社保缴费记录。',
        outcome: 'met',
        source,
      });
    } else {
      const permit = profile.residencePermit === 'none' ? undefined : profile.residencePermit;
      const ss = profile.socialSecurity;
      lines.push({
        ruleId: 'p1.household',
        title: '非本市户籍人员居住证明',
        required:
          '非本市户籍人员须提交本市居住证、居住证受理凭证，或人力资源和社会保障部门网站下载的社保缴费记录',
        actual: permit
          ? `非本市户籍，持有${PERMIT_TEXT[permit]}。`
          : ss
            ? '非本市户籍，提交社保缴费记录。'
            : '非本市户籍，未填写居住证、居住证受理凭证或社保缴费记录。请办理后上传其中之一。',
        outcome: permit || ss ? 'met' : 'not_met',
        source,
      });
      if (permit) {
        materials.require(
          'residence_permit',
          'p1.household',
          '非本市户籍人员须提交居住证或其受理凭证',
        );
      }
      if (ss) {
        materials.require(
          'social_security_record',
          'p1.household',
          '非本市户籍人员提交的社保缴费记录',
        );
      }
      if (!permit && !ss) {
        materials.require(
          'residence_permit',
          'p1.household',
          '非本市户籍人员须提交居住证、居住证受理凭证或社保缴费记录之一',
        );
        materials.offer('social_security_record', 'p1.household', '可用社保缴费记录代替居住证');
      }
      materials.require(
        'labour_contract',
        'p1.household',
        '非本市户籍人员须在医疗机构以劳动（聘用）合同形式工作',
      );
    }
  }

  if (
    area.socialSecurityEmployerMatch &&
    profile.householdRegistration === 'non_local' &&
    profile.socialSecurity
  ) {
    const payer = profile.socialSecurity.payingInstitution;
    const same = sameInstitution(payer, registeredEmployer);
    lines.push({
      ruleId: 'p1.social_security_employer',
      title: '社保缴费单位',
      required: '社保缴费单位须与报名时填写的工作单位一致',
      actual: same
        ? `社保缴费单位：${payer}，与报名单位一致。`
        : `社保缴费单位为“${payer}”，报名单位为“${registeredEmployer}”，两者不一致。请以社保缴费单位报名，或提交居住证、居住证受理凭证。`,
      outcome: same ? 'met' : 'not_met',
      source,
    });
  }

  const practice = ctx.practice;
  if (area.practiceSiteEmployerMatch && profile.householdRegistration === 'non_local' && practice) {
    const quals = profile.practiceQualifications.filter((q) => q.kind === practice.kind);
    if (quals.length === 0) return lines; // the practice line already asks for the qualification
    const matching = quals.find((q) =>
      sameInstitution(q.principalPracticeSite, registeredEmployer),
    );
    const shown = matching ?? quals.find((q) => q.principalPracticeSite !== undefined);
    const what = ELIGIBILITY_LABELS.practiceQualification[practice.kind];
    lines.push({
      ruleId: 'p1.practice_site',
      title: '主执业地点',
      required:
        '报考医师类（专业代码301至365、392）和护理类（203、368至373）专业的，主执业地点须为报名时填写的工作单位',
      actual: matching
        ? `主执业地点：${registeredEmployer}，与报名单位一致。`
        : shown?.principalPracticeSite
          ? `主执业地点为“${shown.principalPracticeSite}”，报名单位为“${registeredEmployer}”，两者不一致。请先将主执业地点变更为报名单位。`
          : `未填写${what}的主执业地点。请按执业证书填写主执业地点。`,
      outcome: matching ? 'met' : 'not_met',
      source,
    });
    materials.require('practice_registration', 'p1.practice_site', '执业证书须显示主执业地点');
  }
  return lines;
}
