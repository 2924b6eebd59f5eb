import type { ExamNoticeView } from '@hqe/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';
import type { CycleAreaKey } from './get-calendar';

export const noticesKey = ({ cycleId, examAreaId }: CycleAreaKey) =>
  ['exam-admin', 'notices', cycleId, examAreaId] as const;

/** GET /api/admin/cycles/:cycleId/exam-areas/:examAreaId/notices — drafts and published. */
export function listNotices(
  key: CycleAreaKey,
  signal?: AbortSignal,
): Promise<{ items: ExamNoticeView[] }> {
  return api.get<{ items: ExamNoticeView[] }>(
    `/api/admin/cycles/${key.cycleId}/exam-areas/${key.examAreaId}/notices`,
    undefined,
    signal,
  );
}

/** The exam notices of one area in one cycle. */
export function useNotices(key: CycleAreaKey) {
  return useQuery({ queryKey: noticesKey(key), queryFn: ({ signal }) => listNotices(key, signal) });
}
