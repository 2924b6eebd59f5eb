import type { NotificationSettings, TodoCount, TodoList } from '@hqe/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest } from '../../../lib/api-client';

export const TO_DOS_KEY = ['candidate-todos'] as const;
const SETTINGS_KEY = ['candidate-notification-settings'] as const;

/** The bell refreshes on its own every few minutes, and whenever the window regains focus. */
const COUNT_REFRESH_MS = 5 * 60_000;

/** GET /api/candidate/todos — the open to-do items, nearest deadline first. */
export function useTodos() {
  return useQuery({
    queryKey: [...TO_DOS_KEY, 'list'],
    queryFn: ({ signal }) => api.get<TodoList>('/api/candidate/todos', undefined, signal),
  });
}

/** GET /api/candidate/todos/count — for the bell in the portal header. */
export function useTodoCount(options: { enabled: boolean }) {
  return useQuery({
    queryKey: [...TO_DOS_KEY, 'count'],
    queryFn: ({ signal }) => api.get<TodoCount>('/api/candidate/todos/count', undefined, signal),
    enabled: options.enabled,
    refetchInterval: COUNT_REFRESH_MS,
    staleTime: 30_000,
  });
}

/** GET /api/candidate/notifications/settings — the language of the candidate's messages. */
export function useNotificationSettings() {
  return useQuery({
    queryKey: SETTINGS_KEY,
    queryFn: ({ signal }) =>
      api.get<NotificationSettings>('/api/candidate/notifications/settings', undefined, signal),
  });
}

/** PUT /api/candidate/notifications/settings */
export function useUpdateNotificationSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NotificationSettings) =>
      apiRequest<NotificationSettings>('/api/candidate/notifications/settings', {
        method: 'PUT',
        body,
      }),
    onSuccess: (settings) => queryClient.setQueryData(SETTINGS_KEY, settings),
  });
}
