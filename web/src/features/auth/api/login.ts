import type { LoginRequest, SessionView } from '@hqe/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, rememberSession } from '../../../lib/api-client';
import { clearUserData, SESSION_QUERY_KEY } from '../../../lib/query-client';

/** POST /api/auth/login — returns the new session with a new CSRF token. */
export async function login(body: LoginRequest): Promise<SessionView> {
  const view = await api.post<SessionView>('/api/auth/login', body);
  rememberSession(view);
  return view;
}

/** Log in and make the new session the current one. */
export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: (view) => {
      clearUserData();
      queryClient.setQueryData(SESSION_QUERY_KEY, view);
    },
  });
}
