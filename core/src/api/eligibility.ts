import { z } from 'zod';
import {
  ELIGIBILITY_CATEGORIES,
  ELIGIBILITY_LEVELS,
  eligibilityInputSchema,
  eligibilityProfileSchema,
  MATERIAL_SLOT_KEYS,
  type EligibilityResult,
} from '../domain/eligibility';

/**
 * The eligibility self-check (报考条件自测) over HTTP: the candidate's profile and the chosen
 * specialty in, the engine's explained result out. The server fills in what the candidate does not
 * choose: the specialty's level and category, the cycle's work-years cut-off and the area's rules.
 */

const positiveId = (what: string) =>
  z
    .number({ error: `请选择${what}` })
    .int(`${what}编号须为正整数`)
    .positive(`${what}编号须为正整数`)
    .max(2 ** 31 - 1, `${what}编号过大`);

export const eligibilityCheckRequestSchema = z
  .strictObject({
    cycleId: positiveId('考试年度'),
    examAreaCode: z.string().regex(/^\d{2}$/, '考区代码为2位数字'),
    specialtyCode: z.string().regex(/^\d{3}$/, '专业代码为3位数字'),
    /** The employer to be named at registration (报名时填写的工作单位). */
    registeredEmployer: eligibilityInputSchema.shape.registeredEmployer,
    profile: eligibilityProfileSchema,
  })
  .meta({ id: 'EligibilityCheckRequest' });
export type EligibilityCheckRequest = z.infer<typeof eligibilityCheckRequestSchema>;

const ruleSourceSchema = z.object({
  document: z.string(),
  certainty: z.enum(['sourced', 'uncertain']),
  note: z.string().optional(),
});

export const eligibilityLineSchema = z
  .object({
    ruleId: z.string(),
    title: z.string(),
    required: z.string(),
    actual: z.string(),
    outcome: z.enum(['met', 'not_met', 'review']),
    /** For not enough years: the first day the requirement would be met (YYYY-MM-DD). */
    metOn: z.iso.date().optional(),
    source: ruleSourceSchema,
  })
  .meta({ id: 'EligibilityLine' });

export const materialSlotSchema = z
  .object({
    key: z.enum(MATERIAL_SLOT_KEYS),
    label: z.string(),
    required: z.boolean(),
    reason: z.string(),
    ruleIds: z.array(z.string()),
  })
  .meta({ id: 'MaterialSlot' });

const eligibilitySpecialtyViewSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    level: z.enum(ELIGIBILITY_LEVELS),
    category: z.enum(ELIGIBILITY_CATEGORIES),
  })
  .meta({ id: 'EligibilitySpecialty' });
export type EligibilitySpecialtyView = z.infer<typeof eligibilitySpecialtyViewSchema>;

/** The engine's result, and what it was computed against (specialty, cut-off, area). */
export const eligibilityCheckResponseSchema = z
  .object({
    eligible: z.boolean(),
    needsReview: z.boolean(),
    lines: z.array(eligibilityLineSchema),
    materialSlots: z.array(materialSlotSchema),
    checkedAgainst: z.object({
      cycle: z.object({ id: z.number().int(), name: z.string(), workYearsCutoff: z.iso.date() }),
      examArea: z.object({ code: z.string(), name: z.string() }),
      specialty: eligibilitySpecialtyViewSchema,
    }),
  })
  .meta({ id: 'EligibilityCheckResponse' });
export type EligibilityCheckResponse = z.infer<typeof eligibilityCheckResponseSchema>;

export const eligibilitySpecialtiesQuerySchema = z.strictObject({
  cycleId: z.coerce
    .number({ error: '请选择考试年度' })
    .int('考试年度编号须为正整数')
    .positive('考试年度编号须为正整数')
    .max(2 ** 31 - 1, '考试年度编号过大'),
  /** Only what this area offers in the cycle, once it has set its offerings up. */
  examAreaCode: z
    .string()
    .regex(/^\d{2}$/, '考区代码为2位数字')
    .optional(),
});

/** The specialties of a cycle's exam, by level (初级(士), 初级(师), 中级) and then by code. */
export const eligibilitySpecialtyListSchema = z
  .object({ cycleId: z.number().int(), items: z.array(eligibilitySpecialtyViewSchema) })
  .meta({ id: 'EligibilitySpecialtyList' });
export type EligibilitySpecialtyList = z.infer<typeof eligibilitySpecialtyListSchema>;

// The response schema describes exactly the engine's result type (checked both ways at compile time).
type ResultPart = Omit<EligibilityCheckResponse, 'checkedAgainst'>;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _resultSchemaMatchesEngine: Same<ResultPart, EligibilityResult> = true;
