import {
  formatShanghaiEnd,
  planTransition,
  REGISTRATION_TRANSITIONS,
  type PhaseKind,
  type RegistrationEvent,
} from '@hqe/core';
import type { Kysely } from 'kysely';
import type { Db } from '../../db/database';
import type { Database } from '../../db/schema';
import type { Clock } from '../../lib/clock';
import { jobsRepository, type JobHandler } from '../jobs';
import * as catalog from './catalog-lookup.repository';
import { afterLockingRegistrationEnded } from './profile-lock';
import { lifecyclePhases, openPhaseKinds } from './registration-calendar';
import {
  eventKey,
  todoKeys,
  type LifecycleNotifications,
  type LifecycleTodos,
} from './lifecycle-notices';
import * as repo from './registrations.repository';
import { applyTransition } from './transitions';

/**
 * The recurring job that abandons registrations past their deadline: returned ones not resubmitted
 * by the end of the resubmission window, supplement requests not supplied by the end of
 * qualification review.
 */
export const LAPSE_JOB = 'registrations.lapse';
/**
 * How often the worker sweeps for lapsed registrations. A return and a supplement request also
 * queue the job for their deadline itself (`queueLapseAt`), so a registration lapses at that
 * instant; the sweep catches a deadline the area moved afterwards, at most this late. The sweep
 * reads only registrations still `returned` or `supplement_requested` (an index on status).
 */
export const LAPSE_EVERY_MS = 10 * 60_000;

/**
 * Queues the lapse job for a deadline, in the transaction of the decision that set the
 * registration waiting for it (a return, a supplement request): one pending job per area, cycle
 * and deadline, by its unique key, however many registrations wait for it.
 */
export async function queueLapseAt(
  trx: Kysely<Database>,
  registration: { cycleId: number; examAreaId: number },
  deadline: Date,
): Promise<void> {
  await jobsRepository.enqueue(trx, {
    kind: LAPSE_JOB,
    runAt: deadline,
    uniqueKey: `${LAPSE_JOB}:${registration.cycleId}:${registration.examAreaId}:${deadline.toISOString()}`,
  });
}

const BATCH = 200;

/** What lapses, by when, and what the candidate is told. */
interface LapseRule {
  status: 'returned' | 'supplement_requested';
  /** The phase whose end is the deadline (`resubmission`: the window, `lifecyclePhases`). */
  deadlinePhase: PhaseKind;
  /** The candidate's action that would have kept it: while it is allowed, nothing lapses. */
  action: RegistrationEvent;
  actionPhases: readonly PhaseKind[];
  reason: { code: string; label: string; explanation: (deadline: string) => string };
  template: 'lapsed' | 'supplement_lapsed';
  todoKey: (id: number) => string;
}

const RULES: readonly LapseRule[] = [
  {
    status: 'returned',
    deadlinePhase: 'resubmission',
    action: 'resubmit',
    actionPhases: REGISTRATION_TRANSITIONS.resubmit.phases,
    reason: {
      code: 'resubmission_deadline_passed',
      label: '逾期未重新提交，视为放弃',
      explanation: (deadline) =>
        `考区规定的重新提交截止时间为 ${deadline}（北京时间），截止前未重新提交。`,
    },
    template: 'lapsed',
    todoKey: todoKeys.resubmit,
  },
  {
    status: 'supplement_requested',
    deadlinePhase: 'qualification_review',
    action: 'supply',
    actionPhases: REGISTRATION_TRANSITIONS.supply.phases,
    reason: {
      code: 'supplement_deadline_passed',
      label: '逾期未提交补充材料，视为放弃',
      explanation: (deadline) =>
        `资格审核要求补充材料，资格审核于 ${deadline}（北京时间）结束，截止前未提交补充材料。`,
    },
    template: 'supplement_lapsed',
    todoKey: todoKeys.supplement,
  },
];

/**
 * 视为放弃 (R10, R12, decision 0014): a registration still waiting for the candidate when the
 * period to act in has ended is abandoned by the system, with the reason in its timeline, the
 * candidate told (the deadline as a value of the template, so each language writes it) and the
 * to-do item closed. A returned registration lapses after its area's resubmission window; one whose
 * supplement (补充材料) was not supplied lapses after qualification review, since no reviewer can
 * decide it then (pass and fail need the phase open). One registration per transaction, under its
 * row lock, re-checked there: a candidate acting at the last moment either wins (and the
 * registration has moved on) or is refused after the lapse.
 */
export function createLapseJob({
  db,
  clock,
  notifications,
  todos,
}: {
  db: Db;
  clock: Clock;
  notifications: LifecycleNotifications;
  todos: LifecycleTodos;
}) {
  async function lapseOne(rule: LapseRule, id: number, now: Date): Promise<boolean> {
    return db.transaction().execute(async (trx) => {
      const row = await repo.findById(trx, id, { lock: true });
      if (row?.status !== rule.status) return false;
      const phases = await catalog.listPhases(trx, row);
      const ends = lifecyclePhases(phases).find((p) => p.kind === rule.deadlinePhase)?.endsAt;
      if (!ends || ends.getTime() > now.getTime()) return false;
      // Still allowed to act (e.g. the phase reopened): not lapsed.
      if (planTransition(row.status, rule.action, 'candidate', openPhaseKinds(phases, now)).ok) {
        return false;
      }
      const { row: lapsed } = await applyTransition(trx, {
        row,
        event: 'lapse',
        actor: { kind: 'system', accountId: null, requestId: null },
        now,
        phases,
        reasons: [
          {
            code: rule.reason.code,
            label: rule.reason.label,
            explanation: rule.reason.explanation(formatShanghaiEnd(ends)),
          },
        ],
      });
      // A supplement request was confirmed first: the basic information is locked for it.
      if (row.status === 'supplement_requested') {
        await afterLockingRegistrationEnded(trx, lapsed, phases, now);
      }
      await notifications.send(trx, {
        accountId: row.accountId,
        examAreaId: row.examAreaId,
        template: rule.template,
        values: { registrationNumber: row.registrationNumber, deadline: ends },
        dedupeKey: eventKey(rule.template, lapsed),
      });
      // Nothing is left to do: the "resubmit" or "supplement" item drops off.
      await todos.closeTodo(trx, row.accountId, rule.todoKey(row.id));
      return true;
    });
  }

  /** Abandons every lapsed registration; returns how many. */
  async function run(): Promise<number> {
    const now = clock.now();
    let total = 0;
    for (const rule of RULES) {
      let afterId = 0;
      for (;;) {
        const batch = await repo.listLapsed(db, now, rule, BATCH, afterId);
        for (const { id } of batch) {
          if (await lapseOne(rule, id, now)) total += 1;
          afterId = id;
        }
        if (batch.length < BATCH) break;
      }
    }
    return total;
  }

  const handler: JobHandler = async () => {
    await run();
  };
  return { run, handler };
}
export type LapseJob = ReturnType<typeof createLapseJob>;
