import type {
  PreviousResultsImportReport,
  PreviousResultsImportRequest,
  PreviousResultsSummary,
} from '@hqe/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

const key = (examAreaId: number) => ['exam-admin', 'previous-results', examAreaId] as const;

/** GET /api/admin/exam-areas/:examAreaId/previous-results — counts per year, the last import. */
export function usePreviousResultsSummary(examAreaId: number) {
  return useQuery({
    queryKey: key(examAreaId),
    queryFn: ({ signal }) =>
      api.get<PreviousResultsSummary>(
        `/api/admin/exam-areas/${examAreaId}/previous-results`,
        undefined,
        signal,
      ),
  });
}

/** POST …/previous-results/import — check (dryRun) or import last year's results. */
export function useImportPreviousResults(examAreaId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: PreviousResultsImportRequest) =>
      api.post<PreviousResultsImportReport>(
        `/api/admin/exam-areas/${examAreaId}/previous-results/import`,
        input,
      ),
    onSuccess: (report) => {
      if (report.applied) void queryClient.invalidateQueries({ queryKey: key(examAreaId) });
    },
  });
}
