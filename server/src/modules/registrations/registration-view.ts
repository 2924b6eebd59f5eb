import {
  autoConfirmationSchema,
  availableEvents,
  candidateVisibleStatus as visibleStatusOf,
  EARLY_APPLICATION_CLAIM_LABELS,
  editPhases,
  ELIGIBILITY_LABELS,
  MATERIAL_FILES_PER_SLOT_MAX,
  MATERIAL_SLOT_KEYS,
  QUALIFICATION_RESULT_STATUSES,
  REGISTRATION_ACTOR_LABELS,
  REGISTRATION_STATUS_LABELS,
  returnReasonSchema,
  timelineEventLabel,
  type MaterialFileView,
  type MaterialSlotKey,
  type RegistrationReason,
  type RegistrationStatus,
  type RegistrationView,
} from '@hqe/core';
import { z } from 'zod';
import { calendarView, openPhaseKinds } from './registration-calendar';
import type { RegistrationContext } from './registration-context';
import type { PhaseRow } from './catalog-lookup.repository';
import type { MaterialFileRow, RegistrationRow } from './registrations.repository';

/** The education record a registration uses, as stored when its info was saved. */
export const educationSnapshotSchema = z.object({
  index: z.number().int(),
  level: z.enum(['secondary', 'junior_college', 'bachelor', 'master', 'doctorate']),
  mode: z.enum(['full_time', 'in_service']),
  school: z.string(),
  major: z.string(),
  graduationDate: z.string(),
  withDegree: z.boolean(),
  foreign: z.boolean(),
});
export type EducationSnapshot = z.infer<typeof educationSnapshotSchema>;

const reasonsSchema = z.array(returnReasonSchema);

/** Reasons as stored (jsonb), read back through their schema. */
export function reasonsOf(stored: unknown): RegistrationReason[] {
  return reasonsSchema.parse(stored ?? []);
}

const slotsSchema = z.array(z.enum(MATERIAL_SLOT_KEYS));

/** The last supplement request (补充材料) stored on a registration, or null. */
export function supplementOf(
  row: Pick<RegistrationRow, 'supplementSlots' | 'supplementNote' | 'supplementRequestedAt'>,
): { slots: MaterialSlotKey[]; note: string | null; requestedAt: Date } | null {
  if (row.supplementSlots === null || row.supplementRequestedAt === null) return null;
  return {
    slots: slotsSchema.parse(row.supplementSlots),
    note: row.supplementNote,
    requestedAt: row.supplementRequestedAt,
  };
}

/**
 * The stamped forms (申报表) printed from an earlier form: uploaded before the first download that
 * followed a change of what the form prints (`formValidFrom`). They stay in their slot (the
 * reviewer may read the old number on them) but no longer count.
 */
export function outdatedStampedForms(
  row: Pick<RegistrationRow, 'formValidFrom'>,
  files: readonly MaterialFileRow[],
): MaterialFileRow[] {
  const from = row.formValidFrom;
  if (from === null) return [];
  return files.filter(
    (f) => f.slotKey === 'application_form' && f.uploadedAt.getTime() < from.getTime(),
  );
}

/**
 * R18 (decide now, publish later): qualification results are shown to candidates from the start of
 * the area's 审核结果公布 phase on; without that phase in the calendar they are not shown yet.
 */
export function qualificationResultsPublished(
  phases: readonly Pick<PhaseRow, 'kind' | 'startsAt'>[],
  now: Date,
): boolean {
  return phases.some(
    (p) => p.kind === 'results_publication' && p.startsAt.getTime() <= now.getTime(),
  );
}

/**
 * The status the candidate may know now (R18): a qualification result reads as 报名确认 until the
 * area's results are published. Every candidate-facing path — the view, and the refusals of the
 * candidate's actions (transitions.ts, materials) — goes through it.
 */
export function candidateVisibleStatus(
  row: Pick<RegistrationRow, 'status'>,
  phases: readonly Pick<PhaseRow, 'kind' | 'startsAt'>[],
  now: Date,
): RegistrationStatus {
  return visibleStatusOf(row.status, qualificationResultsPublished(phases, now));
}

/** What the candidate may know of a registration now (R18). */
export interface CandidateVisibleState {
  status: RegistrationStatus;
  /** True while a qualification result is hidden. */
  hidden: boolean;
  /** The version and last change as of the last event the candidate may see. */
  version: number;
  updatedAt: Date;
  /** The timeline the candidate may see. */
  events: RegistrationContext['events'];
}

/**
 * The status, version, last change and timeline as the candidate may know them now (R18). While a
 * qualification result is hidden, the events that decided it are left out and the version and
 * `updatedAt` are those the registration had before them: a decision must not show as a new
 * version either. Each of those events is a transition (`applyTransition` adds one to the version)
 * and nothing else changes a registration in a result status (it is not editable and its files
 * cannot change), so the version before them is the current one less their count, and the last
 * change is the moment of the last event the candidate sees (the one that made it 报名确认). The
 * candidate's writes carrying that version are refused by the status first (a hidden result is
 * not editable), with the same answer as for 报名确认.
 */
export function candidateVisibleState(
  ctx: Pick<RegistrationContext, 'row' | 'phases' | 'events'>,
  now: Date,
): CandidateVisibleState {
  const { row } = ctx;
  const published = qualificationResultsPublished(ctx.phases, now);
  const status = visibleStatusOf(row.status, published);
  const events = published
    ? ctx.events
    : ctx.events.filter((e) => !QUALIFICATION_RESULT_STATUSES.has(e.toStatus));
  const hiddenCount = ctx.events.length - events.length;
  if (status === row.status || hiddenCount === 0) {
    return { status, hidden: false, version: row.version, updatedAt: row.updatedAt, events };
  }
  const lastSeen = events.at(-1);
  return {
    status,
    hidden: true,
    version: row.version - hiddenCount,
    updatedAt: lastSeen ? lastSeen.occurredAt : row.createdAt,
    events,
  };
}

export const registrationUrl = (id: number) => `/api/registrations/${id}`;

export function fileView(registrationId: number, file: MaterialFileRow): MaterialFileView {
  const url = `${registrationUrl(registrationId)}/materials/files/${file.id}`;
  return {
    id: file.id,
    fileName: file.originalName,
    kind: file.kind,
    contentType: file.contentType,
    sizeBytes: file.sizeBytes,
    pages: file.pages,
    width: file.width,
    height: file.height,
    position: file.position,
    uploadedAt: file.uploadedAt.toISOString(),
    url,
    thumbnailUrl: file.thumbnailKey ? `${url}/thumbnail` : null,
  };
}

/** The registration as the candidate's stepper shows it, at `now`. */
export function toRegistrationView(ctx: RegistrationContext, now: Date): RegistrationView {
  const { row, offering } = ctx;
  const open = openPhaseKinds(ctx.phases, now);
  // R18: a qualification decision reads as "confirmed, under review" until it is published, with
  // the version, last change and timeline of before it.
  const visible = candidateVisibleState(ctx, now);
  const { status, events } = visible;
  const published = qualificationResultsPublished(ctx.phases, now);
  const actions = availableEvents(status, 'candidate', open);
  const phasesForEdit = editPhases(status);
  const canEdit = phasesForEdit !== null && phasesForEdit.some((p) => open.has(p));
  const submitEvent = status === 'returned' ? 'resubmit' : 'submit';
  const supplement = status === 'supplement_requested' ? supplementOf(row) : null;
  const education = row.educationSnapshot
    ? educationSnapshotSchema.parse(row.educationSnapshot)
    : null;
  const base = registrationUrl(row.id);

  return {
    id: row.id,
    registrationNumber: row.registrationNumber,
    version: visible.version,
    status,
    statusLabel: REGISTRATION_STATUS_LABELS[status],
    exam: { code: ctx.cycle.examCode, name: ctx.cycle.examName },
    cycle: {
      id: ctx.cycle.id,
      year: ctx.cycle.year,
      name: ctx.cycle.name,
      workYearsCutoff: ctx.cycle.workYearsCutoff,
    },
    examArea: { id: ctx.area.id, code: ctx.area.code, name: ctx.area.name },
    city: ctx.city
      ? { id: ctx.city.id, code: ctx.city.code, name: ctx.city.name, active: ctx.city.active }
      : null,
    testSite: ctx.testSite
      ? {
          id: ctx.testSite.id,
          code: ctx.testSite.code,
          name: ctx.testSite.name,
          address: ctx.testSite.address,
          active: ctx.testSite.active,
        }
      : null,
    specialty: offering
      ? {
          code: offering.code,
          name: offering.name,
          level: offering.level,
          levelLabel: ELIGIBILITY_LABELS.level[offering.level],
          category: offering.category,
          subjects: offering.subjects,
          examMode: offering.examMode,
          feePerSubjectFen: offering.feePerSubjectFen,
          offered: offering.active,
        }
      : null,
    info:
      row.infoSavedAt &&
      education &&
      row.employer !== null &&
      row.department !== null &&
      row.post !== null &&
      row.yearsInSpecialty !== null &&
      row.earlyApplicationClaim !== null
        ? {
            employer: row.employer,
            department: row.department,
            post: row.post,
            yearsInSpecialty: row.yearsInSpecialty,
            education: {
              ...education,
              levelLabel: ELIGIBILITY_LABELS.educationLevel[education.level],
            },
            earlyApplicationClaim: row.earlyApplicationClaim,
            earlyApplicationClaimLabel: EARLY_APPLICATION_CLAIM_LABELS[row.earlyApplicationClaim],
            returningFileNumber: row.returningFileNumber,
            savedAt: row.infoSavedAt.toISOString(),
          }
        : null,
    photo:
      row.photoConfirmedAt && row.photoSha256
        ? {
            confirmedAt: row.photoConfirmedAt.toISOString(),
            url: `${base}/photo?v=${row.photoSha256.slice(0, 16)}`,
          }
        : null,
    applicationForm: {
      url: `${base}/application-form.pdf`,
      downloadedAt: row.formDownloadedAt?.toISOString() ?? null,
      outdatedFileIds: outdatedStampedForms(row, ctx.files).map((f) => f.id),
    },
    materialSlots: ctx.slots.map((slot) => ({
      key: slot.key,
      label: slot.label,
      required: slot.required,
      requested: slot.requested,
      reason: slot.reason,
      maxFiles: MATERIAL_FILES_PER_SLOT_MAX,
      files: ctx.files.filter((f) => f.slotKey === slot.key).map((f) => fileView(row.id, f)),
    })),
    eligibility: ctx.eligibility
      ? {
          eligible: ctx.eligibility.eligible,
          needsReview: ctx.eligibility.needsReview,
          lines: ctx.eligibility.lines,
        }
      : null,
    eligibilityNote: ctx.eligibilityNote,
    completeness: ctx.completeness,
    actions,
    canEdit,
    readyToSubmit:
      actions.includes(submitEvent) &&
      ctx.completeness.complete &&
      ctx.eligibility !== null &&
      ctx.eligibility.eligible,
    returnReasons: row.status === 'returned' ? reasonsOf(row.returnReasons) : [],
    returnNote: row.status === 'returned' ? row.returnNote : null,
    supplement: supplement
      ? {
          slots: supplement.slots,
          note: supplement.note,
          requestedAt: supplement.requestedAt.toISOString(),
        }
      : null,
    qualificationResult:
      published && row.reviewResult && row.reviewedAt
        ? {
            result: row.reviewResult,
            reasons: reasonsOf(row.reviewReasons),
            note: row.reviewNote,
            decidedAt: row.reviewedAt.toISOString(),
          }
        : null,
    autoConfirmation: row.autoConfirmation
      ? autoConfirmationSchema.parse(row.autoConfirmation)
      : null,
    calendar: calendarView(ctx.phases, now),
    timeline: events.map((e) => ({
      id: e.id,
      event: e.event,
      label: timelineEventLabel(e.event),
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      actorKind: e.actorKind,
      actorLabel: REGISTRATION_ACTOR_LABELS[e.actorKind],
      reasons: reasonsOf(e.reasons),
      note: e.note,
      occurredAt: e.occurredAt.toISOString(),
    })),
    createdAt: row.createdAt.toISOString(),
    updatedAt: visible.updatedAt.toISOString(),
    submittedAt: row.submittedAt?.toISOString() ?? null,
    confirmedAt: row.confirmedAt?.toISOString() ?? null,
  };
}
