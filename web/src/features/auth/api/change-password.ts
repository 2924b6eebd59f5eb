import type { ChangePasswordRequest } from '@hqe/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import { SESSION_QUERY_KEY } from '../../../lib/query-client';

/** POST /api/auth/password — change the logged-in user's own password. */
export function changePassword(body: ChangePasswordRequest): Promise<{ ok: true }> {
  return api.post<{ ok: true }>('/api/auth/password', body);
}

/** Change the password, then re-read the session (mustChangePassword turns false). */
export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: changePassword,
    onSuccess: () => queryClient.refetchQueries({ queryKey: SESSION_QUERY_KEY }),
  });
}
