import type { OfferingList } from '@hqe/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { CycleAreaKey } from './get-calendar';

export const offeringsKey = ({ cycleId, examAreaId }: CycleAreaKey) =>
  ['exam-admin', 'offerings', cycleId, examAreaId] as const;

/** GET /api/admin/cycles/:cycleId/exam-areas/:examAreaId/offerings — offered specialties, fees. */
export function listOfferings(key: CycleAreaKey, signal?: AbortSignal): Promise<OfferingList> {
  return api.get<OfferingList>(
    `/api/admin/cycles/${key.cycleId}/exam-areas/${key.examAreaId}/offerings`,
    undefined,
    signal,
  );
}

/** The specialties an area offers in a cycle (active or not), with fees in fen. */
export function useOfferings(key: CycleAreaKey) {
  return useQuery({
    queryKey: offeringsKey(key),
    queryFn: ({ signal }) => listOfferings(key, signal),
  });
}
