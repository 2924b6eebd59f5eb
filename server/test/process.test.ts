import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

/** The server as a process: boots on embedded defaults, refuses bad config, shuts down cleanly. */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

function startServer(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/server.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', WORKER_POLL_MS: '200', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

async function waitForHealth(port: number, timeoutMs: number): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await fetch(`http://127.0.0.1:${port}/api/health`);
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

describe('the server process', () => {
  it('when started on embedded defaults, then it migrates, prints the first admin once, serves, and exits 0 on SIGTERM', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'hqe-process-'));
    dirs.push(dataDir);
    const port = await freePort();
    const server = startServer({ PORT: String(port), DATA_DIR: dataDir });
    const health = await waitForHealth(port, 45_000);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', engine: 'pglite' });
    expect(server.output()).toContain('初始密码 password:');
    expect(server.output()).toContain(`http://127.0.0.1:${port}/console`);

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);

    // A second start on the same data keeps the admin: no new password is printed.
    const again = startServer({ PORT: String(port), DATA_DIR: dataDir });
    expect((await waitForHealth(port, 45_000)).status).toBe(200);
    expect(again.output()).not.toContain('初始密码');
    again.child.kill('SIGINT');
    expect(await again.exited).toBe(0);
  }, 120_000);

  it('when a setting is invalid, then it exits 1 naming the variable, without echoing the value', async () => {
    const server = startServer({ PORT: 'not-a-port', DATABASE_URL: 'mysql://user:hunter2@db/x' });
    expect(await server.exited).toBe(1);
    expect(server.output()).toContain('PORT');
    expect(server.output()).toContain('DATABASE_URL');
    expect(server.output()).not.toContain('hunter2');
  }, 60_000);
});
