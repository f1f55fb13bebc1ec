/**
 * Command line of `npm run bench`, read with node:util parseArgs and checked with zod. A bad flag
 * prints what is wrong and the usage, and exits with code 2.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';

export const DRIVERS = ['postgres', 'pglite'] as const;
export type Driver = (typeof DRIVERS)[number];
export const PARTS = ['search', 'http', 'js', 'complaints', 'messages'] as const;
export type Part = (typeof PARTS)[number];

export const USAGE = `Usage: npm run bench -- [flags]

  --sizes N,N          data set sizes in institutions (default 2000,100000)
  --drivers D,D        postgres, pglite or both (default postgres,pglite)
  --skip P,P           parts to leave out: search, http, js, complaints, messages (default none)
  --queries N          measured search queries per data set (default 1000)
  --warmup N           search queries run first and not measured (default 50)
  --explain            print EXPLAIN ANALYZE of the slowest query of each slow query kind
  --duration S         seconds of each measured autocannon run (default 10)
  --rounds N           measured complaint runs; the median one is judged (default 3)
  --connections N      autocannon connections, page and complaint runs (default 50)
  --http-size N        size of the PostgreSQL data set the portal server uses (default 2000)
  --build              rebuild the site (npx astro build) even if dist/server/entry.mjs exists
  --seed S             demo data seed (default 20200403, as DEMO_SEED)
  --pg-url URL         PostgreSQL server to create ptp_bench_<size> databases on
                       (default postgres://postgres@127.0.0.1:5432/postgres)
  --help               show this text`;

const count = (flag: string, min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `--${flag} must be a whole number`)
    .transform(Number)
    .pipe(z.number().min(min, `--${flag} must be at least ${min}`).max(max, `--${flag} must be at most ${max}`));

/** A comma-separated list of members of `values`, without repeats, not empty. */
const enumList = <T extends readonly [string, ...string[]]>(flag: string, values: T, allowEmpty = false) =>
  z
    .string()
    .transform((s) => s.split(',').map((v) => v.trim()).filter(Boolean))
    .pipe(
      z
        .array(z.enum(values, { error: (i) => `--${flag}: unknown value "${String(i.input)}" (expected ${values.join(', ')})` }))
        .min(allowEmpty ? 0 : 1, `--${flag} needs at least one of ${values.join(', ')}`)
        .transform((a) => [...new Set(a)]),
    );

const flagsSchema = z.object({
  sizes: z
    .string()
    .transform((s) => s.split(',').map((v) => v.trim()).filter(Boolean))
    .pipe(
      z
        .array(count('sizes', 1, 1_000_000))
        .min(1, '--sizes needs at least one size')
        .transform((a) => [...new Set(a)]),
    ),
  drivers: enumList('drivers', DRIVERS),
  skip: enumList('skip', PARTS, true),
  queries: count('queries', 1, 100_000),
  warmup: count('warmup', 0, 100_000),
  explain: z.boolean(),
  duration: count('duration', 1, 600),
  rounds: count('rounds', 1, 20),
  connections: count('connections', 1, 1000),
  httpSize: count('http-size', 1, 1_000_000),
  build: z.boolean(),
  seed: z
    .string()
    .regex(/^-?\d+$/, '--seed must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(-2_147_483_648, '--seed is too small').max(4_294_967_295, '--seed is too large')),
  pgUrl: z.string().regex(/^postgres(ql)?:\/\/\S+$/, '--pg-url must be a postgres:// or postgresql:// URL'),
  help: z.boolean(),
});
export type Flags = z.infer<typeof flagsSchema>;

function fail(message: string): never {
  console.error(`bench: ${message}\n\n${USAGE}`);
  process.exit(2);
}

/** Parses argv (without node and the script); exits with code 2 on a bad flag. */
export function parseFlags(argv: string[]): Flags {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        sizes: { type: 'string', default: '2000,100000' },
        drivers: { type: 'string', default: 'postgres,pglite' },
        skip: { type: 'string', default: '' },
        queries: { type: 'string', default: '1000' },
        warmup: { type: 'string', default: '50' },
        explain: { type: 'boolean', default: false },
        duration: { type: 'string', default: '10' },
        rounds: { type: 'string', default: '3' },
        connections: { type: 'string', default: '50' },
        'http-size': { type: 'string', default: '2000' },
        build: { type: 'boolean', default: false },
        seed: { type: 'string', default: '20200403' },
        'pg-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (e) {
    fail((e as Error).message);
  }
  const result = flagsSchema.safeParse({ ...values, httpSize: values['http-size'], pgUrl: values['pg-url'] });
  if (!result.success) fail(result.error.issues.map((i) => i.message).join('; '));
  return result.data;
}
