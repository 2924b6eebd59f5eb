import type { AdminSpecialty, UpdateSpecialtyRequest } from '@hqe/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

/** PUT /api/admin/specialties/:id — name, subjects, exam mode and certainty (platform admins). */
export function updateSpecialty(
  input: { id: number } & UpdateSpecialtyRequest,
): Promise<AdminSpecialty> {
  const { id, ...body } = input;
  return apiRequest<AdminSpecialty>(`/api/admin/specialties/${id}`, { method: 'PUT', body });
}

/** Save a specialty and refresh the specialty table and the offerings that show it. */
export function useUpdateSpecialty() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateSpecialty,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['exam-admin', 'specialties'] });
      await queryClient.invalidateQueries({ queryKey: ['exam-admin', 'offerings'] });
    },
  });
}
