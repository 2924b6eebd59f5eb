import { describe, expect, it } from 'vitest';
import type { CatalogOverview } from '@hqe/core';
import {
  barPercent,
  countOf,
  cyclesOfArea,
  dailySeries,
  nextDay,
  niceMax,
  percentText,
  shortDate,
  ticks,
  waitingText,
  type DayPoint,
} from './chart-data';

const day = (date: string, submissions = 0, confirmations = 0, returns = 0): DayPoint => ({
  date,
  submissions,
  confirmations,
  autoConfirmations: 0,
  returns,
  qualificationDecisions: 0,
});

describe('scales', () => {
  it('rounds a maximum up to 1, 2, 2.5 or 5 times a power of ten', () => {
    expect(niceMax(0)).toBe(1);
    expect(niceMax(1)).toBe(1);
    expect(niceMax(3)).toBe(5);
    expect(niceMax(7)).toBe(10);
    expect(niceMax(10)).toBe(10);
    expect(niceMax(11)).toBe(20);
    expect(niceMax(240)).toBe(250);
    expect(niceMax(4_321)).toBe(5_000);
    expect(niceMax(Number.NaN)).toBe(1);
  });

  it('gives round integer ticks from zero, at most five intervals', () => {
    expect(ticks(20)).toEqual([0, 5, 10, 15, 20]);
    expect(ticks(250)).toEqual([0, 50, 100, 150, 200, 250]);
    expect(ticks(10)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(ticks(5)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(ticks(1)).toEqual([0, 1]);
    expect(ticks(5_000)).toEqual([0, 1_000, 2_000, 3_000, 4_000, 5_000]);
    expect(ticks(0)).toEqual([0]);
  });

  it('turns a value into a bar length, a sliver for small values and nothing for zero', () => {
    expect(barPercent(50, 200)).toBe(25);
    expect(barPercent(0, 200)).toBe(0);
    expect(barPercent(1, 100_000)).toBe(1);
    expect(barPercent(300, 200)).toBe(100);
    expect(barPercent(5, 0)).toBe(0);
  });

  it('writes a share as a whole percentage, or a dash without a whole', () => {
    expect(percentText(1, 3)).toBe('33%');
    expect(percentText(2, 2)).toBe('100%');
    expect(percentText(0, 0)).toBe('—');
  });
});

describe('the daily series', () => {
  it('fills the days without activity between the first and the last, in order', () => {
    const series = dailySeries([day('2026-11-20', 3), day('2026-11-17', 1, 1)]);
    expect(series.map((d) => d.date)).toEqual([
      '2026-11-17',
      '2026-11-18',
      '2026-11-19',
      '2026-11-20',
    ]);
    expect(series[1]).toEqual(day('2026-11-18'));
    expect(series[3]?.submissions).toBe(3);
  });

  it('crosses month and year ends and keeps only the last days asked for', () => {
    expect(nextDay('2026-02-28')).toBe('2026-03-01');
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
    const series = dailySeries([day('2026-12-30'), day('2027-01-02', 2)], 2);
    expect(series.map((d) => d.date)).toEqual(['2027-01-01', '2027-01-02']);
  });

  it('is empty without activity, and labels days by month and day', () => {
    expect(dailySeries([])).toEqual([]);
    expect(shortDate('2026-11-20')).toBe('11-20');
  });
});

describe('figures', () => {
  it('says how long a registration has waited, in days and hours or hours and minutes', () => {
    const now = new Date('2026-11-20T10:00:00Z');
    expect(waitingText('2026-11-17T06:30:00Z', now)).toBe('3 天 3 小时');
    expect(waitingText('2026-11-20T04:48:00Z', now)).toBe('5 小时 12 分钟');
    expect(waitingText('2026-11-20T09:52:00Z', now)).toBe('8 分钟');
    expect(waitingText('2026-11-20T11:00:00Z', now)).toBe('0 分钟');
  });

  it('sums the counts of some statuses', () => {
    const byStatus = [
      { status: 'draft', label: '未提交', count: 2 },
      { status: 'confirmed', label: '报名确认', count: 5 },
      { status: 'qualified', label: '资格审核通过', count: 4 },
    ] as const;
    expect(countOf([...byStatus], ['confirmed', 'qualified'])).toBe(9);
    expect(countOf([...byStatus], [])).toBe(0);
  });

  it('lists the current cycles an area has a calendar in, newest first', () => {
    const area = (id: number) => ({ id, code: String(30 + id), name: `考区${id}`, phases: [] });
    const overview = {
      now: '2026-11-20T02:00:00.000Z',
      exams: [
        {
          id: 1,
          code: 'HPTQ',
          name: '全国卫生专业技术资格考试',
          cycles: [
            {
              id: 1,
              year: 2026,
              name: '2026 年度',
              workYearsCutoff: '2025-12-31',
              areas: [area(1)],
            },
            {
              id: 2,
              year: 2027,
              name: '2027 年度',
              workYearsCutoff: '2026-12-31',
              areas: [area(1), area(2)],
            },
          ],
        },
      ],
    } as unknown as CatalogOverview;
    expect(cyclesOfArea(overview, 1).map((c) => c.id)).toEqual([2, 1]);
    expect(cyclesOfArea(overview, 2)).toEqual([{ id: 2, year: 2027, name: '2027 年度' }]);
    expect(cyclesOfArea(overview, 3)).toEqual([]);
  });
});
