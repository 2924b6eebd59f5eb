import { z } from 'zod';
import {
  examAreaEligibilityRulesSchema,
  type ExamAreaEligibilityRules,
} from '../domain/eligibility';

/*
 * An exam area's own eligibility rules (P1, P2) as data its administrators edit: four switches
 * the eligibility engine reads (see core/src/domain/eligibility/residence.ts and identity.ts).
 */

export type AreaEligibilityRuleKey = keyof ExamAreaEligibilityRules;

/** The switches in the order administrators see them. */
export const AREA_ELIGIBILITY_RULE_KEYS = [
  'nonLocalHouseholdDocuments',
  'socialSecurityEmployerMatch',
  'practiceSiteEmployerMatch',
  'hmtAndForeignDocuments',
] as const satisfies readonly AreaEligibilityRuleKey[];

/** What each switch does, in plain Chinese, with the policy it comes from (上海考区 Q&A). */
export const AREA_ELIGIBILITY_RULE_TEXTS: Record<
  AreaEligibilityRuleKey,
  { policy: 'P1' | 'P2'; title: string; on: string; off: string }
> = {
  nonLocalHouseholdDocuments: {
    policy: 'P1',
    title: '非本市户籍考生须提交居住证明',
    on: '户籍为非本市的考生，须提交本市居住证、居住证受理凭证或社保缴费记录之一，并提交劳动（聘用）合同；都未提交的，该项审核意见为“不符合”。',
    off: '不按户籍审查居住证明，非本市户籍考生无需提交居住证、受理凭证或社保缴费记录。',
  },
  socialSecurityEmployerMatch: {
    policy: 'P1',
    title: '社保缴费单位须与报名单位一致',
    on: '非本市户籍考生填写了社保缴费记录的，社保缴费单位须与报名时填写的工作单位一致，否则该项审核意见为“不符合”。',
    off: '不核对社保缴费单位与报名单位是否一致。',
  },
  practiceSiteEmployerMatch: {
    policy: 'P1',
    title: '主执业地点须为报名单位',
    on: '非本市户籍考生报考医师类（专业代码 301–365、392）或护理类（203、368–373）专业的，执业证书上的主执业地点须为报名时填写的工作单位。',
    off: '不核对主执业地点与报名单位是否一致。',
  },
  hmtAndForeignDocuments: {
    policy: 'P2',
    title: '港澳台居民和外籍人员须提交居住（居留）证件',
    on: '香港、澳门、台湾居民须提交港澳台居民居住证；外籍人员须提交外国人永久居留身份证或本市居住证（B证）。',
    off: '不要求上述证件；这些考生的身份证件仍由审核员人工核对。',
  },
};

/** PUT body: all four switches. */
export const putAreaEligibilityRulesRequestSchema = examAreaEligibilityRulesSchema;
export type PutAreaEligibilityRulesRequest = ExamAreaEligibilityRules;

export const areaEligibilityRulesViewSchema = z
  .object({
    examAreaId: z.number().int(),
    rules: examAreaEligibilityRulesSchema,
    /** True while the area has never saved its own rules and the platform defaults apply. */
    isDefault: z.boolean(),
    /** When an administrator last saved them; null while the defaults apply. */
    updatedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'AreaEligibilityRules' });
export type AreaEligibilityRulesView = z.infer<typeof areaEligibilityRulesViewSchema>;
