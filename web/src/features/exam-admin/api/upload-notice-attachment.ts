import type { ExamNoticeView, UploadAttachmentRequest } from '@hqe/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

/** POST /api/admin/notices/:id/attachments — attach a file (base64 in JSON, at most 10 MB). */
export function uploadNoticeAttachment(
  input: { noticeId: number } & UploadAttachmentRequest,
): Promise<ExamNoticeView> {
  return api.post<ExamNoticeView>(`/api/admin/notices/${input.noticeId}/attachments`, {
    fileName: input.fileName,
    contentBase64: input.contentBase64,
  });
}

/** Upload an attachment and refresh the lists. */
export function useUploadNoticeAttachment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: uploadNoticeAttachment,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['exam-admin', 'notices'] }),
  });
}
