import type { ReviewReasonItem } from '@hqe/core';

/** The catalogue in the order reviewers see it: by position, then by the order of creation. */
export function sortReasons<T extends Pick<ReviewReasonItem, 'id' | 'position'>>(
  items: readonly T[],
): T[] {
  return [...items].sort((a, b) => a.position - b.position || a.id - b.id);
}

export interface PositionPatch {
  id: number;
  position: number;
}

/**
 * The position changes that move one reason up (-1) or down (+1) among the reasons of its stage:
 * the two neighbours swap positions; when they share one (or the positions are not distinct), the
 * whole list is renumbered 1…n in the new order. Empty when the reason cannot move that way.
 */
export function moveReason(
  items: readonly Pick<ReviewReasonItem, 'id' | 'position'>[],
  id: number,
  direction: -1 | 1,
): PositionPatch[] {
  const sorted = sortReasons(items);
  const from = sorted.findIndex((item) => item.id === id);
  const to = from + direction;
  const moving = sorted[from];
  const other = sorted[to];
  if (from < 0 || !moving || !other) return [];
  const distinct = new Set(sorted.map((item) => item.position)).size === sorted.length;
  if (distinct) {
    return [
      { id: moving.id, position: other.position },
      { id: other.id, position: moving.position },
    ];
  }
  const reordered = [...sorted];
  reordered[from] = other;
  reordered[to] = moving;
  return reordered
    .map((item, index) => ({ id: item.id, position: index + 1, before: item.position }))
    .filter((patch) => patch.position !== patch.before)
    .map(({ id: patchId, position }) => ({ id: patchId, position }));
}
