import type {
  CatalogOverview,
  CandidateProfileView,
  ChooseAreaRequest,
  ChooseSpecialtyRequest,
  RegistrationChoices,
  RegistrationInfoRequest,
  RegistrationLookup,
  RegistrationView,
} from '@hqe/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest, isApiError } from '../../../lib/api-client';
import { readFileAsBase64 } from '../read-file';
import { sendWithProgress, type UploadProgress } from './upload';

const BASE = '/api/registrations';
export const registrationKeys = {
  lookup: (cycleId: number) => ['registrations', 'cycle', cycleId] as const,
  choices: (id: number) => ['registrations', id, 'choices'] as const,
};

/** GET /api/registrations?cycleId= — the candidate's registration for the cycle, or null. */
export function useRegistrationLookup(cycleId: number | undefined) {
  return useQuery({
    queryKey: registrationKeys.lookup(cycleId ?? 0),
    queryFn: ({ signal }) => api.get<RegistrationLookup>(BASE, { cycleId: cycleId ?? 0 }, signal),
    enabled: cycleId !== undefined,
  });
}

/** GET /api/registrations/:id/choices — the cities, test sites and specialties on offer. */
export function useRegistrationChoices(id: number) {
  return useQuery({
    queryKey: registrationKeys.choices(id),
    queryFn: ({ signal }) =>
      api.get<RegistrationChoices>(`${BASE}/${id}/choices`, undefined, signal),
    staleTime: 60_000,
  });
}

/** The candidate's basic information (the education records the info step chooses from). */
export function useProfileForRegistration() {
  return useQuery({
    queryKey: ['candidate-profile'],
    queryFn: ({ signal }) =>
      api.get<CandidateProfileView>('/api/candidate/profile', undefined, signal),
  });
}

/** Every change answers the whole registration: store it, so every step redraws from it. */
function useStoreRegistration(cycleId: number) {
  const queryClient = useQueryClient();
  return {
    store: (view: RegistrationView) =>
      queryClient.setQueryData<RegistrationLookup>(registrationKeys.lookup(cycleId), {
        registration: view,
      }),
    /** On a version conflict (or any refusal) read the registration again. */
    refetchOn: (error: unknown) => {
      if (isApiError(error, 'version_conflict', 'conflict', 'not_found')) {
        void queryClient.invalidateQueries({ queryKey: registrationKeys.lookup(cycleId) });
      }
    },
  };
}

function useRegistrationMutation<V>(cycleId: number, send: (vars: V) => Promise<RegistrationView>) {
  const { store, refetchOn } = useStoreRegistration(cycleId);
  return useMutation({ mutationFn: send, onSuccess: store, onError: refetchOn });
}

/** POST /api/registrations — 进入网上报名. */
export function useCreateRegistration(cycleId: number) {
  return useRegistrationMutation(cycleId, (examAreaCode: string) =>
    api.post<RegistrationView>(BASE, { cycleId, examAreaCode }),
  );
}

const put = (path: string, body: unknown) =>
  apiRequest<RegistrationView>(path, { method: 'PUT', body });

export function useChooseArea(cycleId: number, id: number) {
  return useRegistrationMutation(cycleId, (body: ChooseAreaRequest) =>
    put(`${BASE}/${id}/area`, body),
  );
}

export function useChooseSpecialty(cycleId: number, id: number) {
  return useRegistrationMutation(cycleId, (body: ChooseSpecialtyRequest) =>
    put(`${BASE}/${id}/specialty`, body),
  );
}

export function useSaveInfo(cycleId: number, id: number) {
  return useRegistrationMutation(cycleId, (body: RegistrationInfoRequest) =>
    put(`${BASE}/${id}/info`, body),
  );
}

export function useConfirmPhoto(cycleId: number, id: number) {
  return useRegistrationMutation(cycleId, () =>
    api.post<RegistrationView>(`${BASE}/${id}/photo-confirmation`),
  );
}

export function useChangeArea(cycleId: number, id: number) {
  return useRegistrationMutation(cycleId, (body: { version: number; examAreaCode: string }) =>
    api.post<RegistrationView>(`${BASE}/${id}/change-area`, body),
  );
}

export function useWithdraw(cycleId: number, id: number) {
  return useRegistrationMutation(cycleId, () =>
    api.post<RegistrationView>(`${BASE}/${id}/withdraw`),
  );
}

/** POST …/supply — 提交补充材料 with the version last read (R19). */
export function useSupply(cycleId: number, id: number) {
  return useRegistrationMutation(cycleId, (version: number) =>
    api.post<RegistrationView>(`${BASE}/${id}/supply`, { version }),
  );
}

/** POST …/submit with an Idempotency-Key the caller keeps for retries of the same attempt. */
export function useSubmit(cycleId: number, id: number) {
  return useRegistrationMutation(cycleId, (idempotencyKey: string) =>
    apiRequest<RegistrationView>(`${BASE}/${id}/submit`, {
      method: 'POST',
      headers: { 'idempotency-key': idempotencyKey },
    }),
  );
}

export function useDeleteMaterial(cycleId: number, id: number) {
  return useRegistrationMutation(cycleId, (fileId: number) =>
    apiRequest<RegistrationView>(`${BASE}/${id}/materials/files/${fileId}`, { method: 'DELETE' }),
  );
}

export function useReorderMaterials(cycleId: number, id: number) {
  return useRegistrationMutation(
    cycleId,
    ({ slotKey, fileIds }: { slotKey: string; fileIds: number[] }) =>
      put(`${BASE}/${id}/materials/${slotKey}/order`, { fileIds }),
  );
}

/**
 * POST …/materials/:slotKey — one file, as base64 in JSON (decision 0007), with upload progress.
 * Answers the whole registration.
 */
export async function uploadMaterialFile(input: {
  registrationId: number;
  slotKey: string;
  file: File;
  onProgress: (progress: UploadProgress) => void;
  signal: AbortSignal;
}): Promise<RegistrationView> {
  const contentBase64 = await readFileAsBase64(input.file);
  input.signal.throwIfAborted();
  return sendWithProgress<RegistrationView>(
    `${BASE}/${input.registrationId}/materials/${input.slotKey}`,
    {
      body: { fileName: input.file.name, contentBase64 },
      onProgress: input.onProgress,
      signal: input.signal,
    },
  );
}

/** GET /api/catalog/overview — the exam and its current cycles (shared cache with the home page). */
export function useCurrentCycles() {
  return useQuery({
    queryKey: ['catalog', 'overview'],
    queryFn: ({ signal }) => api.get<CatalogOverview>('/api/catalog/overview', undefined, signal),
    staleTime: 5 * 60_000,
  });
}
