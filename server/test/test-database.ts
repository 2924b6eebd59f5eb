import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../src/db/database';

export type TestDatabaseSource =
  { engine: 'postgres'; url: string; template: string } | { engine: 'pglite'; dumpFile: string };

/** The migrated template database of this test run (one per run, so runs do not collide). */
export function templateDatabaseName(): string {
  return `hqe_template_${process.pid}`;
}

/** A connection to the server's maintenance database, for creating and dropping databases. */
export function adminPool(url: string): pg.Pool {
  return new pg.Pool({ connectionString: url, max: 1 });
}

/**
 * A clean, migrated database for one test file: a copy of the template on PostgreSQL, or a fresh
 * PGlite loaded from the migrated dump. `close()` drops it.
 */
export async function createTestDatabase(source: TestDatabaseSource): Promise<DatabaseHandle> {
  if (source.engine === 'pglite') {
    const loadDataDir = new Blob([readFileSync(source.dumpFile)]);
    return openDatabase({ engine: 'pglite', dataDir: null, loadDataDir });
  }
  const name = `hqe_test_${randomBytes(6).toString('hex')}`;
  const admin = adminPool(source.url);
  await admin.query(`create database ${name} template ${source.template}`);
  const url = new URL(source.url);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ engine: 'postgres', url: url.toString(), poolSize: 5 });
  return {
    ...handle,
    async close() {
      await handle.close();
      // The pool has ended; its backends may take a moment to exit. Dropping WITH (FORCE) would
      // kill them mid-goodbye and surface as unhandled 57P01 errors, so wait for them instead.
      for (let attempt = 1; ; attempt++) {
        try {
          await admin.query(`drop database if exists ${name}`);
          break;
        } catch (error) {
          if (attempt >= 50) throw error;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
      await admin.end();
    },
  };
}
