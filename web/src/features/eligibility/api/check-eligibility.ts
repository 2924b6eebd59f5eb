import type { EligibilityCheckRequest, EligibilityCheckResponse } from '@hqe/core';
import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

/** POST /api/eligibility/check — the explained result of the self-check (nothing is stored). */
export function checkEligibility(body: EligibilityCheckRequest): Promise<EligibilityCheckResponse> {
  return api.post<EligibilityCheckResponse>('/api/eligibility/check', body);
}

/** Run the self-check. */
export function useCheckEligibility() {
  return useMutation({ mutationFn: checkEligibility });
}
