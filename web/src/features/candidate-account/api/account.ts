import type {
  BindEmailCodeRequest,
  BindEmailRequest,
  CandidateAccountView,
  ChangeMobileCodeRequest,
  ChangeMobileRequest,
  InAppNotificationList,
  NotificationChannelsRequest,
  VerificationCodeSent,
} from '@hqe/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest } from '../../../lib/api-client';

export const CANDIDATE_ACCOUNT_KEY = ['candidate-account'] as const;
export const NOTIFICATIONS_KEY = ['candidate-notifications'] as const;

/** GET /api/candidate/account — the own account (账号与安全). */
export function useCandidateAccount() {
  return useQuery({
    queryKey: CANDIDATE_ACCOUNT_KEY,
    queryFn: () => api.get<CandidateAccountView>('/api/candidate/account'),
  });
}

/** A mutation whose answer is the updated account, kept in the cache. */
function useAccountMutation<T>(request: (body: T) => Promise<CandidateAccountView>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: (account) => {
      queryClient.setQueryData(CANDIDATE_ACCOUNT_KEY, account);
      void queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_KEY });
    },
  });
}

export const requestMobileChangeCode = (body: ChangeMobileCodeRequest) =>
  api.post<VerificationCodeSent>('/api/candidate/account/mobile/code', body);

export const useChangeMobile = () =>
  useAccountMutation((body: ChangeMobileRequest) =>
    apiRequest<CandidateAccountView>('/api/candidate/account/mobile', { method: 'PUT', body }),
  );

export const requestEmailCode = (body: BindEmailCodeRequest) =>
  api.post<VerificationCodeSent>('/api/candidate/account/email/code', body);

export const useBindEmail = () =>
  useAccountMutation((body: BindEmailRequest) =>
    apiRequest<CandidateAccountView>('/api/candidate/account/email', { method: 'PUT', body }),
  );

export const useUnbindEmail = () =>
  useAccountMutation(() =>
    apiRequest<CandidateAccountView>('/api/candidate/account/email', { method: 'DELETE' }),
  );

export const useNotificationChannels = () =>
  useAccountMutation((body: NotificationChannelsRequest) =>
    apiRequest<CandidateAccountView>('/api/candidate/account/notification-channels', {
      method: 'PUT',
      body,
    }),
  );

/** GET /api/candidate/notifications — 站内消息. */
export function useNotifications() {
  return useQuery({
    queryKey: NOTIFICATIONS_KEY,
    queryFn: () => api.get<InAppNotificationList>('/api/candidate/notifications'),
  });
}

export function useMarkNotificationRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.post<{ ok: true }>(`/api/candidate/notifications/${id}/read`),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_KEY }),
  });
}
