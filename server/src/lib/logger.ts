import type { PinoLoggerOptions } from 'fastify/types/logger';

/**
 * pino options for the server. Logs carry method, path (never the query string, which may hold
 * document numbers or phone numbers), status, timing and the request id — never bodies, cookies,
 * tokens or passwords.
 */
export function loggerOptions(level: string): PinoLoggerOptions {
  return {
    level,
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
        '*.password',
        '*.currentPassword',
        '*.newPassword',
        '*.initialPassword',
      ],
      censor: '[redacted]',
    },
    serializers: {
      req(request: { method: string; url: string; id: string }) {
        return { method: request.method, path: request.url.split('?')[0], id: request.id };
      },
      res(reply: { statusCode: number }) {
        return { statusCode: reply.statusCode };
      },
    },
  };
}
