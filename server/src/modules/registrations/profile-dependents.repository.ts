import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { RegistrationRow } from './registrations.repository';

type Db = Kysely<Database>;

/*
 * The registrations that depend on a candidate's basic information: the editable ones whose
 * application form prints it (profile-reprint.ts), and the confirmed ones that keep it locked
 * (profile-lock.ts). The profile's own row is read here only to find locked ones; it is changed
 * through the candidate-profile module.
 */

/**
 * The account's registrations the candidate may still change and submit (草稿, 确认不通过 — the
 * statuses `editPhases` allows), by id, locked until the transaction ends (a profile save takes
 * them before the profile's row: the order of a registration's own transaction).
 */
export function lockEditableOfAccount(db: Db, accountId: number): Promise<RegistrationRow[]> {
  return db
    .selectFrom('registrations')
    .selectAll()
    .where('accountId', '=', accountId)
    .where('status', 'in', ['draft', 'returned'])
    .orderBy('id')
    .forUpdate()
    .execute();
}

/**
 * The basic information as of the registration's last (re)submission, from its snapshot (null:
 * never submitted). Only the sections the form prints from are needed; they are returned as stored.
 */
export async function lastSubmittedProfile(
  db: Db,
  registrationId: number,
): Promise<Record<string, unknown> | null> {
  const row = await db
    .selectFrom('registrationSubmissions')
    .select(sql<Record<string, unknown> | null>`snapshot -> 'profile'`.as('profile'))
    .where('registrationId', '=', registrationId)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.profile ?? null;
}

/** Statuses of a confirmed registration that the basic information is locked for. */
const LOCKING_STATUSES = ['confirmed', 'supplement_requested', 'qualified', 'paid'] as const;

/**
 * Registration `r` still keeps its candidate's basic information locked at `now` (decision 0012):
 * it is confirmed and not ended (报名确认, 待补充材料, 资格审核通过, 已缴费), or failed qualification
 * review while the result is not yet published (R18: an unlocked profile would tell the result
 * early; see `qualificationResultsPublished`) — and its cycle is not over in its area: the
 * calendar has an exam phase and every phase has ended. Without an exam phase the end is unknown
 * and the lock stays. 视为放弃 and results published as 资格审核不通过 keep nothing locked.
 */
function holdsProfileLock(now: Date) {
  const calendar = sql`p.cycle_id = r.cycle_id and p.exam_area_id = r.exam_area_id`;
  return sql<boolean>`(
    (r.status in (${sql.join(LOCKING_STATUSES)})
      or (r.status = 'disqualified' and not exists (
        select 1 from cycle_phases p
        where ${calendar} and p.kind = 'results_publication' and p.starts_at <= ${now})))
    and not (
      exists (select 1 from cycle_phases p where ${calendar} and p.kind = 'exam')
      and not exists (select 1 from cycle_phases p where ${calendar} and p.ends_at > ${now})))`;
}

/** True when a registration of the account keeps its basic information locked at `now`. */
export async function hasLockingRegistration(
  db: Db,
  accountId: number,
  now: Date,
): Promise<boolean> {
  const row = await db
    .selectFrom('registrations as r')
    .select('r.id')
    .where('r.accountId', '=', accountId)
    .where(holdsProfileLock(now))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Locked profiles no registration keeps locked any more at `now`, by account id after `afterId`:
 * what the sweep unlocks (each checked again under the profile's row lock).
 */
export function listReleasableProfiles(db: Db, now: Date, limit: number, afterId = 0) {
  return db
    .selectFrom('candidateProfiles as c')
    .select('c.accountId')
    .where('c.lockedAt', 'is not', null)
    .where('c.accountId', '>', afterId)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('registrations as r')
            .select(sql`1`.as('one'))
            .whereRef('r.accountId', '=', 'c.accountId')
            .where(holdsProfileLock(now)),
        ),
      ),
    )
    .orderBy('c.accountId')
    .limit(limit)
    .execute();
}
