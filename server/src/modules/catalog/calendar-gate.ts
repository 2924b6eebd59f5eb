import {
  formatShanghai,
  formatShanghaiEnd,
  PHASE_LABELS,
  phaseStatus,
  type PhaseKind,
} from '@hqe/core';
import type { Db } from '../../db/database';
import { AppError } from '../../lib/errors';
import * as catalogRepository from './catalog.repository';

export interface PhaseRef {
  cycleId: number;
  examAreaId: number;
  kind: PhaseKind;
}

/** What `phase_closed` carries in `details`, for clients that show the dates themselves. */
export interface PhaseClosedDetails {
  kind: PhaseKind;
  label: string;
  /** `not_scheduled`: the area has not set this phase for the cycle. */
  status: 'not_scheduled' | 'upcoming' | 'closed';
  startsAt: string | null;
  endsAt: string | null;
}

/**
 * The Chinese message for a phase that is not open, naming it and its dates in Beijing time, e.g.
 * 网上报名时间为 2026-11-20 00:00 至 2026-12-26 24:00（北京时间），已经截止，当前不在办理时间内。
 */
export function phaseClosedMessage(
  kind: PhaseKind,
  phase: { startsAt: Date; endsAt: Date } | undefined,
  status: PhaseClosedDetails['status'],
): string {
  const label = PHASE_LABELS[kind];
  if (!phase || status === 'not_scheduled') {
    return `考区尚未公布${label}时间，当前不能办理。`;
  }
  const when = `${formatShanghai(phase.startsAt)} 至 ${formatShanghaiEnd(phase.endsAt)}（北京时间）`;
  const state = status === 'upcoming' ? '尚未开始' : '已经截止';
  return `${label}时间为 ${when}，${state}，当前不在办理时间内。`;
}

/**
 * The calendar gate every later action calls first (pass the transaction the action runs in):
 * returns the phase when it is open at `now` (from its start instant, inclusive, to its end
 * instant, exclusive), and otherwise throws `phase_closed` with the phase's dates.
 */
export async function assertPhaseOpen(
  db: Db,
  ref: PhaseRef,
  now: Date,
): Promise<{ startsAt: Date; endsAt: Date }> {
  const phase = await catalogRepository.findPhase(db, ref);
  const status = phase ? phaseStatus(phase, now) : 'not_scheduled';
  if (phase && status === 'open') return { startsAt: phase.startsAt, endsAt: phase.endsAt };
  const details: PhaseClosedDetails = {
    kind: ref.kind,
    label: PHASE_LABELS[ref.kind],
    status: status === 'open' ? 'closed' : status,
    startsAt: phase?.startsAt.toISOString() ?? null,
    endsAt: phase?.endsAt.toISOString() ?? null,
  };
  throw new AppError('phase_closed', phaseClosedMessage(ref.kind, phase, details.status), details);
}
