import {
  editPhases,
  editRefusalMessage,
  invalidTransitionMessage,
  planTransition,
  REGISTRATION_STATUS_LABELS,
  type RegistrationActor,
  type RegistrationEvent,
  type RegistrationReason,
  type RegistrationStatus,
  type TransitionPlan,
} from '@hqe/core';
import type { Db } from '../../db/database';
import { AppError, notFound } from '../../lib/errors';
import { recordAuditEvent } from '../audit';
import type { PhaseRow } from './catalog-lookup.repository';
import { openPhaseKinds, phaseClosedError } from './registration-calendar';
import { candidateVisibleStatus } from './registration-view';
import * as repo from './registrations.repository';

/** Who changes a registration: the kind the lifecycle knows, the account, the request. */
export interface TransitionActor {
  kind: RegistrationActor;
  accountId: number | null;
  requestId: string | null;
}

export const ENTITY = 'registration';

/** The statuses registrations wait in for review: entering one sets `queued_at`. */
const QUEUE_STATUSES: ReadonlySet<RegistrationStatus> = new Set(['submitted', 'confirmed']);
const NOT_FOUND = '未找到该报名记录，请返回“网上报名”页面重新进入。';

/**
 * A registration of the acting candidate. Someone else's registration is "not found", exactly like
 * one that does not exist: nothing tells whether an id is in use.
 */
export async function loadOwned(
  db: Db,
  accountId: number,
  id: number,
  options: { lock?: boolean } = {},
): Promise<repo.RegistrationRow> {
  const row = await repo.findOwned(db, id, accountId, options);
  if (!row) throw notFound(NOT_FOUND);
  return row;
}

/** A registration by id, for staff and the system (their scope is checked by the caller). */
export async function loadAny(
  db: Db,
  id: number,
  options: { lock?: boolean } = {},
): Promise<repo.RegistrationRow> {
  const row = await repo.findById(db, id, options);
  if (!row) throw notFound(NOT_FOUND);
  return row;
}

/**
 * The API error for a refused plan, with the phases' dates for `phase_closed`. `status` is the one
 * the actor may know: for a candidate, `candidateVisibleStatus` (see `refusal`).
 */
export function planError(
  plan: Extract<TransitionPlan, { ok: false }>,
  status: repo.RegistrationRow['status'],
  phases: readonly PhaseRow[],
  now: Date,
): AppError {
  switch (plan.reason) {
    case 'forbidden':
      return new AppError('forbidden', plan.message);
    case 'invalid_transition':
      return new AppError('invalid_transition', plan.message, {
        status,
        statusLabel: REGISTRATION_STATUS_LABELS[status],
      });
    case 'phase_closed':
      return phaseClosedError(plan.phases, phases, now);
  }
}

/**
 * Why `event` is refused, in what the actor may know. Staff and the system read the real status.
 * A candidate reads it as `candidateVisibleStatus` (R18): the refusal is planned again from that
 * status, so neither the message nor the details name a result not yet published. (A hidden
 * result refuses every candidate action exactly as 报名确认 does: core's lifecycle test.)
 */
function refusal(
  row: repo.RegistrationRow,
  event: RegistrationEvent,
  actor: RegistrationActor,
  plan: Extract<TransitionPlan, { ok: false }>,
  phases: readonly PhaseRow[],
  now: Date,
): AppError {
  if (actor !== 'candidate') return planError(plan, row.status, phases, now);
  const status = candidateVisibleStatus(row, phases, now);
  if (status === row.status) return planError(plan, status, phases, now);
  const shown = planTransition(status, event, actor, openPhaseKinds(phases, now));
  return planError(
    shown.ok
      ? {
          ok: false,
          reason: 'invalid_transition',
          message: invalidTransitionMessage(event, status),
        }
      : shown,
    status,
    phases,
    now,
  );
}

/** Throws unless `actor` may take `event` on the registration now (the lifecycle's table). */
export function assertTransition(
  row: repo.RegistrationRow,
  event: RegistrationEvent,
  actor: RegistrationActor,
  phases: readonly PhaseRow[],
  now: Date,
): void {
  const plan = planTransition(row.status, event, actor, openPhaseKinds(phases, now));
  if (!plan.ok) throw refusal(row, event, actor, plan, phases, now);
}

/**
 * Throws unless the candidate may change the registration's data now: a draft while registration
 * is open, a returned one until the resubmission deadline (`editPhases`). The refusal names the
 * status the candidate may know (R18).
 */
export function assertEditable(row: repo.RegistrationRow, phases: readonly PhaseRow[], now: Date) {
  const kinds = editPhases(row.status);
  if (!kinds) {
    const status = candidateVisibleStatus(row, phases, now);
    throw new AppError('invalid_transition', editRefusalMessage(status), {
      status,
      statusLabel: REGISTRATION_STATUS_LABELS[status],
    });
  }
  const open = openPhaseKinds(phases, now);
  if (!kinds.some((k) => open.has(k))) throw phaseClosedError(kinds, phases, now);
}

export const versionConflict = () => new AppError('version_conflict');

export interface TransitionInput {
  /** The registration as read under its row lock in `trx`. */
  row: repo.RegistrationRow;
  event: RegistrationEvent;
  actor: TransitionActor;
  now: Date;
  /** The calendar of the registration's cycle and area. */
  phases: readonly PhaseRow[];
  /** Other columns that change with the status. */
  patch?: repo.RegistrationPatch;
  reasons?: readonly RegistrationReason[];
  note?: string | null;
  /** Extra facts for the audit event (never personal data). */
  audit?: { before?: object; after?: object };
}

/**
 * The one way a registration's status changes: asks the lifecycle's `planTransition` (actor,
 * status, calendar), then writes the new status with the version bumped, one timeline entry and
 * one audit event — all in the caller's transaction, which holds the row lock (two actors racing
 * on one registration are serialised by it: the second sees the first's outcome).
 */
export async function applyTransition(
  trx: Db,
  input: TransitionInput,
): Promise<{ row: repo.RegistrationRow; event: repo.EventRow }> {
  const { row, event, actor, now, phases } = input;
  const plan = planTransition(row.status, event, actor.kind, openPhaseKinds(phases, now));
  if (!plan.ok) throw refusal(row, event, actor.kind, plan, phases, now);
  const updated = await repo.update(trx, row.id, row.version, {
    ...input.patch,
    status: plan.to,
    updatedAt: now,
    // The review queue (issue #6): any status change ends a claim (领取); entering a queue
    // (submitted for 报名确认, confirmed for 资格审核) puts it at the queue's end.
    claimedBy: null,
    claimExpiresAt: null,
    ...(QUEUE_STATUSES.has(plan.to) ? { queuedAt: now } : {}),
  });
  // The caller holds the row lock, so the version cannot have moved; refuse rather than guess.
  if (!updated) throw versionConflict();
  const reasons = input.reasons ?? [];
  const entry = await repo.insertEvent(trx, {
    registrationId: row.id,
    // The area after the transition: a change of area (修改考区) is the new area's event, since
    // from then on the registration is there (what happened before stays the old area's).
    examAreaId: updated.examAreaId,
    cycleId: updated.cycleId,
    event,
    fromStatus: row.status,
    toStatus: plan.to,
    actorAccountId: actor.accountId,
    actorKind: actor.kind,
    reasons: JSON.stringify(reasons),
    note: input.note ?? null,
    occurredAt: now,
  });
  await recordAuditEvent(trx, {
    occurredAt: now,
    actorAccountId: actor.accountId,
    examAreaId: updated.examAreaId,
    action: `registration.${event}`,
    entityType: ENTITY,
    entityId: row.id,
    before: { status: row.status, version: row.version, ...input.audit?.before },
    after: {
      status: updated.status,
      version: updated.version,
      ...(reasons.length > 0 ? { reasons: reasons.map((r) => r.code) } : {}),
      ...input.audit?.after,
    },
    requestId: actor.requestId,
  });
  return { row: updated, event: entry };
}
