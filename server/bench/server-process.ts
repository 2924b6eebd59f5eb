/**
 * The real server process the HTTP benchmarks measure: started on a free port of 127.0.0.1 with a
 * temporary DATA_DIR, production settings and the demonstration cycle, waited for until healthy,
 * and stopped (its folder removed) at the end. Shared by bench/http.ts and bench/submissions.ts.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

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

export interface BenchServer {
  /** `http://127.0.0.1:<port>` */
  base: string;
  pid: number;
  /** Stops the server and removes its DATA_DIR. */
  stop(): Promise<void>;
}

/**
 * Starts the server with the administrator's password `adminPassword`, `env` on top of the
 * defaults (a generous login rate limit, warnings only), and `nodeOptions` before the entry (e.g.
 * a CPU profile). Resolves once /api/health answers; a server that never does is stopped.
 */
export async function startServer(options: {
  adminPassword: string;
  env?: Record<string, string>;
  nodeOptions?: string[];
}): Promise<BenchServer> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'hqe-bench-'));
  const server = spawn(
    process.execPath,
    [...(options.nodeOptions ?? []), '--import', 'tsx', 'server/src/server.ts'],
    {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: {
        ...process.env,
        PORT: String(port),
        DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
        NODE_ENV: 'production',
        SEED_DEMO_CYCLE: 'true',
        INITIAL_ADMIN_PASSWORD: options.adminPassword,
        LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
        ...options.env,
      },
    },
  );
  const exited = new Promise((resolve) => server.on('exit', resolve));
  const stop = async () => {
    server.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(base);
  } catch (error) {
    await stop();
    throw error;
  }
  return { base, pid: server.pid ?? 0, stop };
}

/** The cookies a response sets, as a Cookie header (those it clears left out, as a browser would). */
export const cookiesOf = (response: Response): string =>
  response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .filter((c) => c !== '' && !c.endsWith('='))
    .join('; ');

/** Logs in (from a fresh visitor session); returns the session's cookies and CSRF token. */
export async function login(
  base: string,
  username: string,
  password: string,
): Promise<{ cookie: string; csrfToken: string }> {
  const first = await fetch(`${base}/api/auth/session`);
  const { csrfToken } = (await first.json()) as { csrfToken: string };
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-csrf-token': csrfToken,
      cookie: cookiesOf(first),
    },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) throw new Error(`login failed: ${response.status} ${await response.text()}`);
  const body = (await response.json()) as { csrfToken: string };
  return { cookie: cookiesOf(response), csrfToken: body.csrfToken };
}
