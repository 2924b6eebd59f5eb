import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  eligibilityCheckRequestSchema,
  eligibilityCheckResponseSchema,
  eligibilitySpecialtiesQuerySchema,
  eligibilitySpecialtyListSchema,
  errorEnvelopeSchema,
} from '@hqe/core';
import type { EligibilityService } from './eligibility.service';

/** The public eligibility self-check under /api/eligibility (no login; POST carries the CSRF header). */
export const eligibilityRoutes: FastifyPluginAsyncZod<{
  eligibilityService: EligibilityService;
}> = async (app, { eligibilityService }) => {
  app.get(
    '/specialties',
    {
      schema: {
        tags: ['eligibility'],
        summary: '可自测的专业列表（公开）',
        description:
          '所选考试年度的专业，按级别（初级(士)、初级(师)、中级）再按专业代码排序。给出考区代码且该考区已设置本年度开考专业时，仅列出该考区开考的专业。',
        querystring: eligibilitySpecialtiesQuerySchema,
        response: {
          200: eligibilitySpecialtyListSchema,
          400: errorEnvelopeSchema,
          404: errorEnvelopeSchema,
        },
      },
    },
    (request) => eligibilityService.listSpecialties(request.query),
  );

  app.post(
    '/check',
    {
      schema: {
        tags: ['eligibility'],
        summary: '报考条件自测（公开）',
        description:
          '按所选专业与级别、考试年度的工作年限截止日期和考区规则，逐条说明考生是否符合报考条件，并列出需准备的材料。所填信息不保存。',
        body: eligibilityCheckRequestSchema,
        response: {
          200: eligibilityCheckResponseSchema,
          400: errorEnvelopeSchema,
          403: errorEnvelopeSchema,
          404: errorEnvelopeSchema,
        },
      },
    },
    (request) => eligibilityService.check(request.body),
  );
};
