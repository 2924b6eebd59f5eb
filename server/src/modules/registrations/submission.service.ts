import {
  planTransition,
  type ChangeAreaRequest,
  formatRegistrationNumber,
  REGISTRATION_TRANSITIONS,
  type RegistrationView,
} from '@hqe/core';
import type { Actor } from '../../lib/actor';
import { AppError, notFound, validationFailed } from '../../lib/errors';
import { confirmAutomatically, evaluateAutoConfirmation } from './auto-confirmation';
import * as catalog from './catalog-lookup.repository';
import { assertOneOpen, openPhaseKinds } from './registration-calendar';
import { afterChange, loadContext } from './registration-context';
import { toRegistrationView } from './registration-view';
import type { RegistrationDeps } from './registration-deps';
import { viewOf } from './registration.service';
import * as repo from './registrations.repository';
import {
  applyTransition,
  assertTransition,
  loadOwned,
  planError,
  versionConflict,
  type TransitionActor,
} from './transitions';

const candidateActor = (actor: Actor): TransitionActor => ({
  kind: 'candidate',
  accountId: actor.accountId,
  requestId: actor.requestId,
});

/**
 * The candidate's own status changes: submit (and resubmit after a return), withdraw before
 * confirmation, and change of exam area. Each runs under the registration's row lock and through
 * the lifecycle's transition table.
 */
export function createSubmissionService({ db, clock }: Pick<RegistrationDeps, 'db' | 'clock'>) {
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
        const plan = planTransition(
          row.status,
          event,
          'candidate',
          openPhaseKinds(ctx.phases, now),
        );
        if (!plan.ok) throw planError(plan, row.status, ctx.phases, now);
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
        // Only the row and the timeline changed: no need to read everything again.
        return toRegistrationView(afterChange(ctx, current, events), now);
      });
    },

    /** 撤回信息提交: back to draft, only before confirmation (R7, R9). */
    async withdraw(actor: Actor, id: number): Promise<RegistrationView> {
      const now = clock.now();
      return db.transaction().execute(async (trx) => {
        const row = await loadOwned(trx, actor.accountId, id, { lock: true });
        const phases = await catalog.listPhases(trx, row);
        const { row: updated } = await applyTransition(trx, {
          row,
          event: 'withdraw',
          actor: candidateActor(actor),
          now,
          phases,
          patch: { submittedAt: null },
        });
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
        assertOneOpen(
          REGISTRATION_TRANSITIONS.submit.phases,
          await catalog.listPhases(trx, ref),
          now,
        );
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
        return viewOf(trx, updated, now);
      });
    },
  };
}
export type SubmissionService = ReturnType<typeof createSubmissionService>;
