import { formatShanghaiEnd, planTransition, REGISTRATION_TRANSITIONS } from '@hqe/core';
import type { Db } from '../../db/database';
import type { Clock } from '../../lib/clock';
import type { JobHandler } from '../jobs';
import * as catalog from './catalog-lookup.repository';
import { openPhaseKinds } from './registration-calendar';
import type { RegistrationDeps } from './registration-deps';
import * as repo from './registrations.repository';
import { applyTransition } from './transitions';

/** The recurring job that abandons returned registrations past their resubmission deadline. */
export const LAPSE_JOB = 'registrations.lapse';
/**
 * How often the worker sweeps for lapsed registrations. A return also queues the job for the
 * resubmission deadline itself; the sweep catches a deadline the area moved after that.
 */
export const LAPSE_EVERY_MS = 6 * 3_600_000;

const BATCH = 200;
const LAPSE_REASON = { code: 'resubmission_deadline_passed', label: '逾期未重新提交，视为放弃' };

/**
 * 视为放弃 (R10, R12): a returned registration not resubmitted by the end of its area's
 * resubmission phase is abandoned by the system, with the reason in its timeline. One registration
 * per transaction, under its row lock, re-checked there: a candidate resubmitting at the last
 * moment either wins (and the registration is no longer returned) or is refused after the lapse.
 */
export function createLapseJob({
  db,
  clock,
  notifications,
}: {
  db: Db;
  clock: Clock;
  notifications: RegistrationDeps['notifications'];
}) {
  async function lapseOne(id: number, now: Date): Promise<boolean> {
    return db.transaction().execute(async (trx) => {
      const row = await repo.findById(trx, id, { lock: true });
      if (row?.status !== 'returned') return false;
      const phases = await catalog.listPhases(trx, row);
      const resubmission = phases.find((p) => p.kind === 'resubmission');
      if (!resubmission || resubmission.endsAt.getTime() > now.getTime()) return false;
      // Still allowed to resubmit (e.g. registration reopened): not lapsed.
      if (planTransition(row.status, 'resubmit', 'candidate', openPhaseKinds(phases, now)).ok) {
        return false;
      }
      const deadline = formatShanghaiEnd(resubmission.endsAt);
      await applyTransition(trx, {
        row,
        event: 'lapse',
        actor: { kind: 'system', accountId: null, requestId: null },
        now,
        phases,
        reasons: [
          {
            ...LAPSE_REASON,
            explanation: `考区规定的重新提交截止时间为 ${deadline}（北京时间），截止前未重新提交。`,
          },
        ],
      });
      await notifications.notify(trx, {
        accountId: row.accountId,
        title: '报名视为放弃',
        body: `您的报名（网报号 ${row.registrationNumber}）在退回后未于 ${deadline}（北京时间）前重新提交，已视为放弃本次考试。`,
      });
      return true;
    });
  }

  /** Abandons every lapsed registration; returns how many. */
  async function run(): Promise<number> {
    const now = clock.now();
    let total = 0;
    let afterId = 0;
    for (;;) {
      const batch = await repo.listLapsed(
        db,
        now,
        REGISTRATION_TRANSITIONS.resubmit.phases,
        BATCH,
        afterId,
      );
      for (const { id } of batch) {
        if (await lapseOne(id, now)) total += 1;
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
export type LapseJob = ReturnType<typeof createLapseJob>;
