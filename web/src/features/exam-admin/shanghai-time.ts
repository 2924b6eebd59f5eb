import { formatShanghai } from '@hqe/core';
import dayjs, { type Dayjs } from 'dayjs';

/*
 * The date pickers show Beijing wall time whatever the browser's time zone: an instant is turned
 * into a Dayjs holding the same year, month, day, hour and minute as on a clock in Shanghai, and
 * back into an ISO instant with the fixed offset +08:00 (China has no daylight saving time).
 */

/** An ISO instant as a picker value holding its Beijing wall time. */
export function toBeijingWallTime(iso: string): Dayjs {
  return dayjs(formatShanghai(new Date(iso)));
}

/** A picker value (Beijing wall time) as an ISO instant with +08:00, to the minute. */
export function fromBeijingWallTime(value: Dayjs): string {
  return `${value.format('YYYY-MM-DDTHH:mm')}:00+08:00`;
}

/** `HH:mm` from 00:00 to 23:59, or 24:00 for the end of the day. */
export const END_TIME_PATTERN = /^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/;

/** Accepts 9:00, ９：００ and 24：00 as 09:00 / 24:00; leaves anything else as typed. */
export function normalizeEndTime(text: string): string {
  const half = text
    .trim()
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace('：', ':');
  const match = /^(\d{1,2}):(\d{2})$/.exec(half);
  return match ? `${match[1]?.padStart(2, '0') ?? ''}:${match[2] ?? ''}` : half;
}

/**
 * The exclusive end instant the API uses, from the last day and the closing time on it: 24:00
 * closes at the end of that day, i.e. 00:00 of the next day.
 */
export function endInstantOf(lastDay: Dayjs, time: string): string {
  if (time === '24:00') return `${lastDay.add(1, 'day').format('YYYY-MM-DD')}T00:00:00+08:00`;
  return `${lastDay.format('YYYY-MM-DD')}T${time}:00+08:00`;
}

/**
 * The last day and closing time of an exclusive end instant: an end at Beijing midnight is the
 * previous day at 24:00; any other end is that day at that time.
 */
export function lastDayOf(iso: string): { lastDay: Dayjs; time: string } {
  const wall = formatShanghai(new Date(iso));
  const time = wall.slice(11);
  if (time === '00:00') {
    return { lastDay: dayjs(wall.slice(0, 10)).subtract(1, 'day'), time: '24:00' };
  }
  return { lastDay: dayjs(wall.slice(0, 10)), time };
}
