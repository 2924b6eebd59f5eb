import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  claimNextRequestSchema,
  claimNextResultSchema,
  claimParamsSchema,
  errorEnvelopeSchema,
  okSchema,
  REVIEW_LEASE_MINUTES,
  reviewClaimSchema,
  reviewQueuePageSchema,
  reviewQueueQuerySchema,
} from '@hqe/core';
import { actorOf, requireAuth } from '../auth';
import type { ReviewClaimsService } from './review-claims';
import type { ReviewQueueService } from './review-queue.service';
import { REVIEW_ROUTE_ROLES } from './review-scope';

const tags = ['review'];
const errors = {
  400: errorEnvelopeSchema,
  401: errorEnvelopeSchema,
  403: errorEnvelopeSchema,
  404: errorEnvelopeSchema,
};
const changeErrors = { ...errors, 409: errorEnvelopeSchema };

/** 审核队列与领取 under /api/review: the list of a queue, and claims with a lease. */
export const reviewQueueRoutes: FastifyPluginAsyncZod<{
  reviewQueueService: ReviewQueueService;
  reviewClaimsService: ReviewClaimsService;
}> = async (app, { reviewQueueService: queue, reviewClaimsService: claims }) => {
  const preHandler = requireAuth({ roles: REVIEW_ROUTE_ROLES });

  app.get(
    '/queue',
    {
      preHandler,
      schema: {
        tags,
        summary: '审核队列：本考区等待报名确认或资格审核的报名，按进入队列的先后排列',
        description: [
          '仅本考区：报名确认审核员查看报名确认队列，资格审核员查看资格审核队列，考区管理员可查看两者（只读）；平台管理员不属于任何考区（403）。',
          'status 默认为该队列的等待状态（报名确认：待确认；资格审核：已确认）。',
          'q：14 位数字为网报号（不足 14 位按开头匹配）；证件号码须完整输入，按加密索引精确匹配；其他按姓名开头匹配。',
          '列表中的证件号码已做掩码处理。翻页：把上一页的 nextCursor 作为 cursor 传入（无效的 cursor 返回 400）；total 为符合条件的总数。',
        ].join(''),
        querystring: reviewQueueQuerySchema,
        response: { 200: reviewQueuePageSchema, ...errors },
      },
    },
    (request) => queue.list(actorOf(request), request.query),
  );

  app.post(
    '/claims/next',
    {
      preHandler,
      schema: {
        tags,
        summary: '领取下一条：符合筛选条件、最早进入队列且未被他人领取的报名',
        description: [
          `领取后 ${REVIEW_LEASE_MINUTES} 分钟内由本人审核，到期未处理则自动回到队列。`,
          '每名审核员在每个队列同时只持有一条：已持有未到期的领取时返回该条。',
          '队列中没有可领取的报名时 claim 为 null。考区管理员不能领取（403）。',
        ].join(''),
        body: claimNextRequestSchema,
        response: { 200: claimNextResultSchema, ...changeErrors },
      },
    },
    (request) => claims.next(actorOf(request), request.body),
  );

  app.post(
    '/claims/:id',
    {
      preHandler,
      schema: {
        tags,
        summary: '领取列表中的某条报名',
        description: [
          `领取 ${REVIEW_LEASE_MINUTES} 分钟；再次领取本人已领取的报名会延长期限，并释放本人在同一队列中的其他领取。`,
          '正由他人审核时返回 409 conflict（details.claim 为其领取）；报名不在本人负责的队列中（如已被处理）返回 409 invalid_transition；其他考区的报名返回 404。',
        ].join(''),
        params: claimParamsSchema,
        response: { 200: reviewClaimSchema, ...changeErrors },
      },
    },
    (request) => claims.claim(actorOf(request), request.params.id),
  );

  app.delete(
    '/claims/:id',
    {
      preHandler,
      schema: {
        tags,
        summary: '释放本人的领取，报名回到队列',
        description:
          '未被领取或领取已到期时直接返回成功；正由他人审核时返回 409 conflict。其他考区的报名返回 404。',
        params: claimParamsSchema,
        response: { 200: okSchema, ...changeErrors },
      },
    },
    (request) => claims.release(actorOf(request), request.params.id),
  );
};
