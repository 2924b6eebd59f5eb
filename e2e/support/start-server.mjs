// Starts the real server for the browser journeys: a fresh embedded database in a temporary folder,
// a known administrator password, the demo cycle, and the built web app.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const dataDir = mkdtempSync(path.join(tmpdir(), 'hqe-e2e-'));
const server = spawn(process.execPath, ['--import', 'tsx', 'server/src/server.ts'], {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...process.env,
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    PORT: process.env.E2E_PORT ?? '3199',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    INITIAL_ADMIN_USERNAME: 'admin',
    INITIAL_ADMIN_PASSWORD: 'E2e-Console-Passw0rd!',
    SEED_DEMO_CYCLE: 'true',
    // Every journey asks for its codes from 127.0.0.1: the per-address limit (30 an hour) would
    // otherwise cap how many sign-ups a run (with its retries and repeats) may make.
    VERIFICATION_IP_HOURLY_LIMIT: '1000',
  },
});
const cleanup = () => rmSync(dataDir, { recursive: true, force: true });
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.kill(signal));
}
server.on('exit', (code) => {
  cleanup();
  process.exit(code ?? 0);
});
