import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { CamelCasePlugin, Kysely, PostgresDialect, type PostgresPool } from 'kysely';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock';
import { createPglitePool } from './pglite-pool';
import type { Database } from './schema';

export type DbEngine = 'pglite' | 'postgres';
export type Db = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  engine: DbEngine;
  /** Closes every connection; the handle is unusable afterwards. */
  close(): Promise<void>;
}

export type DatabaseTarget =
  | { engine: 'postgres'; url: string; poolSize: number }
  | { engine: 'pglite'; dataDir: string | null; loadDataDir?: Blob };

const OID = { int8: 20, date: 1082 } as const;

/** Same value shapes from both engines: dates stay 'YYYY-MM-DD' strings, bigints become numbers. */
const parsers = {
  [OID.int8]: (value: string) => Number(value),
  [OID.date]: (value: string) => value,
};

function postgresPool(url: string, poolSize: number): PostgresPool {
  // Process-wide, and the same shapes as PGlite's `parsers` below.
  pg.types.setTypeParser(pg.types.builtins.INT8, parsers[OID.int8]);
  pg.types.setTypeParser(pg.types.builtins.DATE, parsers[OID.date]);
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    // Fail fast instead of queueing forever when the server is unreachable or the pool is drained.
    connectionTimeoutMillis: 10_000,
    statement_timeout: 30_000,
    idle_in_transaction_session_timeout: 60_000,
  });
  // An idle connection can die (server restart, failover); the pool drops it and makes a new one
  // on demand. Without a listener, pg would re-throw the error and end the process.
  pool.on('error', (error) => {
    process.emitWarning(`PostgreSQL idle connection lost: ${error.message}`);
  });
  return pool;
}

async function pglitePool(dataDir: string | null, loadDataDir?: Blob): Promise<PostgresPool> {
  if (!dataDir) {
    return createPglitePool(
      await PGlite.create(undefined, { parsers, ...(loadDataDir ? { loadDataDir } : {}) }),
    );
  }
  mkdirSync(dataDir, { recursive: true });
  const release = lockDataDir(dataDir);
  try {
    const pool = createPglitePool(await PGlite.create(dataDir, { parsers }));
    return {
      connect: () => pool.connect(),
      async end() {
        try {
          await pool.end();
        } finally {
          release();
        }
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

/**
 * A pool whose `end()` runs once. Kysely ends the pool only if it ever connected; the handle's
 * `close()` ends it in any case, so the PGlite lock and files are always released.
 */
function endOnce(pool: PostgresPool): PostgresPool {
  let ending: Promise<void> | undefined;
  return { connect: () => pool.connect(), end: () => (ending ??= pool.end()) };
}

/** Opens the database: the PostgreSQL server when a URL is given, else PGlite (embedded). */
export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  const pool = endOnce(
    target.engine === 'postgres'
      ? postgresPool(target.url, target.poolSize)
      : await pglitePool(target.dataDir, target.loadDataDir),
  );
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    plugins: [new CamelCasePlugin()],
  });
  return {
    db,
    engine: target.engine,
    async close() {
      await db.destroy();
      await pool.end();
    },
  };
}
