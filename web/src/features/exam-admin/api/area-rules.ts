import type { AreaEligibilityRulesView, ExamAreaEligibilityRules } from '@hqe/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest } from '../../../lib/api-client';

const rulesKey = (examAreaId: number) => ['exam-admin', 'area-rules', examAreaId] as const;

/** GET /api/admin/exam-areas/:examAreaId/eligibility-rules — the area's P1/P2 switches. */
export function getAreaRules(
  examAreaId: number,
  signal?: AbortSignal,
): Promise<AreaEligibilityRulesView> {
  return api.get<AreaEligibilityRulesView>(
    `/api/admin/exam-areas/${examAreaId}/eligibility-rules`,
    undefined,
    signal,
  );
}

/** The eligibility rules of one area. */
export function useAreaRules(examAreaId: number) {
  return useQuery({
    queryKey: rulesKey(examAreaId),
    queryFn: ({ signal }) => getAreaRules(examAreaId, signal),
  });
}

/** PUT /api/admin/exam-areas/:examAreaId/eligibility-rules — all four switches. */
export function usePutAreaRules() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ examAreaId, rules }: { examAreaId: number; rules: ExamAreaEligibilityRules }) =>
      apiRequest<AreaEligibilityRulesView>(
        `/api/admin/exam-areas/${examAreaId}/eligibility-rules`,
        { method: 'PUT', body: rules },
      ),
    onSuccess: (view) => queryClient.setQueryData(rulesKey(view.examAreaId), view),
  });
}
