import { DEFAULT_REVIEW_REASONS, type ReviewStage } from '@hqe/core';
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../../db/database';
import type { ReviewReasonsTable } from '../../db/schema';

/*
 * An exam area's reason catalogue (退回原因 / 不通过原因, table review_reasons of migration 0009).
 * Every area starts with core's DEFAULT_REVIEW_REASONS, seeded here on first use: the first time
 * the catalogue of an area without any reason is read or used (the migration creates the table
 * only and seeds nothing).
 */

export type ReviewReasonRow = Selectable<ReviewReasonsTable>;

/** The gap between positions, so an administrator can put a reason between two others. */
export const POSITION_STEP = 10;
const POSITION_MAX = 1000;

/** The default catalogue as rows of an area (positions 10, 20 … within each stage). */
function defaultRows(examAreaId: number, now: Date): Insertable<ReviewReasonsTable>[] {
  const positions = new Map<ReviewStage, number>();
  return DEFAULT_REVIEW_REASONS.map((reason) => {
    const position = (positions.get(reason.stage) ?? 0) + POSITION_STEP;
    positions.set(reason.stage, position);
    return {
      examAreaId,
      stage: reason.stage,
      code: reason.code,
      label: reason.label,
      explanation: reason.explanation,
      position,
      active: true,
      createdAt: now,
      updatedAt: now,
    };
  });
}

/**
 * Gives an area the default catalogue if it has no reason at all yet. Two first reads at once
 * are settled by the unique (area, stage, code): `on conflict do nothing`.
 */
export async function ensureDefaults(db: Db, examAreaId: number, now: Date): Promise<void> {
  const any = await db
    .selectFrom('reviewReasons')
    .select('id')
    .where('examAreaId', '=', examAreaId)
    .limit(1)
    .executeTakeFirst();
  if (any) return;
  await db
    .insertInto('reviewReasons')
    .values(defaultRows(examAreaId, now))
    .onConflict((oc) => oc.columns(['examAreaId', 'stage', 'code']).doNothing())
    .execute();
}

/** The area's reasons, by stage then position (inactive ones included). */
export function list(db: Db, examAreaId: number, stage?: ReviewStage) {
  let query = db.selectFrom('reviewReasons').selectAll().where('examAreaId', '=', examAreaId);
  if (stage) query = query.where('stage', '=', stage);
  return query.orderBy('stage').orderBy('position').orderBy('id').execute();
}

/** The area's reasons of a stage with these codes (active or not). */
export function findByCodes(
  db: Db,
  examAreaId: number,
  stage: ReviewStage,
  codes: readonly string[],
) {
  if (codes.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('reviewReasons')
    .selectAll()
    .where('examAreaId', '=', examAreaId)
    .where('stage', '=', stage)
    .where('code', 'in', [...codes])
    .execute();
}

export function findById(db: Db, id: number, options: { lock?: boolean } = {}) {
  let query = db.selectFrom('reviewReasons').selectAll().where('id', '=', id);
  if (options.lock) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** The position after the last reason of the area's stage (capped at the largest allowed). */
export async function nextPosition(db: Db, examAreaId: number, stage: ReviewStage) {
  const row = await db
    .selectFrom('reviewReasons')
    .select((eb) => eb.fn.max('position').as('last'))
    .where('examAreaId', '=', examAreaId)
    .where('stage', '=', stage)
    .executeTakeFirst();
  return Math.min(POSITION_MAX, (row?.last ?? 0) + POSITION_STEP);
}

export function insert(db: Db, values: Insertable<ReviewReasonsTable>) {
  return db.insertInto('reviewReasons').values(values).returningAll().executeTakeFirstOrThrow();
}

export function update(
  db: Db,
  id: number,
  patch: Omit<Updateable<ReviewReasonsTable>, 'id' | 'examAreaId' | 'stage' | 'code'>,
) {
  return db
    .updateTable('reviewReasons')
    .set(patch)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}
