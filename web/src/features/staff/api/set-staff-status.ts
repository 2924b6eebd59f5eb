import type { StaffAccount } from '@hqe/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

/** POST /api/staff/accounts/:id/status — enable or disable a staff account. */
export function setStaffStatus(input: {
  id: number;
  status: StaffAccount['status'];
}): Promise<StaffAccount> {
  return api.post<StaffAccount>(`/api/staff/accounts/${input.id}/status`, {
    status: input.status,
  });
}

/** Enable or disable a staff account and refresh the lists. */
export function useSetStaffStatus() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setStaffStatus,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['staff'] }),
  });
}
