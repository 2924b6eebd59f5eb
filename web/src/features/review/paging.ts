import type { ReviewQueueItem, ReviewQueuePage } from '@hqe/core';

/** The rows loaded so far through "加载更多", with the count and whether more remain. */
export interface LoadedQueue {
  items: ReviewQueueItem[];
  /** How many match the filters in all (共 N 条), as the latest page counted it. */
  total: number;
  /** The cursor for the next page; null when the last page is loaded. */
  nextCursor: string | null;
}

/**
 * Join keyset pages in order. A registration that moved while the reviewer paged (e.g. it was
 * resubmitted and queued again) may come twice: it is shown once, where it first appeared.
 */
export function joinPages(pages: readonly ReviewQueuePage[]): LoadedQueue {
  const seen = new Set<number>();
  const items: ReviewQueueItem[] = [];
  for (const page of pages) {
    for (const item of page.items) {
      if (seen.has(item.registrationId)) continue;
      seen.add(item.registrationId);
      items.push(item);
    }
  }
  const last = pages.at(-1);
  return {
    items,
    total: Math.max(last?.total ?? 0, items.length),
    nextCursor: last?.nextCursor ?? null,
  };
}

/** The cursor React Query asks for after the last page (undefined: no more pages). */
export function nextPageParam(last: ReviewQueuePage): string | undefined {
  return last.nextCursor ?? undefined;
}

/** Rows still selected after a reload: only those still on screen. */
export function keepSelected(selected: readonly number[], items: readonly ReviewQueueItem[]) {
  const present = new Set(items.map((item) => item.registrationId));
  return selected.filter((id) => present.has(id));
}
