import type { CheckContext } from './context';
import { ELIGIBILITY_LABELS } from './labels';
import type { IdentityDocumentType } from './profile';
import type { EligibilityLine } from './result';
import { ELIGIBILITY_SOURCES } from './rules';

/** Who the identity document says the candidate is. */
export function identityGroup(type: IdentityDocumentType): 'mainland' | 'hmt' | 'foreign' {
  switch (type) {
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

/** The identity document and, for HK/Macao/Taiwan residents and foreigners, P2's documents. */
export function identityLines(ctx: CheckContext): EligibilityLine[] {
  const { profile, materials } = ctx;
  const type = profile.identityDocument;
  const label = ELIGIBILITY_LABELS.identityDocument[type];
  const group = identityGroup(type);
  materials.require('identity_document', 'identity.document', `报名所用证件：${label}`);

  if (group === 'mainland') {
    return [
      {
        ruleId: 'identity.document',
        title: '身份证件',
        required: '使用有效身份证件报名',
        actual: `证件类型：${label}。`,
        outcome: 'met',
        source: ELIGIBILITY_SOURCES.shanghaiFaq,
      },
    ];
  }

  const lines: EligibilityLine[] = [
    {
      ruleId: 'identity.document',
      title: '身份证件',
      required: '港澳台居民及外籍人员的证件与执业、学历条件由审核员人工核对',
      actual: `证件类型：${label}，由审核员核对。`,
      outcome: 'review',
      source: ELIGIBILITY_SOURCES.hmtForeignReview,
    },
  ];
  if (!ctx.area.hmtAndForeignDocuments) return lines;
  const source = { ...ELIGIBILITY_SOURCES.shanghaiFaq, note: 'P2' };

  if (group === 'hmt') {
    const held = type === 'hmt_residence_permit' || profile.hmtResidencePermit;
    lines.push({
      ruleId: 'p2.hmt_residence_permit',
      title: '港澳台居民居住证',
      required: '香港、澳门、台湾居民报名须提交港澳台居民居住证',
      actual: held
        ? '您持有港澳台居民居住证，请上传。'
        : `您使用${label}报名，未填写港澳台居民居住证。请办理并上传港澳台居民居住证。`,
      outcome: held ? 'met' : 'not_met',
      source,
    });
    materials.require(
      'hk_macao_taiwan_residence_permit',
      'p2.hmt_residence_permit',
      '香港、澳门、台湾居民须提交港澳台居民居住证',
    );
    return lines;
  }

  const permanent =
    type === 'foreign_permanent_residence_id' || profile.foreignPermanentResidenceId;
  const permitB = profile.residencePermit === 'permit_b';
  lines.push({
    ruleId: 'p2.foreign_residence',
    title: '外籍人员居留证件',
    required: '外籍人员报名须提交外国人永久居留身份证或本市居住证（B证）',
    actual: permanent
      ? '您持有外国人永久居留身份证，请上传。'
      : permitB
        ? '您持有居住证（B证），请上传。'
        : '未填写外国人永久居留身份证或居住证（B证）。请办理并上传其中之一。',
    outcome: permanent || permitB ? 'met' : 'not_met',
    source,
  });
  if (permitB && !permanent) {
    materials.require('residence_permit', 'p2.foreign_residence', '外籍人员须提交居住证（B证）');
  } else {
    materials.require(
      'foreign_permanent_residence_id',
      'p2.foreign_residence',
      permanent
        ? '外籍人员须提交外国人永久居留身份证'
        : '外籍人员须提交外国人永久居留身份证（或改为上传居住证B证）',
    );
  }
  return lines;
}
