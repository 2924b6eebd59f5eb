import type { CreateStaffRequest, StaffAccount } from '@hqe/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

/** POST /api/staff/accounts — create a staff account with an initial password. */
export function createStaffAccount(body: CreateStaffRequest): Promise<StaffAccount> {
  return api.post<StaffAccount>('/api/staff/accounts', body);
}

/** Create a staff account and refresh the lists. */
export function useCreateStaffAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createStaffAccount,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['staff'] }),
  });
}
