import {
  ELIGIBILITY_LEVELS,
  REGISTRATION_STATUSES,
  REVIEW_STAGE_STATUSES,
  REVIEW_STAGES,
  type EligibilityLevel,
  type RegistrationStatus,
  type ReviewStage,
} from '@hqe/core';

/*
 * The queue's filters live in the page address (/console/review?stage=…&city=…), so a reload, the
 * browser's back button or a link a colleague sends opens the same list. Unknown or malformed
 * values are dropped, never sent to the server.
 *
 * The search box (`q`) is the exception: it may hold a full document number (personal data), which
 * must not end up in the browser history, server logs, a Referer or a link sent to a colleague. It
 * is kept in the page's state and, so that 「返回审核队列」 finds it again, in this tab's
 * sessionStorage (gone when the tab closes); never in the address.
 */

/** What the queue page shows, as read from its address. */
export interface QueueState {
  stage: ReviewStage;
  /** The exam cycle (考试年度); null: the newest one the area takes part in. */
  cycleId: number | null;
  status?: RegistrationStatus;
  specialtyCode?: string;
  level?: EligibilityLevel;
  cityId?: number;
  testSiteId?: number;
  /** 历史考生: only those with (true) or without (false) a record of the previous cycle. */
  returning?: boolean;
  /** Only those whose automatic confirmation failed. */
  autoFailed?: boolean;
  /** Submitted from this Beijing day (YYYY-MM-DD), inclusive. */
  submittedFrom?: string;
  /** Submitted up to this Beijing day (YYYY-MM-DD), inclusive. */
  submittedTo?: string;
  /** 姓名 / 网报号 / 证件号码: never written into the address (see above). */
  q?: string;
}

/** The filters as the API takes them in the query string and in the body of POST /claims/next. */
export interface QueueWireFilters {
  stage: ReviewStage;
  cycleId: number;
  status?: RegistrationStatus;
  specialtyCode?: string;
  level?: EligibilityLevel;
  cityId?: number;
  testSiteId?: number;
  returning?: 'true' | 'false';
  autoFailed?: 'true' | 'false';
  submittedFrom?: string;
  submittedTo?: string;
  q?: string;
}

/** The names used in the address bar (short, readable). */
const PARAM = {
  stage: 'stage',
  cycleId: 'cycle',
  status: 'status',
  specialtyCode: 'specialty',
  level: 'level',
  cityId: 'city',
  testSiteId: 'site',
  returning: 'returning',
  autoFailed: 'autoFailed',
  submittedFrom: 'from',
  submittedTo: 'to',
} as const satisfies Record<Exclude<keyof QueueState, 'q'>, string>;

/** The most a search may hold (the API refuses more). */
export const QUEUE_SEARCH_MAX = 40;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar day written YYYY-MM-DD. */
export function isDay(value: string): boolean {
  const match = DAY.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value;
}

function positiveInt(value: string | null): number | undefined {
  if (value === null || !/^[1-9]\d{0,9}$/.test(value)) return undefined;
  const n = Number(value);
  return n <= 2 ** 31 - 1 ? n : undefined;
}

function oneOf<T extends string>(list: readonly T[], value: string | null): T | undefined {
  return list.find((item) => item === value);
}

function flag(value: string | null): boolean | undefined {
  if (value === '1' || value === 'true') return true;
  if (value === '0' || value === 'false') return false;
  return undefined;
}

/**
 * Read the queue's state from the address. The stage must be one the account may open (else the
 * first of `stages`), the status one of the stage's; everything else is kept only when well
 * formed. A `q` left in an old address is ignored.
 */
export function parseQueueParams(
  params: URLSearchParams,
  stages: readonly ReviewStage[],
): QueueState {
  const wanted = oneOf(REVIEW_STAGES, params.get(PARAM.stage));
  const stage = wanted && stages.includes(wanted) ? wanted : (stages[0] ?? 'confirmation');
  const state: QueueState = { stage, cycleId: positiveInt(params.get(PARAM.cycleId)) ?? null };
  // Only the stage's statuses (the server refuses others): REVIEW_STAGE_STATUSES.
  const status = oneOf(REGISTRATION_STATUSES, params.get(PARAM.status));
  if (status && REVIEW_STAGE_STATUSES[stage].includes(status)) state.status = status;
  const specialty = params.get(PARAM.specialtyCode);
  if (specialty !== null && /^\d{3}[A-Z]?$/.test(specialty)) state.specialtyCode = specialty;
  const level = oneOf(ELIGIBILITY_LEVELS, params.get(PARAM.level));
  if (level) state.level = level;
  const city = positiveInt(params.get(PARAM.cityId));
  if (city !== undefined) state.cityId = city;
  const site = positiveInt(params.get(PARAM.testSiteId));
  if (site !== undefined) state.testSiteId = site;
  const returning = flag(params.get(PARAM.returning));
  if (returning !== undefined) state.returning = returning;
  if (flag(params.get(PARAM.autoFailed)) === true) state.autoFailed = true;
  const from = params.get(PARAM.submittedFrom);
  const to = params.get(PARAM.submittedTo);
  if (from !== null && isDay(from)) state.submittedFrom = from;
  if (to !== null && isDay(to)) state.submittedTo = to;
  if (state.submittedFrom && state.submittedTo && state.submittedFrom > state.submittedTo) {
    [state.submittedFrom, state.submittedTo] = [state.submittedTo, state.submittedFrom];
  }
  return state;
}

/**
 * Write the queue's state into an address query (only what is set, in a stable order); the search
 * text is left out.
 */
export function toQueueParams(state: QueueState): URLSearchParams {
  const params = new URLSearchParams();
  params.set(PARAM.stage, state.stage);
  if (state.cycleId !== null) params.set(PARAM.cycleId, String(state.cycleId));
  if (state.status) params.set(PARAM.status, state.status);
  if (state.specialtyCode) params.set(PARAM.specialtyCode, state.specialtyCode);
  if (state.level) params.set(PARAM.level, state.level);
  if (state.cityId !== undefined) params.set(PARAM.cityId, String(state.cityId));
  if (state.testSiteId !== undefined) params.set(PARAM.testSiteId, String(state.testSiteId));
  if (state.returning !== undefined) params.set(PARAM.returning, state.returning ? '1' : '0');
  if (state.autoFailed) params.set(PARAM.autoFailed, '1');
  if (state.submittedFrom) params.set(PARAM.submittedFrom, state.submittedFrom);
  if (state.submittedTo) params.set(PARAM.submittedTo, state.submittedTo);
  return params;
}

/** Where this tab keeps the queue's search text (sessionStorage). */
export const QUEUE_SEARCH_KEY = 'hqe.review.queue.q';

/** The storage the search text is kept in; null where the browser refuses it (private mode …). */
type SearchStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

function sessionStore(): SearchStorage | null {
  try {
    return typeof window === 'undefined' ? null : window.sessionStorage;
  } catch {
    return null;
  }
}

/** The search text this tab last used in the queue, trimmed and cut to the API's limit. */
export function readQueueSearch(
  storage: SearchStorage | null = sessionStore(),
): string | undefined {
  try {
    const q = storage?.getItem(QUEUE_SEARCH_KEY)?.trim();
    return q ? q.slice(0, QUEUE_SEARCH_MAX) : undefined;
  } catch {
    return undefined;
  }
}

/** Keep the queue's search text for this tab (or forget it: undefined). */
export function rememberQueueSearch(
  q: string | undefined,
  storage: SearchStorage | null = sessionStore(),
): void {
  try {
    const text = q?.trim().slice(0, QUEUE_SEARCH_MAX);
    if (text) storage?.setItem(QUEUE_SEARCH_KEY, text);
    else storage?.removeItem(QUEUE_SEARCH_KEY);
  } catch {
    // Storage refused (full, disabled): the search just is not remembered.
  }
}

/** The day after a YYYY-MM-DD day. */
function nextDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, (d ?? 1) + 1)).toISOString().slice(0, 10);
}

/**
 * The filters for the API: Beijing days become instants with +08:00 (from the start of the first
 * day to the start of the day after the last), booleans the strings the query schema takes.
 */
export function toWireFilters(state: QueueState, cycleId: number): QueueWireFilters {
  const wire: QueueWireFilters = { stage: state.stage, cycleId };
  if (state.status) wire.status = state.status;
  if (state.specialtyCode) wire.specialtyCode = state.specialtyCode;
  if (state.level) wire.level = state.level;
  if (state.cityId !== undefined) wire.cityId = state.cityId;
  if (state.testSiteId !== undefined) wire.testSiteId = state.testSiteId;
  if (state.returning !== undefined) wire.returning = state.returning ? 'true' : 'false';
  if (state.autoFailed) wire.autoFailed = 'true';
  if (state.submittedFrom) wire.submittedFrom = `${state.submittedFrom}T00:00:00+08:00`;
  if (state.submittedTo) wire.submittedTo = `${nextDay(state.submittedTo)}T00:00:00+08:00`;
  if (state.q) wire.q = state.q;
  return wire;
}

/** The body of POST /claims/next: the same filters without the status and the search. */
export function toClaimNextBody(
  state: QueueState,
  cycleId: number,
): Omit<QueueWireFilters, 'status' | 'q'> {
  const { status: _status, q: _q, ...rest } = toWireFilters(state, cycleId);
  return rest;
}

/** How many filters narrow the list (the stage and the cycle do not count). */
export function activeFilterCount(state: QueueState): number {
  const keys: (keyof QueueState)[] = [
    'status',
    'specialtyCode',
    'level',
    'cityId',
    'testSiteId',
    'returning',
    'autoFailed',
    'submittedFrom',
    'q',
  ];
  return keys.filter((key) => state[key] !== undefined).length;
}
