import { sql, type Insertable, type Kysely, type Selectable, type Updateable } from 'kysely';
import type { MaterialSlotKey, PhaseKind } from '@hqe/core';
import type {
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
 * so the candidate prints the current form. True when recorded.
 */
export async function markFormDownloaded(
  db: Db,
  id: number,
  printedVersion: number,
  at: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('registrations')
    .set({ formDownloadedAt: at })
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
 * Returned registrations whose area's resubmission phase for their cycle has ended by `now` while
 * none of `resubmitPhases` (the phases in which resubmitting is allowed) is open: the registrations
 * the lapse job abandons.
 */
export function listLapsed(
  db: Db,
  now: Date,
  resubmitPhases: readonly PhaseKind[],
  limit: number,
  afterId = 0,
) {
  return db
    .selectFrom('registrations as r')
    .select('r.id')
    .where('r.status', '=', 'returned')
    .where('r.id', '>', afterId)
    .where((eb) =>
      eb
        .exists(
          eb
            .selectFrom('cyclePhases as p')
            .select(sql`1`.as('one'))
            .whereRef('p.cycleId', '=', 'r.cycleId')
            .whereRef('p.examAreaId', '=', 'r.examAreaId')
            .where('p.kind', '=', 'resubmission')
            .where('p.endsAt', '<=', now),
        )
        .and(
          eb.not(
            eb.exists(
              eb
                .selectFrom('cyclePhases as q')
                .select(sql`1`.as('one'))
                .whereRef('q.cycleId', '=', 'r.cycleId')
                .whereRef('q.examAreaId', '=', 'r.examAreaId')
                .where('q.kind', 'in', [...resubmitPhases])
                .where('q.startsAt', '<=', now)
                .where('q.endsAt', '>', now),
            ),
          ),
        ),
    )
    .orderBy('r.id')
    .limit(limit)
    .execute();
}
