import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  deliveryAttemptListSchema,
  errorEnvelopeSchema,
  idParamSchema,
  notificationMessageListQuerySchema,
  notificationMessageListSchema,
  notificationMessageViewSchema,
  notificationTemplateListSchema,
  notificationTemplateParamsSchema,
  notificationTemplatePreviewSchema,
  putNotificationTemplateRequestSchema,
  examAreaParamsSchema,
  ROLES,
} from '@hqe/core';
import { actorOf, requireAuth } from '../auth';
import type { NotificationAdminService } from './notification-admin.service';

const errors = {
  400: errorEnvelopeSchema,
  401: errorEnvelopeSchema,
  403: errorEnvelopeSchema,
  404: errorEnvelopeSchema,
};
const tags = ['notifications-admin'];

/**
 * The notification outbox and the areas' message templates under /api/admin: area administrators
 * (their own area) and platform administrators (every area, and account messages of no area).
 */
export const notificationAdminRoutes: FastifyPluginAsyncZod<{
  notificationAdminService: NotificationAdminService;
}> = async (app, { notificationAdminService: service }) => {
  const admins = requireAuth({ roles: [ROLES.platform_admin, ROLES.area_admin] });

  app.get(
    '/notification-messages',
    {
      preHandler: admins,
      schema: {
        tags,
        summary: '消息发送记录（新的在前）',
        description:
          '考区管理员只能查看本考区的消息；平台管理员可查看全部，含不属于任何考区的账号消息。candidate 为考生的证件号码或手机号码（精确匹配）。收件人只显示脱敏后的地址。',
        querystring: notificationMessageListQuerySchema,
        response: { 200: notificationMessageListSchema, ...errors },
      },
    },
    (request) => service.listMessages(actorOf(request), request.query),
  );

  app.get(
    '/notification-messages/:id/attempts',
    {
      preHandler: admins,
      schema: {
        tags,
        summary: '一条消息的每次发送尝试',
        params: idParamSchema,
        response: { 200: deliveryAttemptListSchema, ...errors },
      },
    },
    (request) => service.listAttempts(actorOf(request), request.params.id),
  );

  app.post(
    '/notification-messages/:id/resend',
    {
      preHandler: admins,
      schema: {
        tags,
        summary: '重新发送一条发送失败的消息',
        description:
          '只适用于状态为 failed 或 dead 的消息：重新排队、立即发送，并重新计算重试次数。操作记入审计日志。',
        params: idParamSchema,
        response: { 200: notificationMessageViewSchema, 409: errorEnvelopeSchema, ...errors },
      },
    },
    (request) => service.resend(actorOf(request), request.params.id),
  );

  app.get(
    '/exam-areas/:examAreaId/notification-templates',
    {
      preHandler: admins,
      schema: {
        tags,
        summary: '考区的消息模板（默认内容与本考区修改后的内容）',
        params: examAreaParamsSchema,
        response: { 200: notificationTemplateListSchema, ...errors },
      },
    },
    (request) => service.listTemplates(actorOf(request), request.params.examAreaId),
  );

  app.put(
    '/exam-areas/:examAreaId/notification-templates/:key/:locale',
    {
      preHandler: admins,
      schema: {
        tags,
        summary: '修改考区的一个消息模板（一种语言）',
        description:
          '占位符写作 {{名称}}，只能使用该模板列出的占位符，必填的占位符须出现在标题或正文中；以短信发送的模板须填写短信内容。操作记入审计日志。',
        params: notificationTemplateParamsSchema,
        body: putNotificationTemplateRequestSchema,
        response: { 200: notificationTemplateListSchema, ...errors },
      },
    },
    (request) => service.putTemplate(actorOf(request), request.params, request.body),
  );

  app.delete(
    '/exam-areas/:examAreaId/notification-templates/:key/:locale',
    {
      preHandler: admins,
      schema: {
        tags,
        summary: '恢复一个消息模板的默认内容',
        params: notificationTemplateParamsSchema,
        response: { 200: notificationTemplateListSchema, ...errors },
      },
    },
    (request) => service.resetTemplate(actorOf(request), request.params),
  );

  app.post(
    '/exam-areas/:examAreaId/notification-templates/:key/:locale/preview',
    {
      preHandler: admins,
      schema: {
        tags,
        summary: '预览消息模板（用示例数据填入占位符，不保存）',
        params: notificationTemplateParamsSchema,
        body: putNotificationTemplateRequestSchema,
        response: { 200: notificationTemplatePreviewSchema, ...errors },
      },
    },
    (request) => service.previewTemplate(actorOf(request), request.params, request.body),
  );
};
