import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema';

/*
 * Read-only queries of the registrations module's tables for the reminders: the registrations
 * module owns them; this module only reads which registrations are still waiting for the
 * candidate, and takes a share lock while it tells one of them (so a resubmission racing the
 * reminder waits for it, and the reminder never follows the resubmission).
 */

/**
 * Returned registrations whose area's resubmission deadline (the end of the resubmission window) lies in (now, until], by id after
 * `afterId`, with when they were last returned.
 */
export function listReturnedDueWithin(
  db: Kysely<Database>,
  now: Date,
  until: Date,
  afterId: number,
  limit: number,
) {
  return (
    db
      .selectFrom('registrations as r')
      // The resubmission window: the resubmission phase, or for an area without one the
      // confirmation phase standing in for it (registrations' lifecyclePhases, decision 0014).
      .innerJoin('cyclePhases as p', (join) =>
        join
          .onRef('p.cycleId', '=', 'r.cycleId')
          .onRef('p.examAreaId', '=', 'r.examAreaId')
          .on((eb) =>
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
          ),
      )
      .select((eb) => [
        'r.id',
        'r.accountId',
        'r.examAreaId',
        'r.registrationNumber',
        'p.endsAt',
        eb
          .selectFrom('registrationEvents as e')
          .select((e) => e.fn.max('e.occurredAt').as('at'))
          .whereRef('e.registrationId', '=', 'r.id')
          .where('e.event', '=', 'return')
          .as('returnedAt'),
      ])
      .where('r.status', '=', 'returned')
      .where('p.endsAt', '>', now)
      .where('p.endsAt', '<=', until)
      .where('r.id', '>', afterId)
      .orderBy('r.id')
      .limit(limit)
      .execute()
  );
}

/** The registration's status under a share lock (held to the end of the caller's transaction). */
export async function lockStatus(db: Kysely<Database>, registrationId: number) {
  const row = await db
    .selectFrom('registrations')
    .select(['status'])
    .where('id', '=', registrationId)
    .forShare()
    .executeTakeFirst();
  return row?.status;
}

/**
 * The to-do items nobody can act on any more, closed by the hourly sweep: `submit:<id>` once the
 * registration is no longer a draft or its area's registration phase has ended (a draft can be
 * submitted only while registration is open), `supplement:<id>` once it no longer waits for a
 * supplement or qualification review has ended (the lapse job closes it too, with the lapse).
 * Only open items are looked at, so each sweep touches just the stale ones. Returns how many.
 */
export async function closeStaleRegistrationTodos(
  db: Kysely<Database>,
  now: Date,
): Promise<number> {
  const rules = [
    { prefix: 'submit:', status: 'draft', phase: 'registration' },
    { prefix: 'supplement:', status: 'supplement_requested', phase: 'qualification_review' },
  ] as const;
  let total = 0;
  for (const rule of rules) {
    const result = await db
      .updateTable('todoItems as t')
      .set({ status: 'done', doneAt: now, updatedAt: now })
      .where('t.status', '=', 'open')
      .where('t.dedupeKey', 'like', `${rule.prefix}%`)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('registrations as r')
            .select(sql`1`.as('one'))
            .whereRef('r.accountId', '=', 't.accountId')
            .where(sql<boolean>`${sql.lit(rule.prefix)} || r.id::text = t.dedupe_key`)
            .where((r) =>
              r.or([
                r('r.status', '<>', rule.status),
                r.not(
                  r.exists(
                    r
                      .selectFrom('cyclePhases as p')
                      .select(sql`1`.as('one'))
                      .whereRef('p.cycleId', '=', 'r.cycleId')
                      .whereRef('p.examAreaId', '=', 'r.examAreaId')
                      .where('p.kind', '=', rule.phase)
                      .where('p.endsAt', '>', now),
                  ),
                ),
              ]),
            ),
        ),
      )
      .executeTakeFirst();
    total += Number(result.numUpdatedRows);
  }
  return total;
}
