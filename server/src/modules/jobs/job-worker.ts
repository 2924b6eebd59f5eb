import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/database';
import type { Job } from '../../db/schema';
import type { Clock } from '../../lib/clock';
import * as jobsRepository from './jobs.repository';

/** What a job handler gets: its job, a database handle and the clock. */
export interface JobContext {
  job: Job;
  db: Db;
  clock: Clock;
}

export type JobHandler = (ctx: JobContext) => Promise<void>;

export interface JobWorkerOptions {
  db: Db;
  clock: Clock;
  logger: FastifyBaseLogger;
  /** Only these kinds are claimed; jobs of other kinds are left for workers that know them. */
  handlers: Record<string, JobHandler>;
  pollMs?: number;
  /**
   * A running job whose lock has not been renewed for this long is taken to be orphaned by a dead
   * worker. A live worker renews the lock of the job in hand every third of this.
   */
  staleAfterMs?: number;
  /** First retry delay; doubles with each attempt, capped at one hour. */
  backoffBaseMs?: number;
  /** Kinds to run periodically: one pending job of each is kept queued, `everyMs` ahead. */
  recurring?: { kind: string; everyMs: number }[];
}

/** Delay before retry number `attempt` (1-based): base × 2^(attempt−1), capped at one hour. */
export function backoffDelay(attempt: number, baseMs: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempt - 1), 3_600_000);
}

/**
 * The in-process worker over the jobs table. Several processes may run one each: claims use
 * `FOR UPDATE SKIP LOCKED`. Jobs are claimed one at a time, only of kinds this worker has handlers
 * for; the lock of the job in hand is renewed while its handler runs, and its outcome is written
 * only if the lock still holds. Failed jobs are retried with exponential backoff.
 */
export function createJobWorker(options: JobWorkerOptions) {
  const { db, clock, logger, handlers } = options;
  const pollMs = options.pollMs ?? 1000;
  const staleAfterMs = options.staleAfterMs ?? 10 * 60_000;
  const heartbeatMs = Math.max(1, Math.floor(staleAfterMs / 3));
  const backoffBaseMs = options.backoffBaseMs ?? 30_000;
  const workerId = `worker-${randomUUID()}`;
  const kinds = Object.keys(handlers);
  const handlerFor = (kind: string): JobHandler | undefined =>
    Object.hasOwn(handlers, kind) ? handlers[kind] : undefined;

  for (const { kind } of options.recurring ?? []) {
    if (!handlerFor(kind)) throw new Error(`recurring job kind "${kind}" has no handler`);
  }

  let timer: NodeJS.Timeout | undefined;
  /** Polling was started and not stopped since. */
  let polling = false;
  /** `stop()` was called and `start()` not since: drains finish the job in hand and return. */
  let stopped = false;
  const inFlight = new Set<Promise<number>>();

  /**
   * Renews the job's lock every `heartbeatMs` until the returned function is called, which stops
   * the timer and waits for a renewal in flight. Stops renewing once the lock turns out lost.
   */
  function startHeartbeat(job: Job): () => Promise<void> {
    let beat: Promise<void> | undefined;
    const interval = setInterval(() => {
      if (beat) return;
      beat = jobsRepository
        .heartbeat(db, job, workerId, clock.now())
        .then((held) => {
          if (held) return;
          clearInterval(interval);
          logger.warn(
            { jobId: job.id, kind: job.kind, attempt: job.attempts, workerId },
            'job lock lost while running; its outcome will be ignored',
          );
        })
        .catch((error: unknown) => {
          logger.error({ jobId: job.id, kind: job.kind, err: error }, 'job heartbeat failed');
        })
        .finally(() => {
          beat = undefined;
        });
    }, heartbeatMs);
    interval.unref();
    return async () => {
      clearInterval(interval);
      await beat;
    };
  }

  async function runOne(job: Job): Promise<void> {
    const handler = handlerFor(job.kind);
    const started = performance.now();
    const stopHeartbeat = startHeartbeat(job);
    let failure: { message: string } | undefined;
    try {
      if (!handler) throw new Error(`no handler for job kind "${job.kind}"`);
      await handler({ job, db, clock });
    } catch (error) {
      failure = { message: error instanceof Error ? error.message : String(error) };
    } finally {
      await stopHeartbeat();
    }

    const log = { jobId: job.id, kind: job.kind, attempt: job.attempts, workerId };
    const now = clock.now();
    if (!failure) {
      if (await jobsRepository.markDone(db, job, workerId, now)) {
        logger.info({ ...log, ms: Math.round(performance.now() - started) }, 'job done');
      } else {
        logger.warn(log, 'job done after its lock was lost; outcome ignored');
      }
      return;
    }
    const retryAt = new Date(now.getTime() + backoffDelay(job.attempts, backoffBaseMs));
    const outcome = await jobsRepository.markFailed(
      db,
      job,
      workerId,
      failure.message,
      now,
      retryAt,
    );
    if (outcome === 'superseded') {
      logger.warn({ ...log, err: failure.message }, 'job failed after its lock was lost; ignored');
    } else {
      logger.warn({ ...log, outcome, err: failure.message }, 'job failed');
    }
  }

  /** Keeps one pending job of each recurring kind queued, `everyMs` from now. */
  async function queueRecurring(): Promise<void> {
    for (const { kind, everyMs } of options.recurring ?? []) {
      const runAt = new Date(clock.now().getTime() + everyMs);
      await jobsRepository.enqueue(db, { kind, runAt, uniqueKey: `recurring:${kind}` });
    }
  }

  async function drainDue(): Promise<number> {
    if (stopped) return 0;
    let total = 0;
    await queueRecurring();
    while (!stopped) {
      const now = clock.now();
      await jobsRepository.releaseStale(db, new Date(now.getTime() - staleAfterMs), now);
      const [job] = await jobsRepository.claimDue(db, workerId, now, kinds);
      if (!job) break;
      await runOne(job);
      total += 1;
    }
    if (total > 0) await queueRecurring();
    return total;
  }

  /**
   * Runs due jobs one at a time until none is left, or until `stop()`; returns how many ran.
   * Tests call this directly.
   */
  function drain(): Promise<number> {
    const run = drainDue();
    inFlight.add(run);
    const forget = () => inFlight.delete(run);
    run.then(forget, forget);
    return run;
  }

  function schedule() {
    if (!polling) return;
    timer = setTimeout(() => {
      timer = undefined;
      void drain()
        .catch((error: unknown) => {
          logger.error({ err: error }, 'job worker poll failed');
          return 0;
        })
        .then(schedule);
    }, pollMs);
    timer.unref();
  }

  return {
    drain,
    /** Starts polling. */
    start() {
      if (polling) return;
      polling = true;
      stopped = false;
      schedule();
    },
    /**
     * Stops polling and waits for the job in hand to finish; drains in progress return after it.
     * A stopped worker runs nothing, even when drained directly, until started again.
     */
    async stop() {
      polling = false;
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await Promise.allSettled([...inFlight]);
    },
  };
}
export type JobWorker = ReturnType<typeof createJobWorker>;
