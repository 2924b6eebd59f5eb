import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  bindEmailCodeRequestSchema,
  bindEmailRequestSchema,
  candidateAccountViewSchema,
  changeMobileCodeRequestSchema,
  changeMobileRequestSchema,
  errorEnvelopeSchema,
  notificationChannelsRequestSchema,
  okSchema,
  passwordResetCodeRequestSchema,
  passwordResetRequestSchema,
  signupCodeRequestSchema,
  signupRequestSchema,
  signupResponseSchema,
  verificationCodeSentSchema,
} from '@hqe/core';
import { actorOf, requireAuth } from '../auth';
import type { CandidateService } from './candidates.service';

const TAG = 'candidate-account';
const errors = {
  400: errorEnvelopeSchema,
  403: errorEnvelopeSchema,
  409: errorEnvelopeSchema,
  429: errorEnvelopeSchema,
  503: errorEnvelopeSchema,
};
const guardedErrors = { ...errors, 401: errorEnvelopeSchema, 404: errorEnvelopeSchema };

/** Candidate sign-up, password reset and the own account under /api/candidate. */
export const candidateRoutes: FastifyPluginAsyncZod<{
  candidateService: CandidateService;
}> = async (app, { candidateService }) => {
  const guard = requireAuth({ roles: ['candidate'] });
  const meta = (request: { ip: string; id: string }) => ({ ip: request.ip, requestId: request.id });

  app.post(
    '/signup/code',
    {
      schema: {
        tags: [TAG],
        summary: '注册：向手机号码发送验证码',
        description:
          '验证码 6 位数字，有效期默认 10 分钟；同一号码 60 秒内只能获取一次、每天最多 10 次，同一地址每小时有上限。已注册的号码返回 409。',
        body: signupCodeRequestSchema,
        response: { 200: verificationCodeSentSchema, ...errors },
      },
    },
    (request) => candidateService.requestSignupCode(request.body, meta(request)),
  );

  app.post(
    '/signup',
    {
      schema: {
        tags: [TAG],
        summary: '考生注册',
        description:
          '证件类型与号码、姓名（与证件一致）、手机号码及其验证码、密码，并同意个人信息保护告知。每个证件、每个手机号码只能注册一个账号。注册后请用证件号码或手机号码登录。',
        body: signupRequestSchema,
        response: { 201: signupResponseSchema, ...errors },
      },
    },
    async (request, reply) => {
      const result = await candidateService.signup(request.body, meta(request));
      return reply.code(201).send(result);
    },
  );

  app.post(
    '/password-reset/code',
    {
      schema: {
        tags: [TAG],
        summary: '找回密码：发送验证码',
        description:
          '按证件号码或手机号码找到账号，向其手机（或已验证的电子邮箱）发送验证码。无论账号是否存在，答复相同。',
        body: passwordResetCodeRequestSchema,
        response: { 200: verificationCodeSentSchema, ...errors },
      },
    },
    (request) => candidateService.requestPasswordResetCode(request.body, meta(request)),
  );

  app.post(
    '/password-reset',
    {
      schema: {
        tags: [TAG],
        summary: '找回密码：凭验证码设置新密码',
        description: '成功后解除登录锁定，并使该账号的全部会话失效。',
        body: passwordResetRequestSchema,
        response: { 200: okSchema, ...errors },
      },
    },
    async (request) => {
      await candidateService.resetPassword(request.body, meta(request));
      return { ok: true as const };
    },
  );

  app.get(
    '/account',
    {
      preHandler: guard,
      schema: {
        tags: [TAG],
        summary: '本人账号信息（账号与安全）',
        response: { 200: candidateAccountViewSchema, ...guardedErrors },
      },
    },
    (request) => candidateService.getAccount(actorOf(request).accountId),
  );

  app.post(
    '/account/mobile/code',
    {
      preHandler: guard,
      schema: {
        tags: [TAG],
        summary: '更换手机号码：向新号码发送验证码',
        body: changeMobileCodeRequestSchema,
        response: { 200: verificationCodeSentSchema, ...guardedErrors },
      },
    },
    (request) =>
      candidateService.requestMobileChangeCode(actorOf(request), request.body, meta(request)),
  );

  app.put(
    '/account/mobile',
    {
      preHandler: guard,
      schema: {
        tags: [TAG],
        summary: '更换手机号码',
        body: changeMobileRequestSchema,
        response: { 200: candidateAccountViewSchema, ...guardedErrors },
      },
    },
    (request) => candidateService.changeMobile(actorOf(request), request.body),
  );

  app.post(
    '/account/email/code',
    {
      preHandler: guard,
      schema: {
        tags: [TAG],
        summary: '绑定电子邮箱：发送邮件验证码',
        body: bindEmailCodeRequestSchema,
        response: { 200: verificationCodeSentSchema, ...guardedErrors },
      },
    },
    (request) => candidateService.requestEmailCode(actorOf(request), request.body, meta(request)),
  );

  app.put(
    '/account/email',
    {
      preHandler: guard,
      schema: {
        tags: [TAG],
        summary: '绑定并验证电子邮箱',
        body: bindEmailRequestSchema,
        response: { 200: candidateAccountViewSchema, ...guardedErrors },
      },
    },
    (request) => candidateService.bindEmail(actorOf(request), request.body),
  );

  app.delete(
    '/account/email',
    {
      preHandler: guard,
      schema: {
        tags: [TAG],
        summary: '解除绑定电子邮箱',
        response: { 200: candidateAccountViewSchema, ...guardedErrors },
      },
    },
    (request) => candidateService.unbindEmail(actorOf(request)),
  );

  app.put(
    '/account/notification-channels',
    {
      preHandler: guard,
      schema: {
        tags: [TAG],
        summary: '设置通知方式',
        description: '站内消息始终开启；开启电子邮件须先绑定并验证电子邮箱。',
        body: notificationChannelsRequestSchema,
        response: { 200: candidateAccountViewSchema, ...guardedErrors },
      },
    },
    (request) => candidateService.setNotificationChannels(actorOf(request), request.body),
  );
};
