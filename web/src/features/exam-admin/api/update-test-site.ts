import type { TestSiteInput, TestSiteView } from '@hqe/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

/** PUT /api/admin/test-sites/:id — change a test site's code, name or address. */
export function updateTestSite(input: { id: number } & TestSiteInput): Promise<TestSiteView> {
  const { id, ...body } = input;
  return apiRequest<TestSiteView>(`/api/admin/test-sites/${id}`, { method: 'PUT', body });
}

/** Save a test site and refresh the lists. */
export function useUpdateTestSite() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateTestSite,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['exam-admin', 'test-sites'] }),
  });
}
