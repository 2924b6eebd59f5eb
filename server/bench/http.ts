/**
 * HTTP benchmark of the foundation's hot paths, against a real server process on 127.0.0.1.
 *
 *   npm run bench                       # embedded PGlite in a temporary folder
 *   DATABASE_URL=postgres://… npm run bench   # a PostgreSQL server (use a scratch database)
 *
 * Options (environment): BENCH_SECONDS (default 10), BENCH_CONNECTIONS (default 50).
 */
import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const PASSWORD = 'Bench-Passw0rd-2024!';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        address && typeof address === 'object' ? resolve(address.port) : reject(new Error('port')),
      );
    });
  });
}

async function waitForHealth(base: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('server did not start');
}

/** Logs in as the admin and returns the session cookie header. */
async function login(base: string): Promise<{ cookie: string }> {
  const first = await fetch(`${base}/api/auth/session`);
  const visitorCookie = first.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await first.json()) as { csrfToken: string };
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-csrf-token': csrfToken,
      cookie: visitorCookie,
    },
    body: JSON.stringify({ username: 'admin', password: PASSWORD }),
  });
  if (!response.ok) throw new Error(`login failed: ${response.status}`);
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .filter((c) => c?.startsWith('hqe_sid='))
    .join('; ');
  return { cookie };
}

interface Row {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

async function run(name: string, options: autocannon.Options): Promise<Row> {
  const result = await autocannon({ connections, duration: seconds, ...options });
  return {
    name,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

async function main() {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'hqe-bench-'));
  const engine = process.env.DATABASE_URL ? 'postgres' : 'pglite';
  const server = spawn(process.execPath, ['--import', 'tsx', 'server/src/server.ts'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      SEED_DEMO_CYCLE: 'true',
      INITIAL_ADMIN_PASSWORD: PASSWORD,
      LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
      // Production with DATABASE_URL requires the key; a throwaway one for the run.
      DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    },
  });
  try {
    await waitForHealth(base);
    const { cookie } = await login(base);
    const rows: Row[] = [];
    rows.push(await run('GET /api/health', { url: `${base}/api/health` }));
    rows.push(await run('GET /api/catalog/overview', { url: `${base}/api/catalog/overview` }));
    rows.push(
      await run('GET /api/auth/session (logged in)', {
        url: `${base}/api/auth/session`,
        headers: { cookie },
      }),
    );
    rows.push(
      await run('GET /api/staff/accounts (logged in)', {
        url: `${base}/api/staff/accounts`,
        headers: { cookie },
      }),
    );
    const visitor = await fetch(`${base}/api/auth/session`);
    const visitorCookie = visitor.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const { csrfToken } = (await visitor.json()) as { csrfToken: string };
    rows.push(
      await run('POST /api/auth/login (argon2id)', {
        url: `${base}/api/auth/login`,
        method: 'POST',
        connections: Math.min(connections, 8),
        headers: {
          'content-type': 'application/json',
          'x-csrf-token': csrfToken,
          cookie: visitorCookie,
        },
        body: JSON.stringify({ username: 'admin', password: PASSWORD }),
      }),
    );
    process.stdout.write(
      `\nengine=${engine} connections=${connections} seconds=${seconds} node=${process.version}\n`,
    );
    process.stdout.write(
      '| request | req/s | p50 ms | p99 ms | errors | non-2xx |\n|---|---|---|---|---|---|\n',
    );
    for (const r of rows) {
      process.stdout.write(
        `| ${r.name} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.errors} | ${r.non2xx} |\n`,
      );
    }
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.on('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
