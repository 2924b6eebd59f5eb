import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  errorEnvelopeSchema,
  idParamSchema,
  inAppNotificationListSchema,
  okSchema,
} from '@hqe/core';
import { actorOf, requireAuth } from '../auth';
import type { NotificationService } from './notifications.service';

/** The candidate's in-app notifications (站内消息) under /api/candidate/notifications. */
export const notificationRoutes: FastifyPluginAsyncZod<{
  notificationService: NotificationService;
}> = async (app, { notificationService }) => {
  const guard = requireAuth({ roles: ['candidate'] });

  app.get(
    '/',
    {
      preHandler: guard,
      schema: {
        tags: ['candidate-account'],
        summary: '本人的站内消息（最近 50 条）与未读数',
        response: {
          200: inAppNotificationListSchema,
          401: errorEnvelopeSchema,
          403: errorEnvelopeSchema,
        },
      },
    },
    (request) => notificationService.list(actorOf(request).accountId),
  );

  app.post(
    '/:id/read',
    {
      preHandler: guard,
      schema: {
        tags: ['candidate-account'],
        summary: '将本人的一条站内消息标为已读',
        params: idParamSchema,
        response: {
          200: okSchema,
          401: errorEnvelopeSchema,
          403: errorEnvelopeSchema,
          404: errorEnvelopeSchema,
        },
      },
    },
    async (request) => {
      await notificationService.markRead(actorOf(request).accountId, request.params.id);
      return { ok: true as const };
    },
  );
};
