import type { ExamNoticeView } from '@hqe/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

/** POST /api/admin/notices/:id/unpublish — withdraw a published notice (it becomes a draft). */
export function unpublishNotice(id: number): Promise<ExamNoticeView> {
  return api.post<ExamNoticeView>(`/api/admin/notices/${id}/unpublish`);
}

/** Withdraw a notice and refresh the lists. */
export function useUnpublishNotice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: unpublishNotice,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['exam-admin', 'notices'] }),
  });
}
