import type { CreateExamAreaRequest, UpdateExamAreaRequest } from '@hqe/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest } from '../../../lib/api-client';
import type { ExamAreaRef } from '../../../lib/types';

/** POST /api/admin/exam-areas — a new exam area (platform admins). */
export function createExamArea(input: CreateExamAreaRequest): Promise<ExamAreaRef> {
  return api.post<ExamAreaRef>('/api/admin/exam-areas', input);
}

/** PUT /api/admin/exam-areas/:id — rename an exam area (platform admins); the code stays. */
export function updateExamArea(
  input: { id: number } & UpdateExamAreaRequest,
): Promise<ExamAreaRef> {
  const { id, ...body } = input;
  return apiRequest<ExamAreaRef>(`/api/admin/exam-areas/${id}`, { method: 'PUT', body });
}

/**
 * The exam-area list every area picker reads is GET /api/exam-areas, cached under
 * ['catalog', 'exam-areas']; refresh it after a change.
 */
function useRefreshAreas() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ['catalog', 'exam-areas'] });
}

/** Create an exam area and refresh the area lists. */
export function useCreateExamArea() {
  const refresh = useRefreshAreas();
  return useMutation({ mutationFn: createExamArea, onSuccess: refresh });
}

/** Rename an exam area and refresh the area lists. */
export function useUpdateExamArea() {
  const refresh = useRefreshAreas();
  return useMutation({ mutationFn: updateExamArea, onSuccess: refresh });
}
