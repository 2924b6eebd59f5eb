import type { EligibilityCheckResponse } from '@hqe/core';

export type Verdict = 'eligible' | 'not_eligible' | 'review';
type Line = EligibilityCheckResponse['lines'][number];

/**
 * Review lines every candidate gets (the declarations a reviewer checks, the major against the
 * specialty, the clinical subjects): they do not make the verdict doubtful. Any other review line
 * (a document to be checked by hand, a rule without data, an early-application preference) does.
 */
export function isRoutineReview(line: Line): boolean {
  return (
    line.ruleId.startsWith('barred.') ||
    line.ruleId === 'education.specialty_match' ||
    line.ruleId === 'employment.clinical_subjects'
  );
}

/** 符合报考条件 / 暂不符合 / 需审核确认, from the engine's result. */
export function verdictOf(result: EligibilityCheckResponse): Verdict {
  if (!result.eligible) return 'not_eligible';
  return result.lines.some((l) => l.outcome === 'review' && !isRoutineReview(l))
    ? 'review'
    : 'eligible';
}
