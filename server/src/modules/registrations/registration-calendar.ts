import {
  isPhaseOpen,
  PHASE_LABELS,
  phaseStatus,
  type PhaseKind,
  type RegistrationView,
} from '@hqe/core';
import { AppError } from '../../lib/errors';
import { phaseClosedMessage, type PhaseClosedDetails } from '../catalog';
import type { PhaseRow } from './catalog-lookup.repository';

/**
 * The phases the lifecycle goes by: the area's calendar, where an area without a 退回后重新提交
 * (resubmission) phase has its 报名确认 (confirmation) phase stand in for it — a registration is
 * returned while confirmation is open, so that is the window in which it can be resubmitted, and
 * what the notices, the reminders and the lapse job name and go by (decision 0014).
 */
export function lifecyclePhases<P extends Pick<PhaseRow, 'kind' | 'startsAt' | 'endsAt'>>(
  phases: readonly P[],
): P[] {
  if (phases.some((p) => p.kind === 'resubmission')) return [...phases];
  const confirmation = phases.find((p) => p.kind === 'confirmation');
  return confirmation ? [...phases, { ...confirmation, kind: 'resubmission' }] : [...phases];
}

/**
 * The end of the window in which a returned registration may be resubmitted: the resubmission
 * phase (or the confirmation phase standing in for it, `lifecyclePhases`); null without either.
 */
export function resubmissionWindowEnd(
  phases: readonly Pick<PhaseRow, 'kind' | 'startsAt' | 'endsAt'>[],
): Date | null {
  return lifecyclePhases(phases).find((p) => p.kind === 'resubmission')?.endsAt ?? null;
}

/** The kinds of the area's phases open at `now` (for planTransition and the edit gate). */
export function openPhaseKinds(phases: readonly PhaseRow[], now: Date): Set<PhaseKind> {
  return new Set(
    lifecyclePhases(phases)
      .filter((p) => isPhaseOpen(p, now))
      .map((p) => p.kind),
  );
}

function detailsOf(kind: PhaseKind, phase: PhaseRow | undefined, now: Date): PhaseClosedDetails {
  const status = phase ? phaseStatus(phase, now) : 'not_scheduled';
  return {
    kind,
    label: PHASE_LABELS[kind],
    status: status === 'open' ? 'closed' : status,
    startsAt: phase?.startsAt.toISOString() ?? null,
    endsAt: phase?.endsAt.toISOString() ?? null,
  };
}

/**
 * `phase_closed` for an action that needs one of `kinds` open, none being open now. The message
 * names the phase the candidate can act on: the next one to open, otherwise the last one that
 * closed, with its dates in Beijing time; `details.phases` lists each of them.
 */
export function phaseClosedError(
  kinds: readonly PhaseKind[],
  phases: readonly PhaseRow[],
  now: Date,
): AppError {
  const effective = lifecyclePhases(phases);
  const all = kinds.map((kind) => {
    const phase = effective.find((p) => p.kind === kind);
    return { kind, phase, details: detailsOf(kind, phase, now) };
  });
  const upcoming = all
    .filter((p) => p.details.status === 'upcoming')
    .sort((a, b) => (a.phase?.startsAt.getTime() ?? 0) - (b.phase?.startsAt.getTime() ?? 0));
  const closed = all
    .filter((p) => p.details.status === 'closed')
    .sort((a, b) => (b.phase?.endsAt.getTime() ?? 0) - (a.phase?.endsAt.getTime() ?? 0));
  const chosen = upcoming[0] ?? closed[0] ?? all[0];
  if (!chosen) return new AppError('phase_closed');
  return new AppError(
    'phase_closed',
    phaseClosedMessage(chosen.kind, chosen.phase, chosen.details.status),
    { ...chosen.details, phases: all.map((p) => p.details) },
  );
}

/** Throws `phase_closed` unless one of `kinds` is open at `now`. */
export function assertOneOpen(
  kinds: readonly PhaseKind[],
  phases: readonly PhaseRow[],
  now: Date,
): void {
  const open = openPhaseKinds(phases, now);
  if (!kinds.some((k) => open.has(k))) throw phaseClosedError(kinds, phases, now);
}

/** The area's calendar for the cycle, as the registration view shows it. */
export function calendarView(phases: readonly PhaseRow[], now: Date): RegistrationView['calendar'] {
  return phases.map((p) => ({
    kind: p.kind,
    label: PHASE_LABELS[p.kind],
    startsAt: p.startsAt.toISOString(),
    endsAt: p.endsAt.toISOString(),
    status: phaseStatus(p, now),
  }));
}
