import type { PhaseKind } from './calendar';

/**
 * The registration lifecycle (docs/GLOSSARY.md, "Registration lifecycle"): one registration per
 * candidate per exam cycle, whose status changes only through the transition table below. Each
 * transition names who may make it and the calendar phases of which one must be open. The server
 * asks `planTransition` before it writes, under a row lock, so two actors racing on the same
 * registration (a withdraw and a reviewer's decision) end in exactly one outcome.
 */

export const REGISTRATION_STATUSES = [
  'draft',
  'submitted',
  'returned',
  'confirmed',
  'supplement_requested',
  'qualified',
  'disqualified',
  'paid',
  'abandoned',
] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

/** What the candidate and staff read for each status (R9, R18: 待确认 / 确认不通过 / 报名确认). */
export const REGISTRATION_STATUS_LABELS: Record<RegistrationStatus, string> = {
  draft: '未提交',
  submitted: '待确认',
  returned: '确认不通过',
  confirmed: '报名确认',
  supplement_requested: '待补充材料',
  qualified: '资格审核通过',
  disqualified: '资格审核不通过',
  paid: '已缴费',
  abandoned: '视为放弃',
};

/** Who acts: the candidate, a reviewer of the registration's area, or the system (jobs, payment). */
export const REGISTRATION_ACTORS = [
  'candidate',
  'confirmation_reviewer',
  'qualification_reviewer',
  'system',
] as const;
export type RegistrationActor = (typeof REGISTRATION_ACTORS)[number];

export interface RegistrationTransition {
  from: readonly RegistrationStatus[];
  to: RegistrationStatus;
  actors: readonly RegistrationActor[];
  /** One of these phases must be open; empty: no calendar gate (the system's own moves). */
  phases: readonly PhaseKind[];
  /** What the candidate or reviewer sees as the action's name. */
  label: string;
}

export const REGISTRATION_TRANSITIONS = {
  /** 提交: the candidate submits a complete registration for confirmation (R3). */
  submit: {
    from: ['draft'],
    to: 'submitted',
    actors: ['candidate'],
    phases: ['registration'],
    label: '提交报名信息',
  },
  /** A returned registration is resubmitted until the resubmission deadline (R10, R12). */
  resubmit: {
    from: ['returned'],
    to: 'submitted',
    actors: ['candidate'],
    phases: ['registration', 'resubmission'],
    label: '重新提交',
  },
  /**
   * 撤回信息提交: only before confirmation (R7, R9); the registration can be edited again. Only
   * while registration is open: a draft can be submitted only then, so a withdrawal in the
   * resubmission window alone would leave a registration that can neither be submitted nor lapse.
   */
  withdraw: {
    from: ['submitted'],
    to: 'draft',
    actors: ['candidate'],
    phases: ['registration'],
    label: '撤回信息提交',
  },
  /** 修改考区 (R8): before submission or after a return; the new area's staff confirm it. */
  change_area: {
    from: ['draft', 'returned'],
    to: 'draft',
    actors: ['candidate'],
    phases: ['registration'],
    label: '修改考区',
  },
  /** 报名确认 by the area's confirmation staff. */
  confirm: {
    from: ['submitted'],
    to: 'confirmed',
    actors: ['confirmation_reviewer'],
    phases: ['confirmation'],
    label: '确认通过',
  },
  /** Returning candidates meeting every condition are confirmed at submission (R6). */
  auto_confirm: {
    from: ['submitted'],
    to: 'confirmed',
    actors: ['system'],
    phases: [],
    label: '自动确认',
  },
  /** 确认不通过, with reasons the candidate reads (R10–R15). */
  return: {
    from: ['submitted'],
    to: 'returned',
    actors: ['confirmation_reviewer'],
    phases: ['confirmation'],
    label: '退回修改',
  },
  /**
   * 视为放弃 by the deadline job (R12): a returned registration not resubmitted by the end of the
   * resubmission window, or a supplement (补充材料) not supplied by the end of qualification review
   * — no reviewer can decide it after that (pass and fail need the phase open). The timeline
   * entry's reason says which deadline passed.
   */
  lapse: {
    from: ['returned', 'supplement_requested'],
    to: 'abandoned',
    actors: ['system'],
    phases: [],
    label: '逾期视为放弃',
  },
  request_supplement: {
    from: ['confirmed'],
    to: 'supplement_requested',
    actors: ['qualification_reviewer'],
    phases: ['qualification_review'],
    label: '要求补充材料',
  },
  supply: {
    from: ['supplement_requested'],
    to: 'confirmed',
    actors: ['candidate'],
    phases: ['qualification_review'],
    label: '提交补充材料',
  },
  pass_review: {
    from: ['confirmed'],
    to: 'qualified',
    actors: ['qualification_reviewer'],
    phases: ['qualification_review'],
    label: '资格审核通过',
  },
  fail_review: {
    from: ['confirmed'],
    to: 'disqualified',
    actors: ['qualification_reviewer'],
    phases: ['qualification_review'],
    label: '资格审核不通过',
  },
  pay: {
    from: ['qualified'],
    to: 'paid',
    actors: ['system'],
    phases: ['payment'],
    label: '缴费成功',
  },
  payment_lapse: {
    from: ['qualified'],
    to: 'abandoned',
    actors: ['system'],
    phases: [],
    label: '逾期未缴费',
  },
} as const satisfies Record<string, RegistrationTransition>;

export type RegistrationEvent = keyof typeof REGISTRATION_TRANSITIONS;
export const REGISTRATION_EVENTS = Object.keys(REGISTRATION_TRANSITIONS) as [
  RegistrationEvent,
  ...RegistrationEvent[],
];

export type TransitionPlan =
  | { ok: true; to: RegistrationStatus }
  /** Not from this status (the status changed meanwhile, or the action does not apply). */
  | { ok: false; reason: 'invalid_transition'; message: string }
  /** This actor may not take this action. */
  | { ok: false; reason: 'forbidden'; message: string }
  /** None of the phases the action needs is open now. */
  | { ok: false; reason: 'phase_closed'; phases: readonly PhaseKind[]; message: string };

function transitionOf(event: RegistrationEvent): RegistrationTransition {
  return REGISTRATION_TRANSITIONS[event];
}

/** Why an action does not apply to a status, in words the candidate can act on. */
export function invalidTransitionMessage(
  event: RegistrationEvent,
  status: RegistrationStatus,
): string {
  const action = transitionOf(event).label;
  const now = REGISTRATION_STATUS_LABELS[status];
  if (event === 'withdraw' && (status === 'confirmed' || isAfterConfirmation(status))) {
    return `您的报名已确认，无需撤回信息提交。`;
  }
  if (event === 'withdraw' && status === 'draft') {
    return '您的报名信息尚未提交，无需撤回，可直接修改。';
  }
  return `报名当前状态为“${now}”，不能${action}。请刷新页面查看最新状态。`;
}

/**
 * The qualification results (R18, decide now, publish later): a registration in one of these
 * statuses reads as 报名确认 to its candidate until the area's results are published.
 */
export const QUALIFICATION_RESULT_STATUSES: ReadonlySet<RegistrationStatus> = new Set([
  'qualified',
  'disqualified',
]);

/**
 * The status a candidate may know (R18): a qualification result not yet published reads as
 * `confirmed` — in the view, and in every refusal the candidate's actions get.
 */
export function candidateVisibleStatus(
  status: RegistrationStatus,
  resultsPublished: boolean,
): RegistrationStatus {
  return !resultsPublished && QUALIFICATION_RESULT_STATUSES.has(status) ? 'confirmed' : status;
}

/** True once the area has confirmed the registration (it is never withdrawn after that, R9). */
export function isAfterConfirmation(status: RegistrationStatus): boolean {
  return (
    status === 'confirmed' ||
    status === 'supplement_requested' ||
    status === 'qualified' ||
    status === 'disqualified' ||
    status === 'paid'
  );
}

/** True while the candidate may change the registration's data (before it is submitted again). */
export function isEditable(status: RegistrationStatus): boolean {
  return status === 'draft' || status === 'returned';
}

/**
 * Whether `actor` may take `event` on a registration in `status` with these phases open now.
 * The order of the checks is the order of what a caller can fix: the actor, then the status, then
 * the calendar.
 */
export function planTransition(
  status: RegistrationStatus,
  event: RegistrationEvent,
  actor: RegistrationActor,
  openPhases: ReadonlySet<PhaseKind>,
): TransitionPlan {
  const transition = transitionOf(event);
  if (!transition.actors.includes(actor)) {
    return { ok: false, reason: 'forbidden', message: `您不能进行“${transition.label}”操作。` };
  }
  if (!transition.from.includes(status)) {
    return {
      ok: false,
      reason: 'invalid_transition',
      message: invalidTransitionMessage(event, status),
    };
  }
  if (transition.phases.length > 0 && !transition.phases.some((p) => openPhases.has(p))) {
    return {
      ok: false,
      reason: 'phase_closed',
      phases: transition.phases,
      message: `当前不在“${transition.label}”的办理时间内。`,
    };
  }
  return { ok: true, to: transition.to };
}

/** The actions `actor` could take on a registration in `status` now (for buttons in the UI). */
export function availableEvents(
  status: RegistrationStatus,
  actor: RegistrationActor,
  openPhases: ReadonlySet<PhaseKind>,
): RegistrationEvent[] {
  return REGISTRATION_EVENTS.filter((e) => planTransition(status, e, actor, openPhases).ok);
}

/**
 * The registration number (网报号) printed on the application form with its barcode: the area
 * code (2 digits), the cycle's year (4) and a per-area-and-cycle sequence (8), e.g. 31202400000042.
 */
export function formatRegistrationNumber(areaCode: string, year: number, sequence: number): string {
  if (!/^\d{2}$/.test(areaCode)) throw new RangeError('area code must be 2 digits');
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new RangeError('bad year');
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 99_999_999) {
    throw new RangeError('sequence must be 1..99999999');
  }
  return `${areaCode}${String(year)}${String(sequence).padStart(8, '0')}`;
}

export const REGISTRATION_NUMBER_PATTERN = /^\d{2}\d{4}\d{8}$/;
