import { sql, type Kysely } from 'kysely';
import type { Database, Job } from '../../db/schema';

export interface NewJob {
  kind: string;
  payload?: unknown;
  runAt: Date;
  maxAttempts?: number;
  /** At most one pending or running job holds a given key; enqueueing it again does nothing. */
  uniqueKey?: string;
}

/** Adds a job; call it inside the transaction of the change that needs it. Returns its id or null. */
export async function enqueue(db: Kysely<Database>, job: NewJob): Promise<number | null> {
  const row = await db
    .insertInto('jobs')
    .values({
      kind: job.kind,
      payload: JSON.stringify(job.payload ?? {}),
      runAt: job.runAt,
      maxAttempts: job.maxAttempts ?? 5,
      uniqueKey: job.uniqueKey ?? null,
    })
    .onConflict((oc) =>
      oc
        .column('uniqueKey')
        .where('uniqueKey', 'is not', null)
        .where('status', 'in', ['pending', 'running'])
        .doNothing(),
    )
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

/** The claim a worker holds on a running job: the fence every later write of that run checks. */
export type JobClaim = Pick<Job, 'id' | 'attempts'>;

/**
 * Claims due jobs of the given kinds for one worker — one by default, so `lockedAt` is stamped
 * right before the job runs. Kinds the worker has no handler for are left alone: during a rolling
 * deploy an older process must not claim (and burn the attempts of) a kind only newer ones know.
 * `FOR UPDATE SKIP LOCKED` lets many workers poll the same table without taking each other's jobs
 * or waiting on each other's locks. Each claim adds an attempt; `attempts` with `lockedBy` then
 * identifies this run (see {@link markDone}).
 */
export async function claimDue(
  db: Kysely<Database>,
  workerId: string,
  now: Date,
  kinds: readonly string[],
  limit = 1,
): Promise<Job[]> {
  if (kinds.length === 0 || limit < 1) return [];
  return db
    .updateTable('jobs')
    .set((eb) => ({
      status: 'running',
      lockedAt: now,
      lockedBy: workerId,
      attempts: eb('attempts', '+', 1),
    }))
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('jobs')
        .select('id')
        .where('status', '=', 'pending')
        .where('runAt', '<=', now)
        .where('kind', 'in', [...kinds])
        .orderBy('runAt')
        .orderBy('id')
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .returningAll()
    .execute();
}

/**
 * Renews the lock of a running job (`lockedAt = now`) so that `releaseStale` does not take it from
 * a worker that is still at it. False when the claim is no longer held: the job was released as
 * stale, and maybe claimed again, or finished.
 */
export async function heartbeat(
  db: Kysely<Database>,
  claim: JobClaim,
  workerId: string,
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('jobs')
    .set({ lockedAt: now })
    .where('id', '=', claim.id)
    .where('status', '=', 'running')
    .where('lockedBy', '=', workerId)
    .where('attempts', '=', claim.attempts)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Marks a job done, if this worker's claim on it still holds (it is running, locked by
 * `workerId`, at the attempt claimed). False, and nothing written, when it does not: a run that
 * was released as stale must not overwrite the outcome of the run that superseded it.
 */
export async function markDone(
  db: Kysely<Database>,
  claim: JobClaim,
  workerId: string,
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('jobs')
    .set({ status: 'done', finishedAt: now, lockedAt: null, lockedBy: null, lastError: null })
    .where('id', '=', claim.id)
    .where('status', '=', 'running')
    .where('lockedBy', '=', workerId)
    .where('attempts', '=', claim.attempts)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Records a failure: back to pending at `retryAt`, or failed for good when out of attempts.
 * Fenced like {@link markDone}: 'superseded', and nothing written, when the claim no longer holds.
 */
export async function markFailed(
  db: Kysely<Database>,
  claim: JobClaim & Pick<Job, 'maxAttempts'>,
  workerId: string,
  error: string,
  now: Date,
  retryAt: Date,
): Promise<'retry' | 'failed' | 'superseded'> {
  const final = claim.attempts >= claim.maxAttempts;
  const result = await db
    .updateTable('jobs')
    .set({
      status: final ? 'failed' : 'pending',
      runAt: final ? now : retryAt,
      finishedAt: final ? now : null,
      lastError: error.slice(0, 2000),
      lockedAt: null,
      lockedBy: null,
    })
    .where('id', '=', claim.id)
    .where('status', '=', 'running')
    .where('lockedBy', '=', workerId)
    .where('attempts', '=', claim.attempts)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) return 'superseded';
  return final ? 'failed' : 'retry';
}

/**
 * Returns jobs whose worker died mid-run (locked since before `staleBefore`) to the queue; one that
 * has used all its attempts (it may be what kills the worker) fails for good instead.
 */
export async function releaseStale(
  db: Kysely<Database>,
  staleBefore: Date,
  now: Date,
): Promise<number> {
  await db
    .updateTable('jobs')
    .set({
      status: 'failed',
      finishedAt: now,
      lockedAt: null,
      lockedBy: null,
      lastError: 'the worker stopped while running the job',
    })
    .where('status', '=', 'running')
    .where('lockedAt', '<', staleBefore)
    .whereRef('attempts', '>=', 'maxAttempts')
    .execute();
  const result = await db
    .updateTable('jobs')
    .set({ status: 'pending', lockedAt: null, lockedBy: null })
    .where('status', '=', 'running')
    .where('lockedAt', '<', staleBefore)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Counts jobs by status, for metrics and the admin view. */
export async function countByStatus(db: Kysely<Database>) {
  const rows = await db
    .selectFrom('jobs')
    .select(['status', sql<number>`count(*)::int`.as('n')])
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, r.n])) as Partial<
    Record<Job['status'], number>
  >;
}
