import { sql } from 'kysely';
import type { Db } from '../../db/database';

/** Creates the health check: can the database answer a query? */
export function createHealthService({ db }: { db: Db }) {
  return {
    /** Runs `select 1`; true when the database answered. */
    async isDatabaseUp(): Promise<boolean> {
      try {
        await sql`select 1`.execute(db);
        return true;
      } catch {
        return false;
      }
    },
  };
}
export type HealthService = ReturnType<typeof createHealthService>;
