import {
  PROFILE_SECTION_PATHS,
  type CandidateEligibilityProfile,
  type CandidateProfileView,
  type ProfileSectionData,
  type ProfileSectionKey,
  type UploadPhotoResponse,
} from '@hqe/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest } from '../../../lib/api-client';

export const PROFILE_QUERY_KEY = ['candidate-profile'] as const;
const ELIGIBILITY_QUERY_KEY = ['candidate-profile', 'eligibility-profile'] as const;

/** GET /api/candidate/profile — the candidate's own basic information and what is missing. */
export function getCandidateProfile(signal?: AbortSignal): Promise<CandidateProfileView> {
  return api.get<CandidateProfileView>('/api/candidate/profile', undefined, signal);
}

/** The logged-in candidate's basic information. */
export function useCandidateProfile() {
  return useQuery({
    queryKey: PROFILE_QUERY_KEY,
    queryFn: ({ signal }) => getCandidateProfile(signal),
  });
}

/** PUT /api/candidate/profile/<section> — replaces one whole section from the version read. */
export function useSaveProfileSection<K extends ProfileSectionKey>(key: K) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ version, data }: { version: number; data: ProfileSectionData<K> }) =>
      apiRequest<CandidateProfileView>(`/api/candidate/profile/${PROFILE_SECTION_PATHS[key]}`, {
        method: 'PUT',
        body: { version, data },
      }),
    onSuccess: (view) => {
      queryClient.setQueryData(PROFILE_QUERY_KEY, view);
      void queryClient.invalidateQueries({ queryKey: ELIGIBILITY_QUERY_KEY });
    },
  });
}

/** POST /api/candidate/profile/photo — checks, normalises and stores a new base photo. */
export function useUploadPhoto() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (contentBase64: string) =>
      api.post<UploadPhotoResponse>('/api/candidate/profile/photo', { contentBase64 }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: PROFILE_QUERY_KEY }),
  });
}

/** GET /api/candidate/profile/eligibility-profile — the profile as the self-check's input. */
export function useCandidateEligibilityProfile(options: { enabled: boolean }) {
  return useQuery({
    queryKey: ELIGIBILITY_QUERY_KEY,
    queryFn: ({ signal }) =>
      api.get<CandidateEligibilityProfile>(
        '/api/candidate/profile/eligibility-profile',
        undefined,
        signal,
      ),
    enabled: options.enabled,
  });
}
