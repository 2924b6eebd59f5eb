import { sql, type Kysely } from 'kysely';

/**
 * The timeline carries its exam area and cycle (review oversight, docs/performance.md): the
 * dashboard's per-day counts read one area's events from their own index instead of joining the
 * national timeline to the area's registrations. Never edit once landed.
 *
 * An event belongs to the area the registration was in when it happened. A change of exam area
 * (修改考区, `change_area`) belongs to the new area: from then on the registration is there (what
 * `applyTransition` writes). What happened before it belongs to the area it left — the events
 * already written are placed so by the backfill below.
 *
 * The area a change left is not in the timeline row (its note names the areas, for people); it is
 * in the change's audit event, written in the same transaction with the same `occurred_at`
 * (`before.examAreaId`, submission.service.ts `changeArea`; audit_events is append-only). Should
 * that audit event be missing, the events before the change are placed in the registration's
 * current area (as if they had happened there).
 *
 * - `registration_events_change_area_idx` of 0010 served only the dashboard's anti-join that left
 *   out events before a change of area; that anti-join is gone, so is the index.
 * - The statistics object `registration_events_day_stats` of 0010 stays: the dashboard still
 *   groups by those expressions, and the planner still needs it to aggregate in memory.
 */
const statements = [
  // The foreign keys come after the backfill: checked then in one pass, not row by row.
  `alter table registration_events add column exam_area_id integer, add column cycle_id integer`,
  // Each event gets the area left by the first change of area after it (none: the registration's
  // current area). `later_moves` counts the changes after an event; the change with exactly that
  // many changes at or after it (`from_last`) is the first one after the event. A change and its
  // audit event are paired by registration and instant (then by order, should two share one).
  `with moves as (
     select registration_id, occurred_at,
            row_number() over (partition by registration_id
                               order by occurred_at desc, id desc) as from_last,
            row_number() over (partition by registration_id, occurred_at order by id) as nth
     from registration_events
     where event = 'change_area'
   ),
   move_audits as (
     select entity_id, occurred_at,
            case when before ->> 'examAreaId' ~ '^[0-9]{1,9}$'
                 then (before ->> 'examAreaId')::int end as left_area,
            row_number() over (partition by entity_id, occurred_at order by id) as nth
     from audit_events
     where entity_type = 'registration' and action = 'registration.change_area'
   ),
   placed as (
     select e.id, a.left_area
     from (
       select id, registration_id,
              count(*) filter (where event = 'change_area') over (
                partition by registration_id order by occurred_at desc, id desc
                rows between unbounded preceding and 1 preceding) as later_moves
       from registration_events
     ) e
     left join moves m
       on m.registration_id = e.registration_id and m.from_last = e.later_moves
     left join move_audits a
       on a.entity_id = m.registration_id::text and a.occurred_at = m.occurred_at
      and a.nth = m.nth
   )
   update registration_events e
   set exam_area_id = coalesce(p.left_area, r.exam_area_id),
       cycle_id = r.cycle_id
   from placed p, registrations r
   where p.id = e.id and r.id = e.registration_id`,
  `alter table registration_events
     alter column exam_area_id set not null,
     alter column cycle_id set not null,
     add foreign key (exam_area_id) references exam_areas(id),
     add foreign key (cycle_id) references cycles(id)`,
  // The dashboard's timeline: one area's events of a cycle, counted by day, event and reviewer,
  // read from the index alone (the timeline is only ever appended to: vacuum keeps its pages
  // all-visible, so no heap fetches).
  `create index registration_events_area_idx
     on registration_events (exam_area_id, cycle_id, occurred_at)
     include (event, actor_kind, actor_account_id)`,
  `drop index registration_events_change_area_idx`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`create index registration_events_change_area_idx
     on registration_events (registration_id, occurred_at, id) where event = 'change_area'`.execute(
    db,
  );
  await sql`drop index registration_events_area_idx`.execute(db);
  await sql`alter table registration_events drop column exam_area_id, drop column cycle_id`.execute(
    db,
  );
}
