import type {
  AreaEligibilityRulesView,
  ExamAreaEligibilityRules,
  PutAreaEligibilityRulesRequest,
} from '@hqe/core';
import type { Db } from '../../db/database';
import type { Actor } from '../../lib/actor';
import type { Clock } from '../../lib/clock';
import { notFound } from '../../lib/errors';
import { recordAuditEvent } from '../audit';
import { assertManagesArea } from '../catalog';
import { areaEligibilityRules } from './area-rules';
import * as repo from './area-rules.repository';

type SavedRules = NonNullable<Awaited<ReturnType<typeof repo.findAreaRules>>>;

const AREA_NOT_FOUND = '未找到该考区，请刷新页面后重试。';

const rulesOf = (row: SavedRules): ExamAreaEligibilityRules => ({
  nonLocalHouseholdDocuments: row.nonLocalHouseholdDocuments,
  socialSecurityEmployerMatch: row.socialSecurityEmployerMatch,
  practiceSiteEmployerMatch: row.practiceSiteEmployerMatch,
  hmtAndForeignDocuments: row.hmtAndForeignDocuments,
});

function viewOf(
  area: { id: number; code: string },
  row: SavedRules | undefined,
): AreaEligibilityRulesView {
  return {
    examAreaId: area.id,
    rules: row ? rulesOf(row) : areaEligibilityRules(area.code),
    isDefault: row === undefined,
    updatedAt: row ? row.updatedAt.toISOString() : null,
  };
}

/**
 * The rules the eligibility check applies in an area: the ones it saved, or the defaults for its
 * code when it has saved none.
 */
export async function loadAreaEligibilityRules(
  db: Db,
  area: { id: number; code: string },
): Promise<ExamAreaEligibilityRules> {
  const row = await repo.findAreaRules(db, area.id);
  return row ? rulesOf(row) : areaEligibilityRules(area.code);
}

/**
 * The administration of an area's own eligibility rules (P1, P2): its area administrators and
 * platform administrators read and replace them; every change is audited with before and after.
 */
export function createAreaRulesService({ db, clock }: { db: Db; clock: Clock }) {
  return {
    async get(actor: Actor, examAreaId: number): Promise<AreaEligibilityRulesView> {
      assertManagesArea(actor, examAreaId);
      const area = await repo.findExamArea(db, examAreaId);
      if (!area) throw notFound(AREA_NOT_FOUND);
      return viewOf(area, await repo.findAreaRules(db, examAreaId));
    },

    async put(
      actor: Actor,
      examAreaId: number,
      rules: PutAreaEligibilityRulesRequest,
    ): Promise<AreaEligibilityRulesView> {
      assertManagesArea(actor, examAreaId);
      const now = clock.now();
      return db.transaction().execute(async (trx) => {
        const area = await repo.findExamArea(trx, examAreaId, true);
        if (!area) throw notFound(AREA_NOT_FOUND);
        const before = viewOf(area, await repo.findAreaRules(trx, examAreaId));
        await repo.saveAreaRules(trx, examAreaId, rules, now);
        const after = viewOf(area, await repo.findAreaRules(trx, examAreaId));
        await recordAuditEvent(trx, {
          occurredAt: now,
          actorAccountId: actor.accountId,
          examAreaId,
          action: 'area_eligibility_rules.updated',
          entityType: 'exam_area',
          entityId: examAreaId,
          before: { ...before.rules, isDefault: before.isDefault },
          after: after.rules,
          requestId: actor.requestId,
        });
        return after;
      });
    },
  };
}
export type AreaRulesService = ReturnType<typeof createAreaRulesService>;
