import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema';

/*
 * Read-only queries of the registrations module's tables for the publication of qualification
 * review results (R18): the registrations module owns them; this module reads which decided
 * registrations are due to be told, and takes a share lock while it tells one of them.
 */

/**
 * Decided registrations (资格审核通过 / 不通过) whose area's results publication has started by
 * `now`, not yet told — no in-app message with `inAppKeyPrefix` + id + `:in_app` — by id after
 * `afterId`.
 */
export function listDueUntold(
  db: Kysely<Database>,
  now: Date,
  inAppKeyPrefix: string,
  afterId: number,
  limit: number,
) {
  return db
    .selectFrom('registrations as r')
    .innerJoin('cyclePhases as p', (join) =>
      join
        .onRef('p.cycleId', '=', 'r.cycleId')
        .onRef('p.examAreaId', '=', 'r.examAreaId')
        .on('p.kind', '=', 'results_publication'),
    )
    .select(['r.id'])
    .where('r.status', 'in', ['qualified', 'disqualified'])
    .where('r.reviewResult', 'is not', null)
    .where('p.startsAt', '<=', now)
    .where('r.id', '>', afterId)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('notificationMessages as m')
            .select('m.id')
            .where(
              'm.dedupeKey',
              '=',
              sql<string>`cast(${inAppKeyPrefix} as text) || ${eb.ref('r.id')} || ':in_app'`,
            ),
        ),
      ),
    )
    .orderBy('r.id')
    .limit(limit)
    .execute();
}

/**
 * A registration's decision under a share lock (held to the end of the caller's transaction), with
 * whether its area's results publication has started by `now`; undefined when it does not exist.
 */
export function lockDecided(db: Kysely<Database>, registrationId: number, now: Date) {
  return db
    .selectFrom('registrations as r')
    .select((eb) => [
      'r.id',
      'r.accountId',
      'r.examAreaId',
      'r.registrationNumber',
      'r.status',
      'r.reviewResult',
      'r.reviewReasons',
      eb
        .exists(
          eb
            .selectFrom('cyclePhases as p')
            .select('p.kind')
            .whereRef('p.cycleId', '=', 'r.cycleId')
            .whereRef('p.examAreaId', '=', 'r.examAreaId')
            .where('p.kind', '=', 'results_publication')
            .where('p.startsAt', '<=', now),
        )
        .as('published'),
    ])
    .where('r.id', '=', registrationId)
    .forShare()
    .executeTakeFirst();
}
