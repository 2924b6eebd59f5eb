import type { CatalogOverview, ReviewDashboard } from '@hqe/core';

/*
 * Pure helpers of the dashboard's charts and figures: scales, the daily series with its empty
 * days, waiting times, rates. No DOM: tested with vitest.
 */

/** The smallest "round" number (1, 2, 2.5 or 5 × 10ⁿ) at or above `value`; 1 for nothing. */
export function niceMax(value: number): number {
  if (!Number.isFinite(value) || value <= 1) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) {
    const candidate = step * magnitude;
    if (candidate >= value) return candidate;
  }
  return 10 * magnitude;
}

/**
 * Axis ticks from 0 up to `max`: multiples of the smallest round step (1, 2 or 5 × 10ⁿ, at least
 * 1) that makes at most five intervals.
 */
export function ticks(max: number): number[] {
  if (!Number.isFinite(max) || max <= 0) return [0];
  let step = 1;
  for (let magnitude = 1; step * 5 < max; magnitude *= 10) {
    step = [1, 2, 5, 10].map((f) => f * magnitude).find((s) => s * 5 >= max) ?? 10 * magnitude;
  }
  const values: number[] = [];
  for (let t = 0; t <= max; t += step) values.push(t);
  return values;
}

/** A bar's length as a percentage of `max` (0–100); a value above 0 shows at least a sliver. */
export function barPercent(value: number, max: number): number {
  if (max <= 0 || value <= 0) return 0;
  return Math.max(1, Math.min(100, (value / max) * 100));
}

/** `part` of `whole` as a whole percentage ("—" when there is no whole). */
export function percentText(part: number, whole: number): string {
  if (whole <= 0) return '—';
  return `${Math.round((part / whole) * 100)}%`;
}

/** The day after a 'YYYY-MM-DD' calendar day. */
export function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export type DayPoint = ReviewDashboard['perDay'][number];

/**
 * The daily figures as a continuous series: every day from the first with activity to the last
 * (days without activity as zeros), at most the last `limit` days.
 */
export function dailySeries(perDay: readonly DayPoint[], limit = 60): DayPoint[] {
  const sorted = [...perDay].sort((a, b) => a.date.localeCompare(b.date));
  const first = sorted.at(0);
  const last = sorted.at(-1);
  if (!first || !last) return [];
  const byDate = new Map(sorted.map((d) => [d.date, d]));
  const series: DayPoint[] = [];
  for (let date = first.date; date <= last.date; date = nextDay(date)) {
    series.push(
      byDate.get(date) ?? {
        date,
        submissions: 0,
        confirmations: 0,
        autoConfirmations: 0,
        returns: 0,
        qualificationDecisions: 0,
      },
    );
  }
  return series.slice(-limit);
}

/** 'YYYY-MM-DD' → '11-20', the short label under a day's bars. */
export const shortDate = (date: string) => date.slice(5);

/** How long since `since` (ISO), in Chinese: 3 天 4 小时, 5 小时 12 分钟, 8 分钟. */
export function waitingText(since: string, now: Date): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - new Date(since).getTime()) / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  if (days > 0) return `${days} 天 ${hours} 小时`;
  if (hours > 0) return `${hours} 小时 ${rest} 分钟`;
  return `${rest} 分钟`;
}

/** The sum of the statuses' counts among `statuses`. */
export function countOf(
  byStatus: ReviewDashboard['byStatus'],
  statuses: readonly string[],
): number {
  return byStatus.reduce((sum, s) => (statuses.includes(s.status) ? sum + s.count : sum), 0);
}

/** A cycle the area takes part in (has a calendar for), from the public catalogue. */
export interface CycleChoice {
  id: number;
  year: number;
  name: string;
}

/** The current cycles in which the area has a calendar, newest year first. */
export function cyclesOfArea(overview: CatalogOverview, areaId: number): CycleChoice[] {
  const result: CycleChoice[] = [];
  for (const exam of overview.exams) {
    for (const cycle of exam.cycles) {
      if (cycle.areas.some((a) => a.id === areaId)) {
        result.push({ id: cycle.id, year: cycle.year, name: cycle.name });
      }
    }
  }
  return result.sort((a, b) => b.year - a.year || b.id - a.id);
}
