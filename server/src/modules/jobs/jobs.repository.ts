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

/**
 * Claims up to `limit` due jobs for one worker. `FOR UPDATE SKIP LOCKED` lets many workers poll
 * the same table without taking each other's jobs or waiting on each other's locks.
 */
export async function claimDue(
  db: Kysely<Database>,
  workerId: string,
  now: Date,
  limit: number,
): Promise<Job[]> {
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
        .orderBy('runAt')
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .returningAll()
    .execute();
}

/** Marks a job done. */
export async function markDone(db: Kysely<Database>, id: number, now: Date): Promise<void> {
  await db
    .updateTable('jobs')
    .set({ status: 'done', finishedAt: now, lockedAt: null, lockedBy: null, lastError: null })
    .where('id', '=', id)
    .execute();
}

/** Records a failure: back to pending at `retryAt`, or failed for good when out of attempts. */
export async function markFailed(
  db: Kysely<Database>,
  job: Pick<Job, 'id' | 'attempts' | 'maxAttempts'>,
  error: string,
  now: Date,
  retryAt: Date,
): Promise<'retry' | 'failed'> {
  const final = job.attempts >= job.maxAttempts;
  await db
    .updateTable('jobs')
    .set({
      status: final ? 'failed' : 'pending',
      runAt: final ? now : retryAt,
      finishedAt: final ? now : null,
      lastError: error.slice(0, 2000),
      lockedAt: null,
      lockedBy: null,
    })
    .where('id', '=', job.id)
    .execute();
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
