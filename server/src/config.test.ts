import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

/** Runs loadConfig and returns the ConfigError it throws (fails the test if it does not throw). */
function configErrorOf(env: Record<string, string | undefined>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('loadConfig accepted an invalid environment');
}

describe('loadConfig defaults', () => {
  it('when the environment is empty, then the server listens on 127.0.0.1:3000 with PGlite in ./data/pglite', () => {
    const config = loadConfig({});
    expect(config.env).toBe('development');
    expect(config.host).toBe('127.0.0.1');
    expect(config.port).toBe(3000);
    expect(config.dataDir).toBe(path.resolve('data'));
    expect(config.database).toEqual({
      engine: 'pglite',
      dataDir: path.join(path.resolve('data'), 'pglite'),
    });
    expect(config.logLevel).toBe('info');
    expect(config.trustProxy).toBe(false);
    expect(config.cookieSecure).toBe(false);
    expect(config.session).toEqual({ idleMinutes: 30, maxHours: 12 });
    expect(config.login).toEqual({ maxFailures: 5, lockMinutes: 15, rateLimitPerMinute: 30 });
    expect(config.initialAdmin).toEqual({ username: 'admin', password: undefined });
    expect(config.seedDemoCycle).toBe(true);
    expect(config.worker).toEqual({ enabled: true, pollMs: 1000 });
    expect(config.webDistDir).toBeNull();
  });

  it('when DATA_DIR is set, then PGlite lives in its pglite subdirectory', () => {
    const config = loadConfig({ DATA_DIR: '/srv/hqe' });
    expect(config.dataDir).toBe(path.resolve('/srv/hqe'));
    expect(config.database).toEqual({
      engine: 'pglite',
      dataDir: path.join(path.resolve('/srv/hqe'), 'pglite'),
    });
  });

  it('when DATA_DIR is relative and npm ran the command elsewhere, then it is relative to where npm was invoked', () => {
    const config = loadConfig({ DATA_DIR: './data', INIT_CWD: '/home/someone/checkout' });
    expect(config.dataDir).toBe('/home/someone/checkout/data');
    expect(loadConfig({ DATA_DIR: '/abs/dir', INIT_CWD: '/elsewhere' }).dataDir).toBe('/abs/dir');
  });

  it('when PORT and HOST are set, then they are used, the port as a number', () => {
    const config = loadConfig({ PORT: '8080', HOST: '0.0.0.0' });
    expect(config.port).toBe(8080);
    expect(config.host).toBe('0.0.0.0');
  });
});

describe('loadConfig database selection', () => {
  it('when DATABASE_URL is a postgres URL, then the engine is postgres with the pool size', () => {
    const url = 'postgres://hqe:pw@db.internal:5432/hqe';
    expect(loadConfig({ DATABASE_URL: url }).database).toEqual({
      engine: 'postgres',
      url,
      poolSize: 10,
    });
    expect(
      loadConfig({ DATABASE_URL: 'postgresql://db/hqe', DATABASE_POOL_SIZE: '25' }).database,
    ).toEqual({ engine: 'postgres', url: 'postgresql://db/hqe', poolSize: 25 });
  });

  it('when DATABASE_URL is an empty string, then it is treated as unset and PGlite is used', () => {
    expect(loadConfig({ DATABASE_URL: '' }).database.engine).toBe('pglite');
  });
});

describe('loadConfig errors never echo the value', () => {
  it('when DATABASE_URL is not a postgres URL, then ConfigError names it without its secret', () => {
    const secret = 'S3cr3t-DbPassw0rd-7d1f';
    const error = configErrorOf({ DATABASE_URL: `mysql://root:${secret}@db.internal/hqe` });
    expect(error.name).toBe('ConfigError');
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]).toMatch(/^DATABASE_URL: /);
    expect(error.message).toContain('DATABASE_URL');
    expect(error.message).not.toContain(secret);
    expect(error.problems.join('\n')).not.toContain(secret);
  });

  it.each([
    ['PORT', 'tok_live_9f8e7d6c5b4a'],
    ['PORT', '70000'],
    ['PORT', '80.5'],
    ['PORT', '0'],
    ['LOG_LEVEL', 'sk-verbose-0a1b2c3d4e5f'],
    ['COOKIE_SECURE', 'maybe-secret-1234'],
    ['INITIAL_ADMIN_PASSWORD', 'Sh0rt!pw'],
    ['INITIAL_ADMIN_USERNAME', 'Root#Admin'],
    ['NODE_ENV', 'staging-9c2e'],
  ])('when %s is %s, then ConfigError names the variable and not the value', (name, value) => {
    const error = configErrorOf({ [name]: value });
    expect(error.problems.map((p) => p.split(':')[0])).toEqual([name]);
    expect(error.message).toContain(name);
    expect(error.message).not.toContain(value);
  });

  it('when PORT is blank, then it is refused rather than read as port 0 (a random port)', () => {
    expect(configErrorOf({ PORT: ' ' }).problems.map((p) => p.split(':')[0])).toEqual(['PORT']);
  });

  it('when several variables are bad, then every one of them is named', () => {
    const error = configErrorOf({ PORT: 'x', LOG_LEVEL: 'loud', WORKER_POLL_MS: '1' });
    expect(error.problems.map((p) => p.split(':')[0]).sort()).toEqual([
      'LOG_LEVEL',
      'PORT',
      'WORKER_POLL_MS',
    ]);
  });
});

describe('loadConfig booleans', () => {
  it('when NODE_ENV is production and COOKIE_SECURE is unset, then cookies are secure', () => {
    const config = loadConfig({ NODE_ENV: 'production' });
    expect(config.cookieSecure).toBe(true);
    expect(config.seedDemoCycle).toBe(false);
  });

  it.each(['development', 'test'])(
    'when NODE_ENV is %s and COOKIE_SECURE is unset, then cookies are not secure',
    (env) => {
      expect(loadConfig({ NODE_ENV: env }).cookieSecure).toBe(false);
    },
  );

  it('when COOKIE_SECURE is set, then it wins over the environment default', () => {
    expect(loadConfig({ NODE_ENV: 'production', COOKIE_SECURE: 'false' }).cookieSecure).toBe(false);
    expect(loadConfig({ NODE_ENV: 'development', COOKIE_SECURE: 'true' }).cookieSecure).toBe(true);
  });

  it.each([
    ['true', true],
    ['1', true],
    ['yes', true],
    ['false', false],
    ['0', false],
    ['no', false],
  ])('when TRUST_PROXY is %s, then it reads as %s', (text, value) => {
    expect(loadConfig({ TRUST_PROXY: text }).trustProxy).toBe(value);
  });

  it('when WORKER_ENABLED and SEED_DEMO_CYCLE are false, then both are off', () => {
    const config = loadConfig({ WORKER_ENABLED: 'false', SEED_DEMO_CYCLE: 'no' });
    expect(config.worker.enabled).toBe(false);
    expect(config.seedDemoCycle).toBe(false);
  });
});

describe('loadConfig empty strings', () => {
  it('when variables are empty strings, then the defaults apply as if they were unset', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      PORT: '',
      HOST: '',
      LOG_LEVEL: '',
      COOKIE_SECURE: '',
      DATA_DIR: '',
      INITIAL_ADMIN_PASSWORD: '',
      WEB_DIST_DIR: '',
    });
    expect(config.port).toBe(3000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.logLevel).toBe('info');
    expect(config.cookieSecure).toBe(true);
    expect(config.dataDir).toBe(path.resolve('data'));
    expect(config.initialAdmin.password).toBeUndefined();
    expect(config.webDistDir).toBeNull();
  });

  it('when a variable is undefined, then it is ignored like an unset one', () => {
    expect(loadConfig({ PORT: undefined }).port).toBe(3000);
  });
});

describe('DEV_OUTBOX_API', () => {
  it('when nothing is set, then the outbox API is on for a local development server', () => {
    expect(loadConfig({}).devOutboxApi).toBe(true);
    expect(loadConfig({ HOST: 'localhost' }).devOutboxApi).toBe(true);
    expect(loadConfig({ HOST: '::1' }).devOutboxApi).toBe(true);
  });

  it('when HOST is not a loopback address and DEV_OUTBOX_API is unset, then the outbox API is off', () => {
    expect(loadConfig({ HOST: '0.0.0.0' }).devOutboxApi).toBe(false);
    expect(loadConfig({ HOST: '10.1.2.3', NODE_ENV: 'test' }).devOutboxApi).toBe(false);
  });

  it('when DEV_OUTBOX_API=true with a non-loopback HOST, then ConfigError names DEV_OUTBOX_API', () => {
    const error = configErrorOf({ HOST: '0.0.0.0', DEV_OUTBOX_API: 'true' });
    expect(error.problems.map((p) => p.split(':')[0])).toEqual(['DEV_OUTBOX_API']);
    expect(error.message).toContain('loopback');
  });

  it('when DEV_OUTBOX_API=false or NODE_ENV=production, then it is off on any host', () => {
    expect(loadConfig({ DEV_OUTBOX_API: 'false' }).devOutboxApi).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', DEV_OUTBOX_API: 'true' }).devOutboxApi).toBe(false);
  });
});

describe('TRUST_PROXY', () => {
  it('when it lists proxy addresses, then they become the trusted list', () => {
    expect(loadConfig({ TRUST_PROXY: '10.0.0.5, 10.0.1.0/24,::1,loopback' }).trustProxy).toEqual([
      '10.0.0.5',
      '10.0.1.0/24',
      '::1',
      'loopback',
    ]);
  });

  it.each(['2', '999.1.1.1', '10.0.0.0/33', 'proxy.example.com', '10.0.0.5,'])(
    'when it is %s, then ConfigError names TRUST_PROXY',
    (text) => {
      expect(configErrorOf({ TRUST_PROXY: text }).problems.map((p) => p.split(':')[0])).toEqual([
        'TRUST_PROXY',
      ]);
    },
  );
});
