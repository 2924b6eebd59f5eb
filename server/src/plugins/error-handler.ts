import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
} from 'fastify-type-provider-zod';
import { DEFAULT_ERROR_MESSAGES, httpStatusOf, type ApiErrorBody, type ErrorCode } from '@hqe/core';
import { AppError } from '../lib/errors';

interface Issue {
  path: string;
  message: string;
}

const FIELD_LOCATIONS: Record<string, string> = {
  body: '请求内容',
  querystring: '查询参数',
  params: '路径参数',
  headers: '请求头',
};

function send(reply: FastifyReply, code: ErrorCode, message?: string, details?: unknown) {
  const body: ApiErrorBody = {
    error: { code, message: message ?? DEFAULT_ERROR_MESSAGES[code] },
  };
  if (details !== undefined) body.error.details = details;
  return reply.code(httpStatusOf(code)).type('application/json; charset=utf-8').send(body);
}

/** PostgreSQL error codes that reach the handler only when input raced or broke a constraint. */
function translateDatabaseError(error: { code?: unknown }): ErrorCode | null {
  if (typeof error.code !== 'string' || !/^[0-9A-Z]{5}$/.test(error.code)) return null;
  switch (error.code) {
    case '23505': // unique_violation
    case '40001': // serialization_failure
    case '40P01': // deadlock_detected
      return 'conflict';
    case '23503': // foreign_key_violation: a reference to something that does not exist
    case '23514': // check_violation
    case '23502': // not_null_violation
    case '22001': // string_data_right_truncation
    case '22003': // numeric_value_out_of_range
    case '22007': // invalid_datetime_format
    case '22008': // datetime_field_overflow
    case '22P02': // invalid_text_representation
      return 'validation_failed';
    default:
      return null;
  }
}

function fastifyCodeToError(error: FastifyError): ErrorCode | null {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'payload_too_large';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
        ? 'unsupported_media_type'
        : 'malformed_body';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return 'malformed_body';
    default:
      break;
  }
  if (error instanceof SyntaxError && error.statusCode === 400) return 'malformed_body';
  return null;
}

/** One safe error handler: stable codes, Chinese messages, no internals in any response. */
export const errorHandlerPlugin = fp(async (app: FastifyInstance) => {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof AppError) {
      if (error.headers) void reply.headers(error.headers);
      return send(reply, error.code, error.message, error.details);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = FIELD_LOCATIONS[error.validationContext ?? 'body'] ?? '请求内容';
      const issues: Issue[] = error.validation.map((v) => ({
        path: v.instancePath.replace(/^\//, '').replaceAll('/', '.'),
        message: v.message ?? '格式不正确',
      }));
      const first = issues[0];
      const message = first
        ? `${where}有误${first.path ? `（${first.path}）` : ''}：${first.message}`
        : DEFAULT_ERROR_MESSAGES.validation_failed;
      return send(reply, 'validation_failed', message, { issues });
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error }, 'response did not match its schema');
      return send(reply, 'internal');
    }
    const fastifyCode = fastifyCodeToError(error);
    if (fastifyCode) return send(reply, fastifyCode);
    const dbCode = translateDatabaseError(error);
    if (dbCode) {
      request.log.warn({ dbCode: error.code }, 'database constraint rejected the request');
      return send(reply, dbCode);
    }
    const status = error.statusCode ?? 500;
    if (status === 429) return send(reply, 'rate_limited');
    if (status >= 400 && status < 500) {
      request.log.info({ fastifyCode: error.code, status }, 'client error');
      if (status === 404) return send(reply, 'not_found');
      if (status === 401) return send(reply, 'unauthenticated');
      if (status === 403) return send(reply, 'forbidden');
      if (status === 413) return send(reply, 'payload_too_large');
      if (status === 415) return send(reply, 'unsupported_media_type');
      return send(reply, 'validation_failed');
    }
    request.log.error({ err: error }, 'unhandled error');
    return send(reply, 'internal');
  });
});
