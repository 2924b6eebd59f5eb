import type {
  DeliveryAttemptList,
  NotificationMessageList,
  NotificationMessageStatus,
  NotificationMessageView,
  NotificationTemplateKey,
  OutboxChannel,
} from '@hqe/core';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

const MESSAGES_KEY = ['notification-admin', 'messages'] as const;

/** The query of the outbox list (see notificationMessageListQuerySchema). */
export interface MessageListParams {
  page: number;
  pageSize: number;
  examAreaId?: number | undefined;
  status?: NotificationMessageStatus | undefined;
  channel?: OutboxChannel | undefined;
  templateKey?: NotificationTemplateKey | undefined;
  candidate?: string | undefined;
}

/** GET /api/admin/notification-messages — one page of the outbox, newest first. */
export function useNotificationMessages(params: MessageListParams) {
  return useQuery({
    queryKey: [...MESSAGES_KEY, 'list', params],
    queryFn: ({ signal }) =>
      api.get<NotificationMessageList>('/api/admin/notification-messages', { ...params }, signal),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}

/** GET /api/admin/notification-messages/:id/attempts — loaded when a row is expanded. */
export function useDeliveryAttempts(messageId: number) {
  return useQuery({
    queryKey: [...MESSAGES_KEY, 'attempts', messageId],
    queryFn: ({ signal }) =>
      api.get<DeliveryAttemptList>(
        `/api/admin/notification-messages/${messageId}/attempts`,
        undefined,
        signal,
      ),
    staleTime: 0,
  });
}

/** POST /api/admin/notification-messages/:id/resend */
export function useResendMessage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) =>
      api.post<NotificationMessageView>(`/api/admin/notification-messages/${id}/resend`),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: MESSAGES_KEY }),
  });
}
