import {
  MATERIAL_SLOT_LABELS,
  ROLES,
  type MaterialSlotKey,
  type RegistrationReason,
  type RegistrationStatus,
} from '@hqe/core';
import type { Db } from '../../db/database';
import type { Actor } from '../../lib/actor';
import type { Clock } from '../../lib/clock';
import { AppError, notFound, validationFailed } from '../../lib/errors';
import { lockProfile } from '../candidate-profile';
import { jobsRepository } from '../jobs';
import { resubmitTodo, REVIEW_RESULTS_JOB, reviewResultsJobKey } from '../notifications';
import * as catalog from './catalog-lookup.repository';
import { queueLapseAt } from './deadline-job';
import { afterLockingRegistrationEnded } from './profile-lock';
import { reprintSinceSubmission } from './profile-reprint';
import {
  eventKey,
  reasonTexts,
  resubmissionDeadline,
  supplementTodo,
  type LifecycleNotifications,
  type LifecycleTodos,
} from './lifecycle-notices';
import { findById, type RegistrationRow } from './registrations.repository';
import { applyTransition } from './transitions';

/**
 * A check the caller runs on the locked row before the decision (the review console's claim: a
 * registration another reviewer holds is refused).
 */
export type DecisionGuard = (trx: Db, row: RegistrationRow) => Promise<void>;

export interface ConfirmationDecisionInput {
  registrationId: number;
  /**
   * The registration's version the reviewer read: checked under the row lock, so a decision never
   * lands on content the reviewer did not see (409 version_conflict).
   */
  version: number;
  /** A confirmation reviewer of the registration's exam area. */
  reviewer: Actor;
  decision: 'confirm' | 'return';
  /** At least one for a return (退回原因); shown to the candidate. */
  reasons: readonly RegistrationReason[];
  note?: string | null;
  guard?: DecisionGuard;
}

export interface QualificationDecisionInput {
  registrationId: number;
  /**
   * The registration's version the reviewer read: checked under the row lock, so a decision never
   * lands on content the reviewer did not see (409 version_conflict).
   */
  version: number;
  /** A qualification reviewer of the registration's exam area. */
  reviewer: Actor;
  decision: 'pass' | 'fail' | 'request_supplement';
  /** At least one for a failure; optional for a supplement request; none for a pass. */
  reasons: readonly RegistrationReason[];
  /** The slots the candidate is to upload into (补充材料); at least one for a request. */
  supplementSlots?: readonly MaterialSlotKey[];
  note?: string | null;
  guard?: DecisionGuard;
}

export interface DecisionOutcome {
  registrationId: number;
  status: RegistrationStatus;
  version: number;
}

const STAFF_NOT_FOUND = '未找到该报名记录，请返回审核队列重新选择。';
const STALE_VERSION =
  '考生在您打开这条报名后修改了报名（如撤回、修改后重新提交），本次审核未生效。请重新加载报名，核对最新内容后再作决定。';

/**
 * 409 `version_conflict` when the registration changed after the reviewer read it (its version is
 * not the one the decision was taken on); details carry the current version and status.
 */
function assertReadVersion(row: RegistrationRow, version: number): void {
  if (row.version !== version) {
    throw new AppError('version_conflict', STALE_VERSION, {
      version: row.version,
      status: row.status,
    });
  }
}

/**
 * The registration under its row lock, for a reviewer with `role` in its exam area. A missing
 * registration, another area's, or a reviewer without the role: the same "not found" (nothing
 * tells whether an id is in use elsewhere).
 */
async function loadForReviewer(
  trx: Db,
  id: number,
  reviewer: Actor,
  role: 'confirmation_reviewer' | 'qualification_reviewer',
): Promise<RegistrationRow> {
  const row = await findById(trx, id, { lock: true });
  if (!row || !reviewer.roles.includes(ROLES[role]) || reviewer.examAreaId !== row.examAreaId) {
    throw notFound(STAFF_NOT_FOUND);
  }
  return row;
}

/**
 * The area staff's decisions on a registration, for the review console (issue #6): each runs in the
 * caller's transaction, takes the registration's row lock and goes through the lifecycle's
 * `planTransition`, exactly like the candidate's own actions — so a candidate's withdrawal racing a
 * reviewer's decision ends in one outcome, the other refused with 409.
 */
export function createRegistrationDecisions({
  clock,
  notifications,
  todos,
}: {
  clock: Clock;
  notifications: LifecycleNotifications;
  todos: LifecycleTodos;
}) {
  return {
    /**
     * 报名确认: confirm (the candidate's basic information is locked from then on) or return with
     * reasons (确认不通过; the candidate may fix and resubmit until the resubmission deadline).
     * A reviewer of another area gets "not found", as for a registration that does not exist.
     */
    async decideConfirmation(trx: Db, input: ConfirmationDecisionInput): Promise<DecisionOutcome> {
      const now = clock.now();
      const { reviewer } = input;
      const row = await loadForReviewer(
        trx,
        input.registrationId,
        reviewer,
        'confirmation_reviewer',
      );
      await input.guard?.(trx, row);
      assertReadVersion(row, input.version);
      if (input.decision === 'return' && input.reasons.length === 0) {
        throw validationFailed('退回修改须至少选择一项退回原因。', [
          { path: 'reasons', message: '请至少选择一项退回原因' },
        ]);
      }
      const phases = await catalog.listPhases(trx, row);
      const note = input.note?.trim() ? input.note.trim() : null;
      const actor = {
        kind: 'confirmation_reviewer' as const,
        accountId: reviewer.accountId,
        requestId: reviewer.requestId,
      };
      if (input.decision === 'confirm') {
        const { row: updated } = await applyTransition(trx, {
          row,
          event: 'confirm',
          actor,
          now,
          phases,
          patch: { confirmedAt: now, returnReasons: '[]', returnNote: null },
          note,
          audit: auditNote(note),
        });
        await lockProfile(
          trx,
          row.accountId,
          `报名已确认（网报号 ${row.registrationNumber}）`,
          now,
        );
        await notifications.send(trx, {
          accountId: row.accountId,
          examAreaId: row.examAreaId,
          template: 'confirmed',
          values: { registrationNumber: row.registrationNumber },
          dedupeKey: eventKey('confirmed', updated),
        });
        return { registrationId: row.id, status: updated.status, version: updated.version };
      }

      // Back with the candidate: the form again if the basic information it prints changed
      // since the submission (decision 0012).
      const reprint = await reprintSinceSubmission(trx, row, now);
      const { row: updated } = await applyTransition(trx, {
        row,
        event: 'return',
        actor,
        now,
        phases,
        reasons: input.reasons,
        note,
        patch: {
          returnReasons: JSON.stringify(input.reasons),
          returnNote: note,
          ...reprint.patch,
        },
        audit: {
          after: {
            ...auditNote(note)?.after,
            ...(reprint.formReprint ? { formReprint: true } : {}),
          },
        },
      });
      const deadline = resubmissionDeadline(phases);
      // The lapse job runs at the deadline itself — the resubmission phase's end, or the
      // confirmation phase's standing in for it; the periodic sweep catches a deadline the area
      // moves afterwards.
      await queueLapseAt(trx, row, deadline);
      await notifications.send(trx, {
        accountId: row.accountId,
        examAreaId: row.examAreaId,
        template: 'returned',
        values: {
          registrationNumber: row.registrationNumber,
          reasons: reasonTexts(input.reasons, note),
          deadline,
        },
        dedupeKey: eventKey('returned', updated),
      });
      // 待办事项: fix and resubmit before the deadline; the resubmission (or the lapse) closes it.
      await todos.openTodo(
        trx,
        resubmitTodo({
          accountId: row.accountId,
          id: row.id,
          registrationNumber: row.registrationNumber,
          deadlineAt: deadline,
        }),
      );
      return { registrationId: row.id, status: updated.status, version: updated.version };
    },

    /**
     * 资格审核 (R19), from the start of the qualification review phase: pass, fail with reasons, or
     * ask for supplementary materials in named slots (the candidate is notified and the
     * registration returns to the queue once supplied). A pass or a failure is recorded at once
     * and shown to the candidate only from the publication date (R18); the candidate is told then
     * (issue #7), not now.
     */
    async decideQualification(
      trx: Db,
      input: QualificationDecisionInput,
    ): Promise<DecisionOutcome> {
      const now = clock.now();
      const { reviewer } = input;
      const row = await loadForReviewer(
        trx,
        input.registrationId,
        reviewer,
        'qualification_reviewer',
      );
      await input.guard?.(trx, row);
      assertReadVersion(row, input.version);
      const slots = [...new Set(input.supplementSlots ?? [])];
      if (input.decision === 'fail' && input.reasons.length === 0) {
        throw validationFailed('审核不通过须至少选择一项原因。', [
          { path: 'reasons', message: '请至少选择一项不通过原因' },
        ]);
      }
      if (input.decision === 'request_supplement') {
        if (slots.length === 0) {
          throw validationFailed('要求补充材料须至少选择一个材料栏目。', [
            { path: 'supplementSlots', message: '请至少选择一个材料栏目' },
          ]);
        }
        if (slots.includes('photo')) {
          throw validationFailed(
            '报名照片不能通过补充材料更换。照片不合格的，请在报名确认阶段退回修改。',
            [{ path: 'supplementSlots', message: '请选择照片以外的材料栏目' }],
          );
        }
      }
      const phases = await catalog.listPhases(trx, row);
      const note = input.note?.trim() ? input.note.trim() : null;
      const actor = {
        kind: 'qualification_reviewer' as const,
        accountId: reviewer.accountId,
        requestId: reviewer.requestId,
      };

      if (input.decision === 'request_supplement') {
        const slotLabels = slots.map((k) => MATERIAL_SLOT_LABELS[k]);
        const labels = slotLabels.join('、');
        const { row: updated } = await applyTransition(trx, {
          row,
          event: 'request_supplement',
          actor,
          now,
          phases,
          reasons: input.reasons,
          note: `需补充的材料：${labels}。${note ?? ''}`.slice(0, 1000),
          patch: {
            supplementSlots: JSON.stringify(slots),
            supplementNote: note,
            supplementRequestedAt: now,
          },
          audit: { after: { supplementSlots: slots, ...(note ? { note } : {}) } },
        });
        // The supply is accepted while qualification review is open (the transition checked it).
        const review = phases.find((p) => p.kind === 'qualification_review');
        if (!review) throw new Error('request_supplement without a qualification review phase');
        // Not supplied by then, it lapses at that instant (the lapse job, queued for it).
        await queueLapseAt(trx, row, review.endsAt);
        await notifications.send(trx, {
          accountId: row.accountId,
          examAreaId: row.examAreaId,
          template: 'supplement_requested',
          values: {
            registrationNumber: row.registrationNumber,
            reasons: reasonTexts(input.reasons, note, [
              `需补充的材料：${slotLabels.map((l) => `“${l}”`).join('')}`,
            ]),
            deadline: review.endsAt,
          },
          dedupeKey: eventKey('supplement_requested', updated),
        });
        // 待办事项: upload and submit the supplement; the supply closes it.
        await todos.openTodo(
          trx,
          supplementTodo({
            accountId: row.accountId,
            id: row.id,
            registrationNumber: row.registrationNumber,
            slotLabels,
            deadlineAt: review.endsAt,
          }),
        );
        return { registrationId: row.id, status: updated.status, version: updated.version };
      }

      const pass = input.decision === 'pass';
      const { row: updated } = await applyTransition(trx, {
        row,
        event: pass ? 'pass_review' : 'fail_review',
        actor,
        now,
        phases,
        reasons: pass ? [] : input.reasons,
        note,
        patch: {
          reviewResult: pass ? 'qualified' : 'disqualified',
          reviewReasons: JSON.stringify(pass ? [] : input.reasons),
          reviewNote: note,
          reviewedAt: now,
          reviewedBy: reviewer.accountId,
        },
        audit: auditNote(note),
      });
      // 资格审核不通过 ends what the basic information was locked for (lifted now, or at the
      // publication while the result is hidden).
      if (!pass) await afterLockingRegistrationEnded(trx, updated, phases, now);
      // The candidate is told when the area publishes the results (R18), not now: the job runs at
      // the publication moment (one pending job per area, cycle and moment; the hourly sweep
      // catches a moved date).
      const publication = phases.find((p) => p.kind === 'results_publication');
      if (publication) {
        await jobsRepository.enqueue(trx, {
          kind: REVIEW_RESULTS_JOB,
          runAt: publication.startsAt,
          uniqueKey: reviewResultsJobKey({
            cycleId: row.cycleId,
            examAreaId: row.examAreaId,
            startsAt: publication.startsAt,
          }),
        });
      }
      return { registrationId: row.id, status: updated.status, version: updated.version };
    },
  };
}
export type RegistrationDecisions = ReturnType<typeof createRegistrationDecisions>;

/** The reviewer's note in the decision's audit event (the reasons are recorded by their codes). */
const auditNote = (note: string | null) => (note ? { after: { note } } : undefined);
