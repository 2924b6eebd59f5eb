import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditListQuerySchema, auditListSchema, errorEnvelopeSchema, ROLES } from '@hqe/core';
import { actorOf, requireAuth } from '../auth';
import type { AuditService } from './audit.service';

/** The audit log, read-only, under /api/audit-events. */
export const auditRoutes: FastifyPluginAsyncZod<{ auditService: AuditService }> = async (
  app,
  { auditService },
) => {
  app.get(
    '/',
    {
      preHandler: requireAuth({ roles: [ROLES.platform_admin, ROLES.area_admin] }),
      schema: {
        tags: ['audit'],
        summary: '审计日志（考区管理员仅见本考区）',
        querystring: auditListQuerySchema,
        response: {
          200: auditListSchema,
          400: errorEnvelopeSchema,
          401: errorEnvelopeSchema,
          403: errorEnvelopeSchema,
        },
      },
    },
    (request) => auditService.listEvents(actorOf(request), request.query),
  );
};
