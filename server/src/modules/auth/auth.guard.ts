import type { FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { Role } from '@hqe/core';
import type { Actor } from '../../lib/actor';
import { AppError } from '../../lib/errors';
import type { AuthContext } from './auth.service';

declare module 'fastify' {
  interface FastifyRequest {
    /** The logged-in account, or null for a visitor. Set by the session plugin. */
    auth: AuthContext | null;
  }
}

export interface GuardOptions {
  /** The account must hold at least one of these roles. */
  roles?: readonly Role[];
  /** Let through an account that must still change its initial password. */
  allowPendingPasswordChange?: boolean;
}

/** A preHandler that admits only logged-in accounts with one of the given roles. */
export function requireAuth(options: GuardOptions = {}): preHandlerAsyncHookHandler {
  return async (request: FastifyRequest) => {
    const auth = request.auth;
    if (!auth) throw new AppError('unauthenticated');
    if (auth.account.mustChangePassword && !options.allowPendingPasswordChange) {
      throw new AppError('password_change_required');
    }
    if (options.roles && !options.roles.some((r) => auth.account.roles.includes(r))) {
      throw new AppError('forbidden');
    }
  };
}

/** The acting account of a guarded request, for services and audit events. */
export function actorOf(request: FastifyRequest): Actor {
  const auth = request.auth;
  if (!auth) throw new AppError('unauthenticated');
  return {
    accountId: auth.account.id,
    username: auth.account.username,
    roles: auth.account.roles,
    examAreaId: auth.account.examAreaId,
    requestId: request.id,
  };
}
