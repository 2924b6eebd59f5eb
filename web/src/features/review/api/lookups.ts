import type {
  CatalogOverview,
  EligibilitySpecialtyList,
  PublicTestSiteList,
  RegistrationCityList,
} from '@hqe/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

/** The choices of the queue's filters, read from the public catalogue of the reviewer's area. */

/** GET /api/catalog/overview — the current cycles and each area's calendar (shared cache key). */
export function useCatalogOverview() {
  return useQuery({
    queryKey: ['catalog', 'overview'],
    queryFn: ({ signal }) => api.get<CatalogOverview>('/api/catalog/overview', undefined, signal),
    staleTime: 5 * 60_000,
  });
}

/** GET /api/catalog/exam-areas/:code/cities — the area's registration cities (报名地市). */
export function useAreaCities(areaCode: string) {
  return useQuery({
    queryKey: ['review', 'lookup', 'cities', areaCode],
    queryFn: ({ signal }) =>
      api.get<RegistrationCityList>(
        `/api/catalog/exam-areas/${areaCode}/cities`,
        undefined,
        signal,
      ),
    staleTime: 10 * 60_000,
  });
}

/** GET /api/eligibility/specialties — the specialties the area offers in the cycle. */
export function useAreaSpecialties(cycleId: number | null, areaCode: string) {
  return useQuery({
    queryKey: ['review', 'lookup', 'specialties', cycleId, areaCode],
    queryFn: ({ signal }) =>
      api.get<EligibilitySpecialtyList>(
        '/api/eligibility/specialties',
        { cycleId: cycleId ?? 0, examAreaCode: areaCode },
        signal,
      ),
    enabled: cycleId !== null,
    staleTime: 10 * 60_000,
  });
}

/** GET /api/catalog/exam-areas/:code/test-sites — the area's test sites in use, with their ids. */
export function useAreaTestSites(areaCode: string) {
  return useQuery({
    queryKey: ['review', 'lookup', 'test-sites', areaCode],
    queryFn: ({ signal }) =>
      api.get<PublicTestSiteList>(
        `/api/catalog/exam-areas/${areaCode}/test-sites`,
        undefined,
        signal,
      ),
    enabled: areaCode !== '',
    staleTime: 10 * 60_000,
  });
}
