import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  errorEnvelopeSchema,
  idParamSchema,
  inAppNotificationListSchema,
  notificationSettingsSchema,
  okSchema,
} from '@hqe/core';
import { actorOf, requireAuth } from '../auth';
import type { NotificationService } from './notifications.service';

/**
 * The candidate's in-app notifications (站内消息) under /api/candidate/notifications, and the
 * language of the candidate's messages under /api/candidate/notification-settings.
 */
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

  app.get(
    '/settings',
    {
      preHandler: guard,
      schema: {
        tags: ['candidate-account'],
        summary: '本人消息通知的语言',
        response: {
          200: notificationSettingsSchema,
          401: errorEnvelopeSchema,
          403: errorEnvelopeSchema,
          404: errorEnvelopeSchema,
        },
      },
    },
    (request) => notificationService.getSettings(actorOf(request).accountId),
  );

  app.put(
    '/settings',
    {
      preHandler: guard,
      schema: {
        tags: ['candidate-account'],
        summary: '设置本人消息通知的语言（zh-CN 中文，en 英文）',
        body: notificationSettingsSchema,
        response: {
          200: notificationSettingsSchema,
          400: errorEnvelopeSchema,
          401: errorEnvelopeSchema,
          403: errorEnvelopeSchema,
          404: errorEnvelopeSchema,
        },
      },
    },
    (request) => notificationService.updateSettings(actorOf(request), request.body),
  );
};
