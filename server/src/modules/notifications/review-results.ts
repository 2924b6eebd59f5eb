import { DEFAULT_NOTIFICATION_LOCALE, type NotificationLocale } from '@hqe/core';
import { z } from 'zod';
import type { Db } from '../../db/database';
import type { Clock } from '../../lib/clock';
import type { JobHandler } from '../jobs';
import * as notificationsRepository from './notifications.repository';
import type { NotificationService } from './notifications.service';
import * as reviewResultsRepository from './review-results.repository';

/** The job that tells candidates their qualification review result once it is published. */
export const REVIEW_RESULTS_JOB = 'notifications.review_results';
/**
 * How often it looks at the calendar. A decision also queues the job for the start of its area's
 * results publication (`reviewResultsJobKey`), so the message goes out at that moment; the sweep
 * catches a publication date the area moved afterwards and decisions taken after it.
 */
export const REVIEW_RESULTS_EVERY_MS = 3_600_000;

const TEMPLATE = 'review_result_published';
const BATCH = 200;

/** The dedupe key of the message: one per registration, ever (a result is decided once). */
export const reviewResultKey = (registrationId: number) => `${TEMPLATE}:${registrationId}`;

/** The unique key of the job queued for one area's publication moment. */
export const reviewResultsJobKey = (ref: { cycleId: number; examAreaId: number; startsAt: Date }) =>
  `${REVIEW_RESULTS_JOB}:${ref.cycleId}:${ref.examAreaId}:${ref.startsAt.toISOString()}`;

const reasonsSchema = z.array(z.looseObject({ label: z.string() })).catch([]);

/** The result as the message states it, in the candidate's language. */
export function resultText(
  result: 'qualified' | 'disqualified',
  reasons: readonly { label: string }[],
  locale: NotificationLocale,
): string {
  const labels = reasons.map((r) => r.label.trim()).filter((l) => l !== '');
  if (locale === 'en') {
    if (result === 'qualified') return 'qualified';
    return labels.length > 0 ? `not qualified (${labels.join('; ')})` : 'not qualified';
  }
  if (result === 'qualified') return '通过';
  return labels.length > 0 ? `不通过，原因：${labels.join('、')}` : '不通过';
}

/**
 * 资格审核结果公布 (R18): a pass or a failure is recorded when the reviewer decides and shown to
 * the candidate only from the area's results publication date — so the candidate is told then,
 * not at decision time. Driven by the calendar and the injected clock over decided registrations;
 * each message's dedupe key names the registration, so a rerun, a restart or a second worker
 * never tells a candidate twice. Each registration is told in its own transaction holding a share
 * lock on it, re-checked there.
 */
export function createReviewResultsJob(deps: {
  db: Db;
  clock: Clock;
  notifications: Pick<NotificationService, 'send'>;
}) {
  const { db, clock } = deps;

  async function tellOne(id: number, now: Date): Promise<boolean> {
    return db.transaction().execute(async (trx) => {
      const row = await reviewResultsRepository.lockDecided(trx, id, now);
      if (!row?.published || row.reviewResult === null) return false;
      if (row.status !== 'qualified' && row.status !== 'disqualified') return false;
      const preferences = await notificationsRepository.findPreferences(trx, row.accountId);
      const locale = preferences?.notificationLocale ?? DEFAULT_NOTIFICATION_LOCALE;
      const sent = await deps.notifications.send(trx, {
        accountId: row.accountId,
        examAreaId: row.examAreaId,
        template: TEMPLATE,
        values: {
          registrationNumber: row.registrationNumber,
          result: resultText(row.reviewResult, reasonsSchema.parse(row.reviewReasons), locale),
        },
        dedupeKey: reviewResultKey(row.id),
      });
      return sent.length > 0;
    });
  }

  /** Tells every candidate whose result is published now and who was not told; returns how many. */
  async function run(): Promise<number> {
    const now = clock.now();
    let total = 0;
    let afterId = 0;
    for (;;) {
      const batch = await reviewResultsRepository.listDueUntold(
        db,
        now,
        `${TEMPLATE}:`,
        afterId,
        BATCH,
      );
      for (const { id } of batch) {
        if (await tellOne(id, now)) total += 1;
        afterId = id;
      }
      if (batch.length < BATCH) return total;
    }
  }

  const handler: JobHandler = async () => {
    await run();
  };
  return { run, handler };
}
export type ReviewResultsJob = ReturnType<typeof createReviewResultsJob>;
