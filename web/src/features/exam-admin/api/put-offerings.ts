import type { OfferingList, PutOfferingsRequest } from '@hqe/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { CycleAreaKey } from './get-calendar';
import { offeringsKey } from './list-offerings';

/** PUT /api/admin/cycles/:cycleId/exam-areas/:examAreaId/offerings — the whole offered set. */
export function putOfferings(input: CycleAreaKey & PutOfferingsRequest): Promise<OfferingList> {
  return apiRequest<OfferingList>(
    `/api/admin/cycles/${input.cycleId}/exam-areas/${input.examAreaId}/offerings`,
    { method: 'PUT', body: { offerings: input.offerings } },
  );
}

/** Save the offered specialties and fees. */
export function usePutOfferings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: putOfferings,
    onSuccess: (list) => queryClient.setQueryData(offeringsKey(list), list),
  });
}
