import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, isApiError, refreshSession } from '../../../lib/api-client';
import { clearUserData, SESSION_QUERY_KEY } from '../../../lib/query-client';

/** POST /api/auth/logout; a session that already ended counts as logged out. */
export async function logout(): Promise<{ ok: true }> {
  try {
    return await api.post<{ ok: true }>('/api/auth/logout');
  } catch (error) {
    if (isApiError(error, 'unauthenticated')) return { ok: true };
    throw error;
  }
}

/** Log out, forget the user's cached data and read the new (anonymous) session. */
export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logout,
    onSuccess: async () => {
      clearUserData();
      queryClient.setQueryData(SESSION_QUERY_KEY, await refreshSession());
    },
  });
}
