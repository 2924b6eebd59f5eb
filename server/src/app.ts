import { randomUUID } from 'node:crypto';
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
import { createS3Storage } from './lib/s3-storage';
import { createLocalStorage, type FileStorage } from './lib/storage';
import { createStaffService, staffRoutes } from './modules/accounts';
import { applicationFormRoutes, createApplicationFormService } from './modules/application-form';
import { auditRoutes, createAuditService } from './modules/audit';
import { candidateProfileRoutes, createCandidateProfileService } from './modules/candidate-profile';
import { authRoutes, createAuthService, sessionPlugin } from './modules/auth';
import {
  catalogAdminRoutes,
  catalogRoutes,
  createCatalogAdminService,
  createCatalogService,
  createExamAreaService,
  createNoticeService,
  examAreaAdminRoutes,
  noticeAdminRoutes,
  publicNoticeRoutes,
} from './modules/catalog';
import {
  areaRulesAdminRoutes,
  createAreaRulesService,
  createEligibilityService,
  eligibilityRoutes,
} from './modules/eligibility';
import { createHealthService, healthRoutes } from './modules/health';
import {
  createLapseJob,
  createProfileUnlockJob,
  createRegistrationDecisions,
  createRegistrationServices,
  LAPSE_EVERY_MS,
  LAPSE_JOB,
  PROFILE_UNLOCK_EVERY_MS,
  PROFILE_UNLOCK_JOB,
  profileFormReprint,
  registrationRoutes,
} from './modules/registrations';
import { candidateRoutes, createCandidateService } from './modules/candidates';
import {
  createEmailChannel,
  createInAppChannel,
  createNotificationAdminService,
  createNotificationService,
  createOutboxRetentionJob,
  createReminderJob,
  createReviewResultsJob,
  createSmsChannel,
  createTodoService,
  createWechatChannel,
  NOTIFICATION_DISPATCH_EVERY_MS,
  NOTIFICATION_DISPATCH_JOB,
  notificationAdminRoutes,
  notificationRoutes,
  OUTBOX_PURGE_EVERY_MS,
  OUTBOX_PURGE_JOB,
  REMINDER_EVERY_MS,
  REMINDER_JOB,
  REVIEW_RESULTS_EVERY_MS,
  REVIEW_RESULTS_JOB,
  todoRoutes,
  type WechatMessenger,
} from './modules/notifications';
import {
  combineDelivery,
  createDevOutboxService,
  createOutboxDelivery,
  createSmtpEmailDelivery,
  createVerificationService,
  devOutboxRoutes,
  type MessageDelivery,
} from './modules/verification';
import { createFieldCrypto, resolveDataEncryptionKey, type FieldCrypto } from './lib/field-crypto';
import {
  createPreviousResultsService,
  previousResultsAdminRoutes,
} from './modules/previous-results';
import { createJobWorker, type JobHandler, type JobWorker } from './modules/jobs';
import {
  createReviewClaimsService,
  createReviewDecisionsService,
  createReviewReasonsService,
  createReviewRegistrationService,
  reviewDecisionsRoutes,
  reviewReasonsRoutes,
  reviewRegistrationRoutes,
  createReviewDashboardService,
  createReviewExportService,
  createReviewQueueService,
  reviewDashboardRoutes,
  reviewExportRoutes,
  reviewQueueRoutes,
} from './modules/review';
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
  /** How SMS and e-mail leave the system; by default the outbox, and SMTP for e-mail when set. */
  messageDelivery?: MessageDelivery;
  /**
   * A WeChat provider for notifications (docs/decisions/0013-notifications.md); without one,
   * WeChat is not offered.
   */
  wechatMessenger?: WechatMessenger;
  /** Field encryption; by default from DATA_ENCRYPTION_KEY or the key kept in DATA_DIR. */
  fieldCrypto?: FieldCrypto;
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

  const fieldCrypto = deps.fieldCrypto ?? createFieldCrypto(await resolveDataEncryptionKey(config));
  const outbox = createOutboxDelivery({ db, clock, crypto: fieldCrypto });
  const smtp = config.mail.smtpUrl
    ? createSmtpEmailDelivery({ url: config.mail.smtpUrl, from: config.mail.from })
    : null;
  if (smtp) app.addHook('onClose', async () => smtp.close());
  const messageDelivery =
    deps.messageDelivery ?? combineDelivery({ sms: outbox.sms, email: smtp ?? outbox.email });
  if (config.env === 'production' && !deps.messageDelivery) {
    app.log.warn('no SMS gateway adapter: SMS verification codes stay in the outbox (see README)');
  }
  const verificationService = createVerificationService({
    db,
    clock,
    crypto: fieldCrypto,
    delivery: messageDelivery,
    limits: config.verification,
    logger: app.log,
  });
  // SMS notifications go out where SMS codes do: a gateway passed in, or (outside production)
  // the development outbox. In production without a gateway they are not offered.
  const smsNotifications = deps.messageDelivery !== undefined || config.env !== 'production';
  const notificationService = createNotificationService({
    db,
    clock,
    crypto: fieldCrypto,
    logger: app.log,
    channels: [
      createInAppChannel(clock),
      createEmailChannel({ crypto: fieldCrypto, delivery: messageDelivery }),
      ...(smsNotifications
        ? [createSmsChannel({ crypto: fieldCrypto, delivery: messageDelivery })]
        : []),
      ...(deps.wechatMessenger ? [createWechatChannel(deps.wechatMessenger)] : []),
    ],
  });
  const todoService = createTodoService({ db, clock });
  const reminderJob = createReminderJob({
    db,
    clock,
    notifications: notificationService,
    todos: todoService,
  });
  const candidateService = createCandidateService({
    db,
    clock,
    crypto: fieldCrypto,
    verification: verificationService,
    notifications: notificationService,
  });
  const authService = createAuthService({ db, clock, config, candidates: candidateService });
  const staffService = createStaffService({ db, clock });
  const auditService = createAuditService({ db });
  const catalogService = createCatalogService({ db, clock });
  const storage =
    deps.storage ??
    (config.storage.driver === 's3'
      ? createS3Storage(config.storage)
      : createLocalStorage(config.storage.root));
  const catalogAdminService = createCatalogAdminService({ db, clock });
  const noticeService = createNoticeService({ db, clock, storage });
  const candidateProfileService = createCandidateProfileService({
    db,
    clock,
    storage,
    photoRules: config.photo,
    // A save of a printed field asks for the application form again (decision 0012).
    onSectionSave: profileFormReprint,
  });
  const registrationServices = createRegistrationServices({
    db,
    clock,
    storage,
    candidates: candidateService,
    candidateProfile: candidateProfileService,
    notifications: notificationService,
    todos: todoService,
    materialLimits: config.materials,
  });
  const lapseJob = createLapseJob({
    db,
    clock,
    notifications: notificationService,
    todos: todoService,
  });
  const reviewResultsJob = createReviewResultsJob({
    db,
    clock,
    notifications: notificationService,
  });
  const outboxRetentionJob = createOutboxRetentionJob({
    db,
    clock,
    logger: app.log,
    retention: config.notificationRetention,
  });

  const jobHandlers: Record<string, JobHandler> = {
    'sessions.purge_expired': async () => {
      await authService.purgeExpiredSessions();
    },
    'verification.purge': async () => {
      await verificationService.purge();
    },
    ...notificationService.jobHandlers,
    [REMINDER_JOB]: reminderJob.handler,
    [LAPSE_JOB]: lapseJob.handler,
    [PROFILE_UNLOCK_JOB]: createProfileUnlockJob({ db, clock }).handler,
    [REVIEW_RESULTS_JOB]: reviewResultsJob.handler,
    [OUTBOX_PURGE_JOB]: outboxRetentionJob.handler,
  };
  const worker = createJobWorker({
    db,
    clock,
    logger: app.log,
    handlers: jobHandlers,
    pollMs: config.worker.pollMs,
    recurring: [
      { kind: 'sessions.purge_expired', everyMs: 3_600_000 },
      { kind: 'verification.purge', everyMs: 86_400_000 },
      { kind: LAPSE_JOB, everyMs: LAPSE_EVERY_MS },
      { kind: PROFILE_UNLOCK_JOB, everyMs: PROFILE_UNLOCK_EVERY_MS },
      { kind: NOTIFICATION_DISPATCH_JOB, everyMs: NOTIFICATION_DISPATCH_EVERY_MS },
      { kind: REMINDER_JOB, everyMs: REMINDER_EVERY_MS },
      { kind: REVIEW_RESULTS_JOB, everyMs: REVIEW_RESULTS_EVERY_MS },
      { kind: OUTBOX_PURGE_JOB, everyMs: OUTBOX_PURGE_EVERY_MS },
    ],
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
      await api.register(applicationFormRoutes, {
        applicationFormService: createApplicationFormService({ db }),
      });
      await api.register(catalogAdminRoutes, { prefix: '/admin', catalogAdminService });
      await api.register(noticeAdminRoutes, { prefix: '/admin', noticeService });
      await api.register(examAreaAdminRoutes, {
        prefix: '/admin',
        examAreaService: createExamAreaService({ db, clock }),
      });
      await api.register(areaRulesAdminRoutes, {
        prefix: '/admin',
        areaRulesService: createAreaRulesService({ db, clock }),
      });
      await api.register(previousResultsAdminRoutes, {
        prefix: '/admin',
        previousResultsService: createPreviousResultsService({ db, clock, crypto: fieldCrypto }),
      });
      await api.register(authRoutes, {
        prefix: '/auth',
        authService,
        secureCookies: config.cookieSecure,
        loginRateLimitPerMinute: config.login.rateLimitPerMinute,
      });
      await api.register(staffRoutes, { prefix: '/staff', staffService });
      await api.register(auditRoutes, { prefix: '/audit-events', auditService });
      await api.register(candidateRoutes, { prefix: '/candidate', candidateService });
      await api.register(notificationRoutes, {
        prefix: '/candidate/notifications',
        notificationService,
      });
      await api.register(todoRoutes, { prefix: '/candidate/todos', todoService });
      await api.register(notificationAdminRoutes, {
        prefix: '/admin',
        notificationAdminService: createNotificationAdminService({
          db,
          clock,
          candidates: candidateService,
        }),
      });
      if (config.devOutboxApi && config.env !== 'production') {
        await api.register(devOutboxRoutes, {
          prefix: '/dev',
          devOutboxService: createDevOutboxService({ db, crypto: fieldCrypto }),
        });
      }
      await api.register(candidateProfileRoutes, {
        prefix: '/candidate/profile',
        candidateProfileService,
        photoRules: config.photo,
      });
      await api.register(registrationRoutes, {
        prefix: '/registrations',
        services: registrationServices,
        materialLimits: config.materials,
      });
      await api.register(reviewQueueRoutes, {
        prefix: '/review',
        reviewQueueService: createReviewQueueService({ db, clock, crypto: fieldCrypto }),
        reviewClaimsService: createReviewClaimsService({ db, clock, logger: app.log }),
      });
      await api.register(reviewDecisionsRoutes, {
        prefix: '/review',
        reviewDecisionsService: createReviewDecisionsService({
          db,
          clock,
          decisions: createRegistrationDecisions({
            clock,
            notifications: notificationService,
            todos: todoService,
          }),
        }),
      });
      await api.register(reviewRegistrationRoutes, {
        prefix: '/review',
        reviewRegistrationService: createReviewRegistrationService({
          db,
          clock,
          candidates: candidateService,
          materials: registrationServices.materials,
        }),
      });
      await api.register(reviewReasonsRoutes, {
        prefix: '/review',
        reviewReasonsService: createReviewReasonsService({ db, clock }),
      });
      await api.register(reviewDashboardRoutes, {
        prefix: '/review',
        reviewDashboardService: createReviewDashboardService({ db, clock }),
      });
      await api.register(reviewExportRoutes, {
        prefix: '/review',
        reviewExportService: createReviewExportService({
          db,
          clock,
          crypto: fieldCrypto,
          onStreamError: (error) => app.log.error({ err: error.message }, 'review export failed'),
        }),
      });
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
