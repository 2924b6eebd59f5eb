import { z } from 'zod';
import { ACCOUNT_KINDS, ROLE_LIST } from '../domain/roles';
import { PASSWORD_POLICY } from '../domain/password-policy';

/** A login name: staff username, or the identifier a candidate signed up with. */
export const loginNameSchema = z
  .string()
  .trim()
  .min(1, '请输入账号')
  .max(64, '账号不能超过 64 个字符');

export const loginRequestSchema = z.strictObject({
  username: loginNameSchema,
  password: z.string().min(1, '请输入密码').max(PASSWORD_POLICY.maxLength),
  /** Which entrance the login comes from; a candidate cannot enter the staff console and back. */
  portal: z.enum(['candidate', 'console']).optional(),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const accountViewSchema = z
  .object({
    id: z.number().int(),
    kind: z.enum([ACCOUNT_KINDS.candidate, ACCOUNT_KINDS.staff]),
    username: z.string(),
    displayName: z.string(),
    roles: z.array(z.enum(ROLE_LIST)),
    examArea: z.object({ id: z.number().int(), code: z.string(), name: z.string() }).nullable(),
    mustChangePassword: z.boolean(),
  })
  .meta({ id: 'Account' });
export type AccountView = z.infer<typeof accountViewSchema>;

/** The current session: who is logged in (or nobody) and the CSRF token to send back. */
export const sessionViewSchema = z
  .object({
    account: accountViewSchema.nullable(),
    csrfToken: z.string(),
  })
  .meta({ id: 'Session' });
export type SessionView = z.infer<typeof sessionViewSchema>;

export const changePasswordRequestSchema = z.strictObject({
  currentPassword: z.string().min(1, '请输入当前密码').max(PASSWORD_POLICY.maxLength),
  newPassword: z.string().min(1, '请输入新密码').max(PASSWORD_POLICY.maxLength),
});
export type ChangePasswordRequest = z.infer<typeof changePasswordRequestSchema>;
