/**
 * Calendar dates as `YYYY-MM-DD` strings: no time of day and no time zone. They are computed through
 * a day number (days since 1970-01-01 on the proleptic Gregorian calendar), so the arithmetic is
 * exact and the same on every machine. Strings of this form also compare correctly with `<`.
 */

const DAY_MS = 86_400_000;

function parts(date: string): [number, number, number] {
  const [y, m, d] = date.split('-').map(Number);
  return [y ?? NaN, m ?? NaN, d ?? NaN];
}

/** Days since 1970-01-01. */
export function dayNumber(date: string): number {
  const [y, m, d] = parts(date);
  return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
}

/** The date of a day number. */
export function fromDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return fromDayNumber(dayNumber(date) + days);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The same day `months` months later; when that month is shorter, its last day (2023-01-31 plus one
 * month is 2023-02-28, 2020-02-29 plus twelve months is 2021-02-28).
 */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = parts(date);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const day = Math.min(d, daysInMonth(year, month));
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function minDate(a: string, b: string): string {
  return a < b ? a : b;
}

export function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}

/** 2023-12-31 → 2023年12月31日 */
export function formatDateZh(date: string): string {
  const [y, m, d] = parts(date);
  return `${y}年${m}月${d}日`;
}
