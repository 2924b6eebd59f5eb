import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  base64Length,
  cycleAreaParamsSchema,
  errorEnvelopeSchema,
  examNoticeInputSchema,
  examNoticeListSchema,
  examNoticeViewSchema,
  idParamSchema,
  NOTICE_ATTACHMENT_MAX_BYTES,
  noticeAttachmentParamsSchema,
  publicExamNoticeListSchema,
  ROLES,
  uploadAttachmentRequestSchema,
} from '@hqe/core';
import { attachmentDisposition } from '../../lib/content-disposition';
import { actorOf, requireAuth } from '../auth';
import type { Download, NoticeService } from './notices.service';

const errors = {
  400: errorEnvelopeSchema,
  401: errorEnvelopeSchema,
  403: errorEnvelopeSchema,
  404: errorEnvelopeSchema,
  409: errorEnvelopeSchema,
};
const tags = ['catalog-admin'];

/** Sends a stored file with its content type and its UTF-8 name. */
function sendFile(reply: FastifyReply, file: Download) {
  return reply
    .header('content-type', file.contentType)
    .header('content-disposition', attachmentDisposition(file.fileName))
    .send(file.bytes);
}

/**
 * Downloads are binary, not JSON: they are left out of the OpenAPI document (whose check wants
 * JSON bodies) and announced instead by each attachment's `downloadUrl`.
 */
const downloadSchema = {
  hide: true,
  params: noticeAttachmentParamsSchema,
  response: {
    400: errorEnvelopeSchema,
    401: errorEnvelopeSchema,
    403: errorEnvelopeSchema,
    404: errorEnvelopeSchema,
  },
};

/** Exam notices (考试通知) administration under /api/admin. */
export const noticeAdminRoutes: FastifyPluginAsyncZod<{ noticeService: NoticeService }> = async (
  app,
  { noticeService: service },
) => {
  const preHandler = requireAuth({ roles: [ROLES.platform_admin, ROLES.area_admin] });

  app.get(
    '/cycles/:cycleId/exam-areas/:examAreaId/notices',
    {
      preHandler,
      schema: {
        tags,
        summary: '考区某年度的考试通知（含草稿）',
        params: cycleAreaParamsSchema,
        response: { 200: examNoticeListSchema, ...errors },
      },
    },
    (request) =>
      service.listNotices(actorOf(request), request.params.cycleId, request.params.examAreaId),
  );

  app.post(
    '/cycles/:cycleId/exam-areas/:examAreaId/notices',
    {
      preHandler,
      schema: {
        tags,
        summary: '新建考试通知（草稿）',
        params: cycleAreaParamsSchema,
        body: examNoticeInputSchema,
        response: { 201: examNoticeViewSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await service.createNotice(
            actorOf(request),
            request.params.cycleId,
            request.params.examAreaId,
            request.body,
          ),
        ),
  );

  app.get(
    '/notices/:id',
    {
      preHandler,
      schema: {
        tags,
        summary: '考试通知详情',
        params: idParamSchema,
        response: { 200: examNoticeViewSchema, ...errors },
      },
    },
    (request) => service.getNotice(actorOf(request), request.params.id),
  );

  app.put(
    '/notices/:id',
    {
      preHandler,
      schema: {
        tags,
        summary: '修改考试通知的标题和正文',
        params: idParamSchema,
        body: examNoticeInputSchema,
        response: { 200: examNoticeViewSchema, ...errors },
      },
    },
    (request) => service.updateNotice(actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/notices/:id/publish',
    {
      preHandler,
      schema: {
        tags,
        summary: '发布考试通知（考生登录前即可查看）',
        params: idParamSchema,
        response: { 200: examNoticeViewSchema, ...errors },
      },
    },
    (request) => service.publishNotice(actorOf(request), request.params.id),
  );

  app.post(
    '/notices/:id/unpublish',
    {
      preHandler,
      schema: {
        tags,
        summary: '撤回已发布的考试通知',
        params: idParamSchema,
        response: { 200: examNoticeViewSchema, ...errors },
      },
    },
    (request) => service.unpublishNotice(actorOf(request), request.params.id),
  );

  app.post(
    '/notices/:id/attachments',
    {
      preHandler,
      bodyLimit: base64Length(NOTICE_ATTACHMENT_MAX_BYTES) + 64 * 1024,
      schema: {
        tags,
        summary: '上传考试通知附件',
        description:
          '文件以 Base64 放在 JSON 中（contentBase64），不超过 10 MB。类型按文件内容判断：PDF、Word（DOC/DOCX）、Excel（XLS/XLSX）、JPEG、PNG，文件扩展名须与内容一致，否则返回 415。同一通知内附件名称不能重复（409）。',
        params: idParamSchema,
        body: uploadAttachmentRequestSchema,
        response: {
          201: examNoticeViewSchema,
          ...errors,
          413: errorEnvelopeSchema,
          415: errorEnvelopeSchema,
        },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await service.addAttachment(actorOf(request), request.params.id, request.body)),
  );

  app.delete(
    '/notices/:id/attachments/:attachmentId',
    {
      preHandler,
      schema: {
        tags,
        summary: '删除考试通知附件',
        params: noticeAttachmentParamsSchema,
        response: { 200: examNoticeViewSchema, ...errors },
      },
    },
    (request) =>
      service.removeAttachment(actorOf(request), request.params.id, request.params.attachmentId),
  );

  app.get(
    '/notices/:id/attachments/:attachmentId',
    { preHandler, schema: downloadSchema },
    async (request, reply) =>
      sendFile(
        reply,
        await service.downloadForAdmin(
          actorOf(request),
          request.params.id,
          request.params.attachmentId,
        ),
      ),
  );
};

/** What candidates read before logging in: the published notices and their attachments. */
export const publicNoticeRoutes: FastifyPluginAsyncZod<{ noticeService: NoticeService }> = async (
  app,
  { noticeService: service },
) => {
  app.get(
    '/cycles/:cycleId/exam-areas/:examAreaId/notices',
    {
      schema: {
        tags: ['catalog'],
        summary: '考区某年度已发布的考试通知及附件（公开）',
        description: '附件经各自的 downloadUrl 下载（GET，公开，返回文件本身）。',
        params: cycleAreaParamsSchema,
        response: {
          200: publicExamNoticeListSchema,
          400: errorEnvelopeSchema,
          404: errorEnvelopeSchema,
        },
      },
    },
    (request) => service.listPublished(request.params.cycleId, request.params.examAreaId),
  );

  app.get(
    '/notices/:id/attachments/:attachmentId',
    { schema: downloadSchema },
    async (request, reply) =>
      sendFile(
        reply,
        await service.downloadPublished(request.params.id, request.params.attachmentId),
      ),
  );
};
