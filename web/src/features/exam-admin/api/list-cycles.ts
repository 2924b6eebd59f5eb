import type { CycleView } from '@hqe/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

/** GET /api/admin/cycles — every exam cycle, newest year first. */
export function listCycles(signal?: AbortSignal): Promise<{ items: CycleView[] }> {
  return api.get<{ items: CycleView[] }>('/api/admin/cycles', undefined, signal);
}

/** The exam cycles an administrator may pick. */
export function useCycles() {
  return useQuery({
    queryKey: ['exam-admin', 'cycles'],
    queryFn: ({ signal }) => listCycles(signal),
    staleTime: 5 * 60_000,
  });
}
