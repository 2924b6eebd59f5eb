import type { ReviewQueueItem, ReviewQueuePage } from '@hqe/core';
import { describe, expect, it } from 'vitest';
import { joinPages, keepSelected, nextPageParam } from './paging';

function item(id: number): ReviewQueueItem {
  return {
    registrationId: id,
    registrationNumber: `3120240000${String(id).padStart(4, '0')}`,
    version: 1,
    status: 'submitted',
    statusLabel: '待确认',
    candidateName: `考生${id}`,
    documentNumberMasked: '3101**********1234',
    specialtyCode: '303',
    specialtyName: '内科学',
    levelLabel: '中级',
    cityName: '黄浦区',
    testSiteName: '上海市第一考点',
    returning: false,
    autoFailed: false,
    resubmitted: false,
    submittedAt: '2024-01-05T01:00:00.000Z',
    queuedAt: '2024-01-05T01:00:00.000Z',
    claim: null,
  };
}

const page = (ids: number[], nextCursor: string | null, total: number): ReviewQueuePage => ({
  items: ids.map(item),
  nextCursor,
  total,
});

describe('keyset pages of the queue', () => {
  it('when pages are loaded one after another, then the rows follow in order with the latest count', () => {
    const loaded = joinPages([page([1, 2], 'c1', 5), page([3, 4], 'c2', 5), page([5], null, 5)]);
    expect(loaded.items.map((i) => i.registrationId)).toEqual([1, 2, 3, 4, 5]);
    expect(loaded.total).toBe(5);
    expect(loaded.nextCursor).toBeNull();
  });

  it('when a registration moved while paging and comes again, then it is shown once, where it first was', () => {
    const loaded = joinPages([page([1, 2], 'c1', 4), page([2, 3], 'c2', 4)]);
    expect(loaded.items.map((i) => i.registrationId)).toEqual([1, 2, 3]);
    expect(loaded.nextCursor).toBe('c2');
  });

  it('when nothing is loaded yet, then there are no rows and no next page', () => {
    expect(joinPages([])).toEqual({ items: [], total: 0, nextCursor: null });
  });

  it('when the count shrank below the rows on screen, then the total never reads fewer than shown', () => {
    expect(joinPages([page([1, 2, 3], 'c', 2)]).total).toBe(3);
  });

  it('asks for the next page with the last cursor, and stops on the last page', () => {
    expect(nextPageParam(page([1], 'abc', 2))).toBe('abc');
    expect(nextPageParam(page([2], null, 2))).toBeUndefined();
  });

  it('keeps only the selected rows still on screen after a reload', () => {
    expect(keepSelected([1, 3, 9], [item(1), item(2), item(3)])).toEqual([1, 3]);
  });
});
