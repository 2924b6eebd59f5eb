import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  claimParamsSchema,
  errorEnvelopeSchema,
  registrationFileParamsSchema,
  reviewRegistrationSchema,
} from '@hqe/core';
import { attachmentDisposition } from '../../lib/content-disposition';
import { actorOf, requireAuth } from '../auth';
import type { ReviewRegistrationService } from './review-registration.service';
import { REVIEW_ROUTE_ROLES } from './review-scope';

const errors = {
  400: errorEnvelopeSchema,
  401: errorEnvelopeSchema,
  403: errorEnvelopeSchema,
  404: errorEnvelopeSchema,
};

/** `?thumbnail=1` (or `true`) asks for the small JPEG of an image instead of the file. */
const fileQuerySchema = z.strictObject({
  thumbnail: z
    .enum(['1', 'true', '0', 'false'], { error: 'thumbnail 须为 1 或 0' })
    .transform((v) => v === '1' || v === 'true')
    .optional(),
});

/** The photo URL's cache-busting version; anything else in the query is refused. */
const versionQuerySchema = z.strictObject({
  v: z
    .string()
    .regex(/^[0-9a-f]{1,64}$/)
    .optional(),
});

/** Candidates' files are personal data: never kept by a shared cache or the browser's. */
function sendPrivate(
  reply: FastifyReply,
  contentType: string,
  bytes: Buffer,
  disposition?: string,
) {
  void reply.header('content-type', contentType).header('cache-control', 'private, no-store');
  if (disposition) void reply.header('content-disposition', disposition);
  return reply.send(bytes);
}

/** One registration as its exam area's staff review it, under /api/review/registrations. */
export const reviewRegistrationRoutes: FastifyPluginAsyncZod<{
  reviewRegistrationService: ReviewRegistrationService;
}> = async (app, { reviewRegistrationService: service }) => {
  const preHandler = requireAuth({ roles: REVIEW_ROUTE_ROLES });

  app.get(
    '/registrations/:id',
    {
      preHandler,
      schema: {
        tags: ['review'],
        summary:
          '审核详情：考生信息（证件号码、手机号已遮蔽）、提交时的报名信息和基本信息、资格审核意见、材料、本次修改、审核记录',
        description:
          '本考区的审核员和考区管理员可查看；其他考区的报名返回 404。actions 为调用者此刻可作出的决定（按角色、状态和时间；被其他审核员领取时为空）。',
        params: claimParamsSchema,
        response: { 200: reviewRegistrationSchema, ...errors },
      },
    },
    (request) => service.get(actorOf(request), request.params.id),
  );

  // Binary responses are left out of the OpenAPI document and announced by URLs in the view.
  app.get(
    '/registrations/:id/files/:fileId',
    {
      preHandler,
      schema: {
        hide: true,
        params: registrationFileParamsSchema,
        querystring: fileQuerySchema,
        response: errors,
      },
    },
    async (request, reply) => {
      const thumbnail = request.query.thumbnail ?? false;
      const file = await service.file(
        actorOf(request),
        request.params.id,
        request.params.fileId,
        thumbnail,
      );
      return sendPrivate(
        reply,
        file.contentType,
        file.bytes,
        thumbnail
          ? undefined
          : attachmentDisposition(file.fileName).replace(/^attachment/, 'inline'),
      );
    },
  );

  app.get(
    '/registrations/:id/photo',
    {
      preHandler,
      schema: {
        hide: true,
        params: claimParamsSchema,
        querystring: versionQuerySchema,
        response: errors,
      },
    },
    async (request, reply) =>
      sendPrivate(reply, 'image/jpeg', await service.photo(actorOf(request), request.params.id)),
  );
};
