import type { publicExamNoticeListSchema } from '@hqe/core';
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../../lib/api-client';

export type PublishedNotices = z.infer<typeof publicExamNoticeListSchema>;

/** GET /api/cycles/:cycleId/exam-areas/:examAreaId/notices — the published notices (public). */
export function getPublishedNotices(
  cycleId: number,
  examAreaId: number,
  signal?: AbortSignal,
): Promise<PublishedNotices> {
  return api.get<PublishedNotices>(
    `/api/cycles/${cycleId}/exam-areas/${examAreaId}/notices`,
    undefined,
    signal,
  );
}

/** The published notices of one area in one cycle. */
export function usePublishedNotices(cycleId: number, examAreaId: number) {
  return useQuery({
    queryKey: ['catalog', 'notices', cycleId, examAreaId],
    queryFn: ({ signal }) => getPublishedNotices(cycleId, examAreaId, signal),
    staleTime: 5 * 60_000,
  });
}
