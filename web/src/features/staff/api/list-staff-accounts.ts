import type { StaffAccount } from '@hqe/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { Paged } from '../../../lib/types';

export interface StaffListParams {
  page: number;
  pageSize: number;
  examAreaId?: number | undefined;
  q?: string | undefined;
}

/** GET /api/staff/accounts — one page of staff accounts the actor may manage. */
export function listStaffAccounts(
  params: StaffListParams,
  signal?: AbortSignal,
): Promise<Paged<StaffAccount>> {
  return api.get<Paged<StaffAccount>>('/api/staff/accounts', { ...params }, signal);
}

/** A page of staff accounts; keeps the previous page on screen while the next loads. */
export function useStaffAccounts(params: StaffListParams) {
  return useQuery({
    queryKey: ['staff', 'accounts', params],
    queryFn: ({ signal }) => listStaffAccounts(params, signal),
    placeholderData: keepPreviousData,
  });
}
