import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  base64Length,
  errorEnvelopeSchema,
  examAreaParamsSchema,
  PREVIOUS_RESULTS_IMPORT_MAX_BYTES,
  previousResultsImportReportSchema,
  previousResultsImportRequestSchema,
  previousResultsSummarySchema,
  ROLES,
} from '@hqe/core';
import { actorOf, requireAuth } from '../auth';
import type { PreviousResultsService } from './previous-results.service';

const errors = {
  400: errorEnvelopeSchema,
  401: errorEnvelopeSchema,
  403: errorEnvelopeSchema,
  404: errorEnvelopeSchema,
  409: errorEnvelopeSchema,
};
const tags = ['previous-results'];

/** 历史考生成绩 import and summary, under /api/admin (area administrators of the area, platform). */
export const previousResultsAdminRoutes: FastifyPluginAsyncZod<{
  previousResultsService: PreviousResultsService;
}> = async (app, { previousResultsService: service }) => {
  const admins = requireAuth({ roles: [ROLES.platform_admin, ROLES.area_admin] });

  app.get(
    '/exam-areas/:examAreaId/previous-results',
    {
      preHandler: admins,
      schema: {
        tags,
        summary: '历史考生成绩概况：各年度的记录数和最近一次导入（不含个人信息）',
        params: examAreaParamsSchema,
        response: { 200: previousResultsSummarySchema, ...errors },
      },
    },
    (request) => service.summary(actorOf(request), request.params.examAreaId),
  );

  app.post(
    '/exam-areas/:examAreaId/previous-results/import',
    {
      preHandler: admins,
      bodyLimit: base64Length(PREVIOUS_RESULTS_IMPORT_MAX_BYTES) + 64 * 1024,
      schema: {
        tags,
        summary: '从 CSV 或 Excel（.xlsx）文件导入上一年度考生成绩（历史考生）',
        description: [
          '文件以 Base64 放在 JSON 中（contentBase64），不超过 10 MB；year 为成绩所属的考试年度。第一行为表头：',
          '证件号码、姓名、报名地市、考点、专业代码、级别为必填列；科目成绩列为“科目1”至“科目4”或“基础知识”“相关专业知识”“专业知识”“专业实践能力”，',
          '填分数（60 分及以上为合格）或 合格/不合格/缺考；考区、缺考、违纪为可选列（缺考、违纪填 是/否）。',
          '同一考区、年度、证件号码和专业的记录由文件中的行替换。只要有一行有误，就不导入任何数据，报告列出每个错误的行号、列和原因；',
          'dryRun 为 true 时只校验。能读取的文件一律返回 200 与报告，applied 表示是否已保存。',
        ].join(''),
        params: examAreaParamsSchema,
        body: previousResultsImportRequestSchema,
        response: {
          200: previousResultsImportReportSchema,
          ...errors,
          413: errorEnvelopeSchema,
          415: errorEnvelopeSchema,
        },
      },
    },
    (request) => service.importResults(actorOf(request), request.params.examAreaId, request.body),
  );
};
