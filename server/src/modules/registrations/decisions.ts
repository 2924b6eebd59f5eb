import {
  formatShanghaiEnd,
  ROLES,
  type RegistrationReason,
  type RegistrationStatus,
} from '@hqe/core';
import type { Db } from '../../db/database';
import type { Actor } from '../../lib/actor';
import type { Clock } from '../../lib/clock';
import { notFound, validationFailed } from '../../lib/errors';
import { lockProfile } from '../candidate-profile';
import { jobsRepository } from '../jobs';
import * as catalog from './catalog-lookup.repository';
import { LAPSE_JOB } from './deadline-job';
import type { RegistrationDeps } from './registration-deps';
import { applyTransition, loadAny } from './transitions';

export interface ConfirmationDecisionInput {
  registrationId: number;
  /** A confirmation reviewer of the registration's exam area. */
  reviewer: Actor;
  decision: 'confirm' | 'return';
  /** At least one for a return (退回原因); shown to the candidate. */
  reasons: readonly RegistrationReason[];
  note?: string | null;
}

export interface DecisionOutcome {
  registrationId: number;
  status: RegistrationStatus;
  version: number;
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
}: {
  clock: Clock;
  notifications: RegistrationDeps['notifications'];
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
      const row = await loadAny(trx, input.registrationId, { lock: true });
      if (
        !reviewer.roles.includes(ROLES.confirmation_reviewer) ||
        reviewer.examAreaId !== row.examAreaId
      ) {
        throw notFound('未找到该报名记录。');
      }
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
        });
        await lockProfile(
          trx,
          row.accountId,
          `报名已确认（网报号 ${row.registrationNumber}）`,
          now,
        );
        await notifications.notify(trx, {
          accountId: row.accountId,
          title: '报名确认通过',
          body: `您的报名（网报号 ${row.registrationNumber}）已通过考区报名确认，无需撤回信息提交。请留意资格审核结果和缴费时间。`,
        });
        return { registrationId: row.id, status: updated.status, version: updated.version };
      }

      const { row: updated } = await applyTransition(trx, {
        row,
        event: 'return',
        actor,
        now,
        phases,
        reasons: input.reasons,
        note,
        patch: { returnReasons: JSON.stringify(input.reasons), returnNote: note },
      });
      const deadline = phases.find((p) => p.kind === 'resubmission');
      // The lapse job runs at the deadline itself (one job per area, cycle and deadline); the
      // periodic sweep catches a deadline the area moves afterwards.
      if (deadline) {
        await jobsRepository.enqueue(trx, {
          kind: LAPSE_JOB,
          runAt: deadline.endsAt,
          uniqueKey: `${LAPSE_JOB}:${row.cycleId}:${row.examAreaId}:${deadline.endsAt.toISOString()}`,
        });
      }
      const until = deadline
        ? `请在 ${formatShanghaiEnd(deadline.endsAt)}（北京时间）前修改并重新提交，逾期视为放弃。`
        : '请按考区公布的时间修改并重新提交，逾期视为放弃。';
      await notifications.notify(trx, {
        accountId: row.accountId,
        title: '报名确认不通过',
        body: `您的报名（网报号 ${row.registrationNumber}）未通过报名确认，原因：${input.reasons.map((r) => r.label).join('、')}。${until}`,
      });
      return { registrationId: row.id, status: updated.status, version: updated.version };
    },
  };
}
export type RegistrationDecisions = ReturnType<typeof createRegistrationDecisions>;
