import type { CheckContext } from './context';
import type { EligibilityLine } from './result';

/**
 * Barred cases are declared by the candidate: declared true → not met; declared false → a reviewer
 * checks the declaration; not declared yet → the candidate is asked to declare.
 */
export function declarationLines(ctx: CheckContext): EligibilityLine[] {
  return ctx.rules.declarations.map((rule) => {
    const value = ctx.profile.declarations[rule.key];
    const base = {
      ruleId: rule.id,
      title: rule.title,
      required: rule.requirement,
      source: rule.source,
    };
    if (value === true) return { ...base, actual: `${rule.whenDeclared}。`, outcome: 'not_met' };
    if (value === false) {
      return { ...base, actual: '您已声明无此情形，由审核员核实。', outcome: 'review' };
    }
    return { ...base, actual: '您尚未声明，请在报名信息中如实声明。', outcome: 'review' };
  });
}
