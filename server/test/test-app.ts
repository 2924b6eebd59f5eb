import { Writable } from 'node:stream';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { inject } from 'vitest';
import { buildApp } from '../src/app';
import { loadConfig, type Config } from '../src/config';
import type { Db } from '../src/db/database';
import { createManualClock, type ManualClock } from '../src/lib/clock';
import type { JobWorker } from '../src/modules/jobs';
import { seedReferenceData } from '../src/modules/catalog';
import { createTestDatabase } from './test-database';

/** The instant tests start at unless they say otherwise (Shanghai: 2026-11-20 10:00). */
export const TEST_NOW = '2026-11-20T02:00:00.000Z';

export interface TestContext {
  app: FastifyInstance;
  db: Db;
  clock: ManualClock;
  worker: JobWorker;
  config: Config;
  routes: { method: string; url: string; hidden: boolean }[];
  /** Every log line the app wrote, as raw JSON text. */
  logs: string[];
  close(): Promise<void>;
}

/**
 * Builds the real application on a clean database of its own, with a manual clock, reference data
 * loaded and logs captured. Environment overrides go through the same validation as production.
 */
export async function createTestContext(
  options: { now?: string; env?: Record<string, string> } = {},
): Promise<TestContext> {
  const database = await createTestDatabase(inject('testDatabase'));
  const clock = createManualClock(options.now ?? TEST_NOW);
  // Many logins come from one address in a test file; the rate-limit test sets its own limit.
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
    ...options.env,
  });
  await seedReferenceData(database.db, { now: clock.now(), demoCycle: true });
  const logs: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      logs.push(chunk.toString('utf8'));
      callback();
    },
  });
  const { loggerOptions } = await import('../src/lib/logger');
  const { app, worker, routes } = await buildApp({
    config,
    database,
    clock,
    logger: { ...loggerOptions('info'), stream },
  });
  await app.ready();
  return {
    app,
    db: database.db,
    clock,
    worker,
    config,
    routes,
    logs,
    async close() {
      await worker.stop();
      await app.close();
      await database.close();
    },
  };
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface RequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
  /** Send no CSRF header even on a state-changing request. */
  withoutCsrf?: boolean;
  payload?: InjectOptions['payload'];
}

/** A browser-like client: keeps cookies and sends the CSRF token the server handed out. */
export class TestClient {
  readonly cookies = new Map<string, string>();
  csrfToken: string | undefined;

  constructor(private readonly app: FastifyInstance) {}

  async request(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD',
    url: string,
    options: RequestOptions = {},
  ): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { ...options.headers };
    if (UNSAFE.has(method) && !options.withoutCsrf && this.csrfToken) {
      headers['x-csrf-token'] = this.csrfToken;
    }
    const response = await this.app.inject({
      method,
      url,
      headers,
      cookies: Object.fromEntries(this.cookies),
      ...(options.payload !== undefined
        ? { payload: options.payload }
        : options.body !== undefined
          ? { payload: options.body as InjectOptions['payload'] }
          : {}),
    });
    for (const cookie of response.cookies as { name: string; value: string; expires?: Date }[]) {
      if (cookie.expires && cookie.expires.getTime() < Date.now()) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    return response;
  }

  get = (url: string, options?: RequestOptions) => this.request('GET', url, options);
  post = (url: string, body?: unknown, options?: RequestOptions) =>
    this.request('POST', url, { ...options, body: body ?? {} });

  /** Fetches the session (and with it a CSRF token) the way the web app does on load. */
  async start(): Promise<this> {
    const response = await this.get('/api/auth/session');
    this.csrfToken = response.json<{ csrfToken: string }>().csrfToken;
    return this;
  }

  /** Logs in; on success keeps the session cookie and the new CSRF token. */
  async login(username: string, password: string): Promise<LightMyRequestResponse> {
    if (!this.csrfToken) await this.start();
    const response = await this.post('/api/auth/login', { username, password });
    if (response.statusCode === 200) {
      this.csrfToken = response.json<{ csrfToken: string }>().csrfToken;
    }
    return response;
  }
}
