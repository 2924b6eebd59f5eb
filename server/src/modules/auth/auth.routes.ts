import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  changePasswordRequestSchema,
  errorEnvelopeSchema,
  loginRequestSchema,
  okSchema,
  sessionViewSchema,
} from '@hqe/core';
import { toAccountView } from '../accounts';
import { actorOf, requireAuth } from './auth.guard';
import type { AuthService } from './auth.service';
import { anonymousCsrfToken, cookieOptions, CSRF_COOKIE, SESSION_COOKIE } from './session.plugin';

export interface AuthRoutesOptions {
  authService: AuthService;
  secureCookies: boolean;
  loginRateLimitPerMinute: number;
}

/** Session, login, logout and own-password routes under /api/auth. */
export const authRoutes: FastifyPluginAsyncZod<AuthRoutesOptions> = async (app, opts) => {
  const { authService, secureCookies } = opts;

  app.get(
    '/session',
    {
      schema: {
        tags: ['auth'],
        summary: '当前会话：登录的账号（或访客）与 CSRF 令牌',
        response: { 200: sessionViewSchema },
      },
    },
    async (request, reply) => {
      void reply.header('cache-control', 'no-store');
      if (request.auth) {
        return { account: toAccountView(request.auth.account), csrfToken: request.auth.csrfToken };
      }
      return { account: null, csrfToken: anonymousCsrfToken(request, reply, secureCookies) };
    },
  );

  app.post(
    '/login',
    {
      config: {
        rateLimit: { max: opts.loginRateLimitPerMinute, timeWindow: 60_000 },
      },
      schema: {
        tags: ['auth'],
        summary: '登录（考生与工作人员）',
        description:
          '成功后设置 HttpOnly 会话 Cookie，并返回新的 CSRF 令牌。连续输错密码将暂时锁定账号。',
        body: loginRequestSchema,
        response: {
          200: sessionViewSchema,
          400: errorEnvelopeSchema,
          401: errorEnvelopeSchema,
          403: errorEnvelopeSchema,
          423: errorEnvelopeSchema,
          429: errorEnvelopeSchema,
        },
      },
    },
    async (request, reply) => {
      if (request.auth) await authService.logout(request.auth.sessionId);
      const result = await authService.login(request.body, {
        userAgent: request.headers['user-agent'] ?? null,
        requestId: request.id,
        portal: request.body.portal,
      });
      void reply
        .setCookie(SESSION_COOKIE, result.sessionToken, cookieOptions(secureCookies))
        .clearCookie(CSRF_COOKIE, { ...cookieOptions(secureCookies), sameSite: 'strict' })
        .header('cache-control', 'no-store');
      return { account: result.account, csrfToken: result.csrfToken };
    },
  );

  app.post(
    '/logout',
    {
      schema: {
        tags: ['auth'],
        summary: '退出登录',
        response: { 200: okSchema, 403: errorEnvelopeSchema },
      },
    },
    async (request, reply) => {
      if (request.auth) await authService.logout(request.auth.sessionId);
      void reply.clearCookie(SESSION_COOKIE, cookieOptions(secureCookies));
      return { ok: true as const };
    },
  );

  app.post(
    '/password',
    {
      // The current password is checked here too: bound the guessing a stolen session allows.
      config: { rateLimit: { max: 10, timeWindow: 60_000 } },
      preHandler: requireAuth({ allowPendingPasswordChange: true }),
      schema: {
        tags: ['auth'],
        summary: '修改本人密码',
        description: '修改后该账号的其他会话全部失效。',
        body: changePasswordRequestSchema,
        response: {
          200: okSchema,
          400: errorEnvelopeSchema,
          401: errorEnvelopeSchema,
          403: errorEnvelopeSchema,
          429: errorEnvelopeSchema,
        },
      },
    },
    async (request) => {
      const auth = request.auth;
      if (!auth) throw new Error('guarded route reached without a session');
      await authService.changePassword(auth, actorOf(request), request.body);
      return { ok: true as const };
    },
  );
};
