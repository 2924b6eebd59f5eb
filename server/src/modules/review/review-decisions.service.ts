import {
  REGISTRATION_STATUS_LABELS,
  type BulkConfirmationRequest,
  type BulkDecisionResult,
  type ConfirmationDecisionRequest,
  type QualificationDecisionRequest,
  type ReviewDecisionOutcome,
} from '@hqe/core';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/database';
import type { Actor } from '../../lib/actor';
import type { Clock } from '../../lib/clock';
import { AppError, validationFailed } from '../../lib/errors';
import type { DecisionGuard, DecisionOutcome, RegistrationDecisions } from '../registrations';
import { assertClaimAllows } from './review-claims';
import { resolveReasons } from './review-reasons.service';
import { assertCanDecideStage } from './review-scope';

export interface ReviewDecisionsDeps {
  db: Db;
  clock: Clock;
  /** The registration module's decisions (row lock, lifecycle, timeline, audit, notification). */
  decisions: RegistrationDecisions;
}

const outcomeOf = (o: DecisionOutcome): ReviewDecisionOutcome => ({
  registrationId: o.registrationId,
  status: o.status,
  statusLabel: REGISTRATION_STATUS_LABELS[o.status],
  version: o.version,
});

function refuseReasons(codes: readonly string[], message: string): void {
  if (codes.length > 0) {
    throw validationFailed(message, [{ path: 'reasonCodes', message: '请不要选择原因' }]);
  }
}

/**
 * The review console's decisions (issue #6) for the reviewer's own exam area: reason codes resolved
 * against the area's active catalogue, then — in one transaction per registration — the row lock,
 * the scope (another area's registration is "not found"), the claim (held by another reviewer:
 * 409), the version the reviewer read (changed since: 409 version_conflict), the lifecycle and its calendar gate, the timeline entry, the audit event and the
 * candidate's notification (registrations/decisions.ts).
 */
export function createReviewDecisionsService({ db, clock, decisions }: ReviewDecisionsDeps) {
  /** The claim guard for a reviewer: unclaimed, expired or the reviewer's own claim passes. */
  const claimGuard =
    (reviewer: Actor): DecisionGuard =>
    (trx, row) =>
      assertClaimAllows(trx, row, reviewer, clock.now());

  return {
    /** 报名确认: confirm, or return with reasons of the area's catalogue and a note. */
    async confirmation(
      actor: Actor,
      registrationId: number,
      request: ConfirmationDecisionRequest,
    ): Promise<ReviewDecisionOutcome> {
      const examAreaId = assertCanDecideStage(actor, 'confirmation');
      if (request.decision === 'confirm') {
        refuseReasons(request.reasonCodes, '确认通过无需选择退回原因，请取消所选原因后再确认。');
      }
      const reasons = await resolveReasons(db, {
        examAreaId,
        stage: 'confirmation',
        codes: request.reasonCodes,
        now: clock.now(),
      });
      const outcome = await db.transaction().execute((trx) =>
        decisions.decideConfirmation(trx, {
          registrationId,
          version: request.version,
          reviewer: actor,
          decision: request.decision,
          reasons,
          note: request.note ?? null,
          guard: claimGuard(actor),
        }),
      );
      return outcomeOf(outcome);
    },

    /** 资格审核: pass, fail with reasons, or request a supplement in named slots. */
    async qualification(
      actor: Actor,
      registrationId: number,
      request: QualificationDecisionRequest,
    ): Promise<ReviewDecisionOutcome> {
      const examAreaId = assertCanDecideStage(actor, 'qualification');
      if (request.decision === 'pass') {
        refuseReasons(request.reasonCodes, '审核通过无需选择不通过原因，请取消所选原因后再提交。');
      }
      if (request.decision !== 'request_supplement' && request.supplementSlots.length > 0) {
        throw validationFailed('只有要求补充材料时才需要选择材料栏目，请取消所选栏目后再提交。', [
          { path: 'supplementSlots', message: '请不要选择材料栏目' },
        ]);
      }
      const reasons = await resolveReasons(db, {
        examAreaId,
        stage: 'qualification',
        codes: request.reasonCodes,
        now: clock.now(),
      });
      const outcome = await db.transaction().execute((trx) =>
        decisions.decideQualification(trx, {
          registrationId,
          version: request.version,
          reviewer: actor,
          decision: request.decision,
          reasons,
          supplementSlots: request.supplementSlots,
          note: request.note ?? null,
          guard: claimGuard(actor),
        }),
      );
      return outcomeOf(outcome);
    },

    /**
     * 批量确认 / 批量退回: the same decision (and reasons) for a selection, each registration in
     * its own transaction and audited singly; one refused (withdrawn or changed since the reviewer
     * saw it in the queue, another area's, claimed by another reviewer …) does not stop the others. The outcomes come in the order asked.
     */
    async bulkConfirmation(
      actor: Actor,
      request: BulkConfirmationRequest,
      logger?: FastifyBaseLogger,
    ): Promise<BulkDecisionResult> {
      const examAreaId = assertCanDecideStage(actor, 'confirmation');
      if (request.decision === 'confirm') {
        refuseReasons(request.reasonCodes, '批量确认通过无需选择退回原因，请取消所选原因。');
      }
      const reasons = await resolveReasons(db, {
        examAreaId,
        stage: 'confirmation',
        codes: request.reasonCodes,
        now: clock.now(),
      });
      const results: BulkDecisionResult['results'] = [];
      for (const { id: registrationId, version } of request.registrations) {
        try {
          const outcome = await db.transaction().execute((trx) =>
            decisions.decideConfirmation(trx, {
              registrationId,
              version,
              reviewer: actor,
              decision: request.decision,
              reasons,
              note: request.note ?? null,
              guard: claimGuard(actor),
            }),
          );
          results.push({ registrationId, ok: true, status: outcome.status, error: null });
        } catch (error) {
          if (error instanceof AppError) {
            results.push({
              registrationId,
              ok: false,
              status: null,
              error: { code: error.code, message: error.message },
            });
            continue;
          }
          logger?.error({ err: error, registrationId }, 'bulk confirmation: one decision failed');
          results.push({
            registrationId,
            ok: false,
            status: null,
            error: { code: 'internal', message: '处理这条报名时出错，请稍后单独重试。' },
          });
        }
      }
      const succeeded = results.filter((r) => r.ok).length;
      return { results, succeeded, failed: results.length - succeeded };
    },
  };
}
export type ReviewDecisionsService = ReturnType<typeof createReviewDecisionsService>;
