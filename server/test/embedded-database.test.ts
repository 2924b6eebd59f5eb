import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { DataDirLockedError } from '../src/db/data-dir-lock';
import { openDatabase } from '../src/db/database';
import { createPglitePool } from '../src/db/pglite-pool';

/** The embedded engine's own safeguards (PGlite, whatever DATABASE_URL says). */
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'hqe-embedded-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('the PGlite pool', () => {
  it('when a query runs on db inside an open transaction, then it fails with an explanation instead of hanging, and the pool goes on working', async () => {
    const db = new Kysely<never>({
      dialect: new PostgresDialect({ pool: createPglitePool(await PGlite.create(), 200) }),
    });
    const nested = db.transaction().execute(async (trx) => {
      await sql`select 1`.execute(trx);
      await sql`select 2`.execute(db);
    });
    await expect(nested).rejects.toThrow(/outside an open transaction/);
    const after = await sql<{ n: number }>`select 3 as n`.execute(db);
    expect(after.rows).toEqual([{ n: 3 }]);
    await db.destroy();
  });

  it('when a released connection is used again, then it throws', async () => {
    const pool = createPglitePool(await PGlite.create());
    const client = await pool.connect();
    client.release();
    await expect(client.query('select 1', [])).rejects.toThrow(/after it was released/);
    await pool.end();
  });
});

describe('the embedded data directory', () => {
  it('when a second process-level open targets the same data directory, then it is refused until the first closes', async () => {
    const dataDir = path.join(tempDir(), 'pglite');
    const first = await openDatabase({ engine: 'pglite', dataDir });
    await expect(openDatabase({ engine: 'pglite', dataDir })).rejects.toBeInstanceOf(
      DataDirLockedError,
    );
    await first.close();
    const second = await openDatabase({ engine: 'pglite', dataDir });
    expect((await sql<{ n: number }>`select 1 as n`.execute(second.db)).rows).toEqual([{ n: 1 }]);
    await second.close();
  });

  it('when the lock was left by a process that is gone, then it is taken over', async () => {
    const dataDir = path.join(tempDir(), 'pglite');
    writeFileSync(`${dataDir}.lock`, '2147483646');
    const handle = await openDatabase({ engine: 'pglite', dataDir });
    expect((await sql<{ n: number }>`select 1 as n`.execute(handle.db)).rows).toEqual([{ n: 1 }]);
    await handle.close();
  });
});
