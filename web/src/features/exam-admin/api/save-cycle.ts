import type { CreateCycleRequest, CycleView, UpdateCycleRequest } from '@hqe/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest } from '../../../lib/api-client';

/** POST /api/admin/cycles — a new cycle (platform admins). */
export function createCycle(input: CreateCycleRequest): Promise<CycleView> {
  return api.post<CycleView>('/api/admin/cycles', input);
}

/** PUT /api/admin/cycles/:id — a cycle's year, name and work-years cut-off (platform admins). */
export function updateCycle(input: { id: number } & UpdateCycleRequest): Promise<CycleView> {
  const { id, ...body } = input;
  return apiRequest<CycleView>(`/api/admin/cycles/${id}`, { method: 'PUT', body });
}

/** Cycles appear in every cycle picker of the console; refresh them all. */
function useRefreshCycles() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ['exam-admin', 'cycles'] });
}

/** Create a cycle and refresh the cycle lists. */
export function useCreateCycle() {
  const refresh = useRefreshCycles();
  return useMutation({ mutationFn: createCycle, onSuccess: refresh });
}

/** Save a cycle and refresh the cycle lists. */
export function useUpdateCycle() {
  const refresh = useRefreshCycles();
  return useMutation({ mutationFn: updateCycle, onSuccess: refresh });
}
