import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../lib/errors';

/**
 * Serves the built web app (candidate portal and staff console) from `distDir`, with the
 * single-page fallback: any unknown GET outside /api answers index.html. Unknown /api routes get
 * the `not_found` envelope.
 */
export const webAppPlugin = fp(async (app: FastifyInstance, opts: { distDir: string | null }) => {
  const distDir =
    opts.distDir && existsSync(path.join(opts.distDir, 'index.html')) ? opts.distDir : null;
  if (distDir) {
    await app.register(fastifyStatic, {
      root: distDir,
      wildcard: false,
      index: false,
      setHeaders(res, filePath) {
        if (filePath.includes(`${path.sep}assets${path.sep}`)) {
          void res.header('cache-control', 'public, max-age=31536000, immutable');
        }
      },
    });
  } else {
    app.log.warn('web app not built: only the API is served (run `npm run build`)');
  }
  app.setNotFoundHandler(async (request, reply) => {
    const isApi =
      request.url.startsWith('/api/') || request.url === '/api' || request.url === '/metrics';
    if (!isApi && distDir && (request.method === 'GET' || request.method === 'HEAD')) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    throw new AppError('not_found', '您访问的接口不存在，请检查地址。');
  });
});
