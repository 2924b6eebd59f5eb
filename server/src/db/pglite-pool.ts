import type { PGlite } from '@electric-sql/pglite';
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';

/**
 * Presents an in-process PGlite database as a one-connection pool for Kysely's PostgresDialect.
 * PGlite has a single session, so a transaction must own it until it ends: `connect()` waits
 * until the previous holder released it.
 */
export function createPglitePool(pglite: PGlite): PostgresPool {
  let tail: Promise<void> = Promise.resolve();

  const client = (release: () => void): PostgresPoolClient => ({
    // Kysely never streams through this pool, so only the (sql, parameters) overload is served.
    query: (async <R>(
      sql: string,
      parameters: readonly unknown[],
    ): Promise<PostgresQueryResult<R>> => {
      const result = await pglite.query<R>(sql, [...parameters]);
      return {
        command: (result.command ?? 'SELECT') as PostgresQueryResult<R>['command'],
        rowCount: result.rowCount ?? result.affectedRows ?? 0,
        rows: result.rows,
      };
    }) as PostgresPoolClient['query'],
    release,
  });

  return {
    async connect() {
      let release!: () => void;
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      const previous = tail;
      tail = previous.then(() => released);
      await previous;
      let done = false;
      return client(() => {
        if (done) return;
        done = true;
        release();
      });
    },
    async end() {
      await tail;
      await pglite.close();
    },
  };
}
