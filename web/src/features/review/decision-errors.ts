import { errorMessageOf, isApiError } from '../../lib/api-client';
import { reviewMessages as m } from './messages';

/** What the reviewer reads when a decision or claim is refused, and what the page does about it. */
export interface DecisionProblem {
  /** The server's own reason (e.g. 该报名正由 张三 审核). */
  message: string;
  /** What to do next. */
  hint: string;
  /** Read the registration again: its status or claim has changed under the reviewer. */
  reload: boolean;
  /** The reviewer should go back to the queue (someone else holds it, or it is gone). */
  backToQueue: boolean;
  /**
   * The candidate changed the registration after the reviewer read it (`version_conflict`): the
   * choice taken on the old content is dropped, to be taken again on the content reloaded.
   */
  staleContent: boolean;
}

/** Turn a refused decision into its message, the next step and how the page reacts. */
export function decisionProblemOf(error: unknown): DecisionProblem {
  const message = errorMessageOf(error);
  const problem = (hint: string, reload: boolean, backToQueue: boolean): DecisionProblem => ({
    message,
    hint,
    reload,
    backToQueue,
    staleContent: false,
  });
  if (isApiError(error, 'phase_closed')) return problem(m.hintPhaseClosed, false, false);
  if (isApiError(error, 'conflict')) return problem(m.hintConflict, true, true);
  if (isApiError(error, 'version_conflict')) {
    return { ...problem(m.hintVersionConflict, true, false), staleContent: true };
  }
  if (isApiError(error, 'invalid_transition')) {
    return problem(m.hintInvalidTransition, true, false);
  }
  if (isApiError(error, 'validation_failed')) return problem(m.hintValidation, false, false);
  if (isApiError(error, 'not_found')) return problem(m.hintNotFound, false, true);
  return problem(m.hintOther, false, false);
}
