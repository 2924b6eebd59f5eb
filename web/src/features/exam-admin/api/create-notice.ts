import type { ExamNoticeInput, ExamNoticeView } from '@hqe/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { CycleAreaKey } from './get-calendar';

/** POST /api/admin/cycles/:cycleId/exam-areas/:examAreaId/notices — a new draft notice. */
export function createNotice(input: CycleAreaKey & ExamNoticeInput): Promise<ExamNoticeView> {
  return api.post<ExamNoticeView>(
    `/api/admin/cycles/${input.cycleId}/exam-areas/${input.examAreaId}/notices`,
    { title: input.title, body: input.body },
  );
}

/** Create a draft notice and refresh the lists. */
export function useCreateNotice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createNotice,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['exam-admin', 'notices'] }),
  });
}
