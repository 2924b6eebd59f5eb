import type { CatalogOverview } from '@hqe/core';
import { describe, expect, it } from 'vitest';
import { cyclesOfArea, phaseStart, pickCycle } from './cycles';

const phase = (kind: 'registration' | 'results_publication', startsAt: string) => ({
  kind,
  label: kind,
  startsAt,
  endsAt: '2030-01-01T00:00:00.000Z',
  status: 'open' as const,
});

const overview: CatalogOverview = {
  now: '2024-01-05T00:00:00.000Z',
  exams: [
    {
      id: 1,
      code: 'hqe',
      name: '卫生专业技术资格考试',
      cycles: [
        {
          id: 10,
          year: 2024,
          name: '2024年度',
          workYearsCutoff: '2024-12-31',
          areas: [
            {
              id: 1,
              code: '31',
              name: '上海',
              phases: [phase('results_publication', '2024-03-01T00:00:00.000Z')],
            },
          ],
        },
        {
          id: 11,
          year: 2025,
          name: '2025年度',
          workYearsCutoff: '2025-12-31',
          areas: [{ id: 2, code: '32', name: '江苏', phases: [] }],
        },
        {
          id: 12,
          year: 2025,
          name: '2025年度（补）',
          workYearsCutoff: '2025-12-31',
          areas: [{ id: 1, code: '31', name: '上海', phases: [] }],
        },
      ],
    },
  ],
};

describe('the cycles a reviewer works in', () => {
  it('lists only the cycles the area takes part in, newest first', () => {
    expect(cyclesOfArea(overview, 1).map((c) => c.id)).toEqual([12, 10]);
    expect(cyclesOfArea(overview, 3)).toEqual([]);
  });

  it('takes the cycle asked for when the area has it, else the newest', () => {
    const cycles = cyclesOfArea(overview, 1);
    expect(pickCycle(cycles, 10)?.id).toBe(10);
    expect(pickCycle(cycles, 11)?.id).toBe(12);
    expect(pickCycle(cycles, null)?.id).toBe(12);
    expect(pickCycle([], null)).toBeNull();
  });

  it('finds when the review results are published', () => {
    const cycle = pickCycle(cyclesOfArea(overview, 1), 10);
    expect(phaseStart(cycle, 'results_publication')).toBe('2024-03-01T00:00:00.000Z');
    expect(phaseStart(cycle, 'registration')).toBeNull();
    expect(phaseStart(null, 'registration')).toBeNull();
  });
});
