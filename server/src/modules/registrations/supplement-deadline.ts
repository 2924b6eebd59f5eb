import { formatShanghaiEnd } from '@hqe/core';
import { AppError } from '../../lib/errors';
import type { PhaseRow } from './catalog-lookup.repository';
import { phaseClosedError } from './registration-calendar';
import type { RegistrationRow } from './registrations.repository';
import { assertTransition } from './transitions';

/**
 * Throws unless the candidate may still upload and submit a supplement (补充材料, R19) now: the
 * registration waits for one and qualification review is open — up to the instant it ends,
 * exclusive, the deadline the request's message named. From that instant on the refusal is
 * `phase_closed` naming that deadline in Beijing time (with the phase's dates in `details`, like
 * every `phase_closed`), whether or not the lapse job has run yet.
 */
export function assertSupplyOpen(
  row: RegistrationRow,
  phases: readonly PhaseRow[],
  now: Date,
): void {
  const review = phases.find((p) => p.kind === 'qualification_review');
  if (row.status === 'supplement_requested' && review && review.endsAt <= now) {
    const closed = phaseClosedError(['qualification_review'], phases, now);
    throw new AppError(
      'phase_closed',
      `补充材料的提交截止时间为 ${formatShanghaiEnd(review.endsAt)}（北京时间），已经截止，不能再上传或提交补充材料。`,
      closed.details,
    );
  }
  assertTransition(row, 'supply', 'candidate', phases, now);
}
