import { buildApp } from './app';
import { prepareDatabase, DEFAULT_WEB_DIST } from './boot';
import { ConfigError, loadConfig, type Config } from './config';
import { systemClock } from './lib/clock';
import { warmUpApplicationForm } from './modules/application-form';

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nSee README.md, "Configuration".\n`);
      process.exit(1);
    }
    throw error;
  }
}

/** Prints the generated first password once, to the terminal only — never into the log. */
function announceFirstAdmin(username: string, password: string) {
  const lines = [
    '首次运行：已创建平台管理员账号 / First run: a platform administrator was created',
    `  用户名 username: ${username}`,
    `  初始密码 password: ${password}`,
    '  首次登录后须修改密码；此密码不会再次显示。',
    '  You must change it at first login; it is not shown again.',
  ];
  process.stdout.write(`\n${lines.join('\n')}\n\n`);
}

async function main() {
  const config = readConfig();
  const clock = systemClock;
  const { database, firstAdmin } = await prepareDatabase(config, clock);
  if (firstAdmin.generatedPassword) {
    announceFirstAdmin(firstAdmin.username, firstAdmin.generatedPassword);
  }
  const { app, worker } = await buildApp({
    config: { ...config, webDistDir: config.webDistDir ?? DEFAULT_WEB_DIST },
    database,
    clock,
  });

  let closing = false;
  const shutdown = async (signal: string, exitCode = 0) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: no new requests, finishing those in flight');
    const force = setTimeout(() => {
      app.log.error('graceful shutdown timed out; exiting');
      process.exit(1);
    }, 15_000);
    force.unref();
    try {
      await app.close();
      await worker.stop();
      await database.close();
      process.exit(exitCode);
    } catch (error) {
      app.log.error({ err: error }, 'error during shutdown');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('unhandledRejection', (reason) => {
    app.log.fatal({ err: reason }, 'unhandled promise rejection; exiting');
    void shutdown('unhandledRejection', 1);
  });

  await app.listen({ host: config.host, port: config.port });
  if (config.worker.enabled) worker.start();
  // Parse the PDF font now, not on the first candidate's download (about 0.5 s of CPU).
  void warmUpApplicationForm();
  const where =
    config.database.engine === 'pglite' ? `PGlite in ${config.database.dataDir}` : 'PostgreSQL';
  app.log.info({ engine: config.database.engine }, `database: ${where}`);
  process.stdout.write(
    `考生入口 Candidate portal: http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}/\n` +
      `管理入口 Staff console:    http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}/console\n` +
      `接口文档 API reference:    http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}/api/docs\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
