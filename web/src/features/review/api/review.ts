import type {
  BulkConfirmationRequest,
  BulkDecisionResult,
  ClaimNextResult,
  ConfirmationDecisionRequest,
  QualificationDecisionRequest,
  ReviewClaim,
  ReviewDecisionOutcome,
  ReviewQueuePage,
  ReviewRegistration,
} from '@hqe/core';
import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { api, apiRequest, isApiError } from '../../../lib/api-client';
import type { QueueWireFilters } from '../filters';
import { nextPageParam } from '../paging';

const BASE = '/api/review';

/** Rows per "加载更多". */
export const QUEUE_PAGE_SIZE = 50;

export const reviewKeys = {
  all: ['review'] as const,
  queues: ['review', 'queue'] as const,
  queue: (filters: QueueWireFilters) => ['review', 'queue', filters] as const,
  registration: (id: number) => ['review', 'registration', id] as const,
};

/**
 * GET /api/review/queue — the queue, one keyset page after another ("加载更多" asks for the page
 * after the last `nextCursor`). Waits until the cycle is known (`filters` null).
 */
export function useReviewQueue(filters: QueueWireFilters | null) {
  return useInfiniteQuery({
    queryKey: reviewKeys.queue(
      filters ?? { stage: 'confirmation', cycleId: 0 }, // never fetched while disabled
    ),
    queryFn: ({ pageParam, signal }) =>
      api.get<ReviewQueuePage>(
        `${BASE}/queue`,
        { ...filters, cursor: pageParam, limit: QUEUE_PAGE_SIZE },
        signal,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: nextPageParam,
    enabled: filters !== null,
    placeholderData: keepPreviousData,
    // Claims and decisions of other reviewers change the queue all day: read it again on return.
    staleTime: 0,
  });
}

/** GET /api/review/registrations/:id — everything the decision needs. */
export function useReviewRegistration(id: number) {
  return useQuery({
    queryKey: reviewKeys.registration(id),
    queryFn: ({ signal }) =>
      api.get<ReviewRegistration>(`${BASE}/registrations/${id}`, undefined, signal),
    staleTime: 0,
    retry: (count, error) => count < 2 && isApiError(error, 'network_error', 'unavailable'),
  });
}

/** After anything that changes a registration or a claim: the queue and that registration. */
function useRefreshReview() {
  const queryClient = useQueryClient();
  return (id?: number) => {
    void queryClient.invalidateQueries({ queryKey: reviewKeys.queues });
    if (id !== undefined) {
      void queryClient.invalidateQueries({ queryKey: reviewKeys.registration(id) });
    }
  };
}

/** POST /api/review/claims/next — claim the oldest waiting registration matching the filters. */
export function useClaimNext() {
  const refresh = useRefreshReview();
  return useMutation({
    mutationFn: (body: Omit<QueueWireFilters, 'status' | 'q'>) =>
      api.post<ClaimNextResult>(`${BASE}/claims/next`, body),
    onSettled: () => refresh(),
  });
}

/** POST /api/review/claims/:id — claim one registration picked from the list. */
export function useClaim(id: number) {
  const refresh = useRefreshReview();
  return useMutation({
    mutationFn: () => api.post<ReviewClaim>(`${BASE}/claims/${id}`),
    onSettled: () => refresh(id),
  });
}

/** DELETE /api/review/claims/:id — release my claim; the registration goes back to the queue. */
export function useReleaseClaim(id: number) {
  const refresh = useRefreshReview();
  return useMutation({
    mutationFn: () => apiRequest<{ ok: true }>(`${BASE}/claims/${id}`, { method: 'DELETE' }),
    onSettled: () => refresh(id),
  });
}

/** POST /api/review/registrations/:id/confirmation — 确认通过 or 退回修改. */
export function useConfirmationDecision(id: number) {
  const refresh = useRefreshReview();
  return useMutation({
    mutationFn: (body: ConfirmationDecisionRequest) =>
      api.post<ReviewDecisionOutcome>(`${BASE}/registrations/${id}/confirmation`, body),
    onSettled: () => refresh(id),
  });
}

/** POST /api/review/registrations/:id/qualification — 审核通过 / 不通过 / 要求补充材料. */
export function useQualificationDecision(id: number) {
  const refresh = useRefreshReview();
  return useMutation({
    mutationFn: (body: QualificationDecisionRequest) =>
      api.post<ReviewDecisionOutcome>(`${BASE}/registrations/${id}/qualification`, body),
    onSettled: () => refresh(id),
  });
}

/** POST /api/review/confirmation/bulk — one outcome per registration, each audited singly. */
export function useBulkConfirmation() {
  const refresh = useRefreshReview();
  return useMutation({
    mutationFn: (body: BulkConfirmationRequest) =>
      api.post<BulkDecisionResult>(`${BASE}/confirmation/bulk`, body),
    onSettled: () => refresh(),
  });
}
