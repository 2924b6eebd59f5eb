import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  createReviewReasonRequestSchema,
  errorEnvelopeSchema,
  reviewReasonItemSchema,
  reviewReasonListQuerySchema,
  reviewReasonListSchema,
  reviewReasonParamsSchema,
  updateReviewReasonRequestSchema,
} from '@hqe/core';
import { actorOf, requireAuth } from '../auth';
import type { ReviewReasonsService } from './review-reasons.service';
import { REVIEW_ROUTE_ROLES } from './review-scope';

const tags = ['review'];
const errors = {
  400: errorEnvelopeSchema,
  401: errorEnvelopeSchema,
  403: errorEnvelopeSchema,
  404: errorEnvelopeSchema,
};

/** The exam area's reason catalogue under /api/review/reasons. */
export const reviewReasonsRoutes: FastifyPluginAsyncZod<{
  reviewReasonsService: ReviewReasonsService;
}> = async (app, { reviewReasonsService: service }) => {
  const preHandler = requireAuth({ roles: REVIEW_ROUTE_ROLES });

  app.get(
    '/reasons',
    {
      preHandler,
      schema: {
        tags,
        summary: '本考区的退回原因和不通过原因（含已停用的，active=false）',
        description:
          '考区的审核员和考区管理员可查看。考区首次读取时获得系统预置的原因（学历不符、专业不符、年限不够等），之后由考区管理员维护。',
        querystring: reviewReasonListQuerySchema,
        response: { 200: reviewReasonListSchema, ...errors },
      },
    },
    (request) => service.list(actorOf(request), request.query.stage),
  );

  app.post(
    '/reasons',
    {
      preHandler,
      schema: {
        tags,
        summary: '新增原因（考区管理员）',
        description:
          '代码在本考区同一审核环节内唯一（重复返回 409 conflict），新原因排在该环节末尾。',
        body: createReviewReasonRequestSchema,
        response: { 201: reviewReasonItemSchema, ...errors, 409: errorEnvelopeSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.create(actorOf(request), request.body)),
  );

  app.patch(
    '/reasons/:id',
    {
      preHandler,
      schema: {
        tags,
        summary: '修改原因的名称、说明、顺序，或停用、启用（考区管理员）',
        description: '原因不能删除，只能停用：已作出的决定保留当时的原因名称和说明。',
        params: reviewReasonParamsSchema,
        body: updateReviewReasonRequestSchema,
        response: { 200: reviewReasonItemSchema, ...errors },
      },
    },
    (request) => service.update(actorOf(request), request.params.id, request.body),
  );
};
