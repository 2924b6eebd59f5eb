import { sql } from 'kysely';
import type { EligibilityLevel, RegistrationStatus } from '@hqe/core';
import type { Db } from '../../db/database';

/*
 * The dashboard's figures (issue #6, "Oversight"): aggregate reads over one exam area and cycle,
 * each a single pass with GROUP BY on indexed columns, so the dashboard costs the same few
 * statements at 100 registrations and at 100,000 (docs/performance.md, "Review oversight").
 */

export interface AreaCycle {
  examAreaId: number;
  cycleId: number;
}

/** The cycle and the area by id (undefined when either does not exist). */
export async function findCycleAndArea(db: Db, { examAreaId, cycleId }: AreaCycle) {
  const [cycle, area] = await Promise.all([
    db
      .selectFrom('cycles')
      .select(['id', 'year', 'name'])
      .where('id', '=', cycleId)
      .executeTakeFirst(),
    db
      .selectFrom('examAreas')
      .select(['id', 'code', 'name'])
      .where('id', '=', examAreaId)
      .executeTakeFirst(),
  ]);
  return cycle && area ? { cycle, area } : undefined;
}

export interface StatusGroupRow {
  status: RegistrationStatus;
  areaOfferingId: number | null;
  cityId: number | null;
  count: number;
}

/**
 * Registrations counted by status, offering and city in one pass over the area's rows of the
 * cycle: an index-only scan of registrations_oversight_idx (migration 0010).
 */
export const statusOfferingCitySql = (scope: AreaCycle) => sql<StatusGroupRow>`
  select status, area_offering_id, city_id, count(*)::int as count
  from registrations
  where exam_area_id = ${scope.examAreaId} and cycle_id = ${scope.cycleId}
  group by status, area_offering_id, city_id
`;

export async function countByStatusOfferingCity(db: Db, scope: AreaCycle) {
  return (await statusOfferingCitySql(scope).execute(db)).rows;
}

/** The offerings' specialties by offering id (only the ids asked for). */
export async function specialtiesOfOfferings(db: Db, offeringIds: readonly number[]) {
  if (offeringIds.length === 0) return [];
  return db
    .selectFrom('areaOfferings as o')
    .innerJoin('specialties as s', 's.id', 'o.specialtyId')
    .select(['o.id as offeringId', 's.code', 's.name', 's.level'])
    .where('o.id', 'in', offeringIds)
    .execute() as Promise<
    { offeringId: number; code: string; name: string; level: EligibilityLevel }[]
  >;
}

/** The area's 报名地市, in its order (those taken out of use too: registrations may name them). */
export function citiesOfArea(db: Db, examAreaId: number) {
  return db
    .selectFrom('examAreaCities')
    .select(['id', 'code', 'name', 'active'])
    .where('examAreaId', '=', examAreaId)
    .orderBy('sortOrder')
    .orderBy('code')
    .execute();
}

/** The timeline events the dashboard counts. */
export const COUNTED_EVENTS = [
  'submit',
  'resubmit',
  'confirm',
  'auto_confirm',
  'return',
  'pass_review',
  'fail_review',
  'request_supplement',
] as const;
export type CountedEvent = (typeof COUNTED_EVENTS)[number];

export interface EventGroupRow {
  /** The Asia/Shanghai calendar day, 'YYYY-MM-DD'. */
  day: string;
  event: CountedEvent;
  /** The reviewer for a reviewer's decision; null for the candidate's and the system's events. */
  reviewerId: number | null;
  reviewerName: string | null;
  count: number;
  lastAt: Date;
}

/**
 * Timeline events of the area and cycle, counted per Asia/Shanghai day, event and (for a
 * reviewer's decision) reviewer, then named. Each event carries the area the registration was in
 * when it happened (migration 0013), so an event before a change of exam area (修改考区) counts in
 * the area it happened in, and the area's events are read from registration_events_area_idx alone
 * (an index-only scan of the area's rows, not the national timeline). The grouping expressions are
 * those of the statistics object of migration 0010 (keep them identical), which lets the planner
 * aggregate in memory.
 */
export const eventsPerDaySql = (scope: AreaCycle) => sql<EventGroupRow>`
    with counted as materialized (
      select (e.occurred_at at time zone 'Asia/Shanghai')::date as day,
             e.event,
             (case when e.actor_kind in ('confirmation_reviewer', 'qualification_reviewer')
                   then e.actor_account_id end) as reviewer_id,
             count(*)::int as count,
             max(e.occurred_at) as last_at
      from registration_events e
      where e.exam_area_id = ${scope.examAreaId}
        and e.cycle_id = ${scope.cycleId}
        and e.event in (${sql.join(COUNTED_EVENTS)})
      group by 1, 2, 3
    )
    select c.day, c.event, c.reviewer_id, a.display_name as reviewer_name, c.count, c.last_at
    from counted c
    left join accounts a on a.id = c.reviewer_id
    order by c.day, c.event, c.reviewer_id
`;

export async function countEventsPerDay(db: Db, scope: AreaCycle) {
  return (await eventsPerDaySql(scope).execute(db)).rows;
}

export interface ClaimRow {
  status: RegistrationStatus;
  claimed: number;
}

/**
 * How many registrations waiting in the queues' statuses hold a live claim at `now` (read through
 * the partial index of claimed rows, registrations_claimed_by_idx of 0008).
 */
export const claimedSql = (
  scope: AreaCycle,
  statuses: readonly RegistrationStatus[],
  now: Date,
) => sql<ClaimRow>`
    select status, count(*)::int as claimed
    from registrations
    where claimed_by is not null
      and claim_expires_at > ${now}
      and exam_area_id = ${scope.examAreaId}
      and cycle_id = ${scope.cycleId}
      and status in (${sql.join(statuses)})
    group by status
`;

export async function countClaimed(
  db: Db,
  scope: AreaCycle,
  statuses: readonly RegistrationStatus[],
  now: Date,
) {
  return (await claimedSql(scope, statuses, now).execute(db)).rows;
}

/** The registration waiting longest in a status (the queue index's order: queued_at, id). */
export function oldestQueued(db: Db, scope: AreaCycle, status: RegistrationStatus) {
  return db
    .selectFrom('registrations')
    .select(['id', 'registrationNumber', 'queuedAt'])
    .where('examAreaId', '=', scope.examAreaId)
    .where('cycleId', '=', scope.cycleId)
    .where('status', '=', status)
    .where('queuedAt', 'is not', null)
    .orderBy('queuedAt')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}
