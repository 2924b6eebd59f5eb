import type { ExamNoticeView } from '@hqe/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

/** POST /api/admin/notices/:id/publish — show a notice to candidates. */
export function publishNotice(id: number): Promise<ExamNoticeView> {
  return api.post<ExamNoticeView>(`/api/admin/notices/${id}/publish`);
}

/** Publish a notice and refresh the lists (and the public notices). */
export function usePublishNotice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: publishNotice,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['exam-admin', 'notices'] }),
  });
}
