import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  adminRegistrationCityListSchema,
  adminRegistrationCitySchema,
  createExamAreaRequestSchema,
  createRegistrationCityRequestSchema,
  errorEnvelopeSchema,
  examAreaParamsSchema,
  examAreaViewSchema,
  examListSchema,
  idParamSchema,
  renameRegistrationCityRequestSchema,
  reorderRegistrationCitiesRequestSchema,
  ROLES,
  updateExamAreaRequestSchema,
} from '@hqe/core';
import { actorOf, requireAuth } from '../auth';
import type { ExamAreaService } from './exam-areas.service';

const errors = {
  400: errorEnvelopeSchema,
  401: errorEnvelopeSchema,
  403: errorEnvelopeSchema,
  404: errorEnvelopeSchema,
  409: errorEnvelopeSchema,
};
const tags = ['catalog-admin'];

/**
 * Exams, exam areas and registration cities under /api/admin. Platform administrators add and
 * rename exam areas; an area's registration cities are managed by its own area administrators
 * and by platform administrators. The public list of areas is GET /api/exam-areas.
 */
export const examAreaAdminRoutes: FastifyPluginAsyncZod<{
  examAreaService: ExamAreaService;
}> = async (app, { examAreaService: service }) => {
  const admins = requireAuth({ roles: [ROLES.platform_admin, ROLES.area_admin] });
  const platformAdmins = requireAuth({ roles: [ROLES.platform_admin] });

  app.get(
    '/exams',
    {
      preHandler: admins,
      schema: {
        tags,
        summary: '考试项目列表',
        response: { 200: examListSchema, ...errors },
      },
    },
    () => service.listExams(),
  );

  // --- exam areas -----------------------------------------------------------------------------

  app.post(
    '/exam-areas',
    {
      preHandler: platformAdmins,
      schema: {
        tags,
        summary: '新增考区（平台管理员）',
        description:
          '考区代码为省级行政区划代码的前两位（如上海为 31），创建后不能修改；代码和名称都不能与已有考区重复。考区列表见 GET /api/exam-areas。',
        body: createExamAreaRequestSchema,
        response: { 201: examAreaViewSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.createExamArea(actorOf(request), request.body)),
  );

  app.put(
    '/exam-areas/:examAreaId',
    {
      preHandler: platformAdmins,
      schema: {
        tags,
        summary: '修改考区名称（平台管理员）',
        params: examAreaParamsSchema,
        body: updateExamAreaRequestSchema,
        response: { 200: examAreaViewSchema, ...errors },
      },
    },
    (request) => service.updateExamArea(actorOf(request), request.params.examAreaId, request.body),
  );

  // --- registration cities (报名地市) -----------------------------------------------------------

  app.get(
    '/exam-areas/:examAreaId/cities',
    {
      preHandler: admins,
      schema: {
        tags,
        summary: '考区的报名地市（按顺序，含已停用）',
        params: examAreaParamsSchema,
        response: { 200: adminRegistrationCityListSchema, ...errors },
      },
    },
    (request) => service.listCities(actorOf(request), request.params.examAreaId),
  );

  app.post(
    '/exam-areas/:examAreaId/cities',
    {
      preHandler: admins,
      schema: {
        tags,
        summary: '新增报名地市（排在最后）',
        description: '代码为 6 位行政区划代码，创建后不能修改；代码和名称在本考区内不能重复。',
        params: examAreaParamsSchema,
        body: createRegistrationCityRequestSchema,
        response: { 201: adminRegistrationCitySchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await service.createCity(actorOf(request), request.params.examAreaId, request.body)),
  );

  app.put(
    '/exam-areas/:examAreaId/cities/order',
    {
      preHandler: admins,
      schema: {
        tags,
        summary: '调整报名地市的顺序',
        description: '按考生看到的顺序提交本考区全部报名地市的 id（含已停用的），每个只出现一次。',
        params: examAreaParamsSchema,
        body: reorderRegistrationCitiesRequestSchema,
        response: { 200: adminRegistrationCityListSchema, ...errors },
      },
    },
    (request) => service.reorderCities(actorOf(request), request.params.examAreaId, request.body),
  );

  app.put(
    '/cities/:id',
    {
      preHandler: admins,
      schema: {
        tags,
        summary: '修改报名地市名称',
        params: idParamSchema,
        body: renameRegistrationCityRequestSchema,
        response: { 200: adminRegistrationCitySchema, ...errors },
      },
    },
    (request) => service.renameCity(actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/cities/:id/deactivate',
    {
      preHandler: admins,
      schema: {
        tags,
        summary: '停用报名地市',
        description:
          '停用后考生报名时不再能选择该地市；已选择它的报名不受影响。记录保留，可重新启用。',
        params: idParamSchema,
        response: { 200: adminRegistrationCitySchema, ...errors },
      },
    },
    (request) => service.deactivateCity(actorOf(request), request.params.id),
  );

  app.post(
    '/cities/:id/activate',
    {
      preHandler: admins,
      schema: {
        tags,
        summary: '重新启用报名地市',
        params: idParamSchema,
        response: { 200: adminRegistrationCitySchema, ...errors },
      },
    },
    (request) => service.activateCity(actorOf(request), request.params.id),
  );
};
