import type { CatalogOverview } from '@hqe/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

/** GET /api/catalog/overview — the exam, its current cycles and each area's calendar. */
export function getCatalogOverview(signal?: AbortSignal): Promise<CatalogOverview> {
  return api.get<CatalogOverview>('/api/catalog/overview', undefined, signal);
}

/** The public exam calendar. */
export function useCatalogOverview() {
  return useQuery({
    queryKey: ['catalog', 'overview'],
    queryFn: ({ signal }) => getCatalogOverview(signal),
    staleTime: 5 * 60_000,
  });
}
