import { sql, type Kysely } from 'kysely';

/**
 * Review oversight (审核统计, issue #6): what keeps an area's dashboard a few aggregate reads at
 * 100,000 registrations (docs/performance.md, "Review oversight"). Never edit once landed.
 *
 * - Registrations by status, specialty offering and 报名地市 are counted from an index alone
 *   (index-only scan), and the area's registration ids come from it for the timeline's join.
 * - The timeline leaves out what happened before a change of exam area (修改考区): a small partial
 *   index finds those events without reading the whole timeline.
 * - The timeline is counted per Asia/Shanghai day, event and reviewer. The planner cannot guess
 *   how many groups such expressions make (it assumes hundreds of thousands and sorts on disk);
 *   the statistics object teaches it (a few thousand, so it aggregates in memory). The
 *   expressions are those of server/src/modules/review/review-dashboard.repository.ts, exactly.
 */
const statements = [
  `create index registrations_oversight_idx
     on registrations (exam_area_id, cycle_id, status, area_offering_id, city_id) include (id)`,
  `create index registration_events_change_area_idx
     on registration_events (registration_id, occurred_at, id) where event = 'change_area'`,
  `create statistics registration_events_day_stats (ndistinct)
     on ((occurred_at at time zone 'Asia/Shanghai')::date),
        event,
        (case when actor_kind in ('confirmation_reviewer', 'qualification_reviewer')
              then actor_account_id end)
     from registration_events`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('The review oversight migration cannot be reverted.');
}
