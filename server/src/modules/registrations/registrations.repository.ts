import {
  sql,
  type ExpressionBuilder,
  type Insertable,
  type Kysely,
  type Selectable,
  type Updateable,
} from 'kysely';
import type { MaterialSlotKey, PhaseKind } from '@hqe/core';
import type {
  CyclePhasesTable,
  Database,
  RegistrationEventsTable,
  RegistrationMaterialFilesTable,
  RegistrationsTable,
} from '../../db/schema';

type Db = Kysely<Database>;

export type RegistrationRow = Selectable<RegistrationsTable>;
export type RegistrationPatch = Omit<
  Updateable<RegistrationsTable>,
  'id' | 'accountId' | 'cycleId' | 'version' | 'createdAt'
>;
export type EventRow = Selectable<RegistrationEventsTable>;
export type MaterialFileRow = Selectable<RegistrationMaterialFilesTable>;

/** One registration by id; with `lock`, the row is locked until the transaction ends. */
export function findById(db: Db, id: number, options: { lock?: boolean } = {}) {
  let query = db.selectFrom('registrations').selectAll().where('id', '=', id);
  if (options.lock) query = query.forUpdate();
  return query.executeTakeFirst();
}

/** A registration of one account: another account's registration is not found. */
export function findOwned(db: Db, id: number, accountId: number, options: { lock?: boolean } = {}) {
  let query = db
    .selectFrom('registrations')
    .selectAll()
    .where('id', '=', id)
    .where('accountId', '=', accountId);
  if (options.lock) query = query.forUpdate();
  return query.executeTakeFirst();
}

export function findByAccountAndCycle(db: Db, accountId: number, cycleId: number) {
  return db
    .selectFrom('registrations')
    .selectAll()
    .where('accountId', '=', accountId)
    .where('cycleId', '=', cycleId)
    .executeTakeFirst();
}

export function insert(db: Db, values: Insertable<RegistrationsTable>) {
  return db.insertInto('registrations').values(values).returningAll().executeTakeFirstOrThrow();
}

/**
 * Changes a registration read at `expectedVersion`, adding one to its version when `bump` (data and
 * status changes do, recording a download does not). Undefined when the version moved meanwhile.
 */
export function update(
  db: Db,
  id: number,
  expectedVersion: number,
  patch: RegistrationPatch,
  options: { bump: boolean } = { bump: true },
) {
  return db
    .updateTable('registrations')
    .set((eb) => ({
      ...patch,
      ...(options.bump ? { version: eb('version', '+', 1) } : {}),
    }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirst();
}

/**
 * Records that the application form was downloaded (not a change of the data: no new version),
 * only if the registration is still at the version the form was printed from: a change made while
 * the PDF was rendering (another tab changing the area, hence the number) leaves the step undone,
 * so the candidate prints the current form. The first download after a change of what the form
 * prints (`formDownloadedAt` cleared, `formValidFrom` set) is where valid stamped forms begin: one
 * uploaded before was printed from an earlier form. True when recorded.
 */
export async function markFormDownloaded(
  db: Db,
  id: number,
  printedVersion: number,
  at: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('registrations')
    .set((eb) => ({
      formDownloadedAt: at,
      formValidFrom: eb
        .case()
        .when(eb.and([eb('formDownloadedAt', 'is', null), eb('formValidFrom', 'is not', null)]))
        .then(at)
        .else(eb.ref('formValidFrom'))
        .end(),
    }))
    .where('id', '=', id)
    .where('version', '=', printedVersion)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * The next sequence number of an area and cycle. The counter row is created on demand; the update
 * locks it until the transaction ends, so two registrations never get the same number.
 */
export async function nextSequence(db: Db, examAreaId: number, cycleId: number): Promise<number> {
  await db
    .insertInto('registrationNumberCounters')
    .values({ examAreaId, cycleId, lastSequence: 0 })
    .onConflict((oc) => oc.columns(['examAreaId', 'cycleId']).doNothing())
    .execute();
  const row = await db
    .updateTable('registrationNumberCounters')
    .set((eb) => ({ lastSequence: eb('lastSequence', '+', 1) }))
    .where('examAreaId', '=', examAreaId)
    .where('cycleId', '=', cycleId)
    .returning('lastSequence')
    .executeTakeFirstOrThrow();
  return row.lastSequence;
}

// ---------------------------------------------------------------------------------------------
// Timeline

export function insertEvent(db: Db, values: Insertable<RegistrationEventsTable>) {
  return db
    .insertInto('registrationEvents')
    .values(values)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function listEvents(db: Db, registrationId: number) {
  return db
    .selectFrom('registrationEvents')
    .selectAll()
    .where('registrationId', '=', registrationId)
    .orderBy('occurredAt')
    .orderBy('id')
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Material files

export function listFiles(db: Db, registrationId: number) {
  return db
    .selectFrom('registrationMaterialFiles')
    .selectAll()
    .where('registrationId', '=', registrationId)
    .orderBy('slotKey')
    .orderBy('position')
    .execute();
}

export function findFile(db: Db, registrationId: number, fileId: number) {
  return db
    .selectFrom('registrationMaterialFiles')
    .selectAll()
    .where('registrationId', '=', registrationId)
    .where('id', '=', fileId)
    .executeTakeFirst();
}

export function listSlotFiles(db: Db, registrationId: number, slotKey: MaterialSlotKey) {
  return db
    .selectFrom('registrationMaterialFiles')
    .selectAll()
    .where('registrationId', '=', registrationId)
    .where('slotKey', '=', slotKey)
    .orderBy('position')
    .execute();
}

export function insertFile(db: Db, values: Insertable<RegistrationMaterialFilesTable>) {
  return db
    .insertInto('registrationMaterialFiles')
    .values(values)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteFile(db: Db, fileId: number): Promise<void> {
  await db.deleteFrom('registrationMaterialFiles').where('id', '=', fileId).execute();
}

/**
 * Numbers a slot's files 1, 2, 3 … in the given order. Positions are unique per slot, so the
 * files are first moved out of the way (far above any real position), then into place.
 */
export async function setPositions(
  db: Db,
  registrationId: number,
  slotKey: MaterialSlotKey,
  orderedIds: readonly number[],
): Promise<void> {
  if (orderedIds.length === 0) return;
  await db
    .updateTable('registrationMaterialFiles')
    .set((eb) => ({ position: eb('position', '+', 1_000_000) }))
    .where('registrationId', '=', registrationId)
    .where('slotKey', '=', slotKey)
    .execute();
  for (const [index, id] of orderedIds.entries()) {
    await db
      .updateTable('registrationMaterialFiles')
      .set({ position: index + 1 })
      .where('id', '=', id)
      .execute();
  }
}

// ---------------------------------------------------------------------------------------------
// Deadlines

/**
 * The area's phase of `kind` for the registration `r` (a correlated subquery's condition): for
 * `resubmission`, the confirmation phase stands in when the area has none (`lifecyclePhases`).
 */
function phaseOfKind(
  eb: ExpressionBuilder<Database & { r: RegistrationsTable; p: CyclePhasesTable }, 'r' | 'p'>,
  kind: PhaseKind,
) {
  const sameCalendar = eb.and([
    eb('p.cycleId', '=', eb.ref('r.cycleId')),
    eb('p.examAreaId', '=', eb.ref('r.examAreaId')),
  ]);
  if (kind !== 'resubmission') return eb.and([sameCalendar, eb('p.kind', '=', kind)]);
  return eb.and([
    sameCalendar,
    eb.or([
      eb('p.kind', '=', 'resubmission'),
      eb.and([
        eb('p.kind', '=', 'confirmation'),
        eb.not(
          eb.exists(
            eb
              .selectFrom('cyclePhases as x')
              .select(sql`1`.as('one'))
              .whereRef('x.cycleId', '=', 'r.cycleId')
              .whereRef('x.examAreaId', '=', 'r.examAreaId')
              .where('x.kind', '=', 'resubmission'),
          ),
        ),
      ]),
    ]),
  ]);
}

/**
 * Registrations in `status` whose `deadlinePhase` (of their area and cycle) has ended by `now`
 * while none of `actionPhases` (the phases in which the candidate may still act) is open, by id
 * after `afterId`: the registrations the lapse job abandons — returned ones past the resubmission
 * window, supplement requests past qualification review. The job checks each again under its lock.
 */
export function listLapsed(
  db: Db,
  now: Date,
  rule: {
    status: 'returned' | 'supplement_requested';
    deadlinePhase: PhaseKind;
    actionPhases: readonly PhaseKind[];
  },
  limit: number,
  afterId = 0,
) {
  return db
    .selectFrom('registrations as r')
    .select('r.id')
    .where('r.status', '=', rule.status)
    .where('r.id', '>', afterId)
    .where((eb) =>
      eb
        .exists(
          eb
            .selectFrom('cyclePhases as p')
            .select(sql`1`.as('one'))
            .where((p) => phaseOfKind(p, rule.deadlinePhase))
            .where('p.endsAt', '<=', now),
        )
        .and(
          eb.not(
            eb.exists(
              eb
                .selectFrom('cyclePhases as p')
                .select(sql`1`.as('one'))
                .where((p) => p.or(rule.actionPhases.map((kind) => phaseOfKind(p, kind))))
                .where('p.startsAt', '<=', now)
                .where('p.endsAt', '>', now),
            ),
          ),
        ),
    )
    .orderBy('r.id')
    .limit(limit)
    .execute();
}
