import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { ExamAreaRef } from '../../../lib/types';

/** GET /api/exam-areas — every exam area, for filters and pickers. */
export function getExamAreas(signal?: AbortSignal): Promise<{ items: ExamAreaRef[] }> {
  return api.get<{ items: ExamAreaRef[] }>('/api/exam-areas', undefined, signal);
}

/** The list of exam areas. */
export function useExamAreas(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: ['catalog', 'exam-areas'],
    queryFn: ({ signal }) => getExamAreas(signal),
    staleTime: 10 * 60_000,
    enabled: options.enabled ?? true,
  });
}
