import type { RegistrationReason } from '@hqe/core';
import type { NotificationService, OpenTodoInput, TodoService } from '../notifications';
import type { PhaseRow } from './catalog-lookup.repository';
import { resubmissionWindowEnd } from './registration-calendar';

/*
 * What the registration lifecycle tells the candidate (issue #7, docs/decisions/0013): the
 * notification templates each status change sends and the to-do items it opens or closes — all in
 * the transaction of the change, so a rolled-back change tells nobody. The dedupe key of a message
 * names the registration and the version the change wrote: one message per event, however often a
 * request is retried.
 */

/** The notifications the lifecycle sends (templates only; free-text `notify` is for accounts). */
export type LifecycleNotifications = Pick<NotificationService, 'send'>;
/** The to-do items the lifecycle opens and closes. */
export type LifecycleTodos = Pick<TodoService, 'openTodo' | 'closeTodo'>;

/** The portal page where the candidate acts on a registration (status, edit, resubmit, supply). */
export const REGISTRATION_PAGE = '/registration';

/** The dedupe key of a lifecycle message: the template, the registration, the version written. */
export const eventKey = (template: string, row: { id: number; version: number }) =>
  `${template}:${row.id}:${row.version}`;

/** The keys of the lifecycle's to-do items, one of each per registration. */
export const todoKeys = {
  /** 修改后重新提交, opened by a return (`resubmitTodo`; the reminders refresh the same item). */
  resubmit: (id: number) => `resubmit:${id}`,
  /** 补充材料, opened by a supplement request. */
  supplement: (id: number) => `supplement:${id}`,
  /** 提交报名信息, opened when a registration becomes a draft again (withdrawal, change of area). */
  submit: (id: number) => `submit:${id}`,
};

/**
 * The deadline a returned registration is given: the end of its area's resubmission window — the
 * resubmission phase, or for an area without one the confirmation phase standing in for it
 * (`lifecyclePhases`) — exactly what the lapse job and the reminders go by. A reviewer returns only
 * while confirmation is open, so without a resubmission phase the date named is never past; the
 * end of registration is never used (a return after registration closed would name a past date).
 */
export function resubmissionDeadline(phases: readonly PhaseRow[]): Date {
  const deadline = resubmissionWindowEnd(phases);
  if (!deadline) throw new Error('resubmissionDeadline: the calendar has no phase to resubmit in');
  return deadline;
}

/**
 * The reasons as the candidate reads them in a message: each reason's label, then the reviewer's
 * note (考生可以看到), without a trailing full stop (the template ends the sentence).
 */
export function reasonTexts(
  reasons: readonly Pick<RegistrationReason, 'label'>[],
  note: string | null,
  extra: readonly string[] = [],
): string[] {
  const trimmed = note?.trim().replace(/[。.]+$/u, '');
  return [...reasons.map((r) => r.label), ...extra, ...(trimmed ? [`审核意见：${trimmed}`] : [])];
}

/** The to-do item of a supplement request: upload into the named slots and submit them. */
export function supplementTodo(registration: {
  accountId: number;
  id: number;
  registrationNumber: string;
  slotLabels: readonly string[];
  deadlineAt: Date;
}): OpenTodoInput {
  return {
    accountId: registration.accountId,
    kind: 'supplement',
    key: todoKeys.supplement(registration.id),
    title: '资格审核要求补充材料，请上传后提交补充材料',
    detail: `网报号 ${registration.registrationNumber}。需补充：${registration.slotLabels.map((l) => `“${l}”`).join('')}。在“网上报名”页面的上述栏目上传后，点击“提交补充材料”。`,
    linkPath: REGISTRATION_PAGE,
    deadlineAt: registration.deadlineAt,
  };
}

/**
 * The to-do item of a registration that is a draft again (withdrawn, or moved to another area):
 * it counts only once submitted, before registration closes.
 */
export function submitTodo(registration: {
  accountId: number;
  id: number;
  registrationNumber: string;
  deadlineAt: Date | null;
  title: string;
}): OpenTodoInput {
  return {
    accountId: registration.accountId,
    kind: 'registration',
    key: todoKeys.submit(registration.id),
    title: registration.title,
    detail: `网报号 ${registration.registrationNumber}。报名截止前未提交的，不能参加本次考试。`,
    linkPath: REGISTRATION_PAGE,
    deadlineAt: registration.deadlineAt,
  };
}
