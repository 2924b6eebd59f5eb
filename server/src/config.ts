import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';

/** A trusted-proxy entry: an IP address, a CIDR range or a proxy-addr name such as loopback. */
function isProxyEntry(entry: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(entry)) return true;
  const [address = '', prefix] = entry.split('/');
  const version = isIP(address);
  if (version === 0) return false;
  return prefix === undefined || Number(prefix) <= (version === 4 ? 32 : 128);
}

/** Every setting of the server, read once from the environment and validated at boot. */
const booleanString = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z
    .string()
    .regex(/^[0-9]{1,5}$/, 'must be a port number')
    .transform(Number)
    .pipe(z.number().int().min(1).max(65535))
    .default(3000),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  DATA_DIR: z.string().min(1).default('./data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(50 * 1024 * 1024)
    .default(1024 * 1024),
  // true/false or a comma-separated list of trusted proxy addresses / CIDR ranges (proxy-addr names
  // loopback, linklocal, uniquelocal too). Fastify 5 ignores hop counts (fails closed), so none here.
  TRUST_PROXY: z
    .union([
      booleanString,
      z
        .string()
        .regex(
          /^(loopback|linklocal|uniquelocal|[0-9A-Fa-f:.]+(\/[0-9]{1,3})?)(\s*,\s*(loopback|linklocal|uniquelocal|[0-9A-Fa-f:.]+(\/[0-9]{1,3})?))*$/,
          'must be true, false or a comma-separated list of proxy addresses, e.g. 10.0.0.5,10.0.1.0/24',
        )
        .transform((v) => v.split(',').map((a) => a.trim()))
        .refine(
          (list) => list.every(isProxyEntry),
          'must list valid IP addresses or CIDR ranges, e.g. 10.0.0.5,10.0.1.0/24',
        ),
    ])
    .default(false),
  COOKIE_SECURE: booleanString.optional(),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .default(30),
  SESSION_MAX_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(3).max(20).default(5),
  LOGIN_LOCK_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(30),
  INITIAL_ADMIN_USERNAME: z
    .string()
    .regex(/^[a-z][a-z0-9_.-]{2,31}$/)
    .default('admin'),
  INITIAL_ADMIN_PASSWORD: z.string().min(12).max(128).optional(),
  SEED_DEMO_CYCLE: booleanString.optional(),
  WORKER_ENABLED: booleanString.default(true),
  WORKER_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  WEB_DIST_DIR: z.string().min(1).optional(),
  METRICS_TOKEN: z.string().min(16).max(200).optional(),
  // Uploaded files: a local folder (DATA_DIR/files) or an S3-compatible bucket (lib/s3-storage.ts).
  STORAGE_DRIVER: z.enum(['local', 's3']).default('local'),
  S3_ENDPOINT: z
    .string()
    .regex(
      /^https?:\/\/[A-Za-z0-9.-]+(:[0-9]{1,5})?\/?$/,
      'must be an http:// or https:// address without a path, e.g. https://s3.example.com',
    )
    .optional(),
  S3_REGION: z
    .string()
    .regex(/^[a-z0-9-]{2,40}$/, 'must be a region name such as us-east-1')
    .default('us-east-1'),
  S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a bucket name (3–63 a-z, 0-9, . or -)')
    .optional(),
  S3_ACCESS_KEY_ID: z.string().min(3).max(256).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(8).max(256).optional(),
  S3_FORCE_PATH_STYLE: booleanString.default(false),
  S3_PREFIX: z
    .string()
    .regex(
      /^[a-z0-9][a-z0-9_-]*(\/[a-z0-9][a-z0-9_-]*)*\/?$/,
      'must be lower-case path segments such as hqe/prod',
    )
    .optional(),
  // Candidates' material files (lib/material-files).
  MATERIAL_MAX_IMAGE_BYTES: z.coerce
    .number()
    .int()
    .min(100 * 1024)
    .max(50 * 1024 * 1024)
    .default(10 * 1024 * 1024),
  MATERIAL_MAX_PDF_BYTES: z.coerce
    .number()
    .int()
    .min(100 * 1024)
    .max(100 * 1024 * 1024)
    .default(20 * 1024 * 1024),
  MATERIAL_MAX_IMAGE_PIXELS: z.coerce
    .number()
    .int()
    .min(1_000_000)
    .max(200_000_000)
    .default(50_000_000),
  DATA_ENCRYPTION_KEY: z
    .string()
    .refine(
      (v) => /^[A-Za-z0-9+/]{43}=$/.test(v) && Buffer.from(v, 'base64').length === 32,
      'must be 32 bytes in base64 (44 characters), e.g. from `openssl rand -base64 32`',
    )
    .optional(),
  VERIFICATION_CODE_TTL_MINUTES: z.coerce.number().int().min(1).max(60).default(10),
  VERIFICATION_RESEND_SECONDS: z.coerce.number().int().min(10).max(600).default(60),
  VERIFICATION_DAILY_LIMIT: z.coerce.number().int().min(1).max(100).default(10),
  VERIFICATION_IP_HOURLY_LIMIT: z.coerce.number().int().min(1).max(100_000).default(30),
  DEV_OUTBOX_API: booleanString.optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, 'must be an smtp:// or smtps:// URL')
    .optional(),
  MAIL_FROM: z.string().min(3).max(200).optional(),
  // The notification outbox's retention (modules/notifications/retention.ts): days a sent message,
  // and a dead letter, is kept. At least 30: reminders and resends go by a message's dedupe key.
  NOTIFICATION_SENT_RETENTION_DAYS: z.coerce.number().int().min(30).max(3650).default(180),
  NOTIFICATION_DEAD_RETENTION_DAYS: z.coerce.number().int().min(30).max(3650).default(365),
  // The base photo (基本照片): see server/src/modules/candidate-profile/photo.ts.
  PHOTO_MIN_WIDTH: z.coerce.number().int().min(100).max(4000).default(295),
  PHOTO_MIN_HEIGHT: z.coerce.number().int().min(100).max(6000).default(413),
  PHOTO_MAX_INPUT_BYTES: z.coerce
    .number()
    .int()
    .min(100 * 1024)
    .max(20 * 1024 * 1024)
    .default(10 * 1024 * 1024),
  PHOTO_MAX_INPUT_PIXELS: z.coerce
    .number()
    .int()
    .min(1_000_000)
    .max(100_000_000)
    .default(40_000_000),
  PHOTO_RATIO_MIN: z.coerce.number().min(1).max(3).default(1.25),
  PHOTO_RATIO_MAX: z.coerce.number().min(1).max(3).default(1.6),
  PHOTO_OUTPUT_MAX_WIDTH: z.coerce.number().int().min(100).max(4000).default(480),
  PHOTO_OUTPUT_MAX_HEIGHT: z.coerce.number().int().min(100).max(6000).default(672),
  PHOTO_OUTPUT_MIN_KB: z.coerce.number().int().min(1).max(2048).default(20),
  PHOTO_OUTPUT_MAX_KB: z.coerce.number().int().min(10).max(4096).default(200),
  PHOTO_BACKGROUND_MIN_LUMINANCE: z.coerce.number().min(0).max(255).default(190),
  PHOTO_BACKGROUND_MAX_STDDEV: z.coerce.number().min(0).max(128).default(20),
});

/**
 * The data-encryption key of the test environment only: tests and their factories must agree on
 * it, and it protects nothing. Never used outside NODE_ENV=test.
 */
const TEST_DATA_ENCRYPTION_KEY = Buffer.from('hqe-test-only-data-encryption-k!', 'utf8');

export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  database:
    { engine: 'postgres'; url: string; poolSize: number } | { engine: 'pglite'; dataDir: string };
  dataDir: string;
  logLevel: string;
  bodyLimitBytes: number;
  /** Fastify's trustProxy: every hop (true), none (false), or the trusted proxies' addresses. */
  trustProxy: boolean | string[];
  cookieSecure: boolean;
  session: { idleMinutes: number; maxHours: number };
  login: { maxFailures: number; lockMinutes: number; rateLimitPerMinute: number };
  initialAdmin: { username: string; password: string | undefined };
  seedDemoCycle: boolean;
  worker: { enabled: boolean; pollMs: number };
  webDistDir: string | null;
  /** When set, /metrics requires `Authorization: Bearer <token>`. */
  metricsToken: string | null;
  /** Where uploaded files go: `DATA_DIR/files`, or an S3-compatible bucket. */
  storage: StorageSettings;
  /** What a candidate's material file may be (lib/material-files). */
  materials: { maxImageBytes: number; maxPdfBytes: number; maxImagePixels: number };
  /**
   * The 32-byte key protecting document numbers, phone numbers and e-mail addresses at rest; null
   * means "generated once and kept in DATA_DIR" (see lib/field-crypto.ts).
   */
  dataEncryptionKey: Buffer | null;
  verification: {
    codeTtlMinutes: number;
    resendSeconds: number;
    dailyLimit: number;
    ipHourlyLimit: number;
  };
  /** GET /api/dev/outbox: never in production, only on a loopback HOST (and loopback clients). */
  devOutboxApi: boolean;
  mail: { smtpUrl: string | null; from: string };
  /** Days the notification outbox keeps sent messages and dead letters before the purge. */
  notificationRetention: { sentDays: number; deadDays: number };
  /** The base photo's checks and its normalised output. */
  photo: PhotoRules;
}

/** The base photo (基本照片) rules: what is accepted and what is stored. */
export interface PhotoRules {
  minWidth: number;
  minHeight: number;
  maxInputBytes: number;
  /** Refused before decoding when width × height is above this. */
  maxInputPixels: number;
  /** Height / width. */
  ratioMin: number;
  ratioMax: number;
  /** The stored JPEG fits inside this box (never enlarged). */
  outputMaxWidth: number;
  outputMaxHeight: number;
  outputMinBytes: number;
  outputMaxBytes: number;
  /** The top corners must be at least this bright (0–255) … */
  backgroundMinLuminance: number;
  /** … and this even (standard deviation of luminance). */
  backgroundMaxStdDev: number;
}

export type StorageSettings =
  | { driver: 'local'; root: string }
  | {
      driver: 's3';
      endpoint: string;
      region: string;
      bucket: string;
      accessKeyId: string;
      secretAccessKey: string;
      forcePathStyle: boolean;
      prefix: string;
    };

/** The storage settings; STORAGE_DRIVER=s3 needs its S3_* variables (named, never echoed). */
function storageSettings(e: z.infer<typeof envSchema>, dataDir: string): StorageSettings {
  if (e.STORAGE_DRIVER === 'local') return { driver: 'local', root: path.join(dataDir, 'files') };
  const { S3_ENDPOINT, S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY } = e;
  if (!S3_ENDPOINT || !S3_BUCKET || !S3_ACCESS_KEY_ID || !S3_SECRET_ACCESS_KEY) {
    const required = { S3_ENDPOINT, S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY };
    throw new ConfigError(
      Object.entries(required)
        .filter(([, value]) => !value)
        .map(([name]) => `${name}: required when STORAGE_DRIVER=s3`),
    );
  }
  return {
    driver: 's3',
    endpoint: S3_ENDPOINT.replace(/\/$/, ''),
    region: e.S3_REGION,
    bucket: S3_BUCKET,
    accessKeyId: S3_ACCESS_KEY_ID,
    secretAccessKey: S3_SECRET_ACCESS_KEY,
    forcePathStyle: e.S3_FORCE_PATH_STYLE,
    prefix: (e.S3_PREFIX ?? '').replace(/\/$/, ''),
  };
}

/** The host names that accept connections from this machine only. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', '[::1]', 'localhost']);

/**
 * GET /api/dev/outbox hands out verification codes: never in production, and only while the
 * server listens on a loopback address. DEV_OUTBOX_API=true with another HOST is a config error;
 * the default (unset) is quietly off there.
 */
function devOutboxApi(e: z.infer<typeof envSchema>): boolean {
  if (e.NODE_ENV === 'production' || e.DEV_OUTBOX_API === false) return false;
  if (LOOPBACK_HOSTS.has(e.HOST.toLowerCase())) return true;
  if (e.DEV_OUTBOX_API === true) {
    throw new ConfigError([
      'DEV_OUTBOX_API: may be on only when HOST is a loopback address (127.0.0.1, ::1 or localhost): the outbox shows verification codes',
    ]);
  }
  return false;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the environment; throws ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(
    Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')),
  );
  if (!parsed.success) {
    // Never echo the received value: it may be a secret (a URL with a password, a password).
    throw new ConfigError(
      parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`),
    );
  }
  const e = parsed.data;
  const photoProblems = [
    e.PHOTO_RATIO_MIN < e.PHOTO_RATIO_MAX ? null : 'PHOTO_RATIO_MIN: must be below PHOTO_RATIO_MAX',
    e.PHOTO_OUTPUT_MIN_KB < e.PHOTO_OUTPUT_MAX_KB
      ? null
      : 'PHOTO_OUTPUT_MIN_KB: must be below PHOTO_OUTPUT_MAX_KB',
    e.PHOTO_OUTPUT_MAX_WIDTH >= e.PHOTO_MIN_WIDTH && e.PHOTO_OUTPUT_MAX_HEIGHT >= e.PHOTO_MIN_HEIGHT
      ? null
      : 'PHOTO_OUTPUT_MAX_WIDTH/HEIGHT: must be at least PHOTO_MIN_WIDTH/HEIGHT',
  ].filter((p): p is string => p !== null);
  if (photoProblems.length > 0) throw new ConfigError(photoProblems);
  // A dead letter is what an administrator looks into and resends: never gone before a sent one.
  if (e.NOTIFICATION_DEAD_RETENTION_DAYS < e.NOTIFICATION_SENT_RETENTION_DAYS) {
    throw new ConfigError([
      'NOTIFICATION_DEAD_RETENTION_DAYS: must be at least NOTIFICATION_SENT_RETENTION_DAYS',
    ]);
  }
  // npm runs workspace scripts inside the workspace folder; a relative DATA_DIR means relative to
  // where the command was typed (npm's INIT_CWD), so `npm start` and `npm run db:migrate` agree.
  const dataDir = path.resolve(env.INIT_CWD ?? process.cwd(), e.DATA_DIR);
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    database: e.DATABASE_URL
      ? { engine: 'postgres', url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE }
      : { engine: 'pglite', dataDir: path.join(dataDir, 'pglite') },
    dataDir,
    logLevel: e.LOG_LEVEL,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    trustProxy: e.TRUST_PROXY,
    cookieSecure: e.COOKIE_SECURE ?? e.NODE_ENV === 'production',
    session: { idleMinutes: e.SESSION_IDLE_MINUTES, maxHours: e.SESSION_MAX_HOURS },
    login: {
      maxFailures: e.LOGIN_MAX_FAILURES,
      lockMinutes: e.LOGIN_LOCK_MINUTES,
      rateLimitPerMinute: e.LOGIN_RATE_LIMIT_PER_MINUTE,
    },
    initialAdmin: { username: e.INITIAL_ADMIN_USERNAME, password: e.INITIAL_ADMIN_PASSWORD },
    seedDemoCycle: e.SEED_DEMO_CYCLE ?? e.NODE_ENV !== 'production',
    worker: { enabled: e.WORKER_ENABLED, pollMs: e.WORKER_POLL_MS },
    webDistDir: e.WEB_DIST_DIR ?? null,
    metricsToken: e.METRICS_TOKEN ?? null,
    storage: storageSettings(e, dataDir),
    materials: {
      maxImageBytes: e.MATERIAL_MAX_IMAGE_BYTES,
      maxPdfBytes: e.MATERIAL_MAX_PDF_BYTES,
      maxImagePixels: e.MATERIAL_MAX_IMAGE_PIXELS,
    },
    dataEncryptionKey: e.DATA_ENCRYPTION_KEY
      ? Buffer.from(e.DATA_ENCRYPTION_KEY, 'base64')
      : e.NODE_ENV === 'test'
        ? TEST_DATA_ENCRYPTION_KEY
        : null,
    verification: {
      codeTtlMinutes: e.VERIFICATION_CODE_TTL_MINUTES,
      resendSeconds: e.VERIFICATION_RESEND_SECONDS,
      dailyLimit: e.VERIFICATION_DAILY_LIMIT,
      ipHourlyLimit: e.VERIFICATION_IP_HOURLY_LIMIT,
    },
    devOutboxApi: devOutboxApi(e),
    mail: {
      smtpUrl: e.SMTP_URL ?? null,
      from: e.MAIL_FROM ?? '全国卫生专业技术资格考试网上报名 <no-reply@localhost>',
    },
    notificationRetention: {
      sentDays: e.NOTIFICATION_SENT_RETENTION_DAYS,
      deadDays: e.NOTIFICATION_DEAD_RETENTION_DAYS,
    },
    photo: {
      minWidth: e.PHOTO_MIN_WIDTH,
      minHeight: e.PHOTO_MIN_HEIGHT,
      maxInputBytes: e.PHOTO_MAX_INPUT_BYTES,
      maxInputPixels: e.PHOTO_MAX_INPUT_PIXELS,
      ratioMin: e.PHOTO_RATIO_MIN,
      ratioMax: e.PHOTO_RATIO_MAX,
      outputMaxWidth: e.PHOTO_OUTPUT_MAX_WIDTH,
      outputMaxHeight: e.PHOTO_OUTPUT_MAX_HEIGHT,
      outputMinBytes: e.PHOTO_OUTPUT_MIN_KB * 1024,
      outputMaxBytes: e.PHOTO_OUTPUT_MAX_KB * 1024,
      backgroundMinLuminance: e.PHOTO_BACKGROUND_MIN_LUMINANCE,
      backgroundMaxStdDev: e.PHOTO_BACKGROUND_MAX_STDDEV,
    },
  };
}
