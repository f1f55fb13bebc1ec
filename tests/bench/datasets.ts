/**
 * Benchmark data sets: PostgreSQL database ptp_bench_<size> and PGlite folder data/bench-<size>.
 * A data set that already holds exactly <size> demo institutions is reused; anything else is
 * emptied and seeded again (with a progress bar), then ANALYZEd.
 */
import { fileURLToPath } from 'node:url';
import { eq, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { openDb, type DbHandle } from '../../db/client';
import { migrate } from '../../db/migrate';
import { siteMeta } from '../../db/schema';
import { countInstitutions, resetData, seedDemo } from '../../db/seed/demo';
import { progressBar } from '../../src/cli/terminal/progress';
import { seedReference } from '../../db/seed/reference';
import type { Driver } from './flags';

export interface DatasetSpec {
  size: number;
  driver: Driver;
  seed: number;
  /** Admin URL of the PostgreSQL server (its database is used to create ours). */
  pgUrl: string;
}

export interface Dataset {
  size: number;
  driver: Driver;
  /** Where it lives: a postgres:// URL or a folder. */
  location: string;
  handle: DbHandle;
  /** Whether this run seeded it (false: reused). */
  seeded: boolean;
  /** Seconds spent seeding and analysing, 0 when reused. */
  seedSeconds: number;
}

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export const pgDatabaseName = (size: number) => `ptp_bench_${size}`;
export const pgliteFolder = (size: number) => `${REPO_ROOT}data/bench-${size}`;

/** The URL of database `name` on the server `adminUrl` points at. */
export function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Creates the database if it does not exist yet. */
async function ensurePgDatabase(adminUrl: string, name: string): Promise<void> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    const found = await admin`select 1 from pg_database where datname = ${name}`;
    if (found.length === 0) {
      await admin.unsafe(`create database "${name}"`);
      console.log(`  created database ${name}`);
    }
  } finally {
    await admin.end({ timeout: 5 });
  }
}

async function demoCount(handle: DbHandle): Promise<number | null> {
  const [row] = await handle.db.select({ value: siteMeta.value }).from(siteMeta).where(eq(siteMeta.key, 'demo_count'));
  return row ? Number(row.value) : null;
}

/** Opens (creating, migrating and seeding as needed) the data set; the caller closes its handle. */
export async function openDataset(spec: DatasetSpec): Promise<Dataset> {
  const { size, driver } = spec;
  let handle: DbHandle;
  let location: string;
  if (driver === 'postgres') {
    const name = pgDatabaseName(size);
    await ensurePgDatabase(spec.pgUrl, name);
    location = databaseUrl(spec.pgUrl, name);
    handle = await openDb({ url: location, max: 4 });
  } else {
    location = pgliteFolder(size);
    handle = await openDb({ dataDir: location });
  }
  try {
    await migrate(handle);
    await seedReference(handle.db);
    const [meta, institutions] = [await demoCount(handle), await countInstitutions(handle.db)];
    if (meta === size && institutions === size) {
      console.log(`  ${driver} ${size}: reusing ${location} (${institutions.toLocaleString('en-US')} institutions)`);
      return { size, driver, location, handle, seeded: false, seedSeconds: 0 };
    }
    console.log(
      `  ${driver} ${size}: ${location} holds ${institutions.toLocaleString('en-US')} institutions (demo_count ${meta ?? 'unset'}); resetting and seeding ${size.toLocaleString('en-US')}`,
    );
    const started = performance.now();
    await resetData(handle.db);
    const bar = progressBar(`  Seeding ${driver} ${size}`);
    try {
      await seedDemo(handle, { count: size, seed: spec.seed, onProgress: (d, t) => bar.update(d, t) });
    } finally {
      bar.stop();
    }
    // VACUUM too: the search's index-only scans need the visibility map (see db/migrate.ts).
    await handle.db.execute(sql`VACUUM ANALYZE`);
    const seedSeconds = (performance.now() - started) / 1000;
    console.log(`  ${driver} ${size}: seeded and analysed in ${seedSeconds.toFixed(1)} s`);
    return { size, driver, location, handle, seeded: true, seedSeconds };
  } catch (e) {
    await handle.close();
    throw e;
  }
}
