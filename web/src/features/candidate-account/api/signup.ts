import type {
  LoginRequest,
  SessionView,
  SignupCodeRequest,
  SignupRequest,
  SignupResponse,
  VerificationCodeSent,
} from '@hqe/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, rememberSession } from '../../../lib/api-client';
import { clearUserData, SESSION_QUERY_KEY } from '../../../lib/query-client';

/** POST /api/candidate/signup/code — a code to the mobile number to sign up with. */
export const requestSignupCode = (body: SignupCodeRequest) =>
  api.post<VerificationCodeSent>('/api/candidate/signup/code', body);

/** POST /api/candidate/signup — creates the account. */
export function useSignup() {
  return useMutation({
    mutationFn: (body: SignupRequest) => api.post<SignupResponse>('/api/candidate/signup', body),
  });
}

/**
 * Candidate login at the portal (document or mobile number + password): tells the server it is the
 * candidate entrance, and makes the new session the current one.
 */
export function useCandidateLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: Omit<LoginRequest, 'portal'>) => {
      const view = await api.post<SessionView>('/api/auth/login', { ...body, portal: 'candidate' });
      rememberSession(view);
      return view;
    },
    onSuccess: (view) => {
      clearUserData();
      queryClient.setQueryData(SESSION_QUERY_KEY, view);
    },
  });
}
