import { z } from 'zod';
import { PASSWORD_POLICY } from '../domain/password-policy';
import { STAFF_ROLES } from '../domain/roles';

export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^[a-z][a-z0-9_.-]{2,31}$/,
    '用户名须以字母开头，由 3–32 位字母、数字、下划线、点或连字符组成',
  );

export const staffRoleSchema = z.enum(STAFF_ROLES);

export const createStaffRequestSchema = z.strictObject({
  username: usernameSchema,
  displayName: z.string().trim().min(1, '请输入姓名').max(50, '姓名不能超过 50 个字符'),
  roles: z.array(staffRoleSchema).min(1, '请至少选择一个角色').max(STAFF_ROLES.length),
  examAreaId: z.number().int().positive().nullable(),
  initialPassword: z.string().min(1, '请输入初始密码').max(PASSWORD_POLICY.maxLength),
});
export type CreateStaffRequest = z.infer<typeof createStaffRequestSchema>;

export const staffAccountSchema = z
  .object({
    id: z.number().int(),
    username: z.string(),
    displayName: z.string(),
    roles: z.array(staffRoleSchema),
    examArea: z.object({ id: z.number().int(), code: z.string(), name: z.string() }).nullable(),
    status: z.enum(['active', 'disabled']),
    lockedUntil: z.iso.datetime().nullable(),
    mustChangePassword: z.boolean(),
    lastLoginAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'StaffAccount' });
export type StaffAccount = z.infer<typeof staffAccountSchema>;

export const staffListQuerySchema = z.strictObject({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  examAreaId: z.coerce.number().int().positive().optional(),
  q: z.string().trim().max(50).optional(),
});

export const staffListSchema = z.object({
  items: z.array(staffAccountSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const resetPasswordRequestSchema = z.strictObject({
  newPassword: z.string().min(1, '请输入新密码').max(PASSWORD_POLICY.maxLength),
});

export const setStatusRequestSchema = z.strictObject({
  status: z.enum(['active', 'disabled']),
});
