import type { EligibilitySpecialtyList } from '@hqe/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

/** GET /api/eligibility/specialties — a cycle's specialties (those the area offers), by level. */
export function getEligibilitySpecialties(
  query: { cycleId: number; examAreaCode: string },
  signal?: AbortSignal,
): Promise<EligibilitySpecialtyList> {
  return api.get<EligibilitySpecialtyList>('/api/eligibility/specialties', query, signal);
}

/** The specialties to choose from; waits until a cycle is chosen. */
export function useEligibilitySpecialties(cycleId: number | undefined, examAreaCode: string) {
  return useQuery({
    queryKey: ['eligibility', 'specialties', cycleId, examAreaCode],
    queryFn: ({ signal }) =>
      getEligibilitySpecialties({ cycleId: cycleId ?? 0, examAreaCode }, signal),
    enabled: cycleId !== undefined,
    staleTime: 10 * 60_000,
  });
}
