import {
  autoConfirmationSchema,
  ELIGIBILITY_LABELS,
  eligibilityLineSchema,
  MATERIAL_FILES_PER_SLOT_MAX,
  planTransition,
  REGISTRATION_ACTOR_LABELS,
  REGISTRATION_STATUS_LABELS,
  ROLES,
  timelineEventLabel,
  type MaterialFileView,
  type RegistrationActor,
  type ReviewRegistration,
} from '@hqe/core';
import { z } from 'zod';
import type { Db } from '../../db/database';
import type { Actor } from '../../lib/actor';
import type { Clock } from '../../lib/clock';
import type { CandidateService } from '../candidates';
import {
  buildSubmissionSnapshot,
  listSubmissions,
  loadStaffContext,
  openPhaseKinds,
  qualificationResultsPublished,
  reasonsOf,
  supplementOf,
  type MaterialDownload,
  type MaterialsService,
  type RegistrationContext,
  type SubmissionRecord,
} from '../registrations';
import { readClaim } from './review-claims';
import { submissionChanges } from './review-registration.changes';
import * as repo from './review-registration.repository';
import { infoRows, profileSections } from './review-registration.sections';
import { reviewAreaOf } from './review-scope';

export interface ReviewRegistrationDeps {
  db: Db;
  clock: Clock;
  /** The candidate's identity: only the masked document number and mobile are shown. */
  candidates: Pick<CandidateService, 'getAccount'>;
  /** Storage reads of material files and the registration photo, scoped to an area. */
  materials: Pick<MaterialsService, 'staffDownload' | 'staffPhoto'>;
}

type ReviewAction = ReviewRegistration['actions'][number];
const STAGE_ACTIONS: {
  role: 'confirmation_reviewer' | 'qualification_reviewer';
  events: ReviewAction[];
}[] = [
  { role: ROLES.confirmation_reviewer, events: ['confirm', 'return'] },
  {
    role: ROLES.qualification_reviewer,
    events: ['pass_review', 'fail_review', 'request_supplement'],
  },
];
const REVIEWER_KINDS: ReadonlySet<RegistrationActor> = new Set([
  'confirmation_reviewer',
  'qualification_reviewer',
]);

const storedEligibilitySchema = z.object({
  eligible: z.boolean(),
  needsReview: z.boolean(),
  lines: z.array(eligibilityLineSchema),
});

export const reviewFileUrl = (registrationId: number, fileId: number) =>
  `/api/review/registrations/${registrationId}/files/${fileId}`;

/**
 * 本次修改: for a registration resubmitted after its last return, the differences between the
 * submission that was returned (the last one before the return) and the latest one.
 */
function changesSinceReturn(ctx: RegistrationContext, submissions: SubmissionRecord[]) {
  const lastReturn = ctx.events.findLast((e) => e.event === 'return');
  const latest = submissions.at(-1);
  if (!lastReturn || !latest || latest.eventId < lastReturn.id) return [];
  const returned = submissions.findLast((s) => s.eventId < lastReturn.id);
  return returned ? submissionChanges(returned.snapshot, latest.snapshot) : [];
}

/**
 * One registration as the reviewer decides it (审核详情, issue #6): the candidate's identity
 * (masked), the registration and basic information as submitted, the eligibility lines stored at
 * submission, the automatic confirmation, the materials with staff URLs, what changed since the
 * last return, the decisions and the timeline with staff names — for the staff of its exam area
 * only (another area's answers "not found").
 */
export function createReviewRegistrationService(deps: ReviewRegistrationDeps) {
  const { db, clock, candidates, materials } = deps;

  return {
    async get(actor: Actor, id: number): Promise<ReviewRegistration> {
      const examAreaId = reviewAreaOf(actor);
      const now = clock.now();
      const ctx = await loadStaffContext(db, examAreaId, id);
      const { row } = ctx;
      const staffIds = ctx.events
        .filter((e) => REVIEWER_KINDS.has(e.actorKind) && e.actorAccountId !== null)
        .map((e) => e.actorAccountId as number);
      const [submissions, identity, names, claim] = await Promise.all([
        listSubmissions(db, row.id),
        candidates.getAccount(row.accountId),
        repo.staffNames(db, staffIds),
        readClaim(db, row, actor.accountId, now),
      ]);
      // As submitted; a registration submitted before snapshots were stored shows its live data.
      const submitted = submissions.at(-1)?.snapshot ?? buildSubmissionSnapshot(ctx);

      const open = openPhaseKinds(ctx.phases, now);
      const heldByOther = claim !== null && !claim.mine;
      const actions = heldByOther
        ? []
        : STAGE_ACTIONS.filter((s) => actor.roles.includes(s.role)).flatMap((s) =>
            s.events.filter((e) => planTransition(row.status, e, s.role, open).ok),
          );

      const eligibility = storedEligibilitySchema.safeParse(row.eligibilitySnapshot);
      const lastReturn = ctx.events.findLast((e) => e.event === 'return');
      const supplement = supplementOf(row);
      const fileView = (file: RegistrationContext['files'][number]): MaterialFileView => {
        const url = reviewFileUrl(row.id, file.id);
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
          thumbnailUrl: file.thumbnailKey ? `${url}?thumbnail=1` : null,
        };
      };

      return {
        id: row.id,
        registrationNumber: row.registrationNumber,
        version: row.version,
        status: row.status,
        statusLabel: REGISTRATION_STATUS_LABELS[row.status],
        cycle: { id: ctx.cycle.id, year: ctx.cycle.year, name: ctx.cycle.name },
        examArea: { id: ctx.area.id, code: ctx.area.code, name: ctx.area.name },
        candidate: {
          name: identity.name,
          documentTypeLabel: ELIGIBILITY_LABELS.identityDocument[identity.documentType],
          documentNumberMasked: identity.documentNumberMasked,
          gender: identity.gender,
          birthDate: identity.birthDate,
          mobileMasked: identity.mobileMasked,
        },
        city: submitted.city ? { code: submitted.city.code, name: submitted.city.name } : null,
        testSite: submitted.testSite
          ? { code: submitted.testSite.code, name: submitted.testSite.name }
          : null,
        specialty: submitted.specialty
          ? {
              code: submitted.specialty.code,
              name: submitted.specialty.name,
              levelLabel: ELIGIBILITY_LABELS.level[submitted.specialty.level],
              subjects: submitted.specialty.subjects,
            }
          : null,
        info: infoRows(submitted.info).map(({ label, value }) => ({ label, value })),
        profile: profileSections(submitted.profile).map((section) => ({
          title: section.title,
          rows: section.rows.map(({ label, value }) => ({ label, value })),
        })),
        photoUrl: row.photoSha256
          ? `/api/review/registrations/${row.id}/photo?v=${row.photoSha256.slice(0, 16)}`
          : null,
        eligibility: eligibility.success ? eligibility.data : null,
        autoConfirmation: row.autoConfirmation
          ? autoConfirmationSchema.parse(row.autoConfirmation)
          : null,
        materialSlots: ctx.slots.map((slot) => ({
          key: slot.key,
          label: slot.label,
          required: slot.required,
          requested: slot.requested,
          reason: slot.reason,
          maxFiles: MATERIAL_FILES_PER_SLOT_MAX,
          files: ctx.files.filter((f) => f.slotKey === slot.key).map(fileView),
        })),
        changesSinceReturn: changesSinceReturn(ctx, submissions),
        lastReturn: lastReturn
          ? {
              reasons: reasonsOf(lastReturn.reasons),
              note: lastReturn.note,
              at: lastReturn.occurredAt.toISOString(),
            }
          : null,
        qualificationDecision:
          row.reviewResult && row.reviewedAt
            ? {
                result: row.reviewResult,
                reasons: reasonsOf(row.reviewReasons),
                note: row.reviewNote,
                decidedAt: row.reviewedAt.toISOString(),
                publishedToCandidate: qualificationResultsPublished(ctx.phases, now),
              }
            : null,
        supplement: supplement
          ? {
              slots: supplement.slots,
              note: supplement.note,
              requestedAt: supplement.requestedAt.toISOString(),
            }
          : null,
        actions,
        claim,
        timeline: ctx.events.map((e) => ({
          id: e.id,
          event: e.event,
          label: timelineEventLabel(e.event),
          fromStatus: e.fromStatus,
          toStatus: e.toStatus,
          actorKind: e.actorKind,
          actorLabel: REGISTRATION_ACTOR_LABELS[e.actorKind],
          actorName:
            REVIEWER_KINDS.has(e.actorKind) && e.actorAccountId !== null
              ? (names.get(e.actorAccountId) ?? null)
              : null,
          reasons: reasonsOf(e.reasons),
          note: e.note,
          occurredAt: e.occurredAt.toISOString(),
        })),
        submittedAt: row.submittedAt?.toISOString() ?? null,
      };
    },

    /** A material file or its thumbnail, for the staff of the registration's area. */
    file(actor: Actor, id: number, fileId: number, thumbnail: boolean): Promise<MaterialDownload> {
      return materials.staffDownload(reviewAreaOf(actor), id, fileId, { thumbnail });
    },

    /** The registration photo, for the staff of the registration's area. */
    photo(actor: Actor, id: number): Promise<Buffer> {
      return materials.staffPhoto(reviewAreaOf(actor), id);
    },
  };
}
export type ReviewRegistrationService = ReturnType<typeof createReviewRegistrationService>;
