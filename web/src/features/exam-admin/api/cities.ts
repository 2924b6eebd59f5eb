import type {
  AdminRegistrationCity,
  AdminRegistrationCityList,
  CreateRegistrationCityRequest,
} from '@hqe/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest } from '../../../lib/api-client';

const citiesKey = (examAreaId: number) => ['exam-admin', 'cities', examAreaId] as const;

/** GET /api/admin/exam-areas/:examAreaId/cities — an area's registration cities, in order. */
export function listCities(
  examAreaId: number,
  signal?: AbortSignal,
): Promise<AdminRegistrationCityList> {
  return api.get<AdminRegistrationCityList>(
    `/api/admin/exam-areas/${examAreaId}/cities`,
    undefined,
    signal,
  );
}

/** The registration cities of one area, inactive ones included. */
export function useCities(examAreaId: number) {
  return useQuery({
    queryKey: citiesKey(examAreaId),
    queryFn: ({ signal }) => listCities(examAreaId, signal),
  });
}

function useRefreshCities() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ['exam-admin', 'cities'] });
}

/** POST /api/admin/exam-areas/:examAreaId/cities — add a city at the end of the list. */
export function useCreateCity() {
  const refresh = useRefreshCities();
  return useMutation({
    mutationFn: ({
      examAreaId,
      ...body
    }: { examAreaId: number } & CreateRegistrationCityRequest): Promise<AdminRegistrationCity> =>
      api.post<AdminRegistrationCity>(`/api/admin/exam-areas/${examAreaId}/cities`, body),
    onSuccess: refresh,
  });
}

/** PUT /api/admin/cities/:id — rename a city. */
export function useRenameCity() {
  const refresh = useRefreshCities();
  return useMutation({
    mutationFn: ({ id, name }: { id: number; name: string }) =>
      apiRequest<AdminRegistrationCity>(`/api/admin/cities/${id}`, {
        method: 'PUT',
        body: { name },
      }),
    onSuccess: refresh,
  });
}

/** POST /api/admin/cities/:id/activate or …/deactivate — take a city into or out of use. */
export function useSetCityActive() {
  const refresh = useRefreshCities();
  return useMutation({
    mutationFn: ({ id, active }: { id: number; active: boolean }) =>
      api.post<AdminRegistrationCity>(
        `/api/admin/cities/${id}/${active ? 'activate' : 'deactivate'}`,
      ),
    onSuccess: refresh,
  });
}

/** PUT /api/admin/exam-areas/:examAreaId/cities/order — every city of the area, in order. */
export function useReorderCities() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ examAreaId, cityIds }: { examAreaId: number; cityIds: number[] }) =>
      apiRequest<AdminRegistrationCityList>(`/api/admin/exam-areas/${examAreaId}/cities/order`, {
        method: 'PUT',
        body: { cityIds },
      }),
    onSuccess: (list) => queryClient.setQueryData(citiesKey(list.examAreaId), list),
    // A refused order (someone else changed the list) shows the list as it now is.
    onError: (_error, input) =>
      queryClient.invalidateQueries({ queryKey: citiesKey(input.examAreaId) }),
  });
}
