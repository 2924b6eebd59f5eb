import type { AdminSpecialty } from '@hqe/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

/** GET /api/admin/specialties?examId= — the national specialty table of an exam. */
export function listSpecialties(
  examId: number | undefined,
  signal?: AbortSignal,
): Promise<{ items: AdminSpecialty[] }> {
  return api.get<{ items: AdminSpecialty[] }>('/api/admin/specialties', { examId }, signal);
}

/** The specialty table (of one exam when `examId` is given). */
export function useSpecialties(examId: number | undefined) {
  return useQuery({
    queryKey: ['exam-admin', 'specialties', examId ?? null],
    queryFn: ({ signal }) => listSpecialties(examId, signal),
    staleTime: 5 * 60_000,
  });
}
