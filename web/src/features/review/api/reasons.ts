import type {
  CreateReviewReasonRequest,
  ReviewReasonItem,
  ReviewReasonList,
  ReviewStage,
  UpdateReviewReasonRequest,
} from '@hqe/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest } from '../../../lib/api-client';

const BASE = '/api/review/reasons';
const reasonKeys = {
  all: ['review', 'reasons'] as const,
  list: (stage: ReviewStage | 'all') => ['review', 'reasons', stage] as const,
};

/** GET /api/review/reasons[?stage=] — the area's catalogue (inactive reasons included). */
export function useReviewReasons(stage?: ReviewStage) {
  return useQuery({
    queryKey: reasonKeys.list(stage ?? 'all'),
    queryFn: ({ signal }) => api.get<ReviewReasonList>(BASE, { stage }, signal),
    staleTime: 60_000,
  });
}

function useRefreshReasons() {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: reasonKeys.all });
}

/** POST /api/review/reasons (area administrators). */
export function useCreateReason() {
  const refresh = useRefreshReasons();
  return useMutation({
    mutationFn: (body: CreateReviewReasonRequest) => api.post<ReviewReasonItem>(BASE, body),
    onSuccess: refresh,
  });
}

/** PATCH /api/review/reasons/:id — label, explanation, position or active (area administrators). */
export function useUpdateReason() {
  const refresh = useRefreshReasons();
  return useMutation({
    mutationFn: ({ id, ...body }: UpdateReviewReasonRequest & { id: number }) =>
      apiRequest<ReviewReasonItem>(`${BASE}/${id}`, { method: 'PATCH', body }),
    onSettled: refresh,
  });
}
