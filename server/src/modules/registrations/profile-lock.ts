import type { Db } from '../../db/database';
import type { Clock } from '../../lib/clock';
import { unlockProfile } from '../candidate-profile';
import { jobsRepository, type JobHandler } from '../jobs';
import type { PhaseRow } from './catalog-lookup.repository';
import { hasLockingRegistration, listReleasableProfiles } from './profile-dependents.repository';
import type { RegistrationRow } from './registrations.repository';

/*
 * The lock a confirmed registration puts on the basic information (lockProfile, decision 0009) is
 * lifted when no registration keeps it any more (`holdsProfileLock`): in the transaction of the
 * transition that ends the last one (资格审核不通过 once published, 视为放弃), and by a sweep once
 * the cycle is over (the exam days have ended), so the candidate can update 个人中心 for the next
 * year. Both go through `unlockProfile`, which re-checks under the profile's row lock.
 */

/** The sweep that unlocks the profiles whose registrations all ended or whose cycle is over. */
export const PROFILE_UNLOCK_JOB = 'registrations.profile_unlock';
/**
 * How often the worker sweeps. Nothing is urgent at a cycle's end (the next registration opens
 * months later); a failure decided before its publication queues the job for that moment too.
 */
export const PROFILE_UNLOCK_EVERY_MS = 6 * 3_600_000;

const BATCH = 500;

/**
 * Lifts the lock on the account's basic information unless a registration still keeps it at `now`;
 * true when lifted. In the caller's transaction, after the transition that ended a registration.
 */
export function releaseProfileLock(
  trx: Db,
  accountId: number,
  now: Date,
  cause: Record<string, unknown>,
): Promise<boolean> {
  return unlockProfile(trx, accountId, now, {
    unless: (locked) => hasLockingRegistration(locked, accountId, now),
    cause,
  });
}

/**
 * After a transition that ends what a confirmed registration locked the profile for (资格审核不通过,
 * 视为放弃), in its transaction: the lock is lifted when nothing else keeps it. A failure not yet
 * published keeps it until the publication (R18: an unlocked profile would tell the result), for
 * which moment the sweep is queued (one pending job per area, cycle and moment).
 */
export async function afterLockingRegistrationEnded(
  trx: Db,
  row: RegistrationRow,
  phases: readonly PhaseRow[],
  now: Date,
): Promise<void> {
  const released = await releaseProfileLock(trx, row.accountId, now, {
    cause: 'registration_ended',
    registrationId: row.id,
    status: row.status,
  });
  if (released || row.status !== 'disqualified') return;
  const publication = phases.find((p) => p.kind === 'results_publication');
  if (publication && publication.startsAt.getTime() > now.getTime()) {
    await jobsRepository.enqueue(trx, {
      kind: PROFILE_UNLOCK_JOB,
      runAt: publication.startsAt,
      uniqueKey: `${PROFILE_UNLOCK_JOB}:${row.cycleId}:${row.examAreaId}:${publication.startsAt.toISOString()}`,
    });
  }
}

/**
 * The sweep: every locked profile that no registration keeps locked at the clock's `now` (the cycle
 * is over, or a failure was published, or the lock outlived its registration) is unlocked, one
 * account per transaction. Idempotent, and safe with two workers at once: each account is checked
 * again under the profile's row lock, so the second finds it unlocked and does nothing.
 */
export function createProfileUnlockJob({ db, clock }: { db: Db; clock: Clock }) {
  /** Unlocks what can be unlocked; returns how many profiles. */
  async function run(): Promise<number> {
    const now = clock.now();
    let total = 0;
    let afterId = 0;
    for (;;) {
      const batch = await listReleasableProfiles(db, now, BATCH, afterId);
      for (const { accountId } of batch) {
        const released = await db
          .transaction()
          .execute((trx) => releaseProfileLock(trx, accountId, now, { cause: 'sweep' }));
        if (released) total += 1;
        afterId = accountId;
      }
      if (batch.length < BATCH) break;
    }
    return total;
  }

  const handler: JobHandler = async () => {
    await run();
  };
  return { run, handler };
}
export type ProfileUnlockJob = ReturnType<typeof createProfileUnlockJob>;
