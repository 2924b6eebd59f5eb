import {
  REVIEW_STAGE_LABELS,
  ROLES,
  type CreateReviewReasonRequest,
  type RegistrationReason,
  type ReviewReasonItem,
  type ReviewReasonList,
  type ReviewStage,
  type UpdateReviewReasonRequest,
} from '@hqe/core';
import type { Db } from '../../db/database';
import type { Actor } from '../../lib/actor';
import type { Clock } from '../../lib/clock';
import { conflict, forbidden, notFound, validationFailed } from '../../lib/errors';
import { recordAuditEvent } from '../audit';
import * as repo from './review-reasons.repository';
import { reviewAreaOf } from './review-scope';

const ENTITY = 'review_reason';
const NOT_FOUND = '未找到该原因，请刷新页面后重试。';

const isUniqueViolation = (error: unknown) =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';

function itemOf(row: repo.ReviewReasonRow): ReviewReasonItem {
  return {
    id: row.id,
    stage: row.stage,
    code: row.code,
    label: row.label,
    explanation: row.explanation,
    position: row.position,
    active: row.active,
  };
}

/** The area administrator of the actor's area; other staff may read the catalogue only. */
function assertAreaAdmin(actor: Actor): number {
  const areaId = reviewAreaOf(actor);
  if (!actor.roles.includes(ROLES.area_admin)) {
    throw forbidden(
      '只有考区管理员可以设置退回原因和不通过原因。如需调整，请联系本考区的考区管理员。',
    );
  }
  return areaId;
}

/**
 * Resolves reason codes against an area's active catalogue of a stage, in the order given, as
 * the reasons stored with a decision (code, label, explanation as they read now). An unknown or
 * inactive code refuses the whole decision, naming it.
 */
export async function resolveReasons(
  db: Db,
  input: { examAreaId: number; stage: ReviewStage; codes: readonly string[]; now: Date },
): Promise<RegistrationReason[]> {
  if (input.codes.length === 0) return [];
  await repo.ensureDefaults(db, input.examAreaId, input.now);
  const rows = await repo.findByCodes(db, input.examAreaId, input.stage, input.codes);
  const byCode = new Map(rows.filter((r) => r.active).map((r) => [r.code, r]));
  const problems = input.codes
    .map((code, index) => ({ code, index }))
    .filter(({ code }) => !byCode.has(code));
  if (problems.length > 0) {
    const names = problems.map(({ code }) => {
      const row = rows.find((r) => r.code === code);
      return row ? `“${row.label}”（${code}，已停用）` : `“${code}”`;
    });
    throw validationFailed(
      `${REVIEW_STAGE_LABELS[input.stage]}原因 ${names.join('、')} 不存在或已停用，请刷新页面后重新选择原因。`,
      problems.map(({ code, index }) => ({
        path: `reasonCodes.${index}`,
        message: `原因“${code}”不存在或已停用`,
      })),
    );
  }
  return input.codes.map((code) => {
    const row = byCode.get(code);
    if (!row) throw new Error(`reason ${code} vanished`);
    return { code: row.code, label: row.label, explanation: row.explanation };
  });
}

/**
 * The reason catalogue of the reviewer's exam area (退回原因 / 不通过原因): read by the area's
 * staff, edited by its area administrator, every change audited.
 */
export function createReviewReasonsService({ db, clock }: { db: Db; clock: Clock }) {
  return {
    /** The area's catalogue (inactive reasons included, flagged), by stage and position. */
    async list(actor: Actor, stage?: ReviewStage): Promise<ReviewReasonList> {
      const areaId = reviewAreaOf(actor);
      await repo.ensureDefaults(db, areaId, clock.now());
      return { items: (await repo.list(db, areaId, stage)).map(itemOf) };
    },

    /** A new reason at the end of its stage's list. The code is unique in the area's stage. */
    async create(actor: Actor, request: CreateReviewReasonRequest): Promise<ReviewReasonItem> {
      const areaId = assertAreaAdmin(actor);
      const now = clock.now();
      const duplicate = () =>
        conflict(
          `本考区的${REVIEW_STAGE_LABELS[request.stage]}原因中已有代码“${request.code}”，请换一个代码，或修改已有的原因。`,
          { code: request.code },
        );
      try {
        return await db.transaction().execute(async (trx) => {
          await repo.ensureDefaults(trx, areaId, now);
          const existing = await repo.findByCodes(trx, areaId, request.stage, [request.code]);
          if (existing.length > 0) throw duplicate();
          const row = await repo.insert(trx, {
            examAreaId: areaId,
            stage: request.stage,
            code: request.code,
            label: request.label,
            explanation: request.explanation,
            position: await repo.nextPosition(trx, areaId, request.stage),
            active: true,
            createdAt: now,
            updatedAt: now,
          });
          await recordAuditEvent(trx, {
            occurredAt: now,
            actorAccountId: actor.accountId,
            examAreaId: areaId,
            action: 'review_reason.created',
            entityType: ENTITY,
            entityId: row.id,
            after: itemOf(row),
            requestId: actor.requestId,
          });
          return itemOf(row);
        });
      } catch (error) {
        // Two administrators adding the same code at once: the unique key refused the second.
        if (isUniqueViolation(error)) throw duplicate();
        throw error;
      }
    },

    /** Changes the label, explanation, position or use of a reason of the area. */
    async update(
      actor: Actor,
      id: number,
      request: UpdateReviewReasonRequest,
    ): Promise<ReviewReasonItem> {
      const areaId = assertAreaAdmin(actor);
      const now = clock.now();
      return db.transaction().execute(async (trx) => {
        const row = await repo.findById(trx, id, { lock: true });
        if (row?.examAreaId !== areaId) throw notFound(NOT_FOUND);
        const updated = await repo.update(trx, id, {
          ...(request.label !== undefined ? { label: request.label } : {}),
          ...(request.explanation !== undefined ? { explanation: request.explanation } : {}),
          ...(request.position !== undefined ? { position: request.position } : {}),
          ...(request.active !== undefined ? { active: request.active } : {}),
          updatedAt: now,
        });
        const changed = (Object.keys(request) as (keyof UpdateReviewReasonRequest)[]).filter(
          (key) => request[key] !== undefined && row[key] !== updated[key],
        );
        await recordAuditEvent(trx, {
          occurredAt: now,
          actorAccountId: actor.accountId,
          examAreaId: areaId,
          action: 'review_reason.updated',
          entityType: ENTITY,
          entityId: id,
          before: {
            stage: row.stage,
            code: row.code,
            ...Object.fromEntries(changed.map((key) => [key, row[key]])),
          },
          after: Object.fromEntries(changed.map((key) => [key, updated[key]])),
          requestId: actor.requestId,
        });
        return itemOf(updated);
      });
    },
  };
}
export type ReviewReasonsService = ReturnType<typeof createReviewReasonsService>;
