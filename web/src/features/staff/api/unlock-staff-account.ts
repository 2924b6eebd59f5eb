import type { StaffAccount } from '@hqe/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

/** POST /api/staff/accounts/:id/unlock — lift a lock left by failed logins. */
export function unlockStaffAccount(id: number): Promise<StaffAccount> {
  return api.post<StaffAccount>(`/api/staff/accounts/${id}/unlock`);
}

/** Unlock a staff account and refresh the lists. */
export function useUnlockStaffAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: unlockStaffAccount,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['staff'] }),
  });
}
