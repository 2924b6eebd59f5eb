import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/database';
import type { Clock } from '../../lib/clock';
import { jobsRepository, type JobHandler } from '../jobs';
import { hasPendingJob } from './outbox.repository';
import * as retentionRepository from './retention.repository';

/** The recurring job that deletes old sent messages and dead letters from the outbox. */
export const OUTBOX_PURGE_JOB = 'notifications.purge';
/** How often it runs: often enough that each run has only an hour's worth to delete. */
export const OUTBOX_PURGE_EVERY_MS = 3_600_000;

const DAY = 86_400_000;

export interface OutboxRetention {
  /** Days a sent message is kept (from when it was sent). */
  sentDays: number;
  /** Days a dead letter is kept (from its last attempt); at least `sentDays`. */
  deadDays: number;
}

export interface PurgeLimits {
  /** Messages deleted per transaction. */
  batchSize: number;
  /**
   * Batches per run. The worker runs one job at a time: a run that reaches this queues its own
   * continuation, due now, so deliveries and other jobs already due go first.
   */
  batchesPerRun: number;
}

export const DEFAULT_PURGE_LIMITS: PurgeLimits = { batchSize: 1000, batchesPerRun: 100 };

/** What one run deleted (counts only: the log line carries nothing else). */
export interface PurgeReport {
  sent: number;
  dead: number;
  attempts: number;
  batches: number;
  /** The run stopped at `batchesPerRun` and queued its continuation. */
  continued: boolean;
}

/**
 * The outbox's retention (decision 0013, "Retention"): sent messages older than
 * `NOTIFICATION_SENT_RETENTION_DAYS` and dead letters older than
 * `NOTIFICATION_DEAD_RETENTION_DAYS` are deleted with their delivery attempts, oldest first, one
 * bounded batch per transaction (`FOR UPDATE SKIP LOCKED`, so two workers purging at once share the
 * work instead of waiting). Queued, sending and failed messages are never touched, nor the
 * candidate's inbox (`notifications`) or to-do items: only the delivery records go. The cut-offs
 * come from the injected clock, taken once per run.
 */
export function createOutboxRetentionJob(deps: {
  db: Db;
  clock: Clock;
  logger?: FastifyBaseLogger;
  retention: OutboxRetention;
  limits?: Partial<PurgeLimits>;
}) {
  const { db, clock, retention } = deps;
  const limits: PurgeLimits = { ...DEFAULT_PURGE_LIMITS, ...deps.limits };
  if (retention.deadDays < retention.sentDays) {
    throw new Error('createOutboxRetentionJob: dead letters must be kept at least as long as sent');
  }

  async function run(): Promise<PurgeReport> {
    const started = performance.now();
    const now = clock.now();
    const sentBefore = new Date(now.getTime() - retention.sentDays * DAY);
    const deadBefore = new Date(now.getTime() - retention.deadDays * DAY);
    const report: PurgeReport = { sent: 0, dead: 0, attempts: 0, batches: 0, continued: false };
    const size = limits.batchSize;
    const passes = [
      { key: 'sent', purge: () => retentionRepository.purgeSentBatch(db, sentBefore, size) },
      { key: 'dead', purge: () => retentionRepository.purgeDeadBatch(db, deadBefore, size) },
    ] as const;
    let more = false;
    for (const pass of passes) {
      for (;;) {
        if (report.batches >= limits.batchesPerRun) {
          more = true;
          break;
        }
        const batch = await pass.purge();
        report.batches += 1;
        report[pass.key] += batch.messages;
        report.attempts += batch.attempts;
        if (batch.selected < size) break;
      }
      if (more) break;
    }
    if (more && !(await hasPendingJob(db, OUTBOX_PURGE_JOB, now))) {
      await jobsRepository.enqueue(db, { kind: OUTBOX_PURGE_JOB, runAt: now, maxAttempts: 3 });
      report.continued = true;
    }
    deps.logger?.info(
      { ...report, ms: Math.round(performance.now() - started) },
      'notification outbox purged',
    );
    return report;
  }

  const handler: JobHandler = async () => {
    await run();
  };
  return { run, handler };
}
export type OutboxRetentionJob = ReturnType<typeof createOutboxRetentionJob>;
