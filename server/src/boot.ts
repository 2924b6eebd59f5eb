import { fileURLToPath } from 'node:url';
import type { Config } from './config';
import { openDatabase, type DatabaseHandle } from './db/database';
import { migrateToLatest } from './db/migrator';
import type { Clock } from './lib/clock';
import { ensureFirstPlatformAdmin, type FirstAdminResult } from './modules/accounts';
import { seedReferenceData } from './modules/catalog';

/** Where `npm run build` puts the web app, relative to this file. */
export const DEFAULT_WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));

/** Opens and migrates the database, loads reference data and makes sure an admin exists. */
export async function prepareDatabase(
  config: Config,
  clock: Clock,
): Promise<{ database: DatabaseHandle; migrations: string[]; firstAdmin: FirstAdminResult }> {
  const database = await openDatabase(config.database);
  try {
    const migrations = await migrateToLatest(database.db);
    await seedReferenceData(database.db, { now: clock.now(), demoCycle: config.seedDemoCycle });
    const firstAdmin = await ensureFirstPlatformAdmin(database.db, clock, config.initialAdmin);
    return { database, migrations, firstAdmin };
  } catch (error) {
    await database.close();
    throw error;
  }
}
