import path from 'node:path';
import { z } from 'zod';

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
  TRUST_PROXY: booleanString.default(false),
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
});

export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  database:
    { engine: 'postgres'; url: string; poolSize: number } | { engine: 'pglite'; dataDir: string };
  dataDir: string;
  logLevel: string;
  bodyLimitBytes: number;
  trustProxy: boolean;
  cookieSecure: boolean;
  session: { idleMinutes: number; maxHours: number };
  login: { maxFailures: number; lockMinutes: number; rateLimitPerMinute: number };
  initialAdmin: { username: string; password: string | undefined };
  seedDemoCycle: boolean;
  worker: { enabled: boolean; pollMs: number };
  webDistDir: string | null;
  /** When set, /metrics requires `Authorization: Bearer <token>`. */
  metricsToken: string | null;
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
  };
}
