import { ConfigError, loadConfig } from '../config';
import { openDatabase } from './database';
import { migrateToLatest } from './migrator';

/** `npm run db:migrate`: brings the configured database's schema up to date and exits. */
async function main() {
  const config = loadConfig();
  const database = await openDatabase(config.database);
  try {
    const applied = await migrateToLatest(database.db);
    process.stdout.write(
      applied.length > 0
        ? `Applied ${applied.length} migration(s): ${applied.join(', ')}\n`
        : 'The database schema is up to date.\n',
    );
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(error instanceof ConfigError ? 1 : 2);
});
