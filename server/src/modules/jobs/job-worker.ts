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
  handlers: Record<string, JobHandler>;
  pollMs?: number;
  batchSize?: number;
  /** A running job older than this is taken to be orphaned by a dead worker. */
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
 * `FOR UPDATE SKIP LOCKED`. Failed jobs are retried with exponential backoff.
 */
export function createJobWorker(options: JobWorkerOptions) {
  const { db, clock, logger, handlers } = options;
  const pollMs = options.pollMs ?? 1000;
  const batchSize = options.batchSize ?? 10;
  const staleAfterMs = options.staleAfterMs ?? 10 * 60_000;
  const backoffBaseMs = options.backoffBaseMs ?? 30_000;
  const workerId = `worker-${randomUUID()}`;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let stopped = true;

  async function runOne(job: Job): Promise<void> {
    const handler = handlers[job.kind];
    const started = performance.now();
    try {
      if (!handler) throw new Error(`no handler for job kind "${job.kind}"`);
      await handler({ job, db, clock });
      await jobsRepository.markDone(db, job.id, clock.now());
      logger.info(
        { jobId: job.id, kind: job.kind, ms: Math.round(performance.now() - started) },
        'job done',
      );
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const now = clock.now();
      const retryAt = new Date(now.getTime() + backoffDelay(job.attempts, backoffBaseMs));
      const outcome = await jobsRepository.markFailed(db, job, message, now, retryAt);
      logger.warn(
        { jobId: job.id, kind: job.kind, attempt: job.attempts, outcome, err: message },
        'job failed',
      );
    }
  }

  /** Runs every due job once; returns how many ran. Tests call this directly. */
  /** Keeps one pending job of each recurring kind queued, `everyMs` from now. */
  async function queueRecurring(): Promise<void> {
    for (const { kind, everyMs } of options.recurring ?? []) {
      const runAt = new Date(clock.now().getTime() + everyMs);
      await jobsRepository.enqueue(db, { kind, runAt, uniqueKey: `recurring:${kind}` });
    }
  }

  async function drain(): Promise<number> {
    let total = 0;
    await queueRecurring();
    for (;;) {
      const now = clock.now();
      await jobsRepository.releaseStale(db, new Date(now.getTime() - staleAfterMs), now);
      const jobs = await jobsRepository.claimDue(db, workerId, now, batchSize);
      if (jobs.length === 0) {
        if (total > 0) await queueRecurring();
        return total;
      }
      for (const job of jobs) await runOne(job);
      total += jobs.length;
    }
  }

  function schedule() {
    if (stopped) return;
    timer = setTimeout(() => {
      running = drain()
        .catch((error: unknown) => {
          logger.error({ err: error }, 'job worker poll failed');
          return 0;
        })
        .finally(schedule);
    }, pollMs);
    timer.unref();
  }

  return {
    drain,
    /** Starts polling. */
    start() {
      if (!stopped) return;
      stopped = false;
      schedule();
    },
    /** Stops polling and waits for the job in hand to finish. */
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (running) await running;
    },
  };
}
export type JobWorker = ReturnType<typeof createJobWorker>;
