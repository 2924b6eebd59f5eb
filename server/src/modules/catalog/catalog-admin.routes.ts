import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  adminSpecialtyListSchema,
  adminSpecialtySchema,
  areaCalendarSchema,
  base64Length,
  createCycleRequestSchema,
  cycleAreaParamsSchema,
  cycleListSchema,
  cycleViewSchema,
  errorEnvelopeSchema,
  examAreaParamsSchema,
  idParamSchema,
  offeringListSchema,
  putCalendarRequestSchema,
  putOfferingsRequestSchema,
  ROLES,
  SPECIALTY_IMPORT_MAX_BYTES,
  specialtyImportReportSchema,
  specialtyImportRequestSchema,
  specialtyListQuerySchema,
  testSiteInputSchema,
  testSiteListSchema,
  testSiteViewSchema,
  updateCycleRequestSchema,
  updateSpecialtyRequestSchema,
} from '@hqe/core';
import { actorOf, requireAuth } from '../auth';
import type { CatalogAdminService } from './catalog-admin.service';

const errors = {
  400: errorEnvelopeSchema,
  401: errorEnvelopeSchema,
  403: errorEnvelopeSchema,
  404: errorEnvelopeSchema,
  409: errorEnvelopeSchema,
};
const tags = ['catalog-admin'];

/**
 * Catalog and calendar administration under /api/admin. Area administrators manage their own
 * area; platform administrators any area, and alone the cycles and the national specialty table.
 */
export const catalogAdminRoutes: FastifyPluginAsyncZod<{
  catalogAdminService: CatalogAdminService;
}> = async (app, { catalogAdminService: service }) => {
  const admins = requireAuth({ roles: [ROLES.platform_admin, ROLES.area_admin] });
  const platformAdmins = requireAuth({ roles: [ROLES.platform_admin] });

  // --- cycles ---------------------------------------------------------------------------------

  app.get(
    '/cycles',
    {
      preHandler: admins,
      schema: {
        tags,
        summary: '考试年度列表',
        response: { 200: cycleListSchema, ...errors },
      },
    },
    () => service.listCycles(),
  );

  app.post(
    '/cycles',
    {
      preHandler: platformAdmins,
      schema: {
        tags,
        summary: '新增考试年度（平台管理员）',
        description: '工作年限截止日期须在考试年度的上一年或当年内（通常为上一年 12 月 31 日）。',
        body: createCycleRequestSchema,
        response: { 201: cycleViewSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.createCycle(actorOf(request), request.body)),
  );

  app.put(
    '/cycles/:id',
    {
      preHandler: platformAdmins,
      schema: {
        tags,
        summary: '修改考试年度（平台管理员）',
        params: idParamSchema,
        body: updateCycleRequestSchema,
        response: { 200: cycleViewSchema, ...errors },
      },
    },
    (request) => service.updateCycle(actorOf(request), request.params.id, request.body),
  );

  // --- the calendar of an area in a cycle -----------------------------------------------------

  app.get(
    '/cycles/:cycleId/exam-areas/:examAreaId/calendar',
    {
      preHandler: admins,
      schema: {
        tags,
        summary: '考区某年度的时间安排',
        params: cycleAreaParamsSchema,
        response: { 200: areaCalendarSchema, ...errors },
      },
    },
    (request) =>
      service.getCalendar(actorOf(request), request.params.cycleId, request.params.examAreaId),
  );

  app.put(
    '/cycles/:cycleId/exam-areas/:examAreaId/calendar',
    {
      preHandler: admins,
      schema: {
        tags,
        summary: '设置考区某年度的全部时间安排',
        description: [
          '一次提交全部阶段，未提交的阶段将被删除。时间为 ISO 8601（可带 +08:00），开始时刻起开放、结束时刻起关闭。',
          '校验：每个阶段只能出现一次，结束时间须晚于开始时间；报名确认不早于网上报名开始、不早于网上报名截止而截止；',
          '重新提交、资格审核不早于报名确认开始；审核结果公布、网上缴费不早于资格审核开始；',
          '准考证打印不早于网上缴费开始；考试在网上报名和网上缴费截止之后、准考证打印开放之后开始。',
        ].join(''),
        params: cycleAreaParamsSchema,
        body: putCalendarRequestSchema,
        response: { 200: areaCalendarSchema, ...errors },
      },
    },
    (request) =>
      service.putCalendar(
        actorOf(request),
        request.params.cycleId,
        request.params.examAreaId,
        request.body,
      ),
  );

  // --- offerings and fees ---------------------------------------------------------------------

  app.get(
    '/cycles/:cycleId/exam-areas/:examAreaId/offerings',
    {
      preHandler: admins,
      schema: {
        tags,
        summary: '考区某年度开考的专业及每科费用（分）',
        params: cycleAreaParamsSchema,
        response: { 200: offeringListSchema, ...errors },
      },
    },
    (request) =>
      service.listOfferings(actorOf(request), request.params.cycleId, request.params.examAreaId),
  );

  app.put(
    '/cycles/:cycleId/exam-areas/:examAreaId/offerings',
    {
      preHandler: admins,
      schema: {
        tags,
        summary: '设置考区某年度开考的全部专业及每科费用',
        description:
          '提交的即为开考专业的完整集合；此前开考而未提交的专业改为停考（保留记录）。费用单位为分（整数）。',
        params: cycleAreaParamsSchema,
        body: putOfferingsRequestSchema,
        response: { 200: offeringListSchema, ...errors },
      },
    },
    (request) =>
      service.putOfferings(
        actorOf(request),
        request.params.cycleId,
        request.params.examAreaId,
        request.body,
      ),
  );

  // --- test sites -----------------------------------------------------------------------------

  app.get(
    '/exam-areas/:examAreaId/test-sites',
    {
      preHandler: admins,
      schema: {
        tags,
        summary: '考区的考点列表（含已停用）',
        params: examAreaParamsSchema,
        response: { 200: testSiteListSchema, ...errors },
      },
    },
    (request) => service.listTestSites(actorOf(request), request.params.examAreaId),
  );

  app.post(
    '/exam-areas/:examAreaId/test-sites',
    {
      preHandler: admins,
      schema: {
        tags,
        summary: '新增考点',
        params: examAreaParamsSchema,
        body: testSiteInputSchema,
        response: { 201: testSiteViewSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await service.createTestSite(actorOf(request), request.params.examAreaId, request.body),
        ),
  );

  app.put(
    '/test-sites/:id',
    {
      preHandler: admins,
      schema: {
        tags,
        summary: '修改考点',
        params: idParamSchema,
        body: testSiteInputSchema,
        response: { 200: testSiteViewSchema, ...errors },
      },
    },
    (request) => service.updateTestSite(actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/test-sites/:id/deactivate',
    {
      preHandler: admins,
      schema: {
        tags,
        summary: '停用考点',
        params: idParamSchema,
        response: { 200: testSiteViewSchema, ...errors },
      },
    },
    (request) => service.deactivateTestSite(actorOf(request), request.params.id),
  );

  app.post(
    '/test-sites/:id/activate',
    {
      preHandler: admins,
      schema: {
        tags,
        summary: '重新启用考点',
        params: idParamSchema,
        response: { 200: testSiteViewSchema, ...errors },
      },
    },
    (request) => service.activateTestSite(actorOf(request), request.params.id),
  );

  // --- specialties ----------------------------------------------------------------------------

  app.get(
    '/specialties',
    {
      preHandler: admins,
      schema: {
        tags,
        summary: '专业目录（含科目、考试方式与确定性）',
        querystring: specialtyListQuerySchema,
        response: { 200: adminSpecialtyListSchema, ...errors },
      },
    },
    (request) => service.listSpecialties(request.query.examId),
  );

  app.put(
    '/specialties/:id',
    {
      preHandler: platformAdmins,
      schema: {
        tags,
        summary: '修改专业名称、科目、考试方式或确定性（平台管理员）',
        params: idParamSchema,
        body: updateSpecialtyRequestSchema,
        response: { 200: adminSpecialtySchema, ...errors },
      },
    },
    (request) => service.updateSpecialty(actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/specialties/import',
    {
      preHandler: platformAdmins,
      bodyLimit: base64Length(SPECIALTY_IMPORT_MAX_BYTES) + 64 * 1024,
      schema: {
        tags,
        summary: '从 CSV 或 Excel（.xlsx）文件导入专业目录（平台管理员）',
        description: [
          '文件以 Base64 放在 JSON 中（contentBase64），不超过 2 MB。第一行为表头：专业代码、专业名称、级别、类别、考试方式为必填列，',
          '科目（以顿号分隔，留空为四个标准科目）、确定性（已核实/待核实，留空为已核实）为可选列。CSV 可为 UTF-8 或 GB18030 编码。',
          '新代码新增，已有代码更新，文件中没有的专业保持不变。只要有一行有误，就不导入任何数据，报告列出每个错误的行号、列和原因；',
          'dryRun 为 true 时只校验。能读取的文件一律返回 200 与报告，applied 表示是否已保存。',
        ].join(''),
        body: specialtyImportRequestSchema,
        response: {
          200: specialtyImportReportSchema,
          ...errors,
          413: errorEnvelopeSchema,
          415: errorEnvelopeSchema,
        },
      },
    },
    (request) => service.importSpecialties(actorOf(request), request.body),
  );
};
