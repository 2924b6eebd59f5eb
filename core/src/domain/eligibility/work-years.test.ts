import { describe, expect, it } from 'vitest';
import { addMonths } from './dates';
import { checkWorkTime, countWork, formatMonthsZh, mergePeriods, periodLength } from './work-years';

const CUTOFF = '2023-12-31';

describe('periodLength', () => {
  it.each([
    ['2019-01-01', '2023-12-31', 60, 0],
    ['2020-01-01', '2023-12-31', 48, 0],
    ['2020-01-02', '2023-12-31', 47, 30],
    ['2023-12-31', '2023-12-31', 0, 1],
    ['2023-01-15', '2023-02-14', 1, 0],
    ['2020-02-29', '2021-02-26', 11, 29],
    ['2020-02-29', '2021-02-27', 12, 0],
  ])(
    'when a period runs from %s to %s (both included), then it is %i months and %i days',
    (from, to, months, days) => {
      expect(periodLength({ from, to })).toEqual({ months, days });
    },
  );
});

describe('addMonths', () => {
  it('when the day does not exist in the target month, then it lands on the last day of that month', () => {
    expect(addMonths('2023-01-31', 1)).toBe('2023-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2020-02-29', 12)).toBe('2021-02-28');
    expect(addMonths('2023-12-31', -12)).toBe('2022-12-31');
  });
});

describe('mergePeriods', () => {
  it('when periods overlap, then they merge into one spanning both', () => {
    expect(
      mergePeriods([
        { from: '2019-01-01', to: '2020-06-30' },
        { from: '2020-01-01', to: '2021-12-31' },
      ]),
    ).toEqual([{ from: '2019-01-01', to: '2021-12-31' }]);
  });

  it('when one period lies inside another, then only the outer one remains', () => {
    expect(
      mergePeriods([
        { from: '2019-01-01', to: '2023-12-31' },
        { from: '2020-03-01', to: '2020-04-30' },
      ]),
    ).toEqual([{ from: '2019-01-01', to: '2023-12-31' }]);
  });

  it('when the next period starts the day after the previous ends, then they merge', () => {
    expect(
      mergePeriods([
        { from: '2021-01-01', to: '2021-12-31' },
        { from: '2019-01-01', to: '2020-12-31' },
      ]),
    ).toEqual([{ from: '2019-01-01', to: '2021-12-31' }]);
  });

  it('when a day lies between two periods, then they stay apart, sorted by start', () => {
    expect(
      mergePeriods([
        { from: '2021-01-02', to: '2021-12-31' },
        { from: '2019-01-01', to: '2020-12-31' },
      ]),
    ).toEqual([
      { from: '2019-01-01', to: '2020-12-31' },
      { from: '2021-01-02', to: '2021-12-31' },
    ]);
  });
});

describe('countWork', () => {
  it('when two overlapping jobs are held at once, then the shared time counts once', () => {
    const count = countWork(
      [
        { from: '2019-01-01', to: '2021-12-31' },
        { from: '2021-01-01', to: '2023-12-31' },
      ],
      { to: CUTOFF },
    );
    expect(count.months).toBe(60);
    expect(count.totalDays).toBe(1826);
  });

  it('when there is a gap between periods, then the gap does not count (6 + 48 months = 54)', () => {
    const count = countWork(
      [
        { from: '2019-01-01', to: '2019-06-30' },
        { from: '2020-01-01', to: '2023-12-31' },
      ],
      { to: CUTOFF },
    );
    expect(count.months).toBe(54);
    expect(count.periods).toHaveLength(2);
  });

  it('when a period is ongoing, then it counts up to the cut-off day included', () => {
    expect(countWork([{ from: '2019-01-01' }], { to: CUTOFF }).months).toBe(60);
  });

  it('when a period ends after the cut-off, then only the part up to the cut-off counts', () => {
    expect(countWork([{ from: '2023-01-01', to: '2025-06-30' }], { to: CUTOFF }).months).toBe(12);
  });

  it('when work began before the counting start, then only the time since the start counts', () => {
    const count = countWork([{ from: '2010-01-01' }], { from: '2021-01-01', to: CUTOFF });
    expect(count.months).toBe(36);
  });

  it('when a period begins after the cut-off, then it does not count at all', () => {
    expect(countWork([{ from: '2024-01-01' }], { to: CUTOFF })).toMatchObject({
      months: 0,
      totalDays: 0,
    });
  });

  it('when short periods add up, then their days are pooled before counting months', () => {
    const count = countWork(
      [
        { from: '2023-01-01', to: '2023-01-20' },
        { from: '2023-03-01', to: '2023-03-20' },
      ],
      { to: CUTOFF },
    );
    expect(count.totalDays).toBe(40);
    expect(count.months).toBe(1);
  });
});

describe('checkWorkTime', () => {
  it('when exactly 4 years have passed on the cut-off day, then the requirement is met', () => {
    const check = checkWorkTime([{ from: '2020-01-01' }], '2020-01-01', CUTOFF, 48);
    expect(check.met).toBe(true);
    expect(check.metOn).toBeUndefined();
  });

  it('when the start is one day later, then it is not met and will be on the day after the cut-off', () => {
    const check = checkWorkTime([{ from: '2020-01-02' }], '2020-01-02', CUTOFF, 48);
    expect(check).toMatchObject({ met: false, months: 47, metOn: '2024-01-01' });
  });

  it('when the work has a gap, then the date it will be met moves later by the gap', () => {
    const check = checkWorkTime(
      [{ from: '2020-01-01', to: '2020-12-31' }, { from: '2021-04-01' }],
      '2020-01-01',
      CUTOFF,
      48,
    );
    expect(check.months).toBe(45);
    expect(check.metOn).toBe('2024-03-30'); // 2023-12-31 + the 90-day gap
  });

  it('when no work continues after the cut-off, then there is no date it will be met', () => {
    const check = checkWorkTime(
      [{ from: '2020-01-01', to: '2022-12-31' }],
      '2020-01-01',
      CUTOFF,
      48,
    );
    expect(check.met).toBe(false);
    expect(check.metOn).toBeUndefined();
  });

  it('when a contract runs past the cut-off but ends too soon, then there is no date it will be met', () => {
    const check = checkWorkTime([{ from: '2022-01-01', to: '2024-06-30' }], undefined, CUTOFF, 48);
    expect(check.metOn).toBeUndefined();
  });

  it('when no years are asked, then it is met even without any work', () => {
    expect(checkWorkTime([], undefined, CUTOFF, 0).met).toBe(true);
  });

  it.each([1, 2, 3, 4, 5, 6, 7])(
    'when the requirement is %i years and work started one day late, then it is met on 2024-01-01',
    (years) => {
      const start = `${2024 - years}-01-02`;
      const check = checkWorkTime([{ from: start }], start, CUTOFF, years * 12);
      expect(check.metOn).toBe('2024-01-01');
    },
  );
});

describe('formatMonthsZh', () => {
  it.each([
    [62, '5年2个月'],
    [48, '4年'],
    [5, '5个月'],
    [0, '不足1个月'],
  ])('when the count is %i months, then it reads %s', (months, text) => {
    expect(formatMonthsZh(months)).toBe(text);
  });
});

describe('checkWorkTime with a job starting after the cut-off', () => {
  it('when the only ongoing job starts later, then the date counts from that start', () => {
    const check = checkWorkTime(
      [{ from: '2020-01-01', to: '2021-12-31' }, { from: '2025-01-01' }],
      undefined,
      CUTOFF,
      48,
    );
    expect(check.months).toBe(24);
    expect(check.metOn).toBe('2026-12-31');
  });
});
