import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  areaEligibilityRulesViewSchema,
  errorEnvelopeSchema,
  examAreaParamsSchema,
  putAreaEligibilityRulesRequestSchema,
  ROLES,
} from '@hqe/core';
import { actorOf, requireAuth } from '../auth';
import type { AreaRulesService } from './area-rules.service';

const errors = {
  400: errorEnvelopeSchema,
  401: errorEnvelopeSchema,
  403: errorEnvelopeSchema,
  404: errorEnvelopeSchema,
};
const tags = ['eligibility-admin'];

/** An exam area's own eligibility rules (P1, P2) under /api/admin: its area admins, platform admins. */
export const areaRulesAdminRoutes: FastifyPluginAsyncZod<{
  areaRulesService: AreaRulesService;
}> = async (app, { areaRulesService: service }) => {
  const admins = requireAuth({ roles: [ROLES.platform_admin, ROLES.area_admin] });

  app.get(
    '/exam-areas/:examAreaId/eligibility-rules',
    {
      preHandler: admins,
      schema: {
        tags,
        summary: '考区报考规则（P1、P2）',
        description:
          'isDefault 为 true 表示该考区尚未保存自己的规则，报考条件审查按平台默认规则进行。',
        params: examAreaParamsSchema,
        response: { 200: areaEligibilityRulesViewSchema, ...errors },
      },
    },
    (request) => service.get(actorOf(request), request.params.examAreaId),
  );

  app.put(
    '/exam-areas/:examAreaId/eligibility-rules',
    {
      preHandler: admins,
      schema: {
        tags,
        summary: '设置考区报考规则（P1、P2）',
        description: [
          'nonLocalHouseholdDocuments：非本市户籍考生须提交居住证、居住证受理凭证或社保缴费记录；',
          'socialSecurityEmployerMatch：社保缴费单位须与报名单位一致；',
          'practiceSiteEmployerMatch：医师类、护理类专业的主执业地点须为报名单位；',
          'hmtAndForeignDocuments：港澳台居民和外籍人员须提交居住（居留）证件。',
          '四项须全部提交；保存后报考条件自测和审核立即按新规则进行。',
        ].join(''),
        params: examAreaParamsSchema,
        body: putAreaEligibilityRulesRequestSchema,
        response: { 200: areaEligibilityRulesViewSchema, ...errors },
      },
    },
    (request) => service.put(actorOf(request), request.params.examAreaId, request.body),
  );
};
