import { SHANGHAI_AREA_ELIGIBILITY_RULES, type ExamAreaEligibilityRules } from '@hqe/core';

/**
 * The rules an exam area starts with, by area code, before its administrators save their own
 * (table exam_area_settings, seeded for Shanghai from these). Shanghai (31) turns them all on.
 */
export const AREA_ELIGIBILITY_RULES: Readonly<Record<string, ExamAreaEligibilityRules>> = {
  '31': SHANGHAI_AREA_ELIGIBILITY_RULES,
};

/**
 * For an area without rules of its own: P1 is Shanghai's local policy (household, social-security
 * payer, practice site) and is not imposed elsewhere, where it would refuse candidates on rules the
 * area does not have; P2 only asks HK/Macao/Taiwan residents and foreign nationals for their
 * residence documents, which every area's review reads, so it stays on.
 */
export const DEFAULT_AREA_ELIGIBILITY_RULES: ExamAreaEligibilityRules = {
  nonLocalHouseholdDocuments: false,
  socialSecurityEmployerMatch: false,
  practiceSiteEmployerMatch: false,
  hmtAndForeignDocuments: true,
};

/** The fallback rules of an area that has saved none (no exam_area_settings row). */
export function areaEligibilityRules(areaCode: string): ExamAreaEligibilityRules {
  return AREA_ELIGIBILITY_RULES[areaCode] ?? DEFAULT_AREA_ELIGIBILITY_RULES;
}
