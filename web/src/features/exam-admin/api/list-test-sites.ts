import type { TestSiteView } from '@hqe/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

/** GET /api/admin/exam-areas/:examAreaId/test-sites — an area's test sites, inactive included. */
export function listTestSites(
  examAreaId: number,
  signal?: AbortSignal,
): Promise<{ items: TestSiteView[] }> {
  return api.get<{ items: TestSiteView[] }>(
    `/api/admin/exam-areas/${examAreaId}/test-sites`,
    undefined,
    signal,
  );
}

/** The test sites of one area. */
export function useTestSites(examAreaId: number) {
  return useQuery({
    queryKey: ['exam-admin', 'test-sites', examAreaId],
    queryFn: ({ signal }) => listTestSites(examAreaId, signal),
  });
}
