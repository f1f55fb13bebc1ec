/** `npm run db:migrate`: applies pending migrations to the database named by the environment. */
import { env } from '../config/env';
import { getDb } from '../../db/client';
import { migrate } from '../../db/migrate';

async function main(): Promise<void> {
  const handle = await getDb();
  try {
    console.log(`db:migrate: ${handle.driver === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `PGlite at ${env().PGLITE_DIR}`}`);
    await migrate(handle);
    console.log('db:migrate: up to date');
  } finally {
    await handle.close();
  }
}

main().catch((e: unknown) => {
  console.error('db:migrate failed:', e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
