import type { ExamView } from '@hqe/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

/** GET /api/admin/exams — every exam (考试项目), for the exam of a new cycle. */
export function listExams(signal?: AbortSignal): Promise<{ items: ExamView[] }> {
  return api.get<{ items: ExamView[] }>('/api/admin/exams', undefined, signal);
}

/** The exams an administrator may create cycles for. */
export function useExams() {
  return useQuery({
    queryKey: ['exam-admin', 'exams'],
    queryFn: ({ signal }) => listExams(signal),
    staleTime: 10 * 60_000,
  });
}
