import type { PGlite } from '@electric-sql/pglite';
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';

/** How long `connect()` waits for the single connection before it reports a likely deadlock. */
const DEFAULT_WAIT_MS = 30_000;

/**
 * Presents an in-process PGlite database as a one-connection pool for Kysely's PostgresDialect.
 * PGlite has a single session, so a transaction must own it until it ends: `connect()` waits
 * until the previous holder released it.
 *
 * Hazard: a query on `db` (not on the transaction `trx`) while that transaction is open waits for
 * the transaction, which waits for the query. On PostgreSQL it would take a second connection; here
 * it deadlocks, so `connect()` gives up after `waitMs` with an error that says so.
 */
export function createPglitePool(pglite: PGlite, waitMs = DEFAULT_WAIT_MS): PostgresPool {
  let tail: Promise<void> = Promise.resolve();

  const client = (isReleased: () => boolean, release: () => void): PostgresPoolClient => ({
    // Kysely never streams through this pool, so only the (sql, parameters) overload is served.
    query: (async <R>(
      sql: string,
      parameters: readonly unknown[],
    ): Promise<PostgresQueryResult<R>> => {
      if (isReleased()) throw new Error('PGlite connection used after it was released');
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
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), waitMs);
        timer.unref();
      });
      const outcome = await Promise.race([previous.then(() => 'ready' as const), timedOut]);
      clearTimeout(timer);
      if (outcome === 'timeout') {
        void previous.then(release); // keep the queue moving once the holder lets go
        throw new Error(
          `PGlite: waited ${waitMs} ms for the database connection. A query outside an open ` +
            'transaction (on db instead of trx) deadlocks on the embedded engine.',
        );
      }
      let done = false;
      return client(
        () => done,
        () => {
          if (done) return;
          done = true;
          release();
        },
      );
    },
    async end() {
      await tail;
      await pglite.close();
    },
  };
}
