import type { CheckContext } from './context';
import { declarationLines } from './declarations';
import { assessEducation, educationLines } from './education';
import { employmentLines } from './employment';
import { identityLines } from './identity';
import { MaterialList } from './materials';
import { postChangeLines } from './post-change';
import { practiceLines } from './practice';
import type { EligibilityInput } from './profile';
import { residenceLines } from './residence';
import type { EligibilityResult } from './result';
import { DEFAULT_ELIGIBILITY_RULES, practiceRequirementFor, type EligibilityRules } from './rules';
import { yearsLines } from './years';

/**
 * Whether the candidate may register for the chosen specialty and level, explained one line per
 * rule, with the material slots to upload. Pure: the same input always gives the same result.
 *
 * `eligible` is true when no line is `not_met`; `needsReview` when some line asks a reviewer to
 * check a declaration or a document (nearly always: the barred-case declarations are checked).
 * Validate untrusted input with `eligibilityInputSchema` first.
 */
export function checkEligibility(
  input: EligibilityInput,
  rules: EligibilityRules = DEFAULT_ELIGIBILITY_RULES,
): EligibilityResult {
  const { profile, specialty, cutoffDate, examArea, registeredEmployer } = input;
  const materials = new MaterialList();
  const ctx: CheckContext = {
    profile,
    specialty,
    cutoff: cutoffDate,
    area: examArea.rules,
    registeredEmployer,
    rules,
    materials,
    education: assessEducation(profile.education, cutoffDate),
    practice: practiceRequirementFor(specialty.code, rules.practice),
    track: specialty.category === 'other' ? undefined : specialty.category,
  };

  materials.require('photo', 'materials.base', '报名照片（白底证件照，须通过照片审核处理工具）');
  materials.require(
    'application_form',
    'materials.base',
    '下载申报表，经单位经办人签字并加盖人事部门公章后上传',
  );
  if (profile.returningCandidate) {
    materials.require(
      'previous_score_report_or_ticket',
      'materials.returning_candidate',
      '历史考生须上传上一年度成绩单或准考证',
    );
  }

  const lines = [
    ...identityLines(ctx),
    ...residenceLines(ctx),
    ...employmentLines(ctx),
    ...educationLines(ctx),
    ...practiceLines(ctx),
    ...yearsLines(ctx),
    ...postChangeLines(ctx),
    ...declarationLines(ctx),
  ];
  materials.offer('other', 'materials.base', '其他需要说明的材料');

  return {
    eligible: lines.every((l) => l.outcome !== 'not_met'),
    needsReview: lines.some((l) => l.outcome === 'review'),
    lines,
    materialSlots: materials.slots(),
  };
}
