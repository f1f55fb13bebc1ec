/**
 * `npm run db:seed -- --count N --seed S [--today YYYY-MM-DD] [--reset]`
 *
 * Migrates the database named by the environment (DATABASE_URL, else PGlite at PGLITE_DIR), seeds
 * the reference tables and writes a demo data set. It refuses to add demo rows to a database that
 * already has data unless --reset, which empties the data tables first.
 *
 * Exit codes: 0 done, 1 failure or refusal, 2 bad command line.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ISO_DATE, todayInShanghai } from '../domain/shared/dates';
import { env } from '../config/env';
import { getDb } from '../../db/client';
import { migrate } from '../../db/migrate';
import { hasNoData, resetData, seedDemo } from '../../db/seed/demo';
import { progressBar } from './terminal/progress';
import { seedReference } from '../../db/seed/reference';
import { formatSummary } from './terminal/seed-summary';

const USAGE = `Usage: npm run db:seed -- [--count N] [--seed S] [--today YYYY-MM-DD] [--reset]

  --count N     institutions to generate (0-1000000; default DEMO_COUNT, ${env().DEMO_COUNT})
  --seed S      integer seed (negative: --seed=-5); same seed, count and day give the same data (default DEMO_SEED, ${env().DEMO_SEED})
  --today D     reference day for licence states and dates (default: today in Shanghai)
  --reset       empty all data tables first (departments and streets are kept)
  --help        show this text`;

const argsSchema = z.object({
  // Digits only: z.coerce alone would read "" as 0 and "1e3" as 1000.
  count: z
    .string()
    .regex(/^\d+$/, '--count must be a whole number')
    .transform(Number)
    .pipe(z.number().max(1_000_000, '--count must be at most 1000000')),
  seed: z
    .string()
    .regex(/^-?\d+$/, '--seed must be a whole number')
    .transform(Number)
    .pipe(z.number().min(-2_147_483_648, '--seed is too small').max(4_294_967_295, '--seed is too large')),
  today: z
    .string()
    .regex(ISO_DATE, '--today must be a date like 2026-03-25')
    .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), '--today is not a real date'),
  reset: z.boolean(),
  help: z.boolean(),
});
type Args = z.infer<typeof argsSchema>;

function fail(message: string): never {
  console.error(`db:seed: ${message}\n\n${USAGE}`);
  process.exit(2);
}

/** Parses argv; prints what is wrong and exits with code 2 on a bad flag. */
export function parseCli(argv: string[]): Args {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        count: { type: 'string' },
        seed: { type: 'string' },
        today: { type: 'string' },
        reset: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (e) {
    fail((e as Error).message);
  }
  const result = argsSchema.safeParse({
    count: values.count ?? String(env().DEMO_COUNT),
    seed: values.seed ?? String(env().DEMO_SEED),
    today: values.today ?? todayInShanghai(),
    reset: values.reset,
    help: values.help,
  });
  if (!result.success) fail(result.error.issues.map((i) => i.message).join('; '));
  return result.data;
}

async function main(): Promise<void> {
  const args = parseCli(process.argv.slice(2));
  if (args.help) {
    console.log(USAGE);
    return;
  }
  const handle = await getDb();
  try {
    console.log(`db:seed: ${handle.driver === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `PGlite at ${env().PGLITE_DIR}`}`);
    await migrate(handle);
    await seedReference(handle.db);
    if (args.reset) {
      await resetData(handle.db);
      console.log('db:seed: data tables emptied (--reset)');
    } else if (!(await hasNoData(handle.db))) {
      console.error('db:seed: the database already holds data; refusing to add demo rows. Use --reset to replace it.');
      process.exitCode = 1;
      return;
    }
    const bar = progressBar('Seeding');
    let summary;
    try {
      summary = await seedDemo(handle, { count: args.count, seed: args.seed, today: args.today, onProgress: (d, t) => bar.update(d, t) });
    } finally {
      bar.stop();
    }
    console.log(formatSummary(summary));
  } finally {
    await handle.close();
  }
}

main().catch((e: unknown) => {
  console.error('db:seed failed:', e instanceof Error ? (e.stack ?? e.message) : e);
  process.exitCode = 1;
});
