import type {
  PasswordResetCodeRequest,
  PasswordResetRequest,
  VerificationCodeSent,
} from '@hqe/core';
import { useMutation } from '@tanstack/react-query';
import { api } from '../../../lib/api-client';

/** POST /api/candidate/password-reset/code — answers the same whether or not the account exists. */
export const requestPasswordResetCode = (body: PasswordResetCodeRequest) =>
  api.post<VerificationCodeSent>('/api/candidate/password-reset/code', body);

/** POST /api/candidate/password-reset — a new password with the code. */
export function usePasswordReset() {
  return useMutation({
    mutationFn: (body: PasswordResetRequest) =>
      api.post<{ ok: true }>('/api/candidate/password-reset', body),
  });
}
