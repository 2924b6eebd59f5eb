import { MATERIAL_SLOT_KEYS, type MaterialSlot, type MaterialSlotKey } from './result';

export const MATERIAL_SLOT_LABELS: Record<MaterialSlotKey, string> = {
  identity_document: '身份证件',
  photo: '报名照片',
  application_form: '报名申报表（单位盖章）',
  education_certificate: '学历证书',
  degree_certificate: '学位证书',
  foreign_degree_certification: '教育部留学服务中心国(境)外学历学位认证书',
  practice_qualification: '执业资格证书',
  practice_registration: '执业证书（执业注册）',
  title_certificate: '专业技术资格（职称）证书',
  residency_training_certificate: '住院医师规范化培训合格证书',
  labour_contract: '劳动（聘用）合同',
  social_security_record: '社会保险缴费记录',
  housing_fund_record: '住房公积金缴存记录',
  work_certificate: '工作证明',
  residence_permit: '居住证或居住证受理凭证',
  hk_macao_taiwan_residence_permit: '港澳台居民居住证',
  foreign_permanent_residence_id: '外国人永久居留身份证',
  previous_score_report_or_ticket: '上一年度成绩单或准考证',
  community_employment_proof: '基层医疗卫生机构工作证明',
  covid_frontline_proof: '新冠肺炎疫情防控一线人员认定证明',
  other: '其他材料',
};

interface Need {
  required: boolean;
  reasons: string[];
  ruleIds: string[];
}

/** Gathers what each rule asks to be uploaded; a slot is required when any rule requires it. */
export class MaterialList {
  private readonly needs = new Map<MaterialSlotKey, Need>();

  /** The slot must be uploaded. */
  require(key: MaterialSlotKey, ruleId: string, reason: string): void {
    this.add(key, ruleId, reason, true);
  }

  /** The slot may be uploaded (an alternative or supporting document). */
  offer(key: MaterialSlotKey, ruleId: string, reason: string): void {
    this.add(key, ruleId, reason, false);
  }

  private add(key: MaterialSlotKey, ruleId: string, reason: string, required: boolean): void {
    const need = this.needs.get(key) ?? { required: false, reasons: [], ruleIds: [] };
    need.required ||= required;
    if (!need.reasons.includes(reason)) need.reasons.push(reason);
    if (!need.ruleIds.includes(ruleId)) need.ruleIds.push(ruleId);
    this.needs.set(key, need);
  }

  /** The slots asked for, in the fixed order of `MATERIAL_SLOT_KEYS`. */
  slots(): MaterialSlot[] {
    return MATERIAL_SLOT_KEYS.flatMap((key) => {
      const need = this.needs.get(key);
      if (!need) return [];
      return [
        {
          key,
          label: MATERIAL_SLOT_LABELS[key],
          required: need.required,
          reason: need.reasons.join('；'),
          ruleIds: need.ruleIds,
        },
      ];
    });
  }
}
