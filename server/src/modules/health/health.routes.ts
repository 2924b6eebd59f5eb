import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { HealthService } from './health.service';

const healthSchema = z
  .object({
    status: z.enum(['ok', 'unavailable']),
    database: z.enum(['ok', 'unavailable']),
    engine: z.enum(['pglite', 'postgres']),
  })
  .meta({ id: 'Health' });

/** GET /api/health: 200 when the database answers, 503 when it does not. */
export const healthRoutes: FastifyPluginAsyncZod<{
  healthService: HealthService;
  engine: 'pglite' | 'postgres';
}> = async (app, { healthService, engine }) => {
  app.get(
    '/health',
    {
      schema: {
        tags: ['system'],
        summary: '健康检查（含数据库连通性）',
        response: { 200: healthSchema, 503: healthSchema },
      },
    },
    async (request, reply) => {
      if (await healthService.isDatabaseUp()) {
        return { status: 'ok' as const, database: 'ok' as const, engine };
      }
      request.log.error('health check: database unavailable');
      return reply
        .code(503)
        .send({ status: 'unavailable' as const, database: 'unavailable' as const, engine });
    },
  );
};
