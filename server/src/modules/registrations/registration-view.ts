import {
  autoConfirmationSchema,
  availableEvents,
  EARLY_APPLICATION_CLAIM_LABELS,
  editPhases,
  ELIGIBILITY_LABELS,
  MATERIAL_FILES_PER_SLOT_MAX,
  REGISTRATION_ACTOR_LABELS,
  REGISTRATION_STATUS_LABELS,
  returnReasonSchema,
  timelineEventLabel,
  type MaterialFileView,
  type RegistrationReason,
  type RegistrationView,
} from '@hqe/core';
import { z } from 'zod';
import { calendarView, openPhaseKinds } from './registration-calendar';
import type { RegistrationContext } from './registration-context';
import type { MaterialFileRow } from './registrations.repository';

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
  const actions = availableEvents(row.status, 'candidate', open);
  const phasesForEdit = editPhases(row.status);
  const canEdit = phasesForEdit !== null && phasesForEdit.some((p) => open.has(p));
  const submitEvent = row.status === 'returned' ? 'resubmit' : 'submit';
  const education = row.educationSnapshot
    ? educationSnapshotSchema.parse(row.educationSnapshot)
    : null;
  const base = registrationUrl(row.id);

  return {
    id: row.id,
    registrationNumber: row.registrationNumber,
    version: row.version,
    status: row.status,
    statusLabel: REGISTRATION_STATUS_LABELS[row.status],
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
    autoConfirmation: row.autoConfirmation
      ? autoConfirmationSchema.parse(row.autoConfirmation)
      : null,
    calendar: calendarView(ctx.phases, now),
    timeline: ctx.events.map((e) => ({
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
    updatedAt: row.updatedAt.toISOString(),
    submittedAt: row.submittedAt?.toISOString() ?? null,
    confirmedAt: row.confirmedAt?.toISOString() ?? null,
  };
}
