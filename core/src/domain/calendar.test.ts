import { describe, expect, it } from 'vitest';
import {
  formatShanghai,
  formatShanghaiEnd,
  isPhaseOpen,
  PHASE_KIND_LIST,
  PHASE_LABELS,
  phaseStatus,
} from './calendar';

/** Registration of a cycle: 2023-12-14 17:00 to 2023-12-25 17:00, Beijing time. */
const phase = {
  startsAt: new Date('2023-12-14T09:00:00.000Z'),
  endsAt: new Date('2023-12-25T09:00:00.000Z'),
};
const at = (ms: number) => new Date(ms);

describe('isPhaseOpen and phaseStatus', () => {
  it('when now is 1 ms before the start, then the phase is upcoming and not open', () => {
    const now = at(phase.startsAt.getTime() - 1);
    expect(isPhaseOpen(phase, now)).toBe(false);
    expect(phaseStatus(phase, now)).toBe('upcoming');
  });

  it('when now is exactly the start instant, then the phase is open (start is inclusive)', () => {
    const now = at(phase.startsAt.getTime());
    expect(isPhaseOpen(phase, now)).toBe(true);
    expect(phaseStatus(phase, now)).toBe('open');
  });

  it('when now is 1 ms before the end, then the phase is still open', () => {
    const now = at(phase.endsAt.getTime() - 1);
    expect(isPhaseOpen(phase, now)).toBe(true);
    expect(phaseStatus(phase, now)).toBe('open');
  });

  it('when now is exactly the end instant, then the phase is closed (end is exclusive)', () => {
    const now = at(phase.endsAt.getTime());
    expect(isPhaseOpen(phase, now)).toBe(false);
    expect(phaseStatus(phase, now)).toBe('closed');
  });

  it('when now is long after the end, then the phase is closed', () => {
    expect(phaseStatus(phase, new Date('2024-06-01T00:00:00.000Z'))).toBe('closed');
  });
});

describe('formatShanghai', () => {
  it.each([
    ['2023-12-14T09:00:00.000Z', '2023-12-14 17:00'],
    ['2023-12-14T15:59:00.000Z', '2023-12-14 23:59'],
    ['2023-12-14T16:00:00.000Z', '2023-12-15 00:00'],
    ['2023-12-31T16:30:00.000Z', '2024-01-01 00:30'],
    ['2024-02-28T20:05:00.000Z', '2024-02-29 04:05'],
    ['2026-07-01T00:00:00.000Z', '2026-07-01 08:00'],
  ])('when the UTC instant is %s, then Shanghai wall time is %s', (utc, shanghai) => {
    expect(formatShanghai(new Date(utc))).toBe(shanghai);
  });
});

describe('phase kinds', () => {
  it('when listing the phase kinds, then they follow the order of a cycle and each has a label', () => {
    expect(PHASE_KIND_LIST).toEqual([
      'registration',
      'confirmation',
      'resubmission',
      'qualification_review',
      'results_publication',
      'payment',
      'admission_ticket',
      'exam',
    ]);
    for (const kind of PHASE_KIND_LIST) expect(PHASE_LABELS[kind]).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('formatShanghaiEnd', () => {
  it('when a period ends at Shanghai midnight, then it reads as 24:00 of the day before', () => {
    expect(formatShanghaiEnd(new Date('2023-12-14T16:00:00Z'))).toBe('2023-12-14 24:00');
    expect(formatShanghaiEnd(new Date('2024-01-01T16:00:00Z'))).toBe('2024-01-01 24:00');
    expect(formatShanghaiEnd(new Date('2024-02-29T16:00:00Z'))).toBe('2024-02-29 24:00');
  });

  it('when a period ends at any other time, then it is shown as it is', () => {
    expect(formatShanghaiEnd(new Date('2023-12-14T09:00:00Z'))).toBe('2023-12-14 17:00');
    expect(formatShanghaiEnd(new Date('2023-12-14T16:01:00Z'))).toBe('2023-12-15 00:01');
  });
});
