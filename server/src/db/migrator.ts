import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import * as m0001 from './migrations/0001-foundation';
import * as m0002 from './migrations/0002-catalog';
import * as m0003 from './migrations/0003-area-settings';
import * as m0004 from './migrations/0004-candidate-accounts';
import * as m0005 from './migrations/0005-candidate-profiles';
import * as m0006 from './migrations/0006-registrations';
import * as m0007 from './migrations/0007-previous-results';
import * as m0008 from './migrations/0008-review-queue';
import * as m0009 from './migrations/0009-review-decisions';
import * as m0010 from './migrations/0010-review-oversight';
import * as m0011 from './migrations/0011-notification-outbox';
import * as m0012 from './migrations/0012-application-form-reprint';
import * as m0013 from './migrations/0013-registration-events-area';
import * as m0014 from './migrations/0014-notification-retention';

/** Every migration, in order. Add new ones at the end; never edit one that has landed. */
const migrations: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0002-catalog': m0002,
  '0003-area-settings': m0003,
  '0004-candidate-accounts': m0004,
  '0005-candidate-profiles': m0005,
  '0006-registrations': m0006,
  '0007-previous-results': m0007,
  '0008-review-queue': m0008,
  '0009-review-decisions': m0009,
  '0010-review-oversight': m0010,
  '0011-notification-outbox': m0011,
  '0012-application-form-reprint': m0012,
  '0013-registration-events-area': m0013,
  '0014-notification-retention': m0014,
};

const provider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};

/** Brings the schema up to date; throws with the failing migration's name on error. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the migrator works on any schema
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const where = failed ? ` (migration ${failed.migrationName})` : '';
    throw new Error(
      `Database migration failed${where}: ${error instanceof Error ? error.message : JSON.stringify(error)}`,
      { cause: error },
    );
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
