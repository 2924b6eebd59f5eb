import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { devOutboxQuerySchema, devOutboxResponseSchema, errorEnvelopeSchema } from '@hqe/core';
import { forbidden } from '../../lib/errors';
import type { DevOutboxService } from './dev-outbox.service';

/** True for a connection from this machine (IPv4 127/8, IPv6 ::1, IPv4-mapped loopback). */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return v4.startsWith('127.') || address === '::1';
}

/**
 * GET /api/dev/outbox?to=…: the messages the outbox delivery kept for one recipient, newest first,
 * decrypted. Registered only outside production with DEV_OUTBOX_API on and a loopback HOST (see
 * config.ts): it hands out verification codes, so it also answers only connections whose socket
 * comes from this machine (never X-Forwarded-For, which a client writes).
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
        response: {
          200: devOutboxResponseSchema,
          400: errorEnvelopeSchema,
          403: errorEnvelopeSchema,
        },
      },
      onRequest: async (request) => {
        if (!isLoopbackAddress(request.raw.socket.remoteAddress)) {
          throw forbidden('开发用发件箱只接受本机访问。');
        }
      },
    },
    (request) => devOutboxService.list(request.query.to),
  );
};
