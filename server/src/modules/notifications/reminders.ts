import type { Db } from '../../db/database';
import type { Clock } from '../../lib/clock';
import type { JobHandler } from '../jobs';
import type { NotificationService } from './notifications.service';
import * as remindersRepository from './reminders.repository';
import type { OpenTodoInput, TodoService } from './todos.service';

/** The recurring job that sends deadline reminders. */
export const REMINDER_JOB = 'notifications.reminders';
/** How often it looks at the calendar: reminders go out within the hour of their moment. */
export const REMINDER_EVERY_MS = 3_600_000;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Reminders before the resubmission deadline: 3 days and 1 day before. */
export const RESUBMISSION_REMINDERS = [
  { label: '3d', before: 3 * DAY },
  { label: '1d', before: DAY },
] as const;

const BATCH = 200;

/**
 * The to-do item of a returned registration: fix and resubmit before the deadline. The return
 * opens it, the reminders refresh it, the resubmission closes it (key `resubmit:<id>`).
 */
export function resubmitTodo(registration: {
  accountId: number;
  id: number;
  registrationNumber: string;
  deadlineAt: Date | null;
}): OpenTodoInput {
  return {
    accountId: registration.accountId,
    kind: 'resubmit',
    key: `resubmit:${registration.id}`,
    title: '报名被退回，请按退回原因修改后重新提交',
    detail: `网报号 ${registration.registrationNumber}。逾期未重新提交的，视为放弃本次考试。`,
    linkPath: '/registration',
    deadlineAt: registration.deadlineAt,
  };
}

/**
 * Deadline reminders, driven by the area's calendar and the injected clock: a returned
 * registration not yet resubmitted is reminded 3 days and 1 day before its area's resubmission
 * deadline (only the latest reminder whose moment has come, and none the candidate was told
 * of by the return itself). Each reminder's dedupe key names the registration, the deadline and
 * the moment, so a second worker or a rerun sends nothing twice — and a moved deadline is
 * reminded of again. Those who resubmitted are no longer `returned`, and are skipped. The deadline
 * is the end of the resubmission window (the confirmation phase stands in for an area without a
 * resubmission phase, decision 0014). Each run also closes the registration to-do items whose
 * period to act has ended (`closeStaleRegistrationTodos`).
 */
export function createReminderJob(deps: {
  db: Db;
  clock: Clock;
  notifications: Pick<NotificationService, 'send'>;
  todos: Pick<TodoService, 'openTodo'>;
}) {
  const { db, clock } = deps;

  async function remindOne(
    row: Awaited<ReturnType<typeof remindersRepository.listReturnedDueWithin>>[number],
    now: Date,
  ): Promise<boolean> {
    const left = row.endsAt.getTime() - now.getTime();
    // The nearest reminder moment that has come: 1 day before wins over 3 days before.
    const moment = [...RESUBMISSION_REMINDERS].reverse().find((r) => left <= r.before);
    if (!moment) return false;
    // Returned inside this window: the return's own message gave the deadline already.
    const returnedAt = row.returnedAt ? new Date(row.returnedAt) : null;
    if (returnedAt && returnedAt.getTime() >= row.endsAt.getTime() - moment.before) return false;
    return db.transaction().execute(async (trx) => {
      if ((await remindersRepository.lockStatus(trx, row.id)) !== 'returned') return false;
      const sent = await deps.notifications.send(trx, {
        accountId: row.accountId,
        examAreaId: row.examAreaId,
        template: 'resubmission_deadline_approaching',
        values: { registrationNumber: row.registrationNumber, deadline: row.endsAt },
        dedupeKey: `resubmission_deadline_approaching:${row.id}:${row.endsAt.toISOString()}:${moment.label}`,
      });
      await deps.todos.openTodo(
        trx,
        resubmitTodo({
          accountId: row.accountId,
          id: row.id,
          registrationNumber: row.registrationNumber,
          deadlineAt: row.endsAt,
        }),
      );
      return sent.length > 0;
    });
  }

  /**
   * Sends the reminders due now, then closes the to-do items whose period to act has ended
   * (`closeStaleRegistrationTodos`); returns how many registrations were reminded.
   */
  async function run(): Promise<number> {
    const now = clock.now();
    const reminded = await remindAll(now);
    await remindersRepository.closeStaleRegistrationTodos(db, now);
    return reminded;
  }

  async function remindAll(now: Date): Promise<number> {
    const until = new Date(now.getTime() + RESUBMISSION_REMINDERS[0].before);
    let total = 0;
    let afterId = 0;
    for (;;) {
      const batch = await remindersRepository.listReturnedDueWithin(db, now, until, afterId, BATCH);
      for (const row of batch) {
        if (await remindOne(row, now)) total += 1;
        afterId = row.id;
      }
      if (batch.length < BATCH) return total;
    }
  }

  const handler: JobHandler = async () => {
    await run();
  };
  return { run, handler };
}
export type ReminderJob = ReturnType<typeof createReminderJob>;
