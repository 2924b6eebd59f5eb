/**
 * HTTP benchmark of the foundation's hot paths, against a real server process on 127.0.0.1.
 *
 *   npm run bench                       # embedded PGlite in a temporary folder
 *   DATABASE_URL=postgres://… npm run bench   # a PostgreSQL server (use a scratch database)
 *
 * Options (environment): BENCH_SECONDS (default 10), BENCH_CONNECTIONS (default 50).
 */
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import { cookiesOf, login, startServer } from './server-process';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const PASSWORD = 'Bench-Passw0rd-2024!';

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
  const engine = process.env.DATABASE_URL ? 'postgres' : 'pglite';
  const server = await startServer({
    adminPassword: PASSWORD,
    // Production with DATABASE_URL requires the key; a throwaway one for the run.
    env: { DATA_ENCRYPTION_KEY: randomBytes(32).toString('base64') },
  });
  const base = server.base;
  try {
    const { cookie } = await login(base, 'admin', PASSWORD);
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
    const visitorCookie = cookiesOf(visitor);
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
    await server.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
