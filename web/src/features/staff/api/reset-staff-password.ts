import type { StaffAccount } from '@hqe/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

/** POST /api/staff/accounts/:id/reset-password — set a new password for a staff member. */
export function resetStaffPassword(input: {
  id: number;
  newPassword: string;
}): Promise<StaffAccount> {
  return api.post<StaffAccount>(`/api/staff/accounts/${input.id}/reset-password`, {
    newPassword: input.newPassword,
  });
}

/** Reset a staff member's password and refresh the lists. */
export function useResetStaffPassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: resetStaffPassword,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['staff'] }),
  });
}
