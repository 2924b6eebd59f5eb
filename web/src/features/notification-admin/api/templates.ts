import type {
  NotificationLocale,
  NotificationTemplateList,
  NotificationTemplatePreview,
  PutNotificationTemplateRequest,
} from '@hqe/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest } from '../../../lib/api-client';

const templatesKey = (examAreaId: number) =>
  ['notification-admin', 'templates', examAreaId] as const;
const templatePath = (examAreaId: number, key: string, locale: NotificationLocale) =>
  `/api/admin/exam-areas/${examAreaId}/notification-templates/${key}/${locale}`;

export interface TemplateRef {
  examAreaId: number;
  key: string;
  locale: NotificationLocale;
}

/** GET /api/admin/exam-areas/:id/notification-templates */
export function useNotificationTemplates(examAreaId: number) {
  return useQuery({
    queryKey: templatesKey(examAreaId),
    queryFn: ({ signal }) =>
      api.get<NotificationTemplateList>(
        `/api/admin/exam-areas/${examAreaId}/notification-templates`,
        undefined,
        signal,
      ),
  });
}

/** PUT …/notification-templates/:key/:locale — the area's own text. */
export function useSaveTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ ref, body }: { ref: TemplateRef; body: PutNotificationTemplateRequest }) =>
      apiRequest<NotificationTemplateList>(templatePath(ref.examAreaId, ref.key, ref.locale), {
        method: 'PUT',
        body,
      }),
    onSuccess: (list) => queryClient.setQueryData(templatesKey(list.examAreaId), list),
  });
}

/** DELETE …/notification-templates/:key/:locale — back to the default. */
export function useResetTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ref: TemplateRef) =>
      apiRequest<NotificationTemplateList>(templatePath(ref.examAreaId, ref.key, ref.locale), {
        method: 'DELETE',
      }),
    onSuccess: (list) => queryClient.setQueryData(templatesKey(list.examAreaId), list),
  });
}

/** POST …/preview — the text with sample values; nothing is saved. */
export function usePreviewTemplate() {
  return useMutation({
    mutationFn: ({ ref, body }: { ref: TemplateRef; body: PutNotificationTemplateRequest }) =>
      api.post<NotificationTemplatePreview>(
        `${templatePath(ref.examAreaId, ref.key, ref.locale)}/preview`,
        body,
      ),
  });
}
