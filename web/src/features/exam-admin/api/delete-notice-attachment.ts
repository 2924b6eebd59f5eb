import type { ExamNoticeView } from '@hqe/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

/** DELETE /api/admin/notices/:id/attachments/:attachmentId — remove an attachment. */
export function deleteNoticeAttachment(input: {
  noticeId: number;
  attachmentId: number;
}): Promise<ExamNoticeView> {
  return apiRequest<ExamNoticeView>(
    `/api/admin/notices/${input.noticeId}/attachments/${input.attachmentId}`,
    { method: 'DELETE' },
  );
}

/** Delete an attachment and refresh the lists. */
export function useDeleteNoticeAttachment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteNoticeAttachment,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['exam-admin', 'notices'] }),
  });
}
