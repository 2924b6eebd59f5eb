import type { AreaCalendar, PutCalendarRequest } from '@hqe/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { calendarKey, type CycleAreaKey } from './get-calendar';

/** PUT /api/admin/cycles/:cycleId/exam-areas/:examAreaId/calendar — replace the whole calendar. */
export function putCalendar(input: CycleAreaKey & PutCalendarRequest): Promise<AreaCalendar> {
  return apiRequest<AreaCalendar>(
    `/api/admin/cycles/${input.cycleId}/exam-areas/${input.examAreaId}/calendar`,
    { method: 'PUT', body: { phases: input.phases } },
  );
}

/** Save an area's calendar; the public calendar is refreshed too. */
export function usePutCalendar() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: putCalendar,
    onSuccess: (calendar) => {
      queryClient.setQueryData(calendarKey(calendar), calendar);
      void queryClient.invalidateQueries({ queryKey: ['catalog'] });
    },
  });
}
