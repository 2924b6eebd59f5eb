import type { TestSiteInput, TestSiteView } from '@hqe/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

/** POST /api/admin/exam-areas/:examAreaId/test-sites — a new test site. */
export function createTestSite(
  input: { examAreaId: number } & TestSiteInput,
): Promise<TestSiteView> {
  const { examAreaId, ...body } = input;
  return api.post<TestSiteView>(`/api/admin/exam-areas/${examAreaId}/test-sites`, body);
}

/** Create a test site and refresh the lists. */
export function useCreateTestSite() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createTestSite,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['exam-admin', 'test-sites'] }),
  });
}
