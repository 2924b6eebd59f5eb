import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorEnvelopeSchema, reviewDashboardQuerySchema, reviewDashboardSchema } from '@hqe/core';
import { actorOf, requireAuth } from '../auth';
import type { ReviewDashboardService } from './review-dashboard.service';
import { REVIEW_ROUTE_ROLES } from './review-scope';

const errors = {
  400: errorEnvelopeSchema,
  401: errorEnvelopeSchema,
  403: errorEnvelopeSchema,
  404: errorEnvelopeSchema,
};

/** 审核统计 under /api/review: an exam area's figures for one cycle. */
export const reviewDashboardRoutes: FastifyPluginAsyncZod<{
  reviewDashboardService: ReviewDashboardService;
}> = async (app, { reviewDashboardService: service }) => {
  app.get(
    '/dashboard',
    {
      preHandler: requireAuth({ roles: REVIEW_ROUTE_ROLES }),
      schema: {
        tags: ['review'],
        summary: '审核统计：按状态、专业、报名地市、日期和审核员的数量，以及两个审核队列的情况',
        description: [
          '考区管理员和审核员查看本考区的数据（指定其他考区返回 404）；平台管理员须以 examAreaId 指定考区。',
          '日期为北京时间的自然日。专业和报名地市的 count 为已提交过的报名（不含未提交），confirmed 为已通过报名确认的报名。',
          '不含任何个人信息。',
        ].join(''),
        querystring: reviewDashboardQuerySchema,
        response: { 200: reviewDashboardSchema, ...errors },
      },
    },
    (request) => service.dashboard(actorOf(request), request.query),
  );
};
