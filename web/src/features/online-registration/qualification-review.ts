import {
  MATERIAL_SLOT_LABELS,
  type MaterialFileView,
  type MaterialSlotKey,
  type RegistrationReason,
  type RegistrationView,
} from '@hqe/core';
import { formatInstant, formatPeriodEnd } from '../../lib/format';
import { onlineRegistrationMessages as m } from './messages';

/*
 * The candidate's side of qualification review (资格审核, R18, R19), read from the registration
 * alone: a supplement request (补充材料) — which slots may change, what is still missing, why the
 * 「提交补充材料」 button waits — and a published result with what comes next. Pure: the pages
 * and their tests share it.
 */

type Phase = RegistrationView['calendar'][number];
type Supplement = NonNullable<RegistrationView['supplement']>;

/** The area's phase of that kind in the registration's calendar, if it has one. */
export function phaseOf(view: RegistrationView, kind: Phase['kind']): Phase | null {
  return view.calendar.find((p) => p.kind === kind) ?? null;
}

/** A file the candidate added for the supplement request (uploaded at or after it was made). */
export function isAddedForSupplement(file: MaterialFileView, supplement: Supplement): boolean {
  return new Date(file.uploadedAt).getTime() >= new Date(supplement.requestedAt).getTime();
}

/** One slot the reviewer named, and how many files the candidate has added to it since. */
export interface SupplementSlot {
  key: MaterialSlotKey;
  label: string;
  added: number;
}

export interface SupplementState {
  slots: SupplementSlot[];
  /** The reviewer's note. */
  note: string | null;
  /** The reasons given with the request (from its timeline entry). */
  reasons: RegistrationReason[];
  requestedAt: string;
  /** The end of qualification review: the supplement must be submitted before it. */
  deadline: string | null;
  /** The calendar allows uploading and submitting the supplement now. */
  open: boolean;
  /** The named slots still without a new file. */
  missing: SupplementSlot[];
}

/** What the reviewer asked for and where the candidate stands; null without a supplement request. */
export function supplementState(view: RegistrationView): SupplementState | null {
  const supplement = view.supplement;
  if (!supplement) return null;
  const slots = supplement.slots.map((key): SupplementSlot => {
    const slot = view.materialSlots.find((s) => s.key === key);
    return {
      key,
      label: slot?.label ?? MATERIAL_SLOT_LABELS[key],
      added: (slot?.files ?? []).filter((f) => isAddedForSupplement(f, supplement)).length,
    };
  });
  const request = view.timeline.findLast((e) => e.event === 'request_supplement');
  return {
    slots,
    note: supplement.note,
    reasons: request?.reasons ?? [],
    requestedAt: supplement.requestedAt,
    deadline: phaseOf(view, 'qualification_review')?.endsAt ?? null,
    open: view.actions.includes('supply'),
    missing: slots.filter((s) => s.added === 0),
  };
}

/**
 * Why 「提交补充材料」 cannot be pressed now, or null when it can: the review closed, a named slot
 * still without a new file, or files still on their way.
 */
export function supplyBlockedReason(state: SupplementState, pendingUploads: number): string | null {
  if (!state.open) return m.supplyClosed;
  if (state.missing.length > 0) return m.supplyMissing(state.missing.map((s) => s.label));
  if (pendingUploads > 0) return m.supplyUploading;
  return null;
}

/** The candidate may upload into this slot now (the edit gate, or a named slot of a supplement). */
export function canUploadTo(view: RegistrationView, slotKey: MaterialSlotKey): boolean {
  if (view.canEdit) return true;
  return (
    view.supplement !== null &&
    view.actions.includes('supply') &&
    view.supplement.slots.includes(slotKey)
  );
}

/**
 * The candidate may delete (and move) this file now: while editable, any file; during a supplement,
 * only files added for it in a named slot (those reviewed before stay).
 */
export function canRemoveFile(
  view: RegistrationView,
  slotKey: MaterialSlotKey,
  file: MaterialFileView,
): boolean {
  if (view.canEdit) return true;
  const supplement = view.supplement;
  return (
    supplement !== null && canUploadTo(view, slotKey) && isAddedForSupplement(file, supplement)
  );
}

/** The deadline sentence of a supplement request, in Beijing time. */
export function supplementDeadlineText(state: SupplementState): string {
  if (!state.open) return m.supplyClosed;
  return state.deadline
    ? m.supplementDeadline(formatPeriodEnd(state.deadline))
    : m.supplementNoDeadline;
}

/** A published qualification result (R18) and what the candidate does next. */
export interface QualificationOutcome {
  passed: boolean;
  reasons: RegistrationReason[];
  note: string | null;
  /** What comes next: payment for a pass (from the calendar), whom to ask for a failure. */
  next: string;
}

/** What comes after a pass: payment in its window (R20), as the area's calendar has it. */
function paymentText(view: RegistrationView): string {
  const payment = phaseOf(view, 'payment');
  if (!payment) return m.paymentUnknown;
  const end = formatPeriodEnd(payment.endsAt);
  if (payment.status === 'upcoming') return m.paymentUpcoming(formatInstant(payment.startsAt), end);
  if (payment.status === 'open') return m.paymentOpen(end);
  return m.paymentClosed(end);
}

/** The published result, or null while it is not published (R18: 报名确认 until then). */
export function qualificationOutcome(view: RegistrationView): QualificationOutcome | null {
  const result = view.qualificationResult;
  if (!result) return null;
  const passed = result.result === 'qualified';
  return {
    passed,
    reasons: result.reasons,
    note: result.note,
    next: passed ? paymentText(view) : m.disqualifiedNext(view.examArea.name),
  };
}

/**
 * The line under 报名确认 while qualification review is ahead or under way: when results are
 * published (the same for every confirmed registration, decided or not, R18), and after a supplied
 * supplement that it is being reviewed again.
 */
export function confirmedNote(view: RegistrationView): string | null {
  if (view.status !== 'confirmed') return null;
  const supplied = view.timeline.at(-1)?.event === 'supply';
  const publication = phaseOf(view, 'results_publication');
  const when =
    publication?.status === 'upcoming'
      ? m.resultsPublishedFrom(formatInstant(publication.startsAt))
      : null;
  const parts = [supplied ? m.suppliedWaiting : null, when].filter((p) => p !== null);
  return parts.length > 0 ? parts.join('') : null;
}
