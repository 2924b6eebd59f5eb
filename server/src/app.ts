import { randomUUID } from 'node:crypto';
import path from 'node:path';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import {
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from './config';
import type { DatabaseHandle } from './db/database';
import type { Clock } from './lib/clock';
import { AppError } from './lib/errors';
import { loggerOptions } from './lib/logger';
import { createLocalStorage, type FileStorage } from './lib/storage';
import { createStaffService, staffRoutes } from './modules/accounts';
import { auditRoutes, createAuditService } from './modules/audit';
import { authRoutes, createAuthService, sessionPlugin } from './modules/auth';
import {
  catalogAdminRoutes,
  catalogRoutes,
  createCatalogAdminService,
  createCatalogService,
  createNoticeService,
  noticeAdminRoutes,
  publicNoticeRoutes,
} from './modules/catalog';
import { createEligibilityService, eligibilityRoutes } from './modules/eligibility';
import { createHealthService, healthRoutes } from './modules/health';
import { createJobWorker, type JobHandler, type JobWorker } from './modules/jobs';
import { errorHandlerPlugin } from './plugins/error-handler';
import { metricsPlugin } from './plugins/metrics';
import { openApiPlugin } from './plugins/openapi';
import { webAppPlugin } from './plugins/web-app';

z.config(z.locales.zhCN());

export interface AppDeps {
  config: Config;
  database: DatabaseHandle;
  clock: Clock;
  /** Where uploaded files go; by default a local folder, `DATA_DIR/files`. */
  storage?: FileStorage;
  /** Overrides the pino logger options (tests pass `false` or a stream). */
  logger?: FastifyServerOptions['logger'];
}

export interface App {
  app: FastifyInstance;
  worker: JobWorker;
  /** Every route registered, with whether it is hidden from the OpenAPI document. */
  routes: { method: string; url: string; hidden: boolean }[];
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** Builds the whole application — plugins, modules, error handling — without listening. */
export async function buildApp(deps: AppDeps): Promise<App> {
  const { config, database, clock } = deps;
  const { db } = database;

  const app = Fastify({
    logger: deps.logger ?? loggerOptions(config.logLevel),
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    requestIdHeader: false,
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    ajv: { customOptions: { removeAdditional: false } },
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();

  const routes: App['routes'] = [];
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const hidden = route.schema?.hide === true;
    for (const method of methods) routes.push({ method, url: route.url, hidden });
  });

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
    void reply.header('x-content-type-options', 'nosniff');
    void reply.header('referrer-policy', 'same-origin');
    void reply.header('x-frame-options', 'DENY');
    const isApi = (request.routeOptions.url ?? request.url).startsWith('/api/');
    if (isApi && !reply.hasHeader('cache-control')) {
      void reply.header('cache-control', 'no-store');
    }
  });

  const authService = createAuthService({ db, clock, config });
  const staffService = createStaffService({ db, clock });
  const auditService = createAuditService({ db });
  const catalogService = createCatalogService({ db, clock });
  const storage = deps.storage ?? createLocalStorage(path.join(config.dataDir, 'files'));
  const catalogAdminService = createCatalogAdminService({ db, clock });
  const noticeService = createNoticeService({ db, clock, storage });

  const jobHandlers: Record<string, JobHandler> = {
    'sessions.purge_expired': async () => {
      await authService.purgeExpiredSessions();
    },
  };
  const worker = createJobWorker({
    db,
    clock,
    logger: app.log,
    handlers: jobHandlers,
    pollMs: config.worker.pollMs,
    recurring: [{ kind: 'sessions.purge_expired', everyMs: 3_600_000 }],
  });

  await app.register(errorHandlerPlugin);
  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new AppError('rate_limited', `操作过于频繁，请 ${Math.ceil(context.ttl / 1000)} 秒后再试。`),
  });
  await app.register(metricsPlugin, { token: config.metricsToken });
  await app.register(openApiPlugin);
  await app.register(sessionPlugin, { authService, secureCookies: config.cookieSecure });

  await app.register(
    async (api) => {
      await api.register(healthRoutes, {
        healthService: createHealthService({ db }),
        engine: database.engine,
      });
      await api.register(catalogRoutes, { catalogService });
      await api.register(publicNoticeRoutes, { noticeService });
      await api.register(catalogAdminRoutes, { prefix: '/admin', catalogAdminService });
      await api.register(noticeAdminRoutes, { prefix: '/admin', noticeService });
      await api.register(authRoutes, {
        prefix: '/auth',
        authService,
        secureCookies: config.cookieSecure,
        loginRateLimitPerMinute: config.login.rateLimitPerMinute,
      });
      await api.register(staffRoutes, { prefix: '/staff', staffService });
      await api.register(auditRoutes, { prefix: '/audit-events', auditService });
      await api.register(eligibilityRoutes, {
        prefix: '/eligibility',
        eligibilityService: createEligibilityService({ db }),
      });
    },
    { prefix: '/api' },
  );

  await app.register(webAppPlugin, { distDir: config.webDistDir });
  return { app, worker, routes };
}
