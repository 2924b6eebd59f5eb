import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { catalogOverviewSchema, examAreaListSchema } from '@hqe/core';
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
};
