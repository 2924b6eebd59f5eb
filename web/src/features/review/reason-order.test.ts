import { describe, expect, it } from 'vitest';
import { moveReason, sortReasons } from './reason-order';

const r = (id: number, position: number) => ({ id, position });

describe('ordering the reason catalogue', () => {
  it('sorts by position, then by creation', () => {
    expect(sortReasons([r(3, 2), r(1, 5), r(2, 2)]).map((x) => x.id)).toEqual([2, 3, 1]);
  });

  it('when a reason moves up or down, then it swaps positions with its neighbour', () => {
    const items = [r(1, 10), r(2, 20), r(3, 30)];
    expect(moveReason(items, 2, -1)).toEqual([
      { id: 2, position: 10 },
      { id: 1, position: 20 },
    ]);
    expect(moveReason(items, 2, 1)).toEqual([
      { id: 2, position: 30 },
      { id: 3, position: 20 },
    ]);
  });

  it('when it is already first or last (or unknown), then nothing changes', () => {
    const items = [r(1, 1), r(2, 2)];
    expect(moveReason(items, 1, -1)).toEqual([]);
    expect(moveReason(items, 2, 1)).toEqual([]);
    expect(moveReason(items, 9, 1)).toEqual([]);
  });

  it('when positions repeat, then the list is renumbered 1…n in the new order', () => {
    const items = [r(1, 0), r(2, 0), r(3, 0)];
    expect(moveReason(items, 3, -1)).toEqual([
      { id: 1, position: 1 },
      { id: 3, position: 2 },
      { id: 2, position: 3 },
    ]);
    // Only what differs is sent.
    expect(moveReason([r(1, 1), r(2, 2), r(3, 2)], 3, -1)).toEqual([{ id: 2, position: 3 }]);
  });
});
