import { timingSafeEqual } from 'node:crypto';
import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../../lib/errors';
import { randomToken } from '../../lib/secrets';
import type { AuthService } from './auth.service';

export const SESSION_COOKIE = 'hqe_sid';
export const CSRF_COOKIE = 'hqe_csrf';
export const CSRF_HEADER = 'x-csrf-token';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function tokensEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Cookie attributes shared by the session and CSRF cookies. */
export function cookieOptions(secure: boolean): CookieSerializeOptions {
  return { path: '/', httpOnly: true, sameSite: 'lax', secure };
}

/** The CSRF token of a visitor: the one in the cookie, or a new one set on the reply. */
export function anonymousCsrfToken(
  request: FastifyRequest,
  reply: FastifyReply,
  secure: boolean,
): string {
  const existing = request.cookies[CSRF_COOKIE];
  if (existing && /^[A-Za-z0-9_-]{43}$/.test(existing)) return existing;
  const token = randomToken();
  void reply.setCookie(CSRF_COOKIE, token, { ...cookieOptions(secure), sameSite: 'strict' });
  return token;
}

/**
 * Resolves the session cookie of every API request and checks the CSRF token of every
 * state-changing one: the `x-csrf-token` header must equal the session's token (logged in) or the
 * visitor's CSRF cookie (double submit, before login).
 */
export const sessionPlugin = fp(
  async (app: FastifyInstance, opts: { authService: AuthService; secureCookies: boolean }) => {
    app.decorateRequest('auth', null);
    app.addHook('onRequest', async (request, reply) => {
      // The matched route, not the raw URL: the router decodes the path, so '/%61pi/…' is '/api/…'.
      if (request.is404 || !request.routeOptions.url?.startsWith('/api/')) return;
      const token = request.cookies[SESSION_COOKIE];
      if (token) {
        request.auth = token.length <= 100 ? await opts.authService.resolveSession(token) : null;
        if (!request.auth)
          void reply.clearCookie(SESSION_COOKIE, cookieOptions(opts.secureCookies));
      }
      if (!UNSAFE_METHODS.has(request.method)) return;
      const sent = request.headers[CSRF_HEADER];
      const expected = request.auth ? request.auth.csrfToken : request.cookies[CSRF_COOKIE];
      if (typeof sent !== 'string' || !expected || !tokensEqual(sent, expected)) {
        throw new AppError('csrf_failed');
      }
    });
  },
);
