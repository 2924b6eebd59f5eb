import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  candidateEligibilityProfileSchema,
  candidateProfileViewSchema,
  errorEnvelopeSchema,
  PROFILE_PART_LABELS,
  PROFILE_SECTION_KEYS,
  PROFILE_SECTION_PATHS,
  ROLES,
  saveProfileSectionRequestSchemas,
  uploadPhotoRequestSchema,
  uploadPhotoResponseSchema,
  type SaveProfileSectionRequest,
} from '@hqe/core';
import type { PhotoRules } from '../../config';
import { actorOf, requireAuth } from '../auth';
import type { CandidateProfileService } from './candidate-profile.service';

const errors = {
  401: errorEnvelopeSchema,
  403: errorEnvelopeSchema,
};
const tags = ['candidate-profile'];

/** The photo URL's cache-busting version; anything else in the query is refused. */
const photoQuerySchema = z.strictObject({
  v: z
    .string()
    .regex(/^[0-9a-f]{1,64}$/)
    .optional(),
});

/** The photo as the browser shows it: never kept by a shared cache, nor by the browser's. */
function sendJpeg(reply: FastifyReply, jpeg: Buffer) {
  return reply
    .header('content-type', 'image/jpeg')
    .header('cache-control', 'private, no-store')
    .send(jpeg);
}

/**
 * The candidate's own basic information under /api/candidate/profile. No URL carries an account
 * id: every route works on the logged-in candidate's own profile, so no one reaches another's.
 */
export const candidateProfileRoutes: FastifyPluginAsyncZod<{
  candidateProfileService: CandidateProfileService;
  photoRules: PhotoRules;
}> = async (app, { candidateProfileService: service, photoRules }) => {
  const preHandler = requireAuth({ roles: [ROLES.candidate] });

  app.get(
    '/',
    {
      preHandler,
      schema: {
        tags,
        summary: '我的基本信息（含完整性检查）',
        description:
          '各部分信息和基本照片；从未保存的部分为 null。completeness 列出报名前仍需填写的部分。保存时须带上这里的 version。',
        response: { 200: candidateProfileViewSchema, ...errors },
      },
    },
    (request) => service.getProfile(actorOf(request)),
  );

  for (const key of PROFILE_SECTION_KEYS) {
    app.put(
      `/${PROFILE_SECTION_PATHS[key]}`,
      {
        preHandler,
        schema: {
          tags,
          summary: `保存${PROFILE_PART_LABELS[key]}`,
          description:
            '整体替换这一部分（列表类按提交的记录整体替换）。version 须为最近一次读取到的版本：期间信息已被修改时返回 409 version_conflict，请重新读取后再保存；报名已确认、信息已锁定时返回 409 profile_locked。申报表打印的民族、户籍、执业资格或职称有变化时，未提交和被退回的报名须重新下载申报表，此前上传的申报表不再计入。',
          body: saveProfileSectionRequestSchemas[key],
          response: {
            200: candidateProfileViewSchema,
            400: errorEnvelopeSchema,
            ...errors,
            409: errorEnvelopeSchema,
          },
        },
      },
      (request) =>
        service.saveSection(
          actorOf(request),
          key,
          request.body as SaveProfileSectionRequest<typeof key>,
        ),
    );
  }

  app.get(
    '/eligibility-profile',
    {
      preHandler,
      schema: {
        tags,
        summary: '按基本信息生成的报考条件自测信息',
        description:
          '把已保存的基本信息转换为报考条件自测（POST /api/eligibility/check）的 profile。complete 为 false 时 missing 列出尚未填写的部分，profile 中这些部分取默认值。',
        response: { 200: candidateEligibilityProfileSchema, ...errors },
      },
    },
    (request) => service.getEligibilityProfile(actorOf(request)),
  );

  app.post(
    '/photo',
    {
      preHandler,
      bodyLimit: Math.ceil(photoRules.maxInputBytes / 3) * 4 + 64 * 1024,
      schema: {
        tags,
        summary: '上传基本照片',
        description:
          '照片以 Base64 放在 JSON 中（contentBase64）。按文件内容识别 JPG、PNG、HEIC；逐项检查像素、尺寸、竖版比例、浅色纯色背景，处理为去除全部元数据、方向已校正的 JPEG 后保存，替换原照片。无法识别或已损坏返回 415，检查未通过返回 422 photo_rejected，details.checks 逐项说明。',
        body: uploadPhotoRequestSchema,
        response: {
          201: uploadPhotoResponseSchema,
          400: errorEnvelopeSchema,
          ...errors,
          409: errorEnvelopeSchema,
          413: errorEnvelopeSchema,
          415: errorEnvelopeSchema,
          422: errorEnvelopeSchema,
        },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.uploadPhoto(actorOf(request), request.body)),
  );

  // The JPEG itself: binary, so left out of the OpenAPI document (announced by `photo.url`).
  app.get(
    '/photo',
    {
      preHandler,
      schema: {
        hide: true,
        querystring: photoQuerySchema,
        response: { 400: errorEnvelopeSchema, ...errors, 404: errorEnvelopeSchema },
      },
    },
    async (request, reply) => {
      return sendJpeg(reply, await service.getPhoto(actorOf(request)));
    },
  );
};
