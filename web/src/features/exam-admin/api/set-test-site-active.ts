import type { TestSiteView } from '@hqe/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

/** POST /api/admin/test-sites/:id/activate or …/deactivate — take a site into or out of use. */
export function setTestSiteActive(input: { id: number; active: boolean }): Promise<TestSiteView> {
  const action = input.active ? 'activate' : 'deactivate';
  return api.post<TestSiteView>(`/api/admin/test-sites/${input.id}/${action}`);
}

/** Activate or deactivate a test site and refresh the lists. */
export function useSetTestSiteActive() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setTestSiteActive,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['exam-admin', 'test-sites'] }),
  });
}
