import { DISPLAY_TIME_ZONE, formatShanghai, formatShanghaiEnd } from '@hqe/core';

const EMPTY = '—';

/** An ISO instant from the API as Shanghai wall time (2024-01-05 09:00), or a dash when absent. */
export function formatInstant(iso: string | null | undefined): string {
  if (!iso) return EMPTY;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? EMPTY : formatShanghai(date);
}

/** The exclusive end of a period from the API, read as a deadline (2024-01-05 24:00). */
export function formatPeriodEnd(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? EMPTY : formatShanghaiEnd(date);
}

const weekdayFormatter = new Intl.DateTimeFormat('zh-CN', {
  timeZone: DISPLAY_TIME_ZONE,
  weekday: 'long',
});

/** Today's date in Shanghai with its weekday, e.g. 2024-01-05 星期五. */
export function formatShanghaiToday(now: Date = new Date()): string {
  return `${formatShanghai(now).slice(0, 10)} ${weekdayFormatter.format(now)}`;
}

/** True when an ISO instant lies in the future. */
export function isInFuture(iso: string | null | undefined, now: Date = new Date()): boolean {
  if (!iso) return false;
  return new Date(iso).getTime() > now.getTime();
}
