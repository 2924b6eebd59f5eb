import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  createStaffRequestSchema,
  errorEnvelopeSchema,
  idParamSchema,
  resetPasswordRequestSchema,
  ROLES,
  setStatusRequestSchema,
  staffAccountSchema,
  staffListQuerySchema,
  staffListSchema,
} from '@hqe/core';
import { actorOf, requireAuth } from '../auth';
import type { StaffService } from './staff.service';

const errors = {
  400: errorEnvelopeSchema,
  401: errorEnvelopeSchema,
  403: errorEnvelopeSchema,
  404: errorEnvelopeSchema,
  409: errorEnvelopeSchema,
};

/** Staff account administration under /api/staff (platform and area administrators). */
export const staffRoutes: FastifyPluginAsyncZod<{ staffService: StaffService }> = async (
  app,
  { staffService },
) => {
  const preHandler = requireAuth({ roles: [ROLES.platform_admin, ROLES.area_admin] });

  app.get(
    '/accounts',
    {
      preHandler,
      schema: {
        tags: ['staff'],
        summary: '工作人员账号列表（考区管理员仅见本考区）',
        querystring: staffListQuerySchema,
        response: { 200: staffListSchema, ...errors },
      },
    },
    (request) => staffService.listStaff(actorOf(request), request.query),
  );

  app.post(
    '/accounts',
    {
      preHandler,
      schema: {
        tags: ['staff'],
        summary: '新增工作人员账号',
        description: '新账号首次登录时须修改初始密码。',
        body: createStaffRequestSchema,
        response: { 201: staffAccountSchema, ...errors },
      },
    },
    async (request, reply) => {
      const account = await staffService.createStaff(actorOf(request), request.body);
      return reply.code(201).send(account);
    },
  );

  app.post(
    '/accounts/:id/reset-password',
    {
      preHandler,
      schema: {
        tags: ['staff'],
        summary: '重置工作人员密码（解除锁定，结束其全部会话）',
        params: idParamSchema,
        body: resetPasswordRequestSchema,
        response: { 200: staffAccountSchema, ...errors },
      },
    },
    (request) =>
      staffService.resetPassword(actorOf(request), request.params.id, request.body.newPassword),
  );

  app.post(
    '/accounts/:id/unlock',
    {
      preHandler,
      schema: {
        tags: ['staff'],
        summary: '解除账号锁定',
        params: idParamSchema,
        response: { 200: staffAccountSchema, ...errors },
      },
    },
    (request) => staffService.unlock(actorOf(request), request.params.id),
  );

  app.post(
    '/accounts/:id/status',
    {
      preHandler,
      schema: {
        tags: ['staff'],
        summary: '停用或启用账号',
        params: idParamSchema,
        body: setStatusRequestSchema,
        response: { 200: staffAccountSchema, ...errors },
      },
    },
    (request) => staffService.setStatus(actorOf(request), request.params.id, request.body.status),
  );
};
