import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { EligibilityLevel, RegistrationStatus } from '@hqe/core';
import type { Db } from '../../db/database';
import type { Database, RegistrationsTable } from '../../db/schema';

/*
 * The review queue's queries (issue #6). A queue is one exam area, one cycle and one status, in
 * the order registrations entered it: (queued_at, id), served by registrations_queue_idx
 * (exam_area_id, cycle_id, status, queued_at, id) of migration 0008, which also gives keyset
 * pagination without OFFSET. Filters are resolved to plain column conditions before the query
 * (specialty and level to the area's offering ids, a document number to account ids through its
 * keyed hash), so the list, the count, "next" and the export share one WHERE clause.
 */

/** The filters as conditions on `registrations as r`, resolved by the service. */
export interface ResolvedQueueFilters {
  examAreaId: number;
  cycleId: number;
  status: RegistrationStatus;
  /** The offerings of the specialty and/or level asked for; [] matches nothing. */
  offeringIds?: readonly number[];
  cityId?: number;
  testSiteId?: number;
  /** With (true) or without (false) an automatic-confirmation outcome (历史考生). */
  returning?: boolean;
  /** Automatic confirmation attempted and failed (true), or not (false). */
  autoFailed?: boolean;
  /** submitted_at ≥ from (inclusive). */
  submittedFrom?: Date;
  /** submitted_at < to (exclusive). */
  submittedTo?: Date;
  /** The search box: any of the set alternatives matches (网报号, document, name). */
  search?: QueueSearch;
}

export interface QueueSearch {
  /** A 网报号 of 14 digits (exact), or its first digits (prefix). */
  registrationNumber?: { value: string; exact: boolean };
  /** The registrations whose 网报号 begins with the digits searched (looked up first). */
  registrationIds?: readonly number[];
  /** The accounts whose document number the search text is (by keyed hash). */
  accountIds?: readonly number[];
  /** The beginning of the candidate's name. */
  namePrefix?: string;
}

/** The keyset position after the last row of a page. */
export interface QueueCursor {
  queuedAt: Date | null;
  id: number;
}

type QueueDb = Database & { r: RegistrationsTable };
type QueueEb = ExpressionBuilder<QueueDb, 'r'>;

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
/** LIKE pattern of a name's beginning (wildcards in the text are plain characters). */
const namePattern = (prefix: string) => `${escapeLike(prefix)}%`;

/** The WHERE clause of a queue: area, cycle, status and every filter given. */
function queueConditions(eb: QueueEb, f: ResolvedQueueFilters): Expression<SqlBool> {
  const and: Expression<SqlBool>[] = [
    eb('r.examAreaId', '=', f.examAreaId),
    eb('r.cycleId', '=', f.cycleId),
    eb('r.status', '=', f.status),
  ];
  if (f.offeringIds) {
    and.push(
      f.offeringIds.length > 0
        ? eb('r.areaOfferingId', 'in', [...f.offeringIds])
        : sql<SqlBool>`false`,
    );
  }
  if (f.cityId !== undefined) and.push(eb('r.cityId', '=', f.cityId));
  if (f.testSiteId !== undefined) and.push(eb('r.testSiteId', '=', f.testSiteId));
  if (f.returning !== undefined) {
    and.push(eb('r.autoConfirmation', f.returning ? 'is not' : 'is', null));
  }
  if (f.autoFailed !== undefined) {
    // Written as registrations_auto_failed_idx's predicate, so that the planner can use it.
    const failed = sql<SqlBool>`(${sql.ref('r.autoConfirmation')} ->> 'passed') = 'false'`;
    and.push(f.autoFailed ? failed : eb.not(sql<SqlBool>`coalesce(${failed}, false)`));
  }
  if (f.submittedFrom) and.push(eb('r.submittedAt', '>=', f.submittedFrom));
  if (f.submittedTo) and.push(eb('r.submittedAt', '<', f.submittedTo));
  if (f.search) {
    const or: Expression<SqlBool>[] = [];
    const { registrationNumber, registrationIds, accountIds, namePrefix } = f.search;
    if (registrationIds && registrationIds.length > 0) {
      or.push(sql<SqlBool>`${sql.ref('r.id')} = any(${[...registrationIds]}::integer[])`);
    }
    if (registrationNumber) {
      or.push(
        registrationNumber.exact
          ? eb('r.registrationNumber', '=', registrationNumber.value)
          : eb('r.registrationNumber', 'like', `${escapeLike(registrationNumber.value)}%`),
      );
    }
    if (accountIds && accountIds.length > 0) {
      // One array parameter, however many accounts.
      or.push(sql<SqlBool>`${sql.ref('r.accountId')} = any(${[...accountIds]}::integer[])`);
    }
    if (namePrefix) {
      or.push(
        eb(
          'r.accountId',
          'in',
          eb
            .selectFrom('candidates as nc')
            .select('nc.accountId')
            .where('nc.name', 'like', namePattern(namePrefix)),
        ),
      );
    }
    and.push(or.length > 0 ? eb.or(or) : sql<SqlBool>`false`);
  }
  return eb.and(and);
}

/**
 * Rows strictly after the cursor in (queued_at, id) order, NULLS LAST. The waiting statuses always
 * have a queued_at (`nullsPossible` false): their condition is the plain row comparison the index
 * seeks to. Other statuses (a list of 已退回 …) may have none, kept at the end.
 */
function afterCursor(
  eb: QueueEb,
  cursor: QueueCursor,
  nullsPossible: boolean,
): Expression<SqlBool> {
  if (cursor.queuedAt === null) {
    return eb.and([eb('r.queuedAt', 'is', null), eb('r.id', '>', cursor.id)]);
  }
  const after = eb(
    eb.refTuple('r.queuedAt', 'r.id'),
    '>',
    eb.tuple(eb.val(cursor.queuedAt), eb.val(cursor.id)),
  );
  return nullsPossible ? eb.or([after, eb('r.queuedAt', 'is', null)]) : after;
}

/** `registrations as r` of one queue with its filters: the base of every queue query. */
export function queueQuery(db: Db, filters: ResolvedQueueFilters) {
  return db.selectFrom('registrations as r').where((eb) => queueConditions(eb, filters));
}

/** The registrations of a queue, oldest first, from the cursor on: `limit` rows at most. */
export function listQueue(
  db: Db,
  filters: ResolvedQueueFilters,
  options: { cursor: QueueCursor | null; limit: number; nullsPossible: boolean },
) {
  return listQueueQuery(db, filters, options).execute();
}
export type QueueRow = Awaited<ReturnType<typeof listQueue>>[number];

/** The query of `listQueue`, unexecuted (the benchmark EXPLAINs it). */
export function listQueueQuery(
  db: Db,
  filters: ResolvedQueueFilters,
  options: { cursor: QueueCursor | null; limit: number; nullsPossible: boolean },
) {
  let query = queueQuery(db, filters);
  const { cursor } = options;
  if (cursor) {
    query = query.where((eb) => afterCursor(eb, cursor, options.nullsPossible));
  }
  // The catalog names as scalar subqueries, evaluated for the page's rows only: as joins, the
  // planner spent longer choosing the join order of seven tables than running the query.
  return query
    .innerJoin('candidates as c', 'c.accountId', 'r.accountId')
    .select((eb) => {
      // specialties by id of (the offering's specialty): two primary-key probes per row.
      const specialty = () =>
        eb
          .selectFrom('specialties as s')
          .where(
            's.id',
            '=',
            eb
              .selectFrom('areaOfferings as o')
              .select('o.specialtyId')
              .whereRef('o.id', '=', 'r.areaOfferingId'),
          );
      return [
        'r.id',
        'r.registrationNumber',
        'r.version',
        'r.status',
        'r.submittedAt',
        'r.queuedAt',
        'r.autoConfirmation',
        'r.claimedBy',
        'r.claimExpiresAt',
        'c.name as candidateName',
        'c.documentNumberEncrypted',
        specialty().select('s.code').as('specialtyCode'),
        specialty().select('s.name').as('specialtyName'),
        specialty().select('s.level').as('specialtyLevel'),
        eb
          .selectFrom('examAreaCities as city')
          .select('city.name')
          .whereRef('city.id', '=', 'r.cityId')
          .as('cityName'),
        eb
          .selectFrom('testSites as site')
          .select('site.name')
          .whereRef('site.id', '=', 'r.testSiteId')
          .as('testSiteName'),
        eb
          .selectFrom('accounts as reviewer')
          .select('reviewer.displayName')
          .whereRef('reviewer.id', '=', 'r.claimedBy')
          .as('reviewerName'),
      ];
    })
    .orderBy('r.queuedAt', (ob) => ob.asc().nullsLast())
    .orderBy('r.id')
    .limit(options.limit);
}

/**
 * Which of the registrations were resubmitted after a return (a 'resubmit' event): one probe of
 * registration_events_registration_idx per registration of the page. (As an EXISTS in the list's
 * SELECT, the planner hashed the whole events table for an estimate of every queue row, not 50.)
 */
export async function resubmittedAmong(db: Db, ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('registrationEvents')
    .select('registrationId')
    .distinct()
    .where('registrationId', 'in', [...ids])
    .where('event', '=', 'resubmit')
    .execute();
  return new Set(rows.map((r) => r.registrationId));
}

/** How many registrations of the queue match the filters (共 N 条). */
export async function countQueue(db: Db, filters: ResolvedQueueFilters): Promise<number> {
  const row = await countQueueQuery(db, filters).executeTakeFirstOrThrow();
  return row.total;
}

/** The query of `countQueue`, unexecuted. */
export function countQueueQuery(db: Db, filters: ResolvedQueueFilters) {
  return queueQuery(db, filters).select((eb) => eb.fn.countAll<number>().as('total'));
}

/** The offerings of an area and cycle with a specialty code and/or level. */
export async function offeringIdsFor(
  db: Db,
  scope: { examAreaId: number; cycleId: number; specialtyCode?: string; level?: EligibilityLevel },
): Promise<number[]> {
  let query = db
    .selectFrom('areaOfferings as o')
    .innerJoin('specialties as s', 's.id', 'o.specialtyId')
    .select('o.id')
    .where('o.examAreaId', '=', scope.examAreaId)
    .where('o.cycleId', '=', scope.cycleId);
  if (scope.specialtyCode !== undefined) query = query.where('s.code', '=', scope.specialtyCode);
  if (scope.level !== undefined) query = query.where('s.level', '=', scope.level);
  const rows = await query.execute();
  return rows.map((r) => r.id);
}

/** Up to `limit` registrations of an area whose 网报号 begins with `digits`. */
export async function registrationIdsByNumberPrefix(
  db: Db,
  examAreaId: number,
  digits: string,
  limit: number,
): Promise<number[]> {
  const rows = await db
    .selectFrom('registrations')
    .select('id')
    .where('registrationNumber', 'like', `${escapeLike(digits)}%`)
    .where('examAreaId', '=', examAreaId)
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** Up to `limit` candidate accounts whose name begins with `prefix`. */
export async function accountIdsByNamePrefix(
  db: Db,
  prefix: string,
  limit: number,
): Promise<number[]> {
  const rows = await db
    .selectFrom('candidates')
    .select('accountId')
    .where('name', 'like', namePattern(prefix))
    .limit(limit)
    .execute();
  return rows.map((r) => r.accountId);
}

/** The candidate accounts holding a document number, by its keyed hash (any document type). */
export async function accountIdsByDocumentHash(db: Db, hash: string): Promise<number[]> {
  const rows = await db
    .selectFrom('candidates')
    .select('accountId')
    .where('documentNumberHash', '=', hash)
    .execute();
  return rows.map((r) => r.accountId);
}
