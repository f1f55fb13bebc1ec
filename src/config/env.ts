/**
 * Environment, validated once with zod: a wrong value stops the process at start with a message
 * that names the variable, instead of failing later on a request.
 */
import { z } from 'zod';
import { checkEmailEnv, EMAIL_ENV } from './email-env';
import { checkSmsEnv, SMS_ENV } from './sms-env';
import { MESSAGE_ENV } from './message-env';
import { LOG_ENV } from './log-env.mjs';

/** A whole number from min to max, blank meaning `fallback`; the message names the range. */
const wholeNumber = (min: number, max: number, fallback: number, unit = '') => {
  const message = `must be a whole number${unit ? ` of ${unit}` : ''} from ${min} to ${max}`;
  return z
    .string()
    .trim()
    .optional()
    .transform((v) => v || String(fallback))
    .pipe(z.string().regex(/^\d+$/, message).transform(Number).pipe(z.number().min(min, message).max(max, message)));
};

const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), {
      message: 'DATABASE_URL must be a postgres:// or postgresql:// URL',
    }),
  /**
   * A streaming replica of DATABASE_URL: the public registry's reads go there, and to the primary
   * while it is unreachable (db/replica.ts; README, "Read replica").
   */
  DATABASE_REPLICA_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), {
      message: 'DATABASE_REPLICA_URL must be a postgres:// or postgresql:// URL',
    }),
  /**
   * PostgreSQL connections per server process. Few is faster: postgres.js pipelines queries on a
   * busy connection, and fewer backends share the CPUs with less switching. On a 2-CPU machine
   * complaint intake ran fastest with 2, then 4, then 8 (npm run bench, complaints); 4 is the
   * default so that one slow staff query does not hold up half the pool. About twice the database
   * server's CPU cores is the usual advice.
   */
  DATABASE_POOL_SIZE: wholeNumber(1, 100, 4),
  /**
   * How long the web server waits for any one query before answering 503 (db/query-deadline.ts):
   * with the database away every request is answered within two seconds. Also the server-side
   * statement_timeout. 0 turns it off.
   */
  DATABASE_QUERY_TIMEOUT_MS: wholeNumber(0, 600_000, 1500, 'milliseconds'),
  PGLITE_DIR: z.string().trim().min(1).default('data/pglite'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  DEMO_COUNT: z.coerce.number().int().min(0).max(1_000_000).default(2000),
  DEMO_SEED: z.coerce.number().int().default(20200403),
  /** Demo complaints filed and moved through the queue on a fresh demo database (0: none). */
  DEMO_COMPLAINTS: z.coerce.number().int().min(0).max(10_000).default(60),
  /**
   * Signs captcha challenges and receipts and keys the hashes of access codes and rate-limit keys.
   * Required in production; without it a random secret is created once and kept in the database.
   */
  APP_SECRET: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || v.length >= 32, { message: 'APP_SECRET must be at least 32 characters' }),
  /**
   * For tests and provisioning: an Open311 API key that src/cli/setup.ts registers (hashed) for the
   * channel "test" at start, so a fresh database can be posted to without running the CLI.
   * Production keys come from `npm run api-client -- add`.
   */
  OPEN311_BOOTSTRAP_KEY: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || (v.length >= 32 && v.length <= 256), { message: 'OPEN311_BOOTSTRAP_KEY must be 32 to 256 characters' }),
  /** Behind a reverse proxy: take the client address from the last X-Forwarded-For hop it added. */
  TRUST_PROXY: z
    .enum(['0', '1', 'true', 'false', ''])
    .default('0')
    .transform((v) => v === '1' || v === 'true'),
  ...EMAIL_ENV,
  ...SMS_ENV,
  ...MESSAGE_ENV,
  ...LOG_ENV,
})
  .superRefine(checkReplicaEnv)
  .superRefine(checkEmailEnv)
  .superRefine(checkSmsEnv);

export type Env = z.infer<typeof envSchema>;

/** A replica is a replica of something: DATABASE_REPLICA_URL needs DATABASE_URL (PGlite has none). */
function checkReplicaEnv(e: { DATABASE_URL?: string; DATABASE_REPLICA_URL?: string }, ctx: z.RefinementCtx): void {
  if (e.DATABASE_REPLICA_URL && !e.DATABASE_URL) {
    ctx.addIssue({ code: 'custom', path: ['DATABASE_REPLICA_URL'], message: 'DATABASE_REPLICA_URL needs DATABASE_URL: the replica is read beside a primary PostgreSQL database, never beside PGlite' });
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  return result.data;
}

let cached: Env | undefined;
/** The process environment, parsed on first use. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
