import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  bulkConfirmationRequestSchema,
  bulkDecisionResultSchema,
  claimParamsSchema,
  confirmationDecisionRequestSchema,
  errorEnvelopeSchema,
  qualificationDecisionRequestSchema,
  reviewDecisionOutcomeSchema,
} from '@hqe/core';
import { actorOf, requireAuth } from '../auth';
import type { ReviewDecisionsService } from './review-decisions.service';
import { REVIEW_ROUTE_ROLES } from './review-scope';

const tags = ['review'];
const errors = {
  400: errorEnvelopeSchema,
  401: errorEnvelopeSchema,
  403: errorEnvelopeSchema,
  404: errorEnvelopeSchema,
  409: errorEnvelopeSchema,
};

/** The review console's decisions under /api/review (报名确认, 资格审核, 批量确认). */
export const reviewDecisionsRoutes: FastifyPluginAsyncZod<{
  reviewDecisionsService: ReviewDecisionsService;
}> = async (app, { reviewDecisionsService: service }) => {
  const preHandler = requireAuth({ roles: REVIEW_ROUTE_ROLES });

  app.post(
    '/registrations/:id/confirmation',
    {
      preHandler,
      schema: {
        tags,
        summary: '报名确认：确认通过，或退回修改（选择本考区的退回原因并可填写备注）',
        description: [
          '仅本考区的报名确认审核员；其他考区的报名返回 404。',
          '原因代码须为本考区启用中的退回原因（否则 400 validation_failed，指明代码）。',
          'version 须为审核员读取报名时的版本，考生此后修改过报名（撤回、修改、重新提交等）返回 409 version_conflict，不作任何处理。',
          '报名正由其他审核员领取时返回 409 conflict；状态已变化返回 409 invalid_transition；不在报名确认时间内返回 409 phase_closed（details 含时间）。',
          '退回后考生在报名页面看到原因、备注和重新提交截止时间，并收到通知。',
        ].join(''),
        params: claimParamsSchema,
        body: confirmationDecisionRequestSchema,
        response: { 200: reviewDecisionOutcomeSchema, ...errors },
      },
    },
    (request) => service.confirmation(actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/registrations/:id/qualification',
    {
      preHandler,
      schema: {
        tags,
        summary: '资格审核：审核通过、审核不通过（选择原因），或要求补充材料（选择材料栏目）',
        description: [
          '仅本考区的资格审核员，在资格审核时间内（否则 409 phase_closed）。',
          'version 须为审核员读取报名时的版本，此后报名有变化返回 409 version_conflict。',
          '通过与不通过的结果立即记录，但考生自审核结果公布时间起才能看到（R18）；要求补充材料时立即通知考生，考生在指定栏目上传后提交，报名回到资格审核队列。',
        ].join(''),
        params: claimParamsSchema,
        body: qualificationDecisionRequestSchema,
        response: { 200: reviewDecisionOutcomeSchema, ...errors },
      },
    },
    (request) => service.qualification(actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/confirmation/bulk',
    {
      preHandler,
      schema: {
        tags,
        summary: '批量确认通过或批量退回（同一原因），逐条处理并逐条记录审计',
        description:
          '每条报名带上队列中看到的 version，单独处理：某条失败（已撤回或已修改即 version_conflict、已被其他审核员领取、不属于本考区等）不影响其他各条。results 按请求顺序给出每条的结果。原因代码无效时整个请求返回 400，不处理任何一条。',
        body: bulkConfirmationRequestSchema,
        response: { 200: bulkDecisionResultSchema, ...errors },
      },
    },
    (request) => service.bulkConfirmation(actorOf(request), request.body, request.log),
  );
};
