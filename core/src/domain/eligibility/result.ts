/** The output of the eligibility check: plain types (it is computed, never parsed). */

export type RuleCertainty = 'sourced' | 'uncertain';

/** Where a rule comes from, and whether an official source confirms it. */
export interface RuleSource {
  /** Document reference, in Chinese (e.g. 人社部发〔2021〕51号 …). */
  document: string;
  certainty: RuleCertainty;
  /** What is uncertain or how the rule was read (for administrators). */
  note?: string;
}

/**
 * - `met`: the profile satisfies the rule.
 * - `not_met`: it does not; the candidate cannot register for this specialty and level now.
 * - `review`: a declaration or a document a reviewer must check.
 */
export type LineOutcome = 'met' | 'not_met' | 'review';

export interface EligibilityLine {
  /** Stable id of the rule (a table row's id for the years rules). */
  ruleId: string;
  title: string;
  /** What the rule asks, in Chinese. */
  required: string;
  /** What the profile shows, in Chinese. */
  actual: string;
  outcome: LineOutcome;
  /** For not enough years: the first day on which the requirement would be met (YYYY-MM-DD). */
  metOn?: string;
  source: RuleSource;
}

export const MATERIAL_SLOT_KEYS = [
  'identity_document',
  'photo',
  'application_form',
  'education_certificate',
  'degree_certificate',
  'foreign_degree_certification',
  'practice_qualification',
  'practice_registration',
  'title_certificate',
  'residency_training_certificate',
  'labour_contract',
  'social_security_record',
  'housing_fund_record',
  'work_certificate',
  'residence_permit',
  'hk_macao_taiwan_residence_permit',
  'foreign_permanent_residence_id',
  'previous_score_report_or_ticket',
  'community_employment_proof',
  'covid_frontline_proof',
  'other',
] as const;
export type MaterialSlotKey = (typeof MATERIAL_SLOT_KEYS)[number];

export interface MaterialSlot {
  key: MaterialSlotKey;
  label: string;
  /** Must be uploaded; otherwise offered (e.g. alternatives for a lost contract). */
  required: boolean;
  /** Why, in Chinese. */
  reason: string;
  /** The rules asking for it. */
  ruleIds: string[];
}

export interface EligibilityResult {
  /** No line is `not_met`. */
  eligible: boolean;
  /** Some line is `review`: a reviewer must check declarations or documents. */
  needsReview: boolean;
  lines: EligibilityLine[];
  materialSlots: MaterialSlot[];
}
