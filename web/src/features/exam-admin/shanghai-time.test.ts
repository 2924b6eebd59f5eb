import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { endInstantOf, fromBeijingWallTime, lastDayOf, normalizeEndTime } from './shanghai-time';

describe('calendar ends in Beijing time', () => {
  it('when the last day closes at 24:00, then the end instant is 00:00 of the next day (+08:00)', () => {
    expect(endInstantOf(dayjs('2023-12-14'), '24:00')).toBe('2023-12-15T00:00:00+08:00');
    expect(endInstantOf(dayjs('2024-02-29'), '24:00')).toBe('2024-03-01T00:00:00+08:00');
    expect(endInstantOf(dayjs('2023-12-31'), '24:00')).toBe('2024-01-01T00:00:00+08:00');
  });

  it('when it closes at another time, then the end instant is that day at that time', () => {
    expect(endInstantOf(dayjs('2023-12-14'), '17:00')).toBe('2023-12-14T17:00:00+08:00');
  });

  it('when an end instant at Beijing midnight is loaded, then it reads as the day before at 24:00', () => {
    const { lastDay, time } = lastDayOf('2023-12-14T16:00:00.000Z');
    expect(lastDay.format('YYYY-MM-DD')).toBe('2023-12-14');
    expect(time).toBe('24:00');
    const other = lastDayOf('2023-12-14T09:00:00.000Z');
    expect(other.lastDay.format('YYYY-MM-DD')).toBe('2023-12-14');
    expect(other.time).toBe('17:00');
  });

  it('when a value is saved and loaded again, then it is the same instant', () => {
    for (const iso of ['2023-12-15T00:00:00+08:00', '2024-01-29T09:30:00+08:00']) {
      const { lastDay, time } = lastDayOf(iso);
      expect(new Date(endInstantOf(lastDay, time)).getTime()).toBe(new Date(iso).getTime());
    }
    expect(fromBeijingWallTime(dayjs('2024-01-29 09:30'))).toBe('2024-01-29T09:30:00+08:00');
  });

  it('when a closing time is typed with full-width digits or no leading zero, then it is normalised', () => {
    expect(normalizeEndTime('９：００')).toBe('09:00');
    expect(normalizeEndTime('9:00')).toBe('09:00');
    expect(normalizeEndTime('24：00')).toBe('24:00');
    expect(normalizeEndTime('noon')).toBe('noon');
  });
});
