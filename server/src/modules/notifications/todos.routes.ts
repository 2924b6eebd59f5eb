import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorEnvelopeSchema, todoCountSchema, todoListSchema } from '@hqe/core';
import { actorOf, requireAuth } from '../auth';
import type { TodoService } from './todos.service';

/** The candidate's to-do centre (待办事项) under /api/candidate/todos. */
export const todoRoutes: FastifyPluginAsyncZod<{ todoService: TodoService }> = async (
  app,
  { todoService },
) => {
  const guard = requireAuth({ roles: ['candidate'] });
  const errors = { 401: errorEnvelopeSchema, 403: errorEnvelopeSchema };

  app.get(
    '/',
    {
      preHandler: guard,
      schema: {
        tags: ['candidate-account'],
        summary: '本人的待办事项（未完成的，截止时间近的在前）',
        description:
          '每项含要做的事、截止时间（deadlineAt，期间的结束时刻，不含）和办理页面路径（linkPath）。事项办理后自动移出。',
        response: { 200: todoListSchema, ...errors },
      },
    },
    (request) => todoService.list(actorOf(request).accountId),
  );

  app.get(
    '/count',
    {
      preHandler: guard,
      schema: {
        tags: ['candidate-account'],
        summary: '本人未完成的待办事项数',
        response: { 200: todoCountSchema, ...errors },
      },
    },
    (request) => todoService.count(actorOf(request).accountId),
  );
};
