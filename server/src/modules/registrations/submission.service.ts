import {
  type ChangeAreaRequest,
  formatRegistrationNumber,
  MATERIAL_SLOT_LABELS,
  REGISTRATION_TRANSITIONS,
  type MaterialSlotKey,
  type RegistrationView,
  type SupplyRequest,
} from '@hqe/core';
import type { Actor } from '../../lib/actor';
import { AppError, notFound, validationFailed } from '../../lib/errors';
import { confirmAutomatically, evaluateAutoConfirmation } from './auto-confirmation';
import * as catalog from './catalog-lookup.repository';
import { eventKey, submitTodo, todoKeys } from './lifecycle-notices';
import { assertOneOpen } from './registration-calendar';
import { reprintSinceSubmission } from './profile-reprint';
import { afterChange, loadContext } from './registration-context';
import { supplementOf, toRegistrationView } from './registration-view';
import type { RegistrationDeps } from './registration-deps';
import { formReprint, viewOf } from './registration.service';
import { buildSubmissionSnapshot, insertSubmission } from './submission-snapshot';
import { assertSupplyOpen } from './supplement-deadline';
import * as repo from './registrations.repository';
import {
  applyTransition,
  assertTransition,
  loadOwned,
  versionConflict,
  type TransitionActor,
} from './transitions';

const candidateActor = (actor: Actor): TransitionActor => ({
  kind: 'candidate',
  accountId: actor.accountId,
  requestId: actor.requestId,
});

/** Without a full stop at the end: the template ends the sentence after the list. */
const withoutFullStop = (text: string) => text.replace(/[。.]+$/u, '');

/**
 * The candidate's own status changes: submit (and resubmit after a return), withdraw before
 * confirmation, and change of exam area. Each runs under the registration's row lock and through
 * the lifecycle's transition table, and tells the candidate and updates the to-do items in the
 * same transaction (issue #7).
 */
export function createSubmissionService({
  db,
  clock,
  notifications,
  todos,
}: Pick<RegistrationDeps, 'db' | 'clock' | 'notifications' | 'todos'>) {
  return {
    /**
     * 提交 / 重新提交. Idempotent by `idempotencyKey`: a repeat of the request that submitted
     * returns the registration as it is now, without a second submission. Refused, changing
     * nothing, when the status or the calendar does not allow it, when a step is incomplete (each
     * missing item named) or when a rule of the eligibility check is not met.
     */
    async submit(actor: Actor, id: number, idempotencyKey: string): Promise<RegistrationView> {
      const now = clock.now();
      return db.transaction().execute(async (trx) => {
        const row = await loadOwned(trx, actor.accountId, id, { lock: true });
        if (row.lastSubmitKey === idempotencyKey) return viewOf(trx, row, now);
        const event = row.status === 'returned' ? 'resubmit' : 'submit';
        const ctx = await loadContext(trx, row);
        assertTransition(row, event, 'candidate', ctx.phases, now);
        const { missing } = ctx.completeness;
        if (missing.length > 0) {
          throw new AppError(
            'validation_failed',
            `报名信息尚不完整，请完成以下 ${missing.length} 项后再提交：${missing.map((m) => m.message).join(' ')}`,
            { issues: missing },
          );
        }
        const eligibility = ctx.eligibility;
        if (!eligibility) {
          throw validationFailed(
            ctx.eligibilityNote ?? '暂时无法检查报考条件，请刷新页面后重试。',
            [{ path: 'eligibility', message: ctx.eligibilityNote ?? '无法检查报考条件' }],
          );
        }
        if (!eligibility.eligible) {
          const failed = eligibility.lines.filter((l) => l.outcome === 'not_met');
          throw new AppError(
            'not_eligible',
            `您不符合所选专业和级别的报考条件：${failed.map((l) => `${l.title}（要求：${l.required}；您的情况：${l.actual}）`).join('；')}。请核对基本信息和报名信息，或重新选择专业和级别。`,
            { lines: failed },
          );
        }
        const snapshot = {
          checkedAt: now.toISOString(),
          cutoffDate: ctx.cycle.workYearsCutoff,
          specialtyCode: ctx.offering?.code ?? null,
          eligible: eligibility.eligible,
          needsReview: eligibility.needsReview,
          lines: eligibility.lines,
          materialSlots: eligibility.materialSlots,
        };
        // 历史考生 (R6, R7): compared with last year's record; null for everyone else.
        const auto = evaluateAutoConfirmation(ctx, now);
        const changed = await applyTransition(trx, {
          row,
          event,
          actor: candidateActor(actor),
          now,
          phases: ctx.phases,
          patch: {
            submittedAt: now,
            lastSubmitKey: idempotencyKey,
            eligibilitySnapshot: JSON.stringify(snapshot),
            returnReasons: '[]',
            returnNote: null,
            autoConfirmation: auto ? JSON.stringify(auto) : null,
          },
          audit: {
            after: {
              needsReview: eligibility.needsReview,
              ...(auto
                ? { autoConfirmation: auto.passed, reasons: auto.reasons.map((r) => r.code) }
                : {}),
            },
          },
        });
        // What the reviewer reads: the registration as submitted (not the live basic information).
        await insertSubmission(trx, {
          registrationId: row.id,
          eventId: changed.event.id,
          event,
          submittedAt: now,
          snapshot: buildSubmissionSnapshot(ctx),
        });
        const events = [changed.event];
        let current = changed.row;
        if (auto?.passed) {
          const confirmed = await confirmAutomatically(trx, {
            row: current,
            phases: ctx.phases,
            previousYear: auto.previousYear,
            now,
            requestId: actor.requestId,
          });
          current = confirmed.row;
          events.push(confirmed.event);
        }
        // One message per submission: confirmed at once, not confirmed automatically (with each
        // failed condition), or waiting for the area's confirmation.
        const base = {
          accountId: current.accountId,
          examAreaId: current.examAreaId,
        };
        const registrationNumber = current.registrationNumber;
        if (auto?.passed) {
          await notifications.send(trx, {
            ...base,
            template: 'auto_confirmed',
            values: { registrationNumber },
            dedupeKey: eventKey('auto_confirmed', current),
          });
        } else if (auto) {
          await notifications.send(trx, {
            ...base,
            template: 'auto_confirmation_failed',
            values: {
              registrationNumber,
              reasons: auto.reasons.map((r) => withoutFullStop(r.message)),
            },
            dedupeKey: eventKey('auto_confirmation_failed', current),
          });
        } else {
          await notifications.send(trx, {
            ...base,
            template: 'submitted',
            values: { registrationNumber, submittedAt: now },
            dedupeKey: eventKey('submitted', current),
          });
        }
        // The to-do this submission does: resubmit after a return, or submit a draft again.
        await todos.closeTodo(
          trx,
          row.accountId,
          event === 'resubmit' ? todoKeys.resubmit(row.id) : todoKeys.submit(row.id),
        );
        // Only the row and the timeline changed: no need to read everything again.
        return toRegistrationView(afterChange(ctx, current, events), now);
      });
    },

    /**
     * 提交补充材料 (R19): once a file has been added to every slot the reviewer named since the
     * request, the registration is 报名确认 again and back in the qualification review queue.
     * While qualification review is open; `version` as last read.
     */
    async supply(actor: Actor, id: number, request: SupplyRequest): Promise<RegistrationView> {
      const now = clock.now();
      return db.transaction().execute(async (trx) => {
        const row = await loadOwned(trx, actor.accountId, id, { lock: true });
        const ctx = await loadContext(trx, row);
        assertSupplyOpen(row, ctx.phases, now);
        if (row.version !== request.version) throw versionConflict();
        const supplement = supplementOf(row);
        if (!supplement)
          throw new Error(`registration ${row.id}: supplement requested without slots`);
        const added = (slot: MaterialSlotKey) =>
          ctx.files.filter(
            (f) => f.slotKey === slot && f.uploadedAt.getTime() >= supplement.requestedAt.getTime(),
          );
        const missing = supplement.slots.filter((slot) => added(slot).length === 0);
        if (missing.length > 0) {
          throw validationFailed(
            `请先在以下栏目上传补充材料，再提交补充材料：${missing.map((k) => `“${MATERIAL_SLOT_LABELS[k]}”`).join('、')}。`,
            missing.map((slot) => ({
              path: `materials.${slot}`,
              message: `请上传${MATERIAL_SLOT_LABELS[slot]}`,
            })),
          );
        }
        const changed = await applyTransition(trx, {
          row,
          event: 'supply',
          actor: candidateActor(actor),
          now,
          phases: ctx.phases,
          audit: {
            after: {
              supplementSlots: supplement.slots,
              fileIds: supplement.slots.flatMap((slot) => added(slot).map((f) => f.id)),
            },
          },
        });
        await todos.closeTodo(trx, row.accountId, todoKeys.supplement(row.id));
        return toRegistrationView(afterChange(ctx, changed.row, [changed.event]), now);
      });
    },

    /**
     * 撤回信息提交: back to draft, only before confirmation (R7, R9). A draft counts for nothing:
     * a to-do item reminds the candidate to submit it again before registration closes (the next
     * submission closes it). Nothing else is open: a resubmission closed the "resubmit" item.
     */
    async withdraw(actor: Actor, id: number): Promise<RegistrationView> {
      const now = clock.now();
      return db.transaction().execute(async (trx) => {
        const row = await loadOwned(trx, actor.accountId, id, { lock: true });
        const phases = await catalog.listPhases(trx, row);
        // Editable again: the form again if the basic information it prints changed since the
        // submission (decision 0012).
        const reprint = await reprintSinceSubmission(trx, row, now);
        const { row: updated } = await applyTransition(trx, {
          row,
          event: 'withdraw',
          actor: candidateActor(actor),
          now,
          phases,
          patch: { submittedAt: null, ...reprint.patch },
          ...(reprint.formReprint ? { audit: { after: { formReprint: true } } } : {}),
        });
        await todos.openTodo(
          trx,
          submitTodo({
            accountId: row.accountId,
            id: row.id,
            registrationNumber: updated.registrationNumber,
            deadlineAt: phases.find((p) => p.kind === 'registration')?.endsAt ?? null,
            title: '报名信息已撤回，请修改后重新提交',
          }),
        );
        return viewOf(trx, updated, now);
      });
    },

    /**
     * 修改考区 (R8): the registration moves to another area as a draft with a new registration
     * number. The basic information and the info, photo and files are kept; the city and test site
     * are cleared (they belong to an area), the specialty kept only if the new area offers it, the
     * form must be downloaded again (it prints the area and the number). Material slots follow
     * from the new area's rules on the next read; files of slots no longer asked for are kept and
     * flagged `requested: false`.
     */
    async changeArea(actor: Actor, id: number, request: ChangeAreaRequest) {
      const now = clock.now();
      const target = await catalog.findAreaByCode(db, request.examAreaCode);
      if (!target) {
        throw notFound(`未找到代码为 ${request.examAreaCode} 的考区，请重新选择考区。`);
      }
      return db.transaction().execute(async (trx) => {
        const row = await loadOwned(trx, actor.accountId, id, { lock: true });
        const phases = await catalog.listPhases(trx, row);
        assertTransition(row, 'change_area', 'candidate', phases, now);
        if (row.version !== request.version) throw versionConflict();
        if (target.id === row.examAreaId) {
          throw validationFailed('新考区与当前考区相同，无需修改考区。', [
            { path: 'examAreaCode', message: '请选择其他考区' },
          ]);
        }
        const ref = { cycleId: row.cycleId, examAreaId: target.id };
        const targetPhases = await catalog.listPhases(trx, ref);
        assertOneOpen(REGISTRATION_TRANSITIONS.submit.phases, targetPhases, now);
        const [cycle, from, offering] = await Promise.all([
          catalog.findCycle(trx, row.cycleId),
          catalog.findArea(trx, row.examAreaId),
          row.areaOfferingId === null ? null : catalog.findOffering(trx, row.areaOfferingId),
        ]);
        if (!cycle) throw notFound('未找到该考试年度。');
        const moved = offering
          ? await catalog.findOfferingByCode(trx, { ...ref, specialtyCode: offering.code })
          : undefined;
        const keptOffering = moved?.active ? moved : null;
        const sequence = await repo.nextSequence(trx, target.id, row.cycleId);
        const registrationNumber = formatRegistrationNumber(target.code, cycle.year, sequence);
        const cleared =
          offering && !keptOffering
            ? `；${target.name}考区本年度未开考原报考专业“${offering.code} ${offering.name}”，请重新选择专业`
            : '';
        const { row: updated } = await applyTransition(trx, {
          row,
          event: 'change_area',
          actor: candidateActor(actor),
          now,
          phases,
          patch: {
            examAreaId: target.id,
            registrationNumber,
            cityId: null,
            testSiteId: null,
            areaOfferingId: keptOffering?.id ?? null,
            ...formReprint(row, now),
            formDownloadedAt: null,
            returnReasons: '[]',
            returnNote: null,
          },
          note: `考区由“${from.name}”改为“${target.name}”，网报号由 ${row.registrationNumber} 改为 ${registrationNumber}${cleared}。`,
          audit: {
            before: { examAreaId: row.examAreaId, registrationNumber: row.registrationNumber },
            after: {
              examAreaId: target.id,
              registrationNumber,
              specialtyKept: keptOffering !== null,
            },
          },
        });
        // A returned registration moved: no longer "resubmit" (nor can it lapse) but a draft of
        // the new area, to submit before that area's registration closes.
        await todos.closeTodo(trx, row.accountId, todoKeys.resubmit(row.id));
        await todos.openTodo(
          trx,
          submitTodo({
            accountId: row.accountId,
            id: row.id,
            registrationNumber,
            deadlineAt: targetPhases.find((p) => p.kind === 'registration')?.endsAt ?? null,
            title: `考区已改为“${target.name}”，请核对报名信息后提交`,
          }),
        );
        return viewOf(trx, updated, now);
      });
    },
  };
}
export type SubmissionService = ReturnType<typeof createSubmissionService>;
