import type { CatalogOverview, ReviewDashboard } from '@hqe/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

/** GET /api/catalog/overview — the current cycles and the areas taking part (shared cache key). */
export function useCatalogOverview() {
  return useQuery({
    queryKey: ['catalog', 'overview'],
    queryFn: ({ signal }) => api.get<CatalogOverview>('/api/catalog/overview', undefined, signal),
    staleTime: 5 * 60_000,
  });
}

/**
 * GET /api/review/dashboard — the area's figures for a cycle (`examAreaId` only for a platform
 * administrator). Refreshed every minute while the page is open.
 */
export function useReviewDashboard(cycleId: number, examAreaId: number | null) {
  return useQuery({
    queryKey: ['review-oversight', 'dashboard', cycleId, examAreaId],
    queryFn: ({ signal }) =>
      api.get<ReviewDashboard>('/api/review/dashboard', { cycleId, examAreaId }, signal),
    refetchInterval: 60_000,
    staleTime: 30_000,
  });
}
