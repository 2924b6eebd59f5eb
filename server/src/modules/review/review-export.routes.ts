import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorEnvelopeSchema, REVIEW_EXPORT_COLUMNS, reviewExportQuerySchema } from '@hqe/core';
import { attachmentDisposition } from '../../lib/content-disposition';
import { actorOf, requireAuth } from '../auth';
import {
  XLSX_CONTENT_TYPE,
  type ReviewExportFile,
  type ReviewExportService,
} from './review-export';
import { REVIEW_ROUTE_ROLES } from './review-scope';

/** The sheet as a private download (never kept by a shared cache or the browser's). */
function sendSheet(reply: FastifyReply, file: ReviewExportFile) {
  void reply
    .header('content-type', XLSX_CONTENT_TYPE)
    .header('content-disposition', attachmentDisposition(file.fileName))
    .header('cache-control', 'private, no-store')
    .header('x-row-count', String(file.rowCount));
  return reply.send(file.stream);
}

/** 导出 Excel under /api/review: the area's registrations of a cycle as an .xlsx sheet. */
export const reviewExportRoutes: FastifyPluginAsyncZod<{
  reviewExportService: ReviewExportService;
}> = async (app, { reviewExportService: service }) => {
  app.get(
    '/export',
    {
      preHandler: requireAuth({ roles: REVIEW_ROUTE_ROLES }),
      schema: {
        // A spreadsheet, not JSON: left out of the OpenAPI document like the other downloads.
        hide: true,
        tags: ['review'],
        summary: '导出报名信息（Excel .xlsx），可按审核队列的条件筛选',
        description: [
          `工作表“报名信息”，第一行为表头：${REVIEW_EXPORT_COLUMNS.join('、')}。时间为北京时间。`,
          '考区管理员（及指定考区的平台管理员）导出完整的证件号码和手机号；审核员导出的证件号码和手机号已打码。',
          '给出 stage 而未给 status 时，导出该队列等待审核的报名；两者都未给出时导出全部报名。每次导出都记入审计日志（筛选条件与行数）。',
          '以 = + - @ 等开头的内容前加英文单引号，不会被当作公式执行。',
        ].join(''),
        querystring: reviewExportQuerySchema,
        response: {
          400: errorEnvelopeSchema,
          401: errorEnvelopeSchema,
          403: errorEnvelopeSchema,
          404: errorEnvelopeSchema,
        },
      },
    },
    async (request, reply) =>
      sendSheet(reply, await service.exportRegistrations(actorOf(request), request.query)),
  );
};
