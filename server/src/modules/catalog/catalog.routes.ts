import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  catalogOverviewSchema,
  errorEnvelopeSchema,
  examAreaCodeParamsSchema,
  examAreaListSchema,
  publicTestSiteListSchema,
  registrationCityListSchema,
} from '@hqe/core';
import type { CatalogService } from './catalog.service';

/** Public catalog routes: what anyone may read before logging in. */
export const catalogRoutes: FastifyPluginAsyncZod<{ catalogService: CatalogService }> = async (
  app,
  { catalogService },
) => {
  app.get(
    '/catalog/overview',
    {
      schema: {
        tags: ['catalog'],
        summary: '考试项目、考试年度与各考区的时间安排（公开）',
        response: { 200: catalogOverviewSchema },
      },
    },
    () => catalogService.getOverview(),
  );

  app.get(
    '/exam-areas',
    {
      schema: {
        tags: ['catalog'],
        summary: '考区列表（公开）',
        response: { 200: examAreaListSchema },
      },
    },
    () => catalogService.listExamAreas(),
  );

  app.get(
    '/catalog/exam-areas/:code/test-sites',
    {
      schema: {
        tags: ['catalog'],
        summary: '考区在用的考点（公开）',
        description: '按考点代码排序，只列出使用中的考点。考区代码为 2 位数字（如上海为 31）。',
        params: examAreaCodeParamsSchema,
        response: {
          200: publicTestSiteListSchema,
          400: errorEnvelopeSchema,
          404: errorEnvelopeSchema,
        },
      },
    },
    (request) => catalogService.listPublicTestSites(request.params.code),
  );

  app.get(
    '/catalog/exam-areas/:code/cities',
    {
      schema: {
        tags: ['catalog'],
        summary: '考区在用的报名地市（公开）',
        description: '按考区设置的顺序，只列出在用的报名地市，供网上报名时选择。',
        params: examAreaCodeParamsSchema,
        response: {
          200: registrationCityListSchema,
          400: errorEnvelopeSchema,
          404: errorEnvelopeSchema,
        },
      },
    },
    (request) => catalogService.listPublicCities(request.params.code),
  );
};
