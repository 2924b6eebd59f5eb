import type { AreaCalendar } from '@hqe/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

export interface CycleAreaKey {
  cycleId: number;
  examAreaId: number;
}

export const calendarKey = ({ cycleId, examAreaId }: CycleAreaKey) =>
  ['exam-admin', 'calendar', cycleId, examAreaId] as const;

/** GET /api/admin/cycles/:cycleId/exam-areas/:examAreaId/calendar — an area's phases. */
export function getCalendar(key: CycleAreaKey, signal?: AbortSignal): Promise<AreaCalendar> {
  return api.get<AreaCalendar>(
    `/api/admin/cycles/${key.cycleId}/exam-areas/${key.examAreaId}/calendar`,
    undefined,
    signal,
  );
}

/** The calendar of one area in one cycle. */
export function useCalendar(key: CycleAreaKey) {
  return useQuery({
    queryKey: calendarKey(key),
    queryFn: ({ signal }) => getCalendar(key, signal),
  });
}
