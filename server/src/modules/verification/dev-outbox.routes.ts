import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { devOutboxQuerySchema, devOutboxResponseSchema, errorEnvelopeSchema } from '@hqe/core';
import type { DevOutboxService } from './dev-outbox.service';

/**
 * GET /api/dev/outbox?to=…: the messages the outbox delivery kept for one recipient, newest first,
 * decrypted. Registered only outside production with DEV_OUTBOX_API on (see app.ts): it hands out
 * verification codes to whoever asks.
 */
export const devOutboxRoutes: FastifyPluginAsyncZod<{
  devOutboxService: DevOutboxService;
}> = async (app, { devOutboxService }) => {
  app.get(
    '/outbox',
    {
      schema: {
        tags: ['dev'],
        summary: '开发用发件箱（仅开发与测试环境）',
        description:
          '列出发往某手机号码或电子邮箱的最近 20 条消息（含验证码）。生产环境中不存在此接口。',
        querystring: devOutboxQuerySchema,
        response: { 200: devOutboxResponseSchema, 400: errorEnvelopeSchema },
      },
    },
    (request) => devOutboxService.list(request.query.to),
  );
};
