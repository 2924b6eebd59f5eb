import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  base64Length,
  changeAreaRequestSchema,
  chooseAreaRequestSchema,
  chooseSpecialtyRequestSchema,
  createRegistrationRequestSchema,
  errorEnvelopeSchema,
  registrationChoicesSchema,
  registrationFileParamsSchema,
  registrationIdParamsSchema,
  registrationInfoRequestSchema,
  registrationLookupSchema,
  registrationQuerySchema,
  registrationSlotParamsSchema,
  registrationViewSchema,
  reorderMaterialsRequestSchema,
  ROLES,
  submitHeadersSchema,
  supplyRequestSchema,
  uploadMaterialRequestSchema,
} from '@hqe/core';
import { attachmentDisposition } from '../../lib/content-disposition';
import { actorOf, requireAuth } from '../auth';
import type { MaterialLimits } from './registration-deps';
import type { MaterialsService } from './materials.service';
import type { RegistrationFormService } from './registration-form.service';
import type { RegistrationService } from './registration.service';
import type { SubmissionService } from './submission.service';

const tags = ['registrations'];
const errors = {
  400: errorEnvelopeSchema,
  401: errorEnvelopeSchema,
  403: errorEnvelopeSchema,
  404: errorEnvelopeSchema,
};
const changeErrors = { ...errors, 409: errorEnvelopeSchema };

/** What a change of the printed data does to the application form (decision 0012). */
const REPRINT_NOTE =
  '申报表打印的内容（报名地市、考点、专业、报名信息、照片，以及个人中心基本信息中的民族、户籍、执业资格、职称）在下载申报表后有变化时，须重新下载申报表；此前上传的申报表保留但不再计入（applicationForm.outdatedFileIds），请重新签字盖章后上传。';

/** Binary downloads are private to the candidate: never kept by a shared cache or the browser's. */
function sendPrivate(
  reply: FastifyReply,
  contentType: string,
  bytes: Buffer,
  disposition?: string,
) {
  void reply.header('content-type', contentType).header('cache-control', 'private, no-store');
  if (disposition) void reply.header('content-disposition', disposition);
  return reply.send(bytes);
}

/** `inline` with the UTF-8 file name: images and PDFs open in the browser. */
const inlineDisposition = (fileName: string) =>
  attachmentDisposition(fileName).replace(/^attachment/, 'inline');

/** The photo URL's cache-busting version; anything else in the query is refused. */
const versionQuerySchema = z.strictObject({
  v: z
    .string()
    .regex(/^[0-9a-f]{1,64}$/)
    .optional(),
});

export interface RegistrationRouteServices {
  registrations: RegistrationService;
  submissions: SubmissionService;
  materials: MaterialsService;
  forms: RegistrationFormService;
}

/**
 * The candidate's online registration under /api/registrations (R3–R12, R17). Every route works
 * on a registration of the logged-in candidate; another candidate's id answers 404. Every change
 * answers the whole registration (schema `Registration`), so a client redraws from the response.
 */
export const registrationRoutes: FastifyPluginAsyncZod<{
  services: RegistrationRouteServices;
  materialLimits: MaterialLimits;
}> = async (app, { services, materialLimits }) => {
  const { registrations, submissions, materials, forms } = services;
  const preHandler = requireAuth({ roles: [ROLES.candidate] });

  app.get(
    '/',
    {
      preHandler,
      schema: {
        tags,
        summary: '我在某考试年度的报名（无则为 null）',
        querystring: registrationQuerySchema,
        response: { 200: registrationLookupSchema, ...errors },
      },
    },
    (request) => registrations.findForCycle(actorOf(request), request.query.cycleId),
  );

  app.post(
    '/',
    {
      preHandler,
      schema: {
        tags,
        summary: '进入网上报名：创建报名（草稿）并分配网报号',
        description:
          '须在该考区的网上报名时间内（否则 409 phase_closed，details 含时间）。每名考生每个考试年度只能报名一次，重复创建返回 409 conflict，details.registrationId 指向已有报名。',
        body: createRegistrationRequestSchema,
        response: { 201: registrationViewSchema, ...changeErrors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await registrations.create(actorOf(request), request.body)),
  );

  app.get(
    '/:id',
    {
      preHandler,
      schema: {
        tags,
        summary: '报名详情：步骤完成情况、材料、资格审核意见、可进行的操作和时间线',
        params: registrationIdParamsSchema,
        response: { 200: registrationViewSchema, ...errors },
      },
    },
    (request) => registrations.get(actorOf(request), request.params.id),
  );

  app.get(
    '/:id/choices',
    {
      preHandler,
      schema: {
        tags,
        summary: '可选的报名地市、考点、开考专业及可改报的考区',
        params: registrationIdParamsSchema,
        response: { 200: registrationChoicesSchema, ...errors },
      },
    },
    (request) => registrations.choices(actorOf(request), request.params.id),
  );

  app.put(
    '/:id/area',
    {
      preHandler,
      schema: {
        tags,
        summary: '选择报名地市和考点',
        description: `须带上读取时的 version；已被其他页面修改返回 409 version_conflict。${REPRINT_NOTE}`,
        params: registrationIdParamsSchema,
        body: chooseAreaRequestSchema,
        response: { 200: registrationViewSchema, ...changeErrors },
      },
    },
    (request) => registrations.chooseArea(actorOf(request), request.params.id, request.body),
  );

  app.put(
    '/:id/specialty',
    {
      preHandler,
      schema: {
        tags,
        summary: '选择报考专业（专业代码确定级别），返回含资格审核意见的报名',
        description: REPRINT_NOTE,
        params: registrationIdParamsSchema,
        body: chooseSpecialtyRequestSchema,
        response: { 200: registrationViewSchema, ...changeErrors },
      },
    },
    (request) => registrations.chooseSpecialty(actorOf(request), request.params.id, request.body),
  );

  app.put(
    '/:id/info',
    {
      preHandler,
      schema: {
        tags,
        summary: '填写或修改报名信息',
        description: REPRINT_NOTE,
        params: registrationIdParamsSchema,
        body: registrationInfoRequestSchema,
        response: { 200: registrationViewSchema, ...changeErrors },
      },
    },
    (request) => registrations.saveInfo(actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/:id/photo-confirmation',
    {
      preHandler,
      schema: {
        tags,
        summary: '确认报名照片（以当前基本照片作为报名照片）',
        description: REPRINT_NOTE,
        params: registrationIdParamsSchema,
        response: { 200: registrationViewSchema, ...changeErrors },
      },
    },
    (request) => registrations.confirmPhoto(actorOf(request), request.params.id),
  );

  // Binary responses are left out of the OpenAPI document and announced by URLs in the view.
  app.get(
    '/:id/photo',
    {
      preHandler,
      schema: {
        hide: true,
        params: registrationIdParamsSchema,
        querystring: versionQuerySchema,
        response: errors,
      },
    },
    async (request, reply) =>
      sendPrivate(
        reply,
        'image/jpeg',
        await registrations.photo(actorOf(request), request.params.id),
      ),
  );

  app.get(
    '/:id/application-form.pdf',
    {
      preHandler,
      schema: { hide: true, params: registrationIdParamsSchema, response: errors },
    },
    async (request, reply) => {
      const form = await forms.download(actorOf(request), request.params.id);
      // Characters no font has are printed as 〓; the notice says which to write in by hand.
      if (form.notice) void reply.header('x-form-notice', encodeURIComponent(form.notice));
      return sendPrivate(
        reply,
        'application/pdf',
        form.bytes,
        attachmentDisposition(form.fileName),
      );
    },
  );

  app.post(
    '/:id/materials/:slotKey',
    {
      preHandler,
      bodyLimit:
        base64Length(Math.max(materialLimits.maxImageBytes, materialLimits.maxPdfBytes)) +
        64 * 1024,
      schema: {
        tags,
        summary: '上传材料文件（追加到该栏目末尾）',
        description:
          '文件以 Base64 放在 JSON 中（contentBase64）。按文件内容识别 JPG、PNG、HEIC 图片或 PDF；图片转为去除元数据的 JPEG 并生成缩略图。未通过检查返回 422 material_rejected，details.problems 逐项说明。每个栏目最多 10 个文件。资格审核要求补充材料（待补充材料）时，只能在要求补充的栏目上传，且只能删除要求之后上传的文件。',
        params: registrationSlotParamsSchema,
        body: uploadMaterialRequestSchema,
        response: {
          201: registrationViewSchema,
          ...changeErrors,
          413: errorEnvelopeSchema,
          422: errorEnvelopeSchema,
        },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await materials.upload(
            actorOf(request),
            request.params.id,
            request.params.slotKey,
            request.body,
          ),
        ),
  );

  app.put(
    '/:id/materials/:slotKey/order',
    {
      preHandler,
      schema: {
        tags,
        summary: '调整栏目内材料文件的顺序',
        params: registrationSlotParamsSchema,
        body: reorderMaterialsRequestSchema,
        response: { 200: registrationViewSchema, ...changeErrors },
      },
    },
    (request) =>
      materials.reorder(actorOf(request), request.params.id, request.params.slotKey, request.body),
  );

  app.delete(
    '/:id/materials/files/:fileId',
    {
      preHandler,
      schema: {
        tags,
        summary: '删除材料文件',
        params: registrationFileParamsSchema,
        response: { 200: registrationViewSchema, ...changeErrors },
      },
    },
    (request) => materials.remove(actorOf(request), request.params.id, request.params.fileId),
  );

  app.get(
    '/:id/materials/files/:fileId',
    {
      preHandler,
      schema: { hide: true, params: registrationFileParamsSchema, response: errors },
    },
    async (request, reply) => {
      const file = await materials.download(
        actorOf(request),
        request.params.id,
        request.params.fileId,
      );
      return sendPrivate(reply, file.contentType, file.bytes, inlineDisposition(file.fileName));
    },
  );

  app.get(
    '/:id/materials/files/:fileId/thumbnail',
    {
      preHandler,
      schema: { hide: true, params: registrationFileParamsSchema, response: errors },
    },
    async (request, reply) =>
      sendPrivate(
        reply,
        'image/jpeg',
        await materials.thumbnail(actorOf(request), request.params.id, request.params.fileId),
      ),
  );

  app.post(
    '/:id/submit',
    {
      preHandler,
      schema: {
        tags,
        summary: '提交报名信息（退回后为重新提交）',
        description:
          '须带 Idempotency-Key 请求头（8–100 个可见 ASCII 字符，每次提交操作生成一个新值，如 UUID）：同一值重复请求只提交一次，返回当前报名。信息不完整返回 400 validation_failed（details.issues 逐项列出缺少的内容）；不符合报考条件返回 422 not_eligible（details.lines 为未满足的条件）；状态或时间不允许返回 409。',
        params: registrationIdParamsSchema,
        headers: submitHeadersSchema,
        response: { 200: registrationViewSchema, ...changeErrors, 422: errorEnvelopeSchema },
      },
    },
    (request) =>
      submissions.submit(actorOf(request), request.params.id, request.headers['idempotency-key']),
  );

  app.post(
    '/:id/withdraw',
    {
      preHandler,
      schema: {
        tags,
        summary: '撤回信息提交（仅在报名确认前）',
        params: registrationIdParamsSchema,
        response: { 200: registrationViewSchema, ...changeErrors },
      },
    },
    (request) => submissions.withdraw(actorOf(request), request.params.id),
  );

  app.post(
    '/:id/supply',
    {
      preHandler,
      schema: {
        tags,
        summary: '提交补充材料（资格审核要求补充材料后）',
        description:
          '状态须为“待补充材料”且在资格审核时间内；要求补充的每个栏目须在要求之后上传过文件，否则返回 400 validation_failed（details.issues 列出缺少的栏目）。成功后报名回到“报名确认”，重新进入资格审核队列。须带上读取时的 version。',
        params: registrationIdParamsSchema,
        body: supplyRequestSchema,
        response: { 200: registrationViewSchema, ...changeErrors },
      },
    },
    (request) => submissions.supply(actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/:id/change-area',
    {
      preHandler,
      schema: {
        tags,
        summary: '修改考区（报名确认前；分配新考区的网报号）',
        description:
          '报名地市和考点清空；新考区未开考原专业时专业清空；须重新下载申报表，此前上传的申报表保留但不再计入（applicationForm.outdatedFileIds）。材料栏目按新考区规则重新确定，不再需要的栏目中的文件保留并标记 requested=false。',
        params: registrationIdParamsSchema,
        body: changeAreaRequestSchema,
        response: { 200: registrationViewSchema, ...changeErrors },
      },
    },
    (request) => submissions.changeArea(actorOf(request), request.params.id, request.body),
  );
};
