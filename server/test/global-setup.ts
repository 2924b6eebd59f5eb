import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/db/database';
import { migrateToLatest } from '../src/db/migrator';
import { createPglitePool } from '../src/db/pglite-pool';
import type { Database } from '../src/db/schema';
import { adminPool, templateDatabaseName, type TestDatabaseSource } from './test-database';

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabase: TestDatabaseSource;
  }
}

/**
 * Migrates once, then every test file starts from a copy: on PostgreSQL a database created from a
 * migrated template (CREATE DATABASE … TEMPLATE), on PGlite a dump of a migrated data directory.
 */
export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (url) {
    const template = templateDatabaseName();
    const admin = adminPool(url);
    await admin.query(`drop database if exists ${template}`);
    await admin.query(`create database ${template}`);
    const target = new URL(url);
    target.pathname = `/${template}`;
    const handle = await openDatabase({ engine: 'postgres', url: target.toString(), poolSize: 2 });
    await migrateToLatest(handle.db);
    await handle.close();
    project.provide('testDatabase', { engine: 'postgres', url, template });
    return async () => {
      await admin.query(`drop database if exists ${template}`);
      await admin.end();
    };
  }

  const dir = mkdtempSync(path.join(tmpdir(), 'hqe-test-'));
  const pglite = await PGlite.create();
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: createPglitePool(pglite) }),
  });
  await migrateToLatest(db);
  const dump = await pglite.dumpDataDir('none');
  const dumpFile = path.join(dir, 'template.tar');
  writeFileSync(dumpFile, Buffer.from(await dump.arrayBuffer()));
  await db.destroy();
  project.provide('testDatabase', { engine: 'pglite', dumpFile });
  return () => {
    rmSync(dir, { recursive: true, force: true });
  };
}
