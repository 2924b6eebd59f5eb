import type { ExamNoticeInput, ExamNoticeView } from '@hqe/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

/** PUT /api/admin/notices/:id — change a notice's title and body. */
export function updateNotice(input: { id: number } & ExamNoticeInput): Promise<ExamNoticeView> {
  return apiRequest<ExamNoticeView>(`/api/admin/notices/${input.id}`, {
    method: 'PUT',
    body: { title: input.title, body: input.body },
  });
}

/** Save a notice's title and body and refresh the lists. */
export function useUpdateNotice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateNotice,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['exam-admin', 'notices'] }),
  });
}
