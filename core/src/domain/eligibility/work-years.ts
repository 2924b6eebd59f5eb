import { addDays, addMonths, dayNumber, fromDayNumber, maxDate, minDate } from './dates';

/**
 * Counting work time — the convention, applied everywhere in the eligibility check:
 *
 * 1. A period runs from `from` to `to`, both days included. A period without `to` is ongoing: it
 *    runs to whatever day we count to.
 * 2. Periods are clipped to the counting window: from the counting start (e.g. the practice
 *    registration date) to the cut-off date, both included. Periods that begin after the cut-off
 *    do not count.
 * 3. Overlapping periods, and periods that touch (the next begins on or before the day after the
 *    previous ends), are merged first, so no day counts twice.
 * 4. Gaps are closed up: the days worked are laid end to end from the first day of the first
 *    merged period, and that span is measured in whole calendar months, from its first day to the
 *    day after its last day. 2019-01-01 to 2023-12-31 is 2019-01-01 → 2024-01-01 = 60 months =
 *    exactly 5 years. With a gap, 2019-01-01 to 2019-06-30 (181 days) plus 2020-01-01 to
 *    2023-12-31 (1,461 days) is 1,642 days from 2019-01-01, i.e. up to 2023-06-30: 54 months.
 *    A month step from the 31st lands on the last day of a shorter month (see `addMonths`).
 * 5. Days that do not make a whole month do not count (they are reported as `days`).
 * 6. N years means 12·N months.
 *
 * So a requirement of N years from a start day S, with continuous work since S, is met on the
 * cut-off day C exactly when C ≥ S + N years − 1 day: registered 2020-01-01, 4 years, cut-off
 * 2023-12-31 → met; registered 2020-01-02 → one day short, not met.
 *
 * `metOn` is the first day on which the count reaches the requirement, counting to that day instead
 * of the cut-off and assuming that the ongoing periods continue (periods recorded as ending later
 * than the cut-off count up to their end). In the one-day-short example it is 2024-01-01, the day
 * after the cut-off. Without any period reaching beyond the cut-off there is no `metOn`: the
 * candidate must first resume work in the specialty.
 */

export interface WorkSpan {
  from: string;
  /** Absent: ongoing. */
  to?: string | undefined;
}

export interface ClosedSpan {
  from: string;
  to: string;
}

/** Merge overlapping or touching periods into sorted, disjoint ones. */
export function mergePeriods(periods: readonly ClosedSpan[]): ClosedSpan[] {
  const sorted = [...periods].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const merged: ClosedSpan[] = [];
  for (const p of sorted) {
    const last = merged.at(-1);
    if (last && p.from <= addDays(last.to, 1)) {
      last.to = maxDate(last.to, p.to);
    } else {
      merged.push({ ...p });
    }
  }
  return merged;
}

/** Whole calendar months of one period (both days included) and the days left over. */
export function periodLength(period: ClosedSpan): { months: number; days: number } {
  const end = addDays(period.to, 1);
  const [fy, fm] = period.from.split('-').map(Number) as [number, number];
  const [ey, em] = end.split('-').map(Number) as [number, number];
  let months = Math.max(0, (ey - fy) * 12 + (em - fm));
  while (months > 0 && addMonths(period.from, months) > end) months--;
  while (addMonths(period.from, months + 1) <= end) months++;
  return { months, days: dayNumber(end) - dayNumber(addMonths(period.from, months)) };
}

export interface WorkCount {
  /** Whole months counted. */
  months: number;
  /** Days beyond the whole months (not counted). */
  days: number;
  /** Days worked in the window, each counted once. */
  totalDays: number;
  /** The merged periods that were counted, clipped to the window. */
  periods: ClosedSpan[];
}

/** Count the periods inside the window [from, to] (both included; no `from`: no lower bound). */
export function countWork(
  periods: readonly WorkSpan[],
  window: { from?: string | undefined; to: string },
): WorkCount {
  const clipped: ClosedSpan[] = [];
  for (const p of periods) {
    const from = window.from ? maxDate(p.from, window.from) : p.from;
    const to = minDate(p.to ?? window.to, window.to);
    if (from <= to) clipped.push({ from, to });
  }
  const merged = mergePeriods(clipped);
  const first = merged[0];
  if (!first) return { months: 0, days: 0, totalDays: 0, periods: merged };
  const totalDays = merged.reduce((n, p) => n + dayNumber(p.to) - dayNumber(p.from) + 1, 0);
  const closedUp = { from: first.from, to: addDays(first.from, totalDays - 1) };
  return { ...periodLength(closedUp), totalDays, periods: merged };
}

export interface YearsCheck extends WorkCount {
  requiredMonths: number;
  met: boolean;
  /** When not met: the first day on which it would be (see the convention above). */
  metOn?: string;
}

/** Whether the periods give `requiredMonths` from `start` to the cut-off, and if not, when they will. */
export function checkWorkTime(
  periods: readonly WorkSpan[],
  start: string | undefined,
  cutoff: string,
  requiredMonths: number,
): YearsCheck {
  const count = countWork(periods, { from: start, to: cutoff });
  if (count.months >= requiredMonths) return { ...count, requiredMonths, met: true };
  const continues = periods.some((p) => p.to === undefined || p.to > cutoff);
  if (!continues) return { ...count, requiredMonths, met: false };
  const reaches = (day: number) =>
    countWork(periods, { from: start, to: fromDayNumber(day) }).months >= requiredMonths;
  // Work left to do, from the cut-off or from the latest start of a period that goes on.
  const resumes = periods.reduce((day, p) => maxDate(day, p.from), cutoff);
  let lo = dayNumber(cutoff) + 1;
  let hi = dayNumber(addMonths(resumes, requiredMonths - count.months + 2));
  if (!reaches(hi)) return { ...count, requiredMonths, met: false };
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (reaches(mid)) hi = mid;
    else lo = mid + 1;
  }
  return { ...count, requiredMonths, met: false, metOn: fromDayNumber(lo) };
}

/** 62 months → 5年2个月; 48 → 4年; 5 → 5个月; 0 → 不足1个月. */
export function formatMonthsZh(months: number): string {
  if (months <= 0) return '不足1个月';
  const years = Math.floor(months / 12);
  const rest = months % 12;
  if (years === 0) return `${rest}个月`;
  return rest === 0 ? `${years}年` : `${years}年${rest}个月`;
}
