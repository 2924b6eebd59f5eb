import type { SpecialtyImportReport } from '@hqe/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export interface ImportSpecialtiesInput {
  examId: number;
  fileName: string;
  contentBase64: string;
  dryRun: boolean;
}

/** POST /api/admin/specialties/import — check (dryRun) or import a CSV/XLSX specialty table. */
export function importSpecialties(input: ImportSpecialtiesInput): Promise<SpecialtyImportReport> {
  return api.post<SpecialtyImportReport>('/api/admin/specialties/import', input);
}

/** Check or import a specialty table; after a real import the lists are refreshed. */
export function useImportSpecialties() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: importSpecialties,
    onSuccess: (report) => {
      if (report.applied) {
        void queryClient.invalidateQueries({ queryKey: ['exam-admin', 'specialties'] });
        void queryClient.invalidateQueries({ queryKey: ['exam-admin', 'offerings'] });
      }
    },
  });
}
