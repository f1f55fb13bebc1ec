// @ts-check
import { z } from 'zod';
import { LOG_ENV } from '../../config/log-env.mjs';

/**
 * The front server's own environment (the app checks the rest, src/config/env.ts). An empty value
 * counts as unset; a wrong one stops the process with a message naming it.
 */
/** An optional whole number from the environment, between min and max. */
const wholeNumber = (/** @type {number} */ min, /** @type {number} */ max) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => v || undefined)
    .pipe(
      z
        .string()
        .regex(/^\d+$/, "must be a whole number")
        .transform(Number)
        .pipe(z.number().min(min, `must be ${min} to ${max}`).max(max, `must be ${min} to ${max}`))
        .optional(),
    );

const frontEnvSchema = z.object({
  HOST: z.string().trim().optional().transform((v) => v || undefined),
  PORT: wholeNumber(0, 65535),
  WEB_CONCURRENCY: wholeNumber(1, 64),
  /** Seconds a stopping process gives requests in flight and jobs in hand (drain.mjs); default 20. */
  SHUTDOWN_GRACE_S: wholeNumber(1, 600),
  DATABASE_URL: z.string().trim().optional().transform((v) => v || undefined),
  /**
   * The bearer token that opens /metrics from anywhere (metrics-endpoint.mjs); without it /metrics
   * answers only to this machine. Long enough not to be guessed.
   */
  METRICS_TOKEN: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || undefined)
    .pipe(z.string().regex(/^[\x21-\x7e]{24,256}$/, 'must be 24 to 256 printable ASCII characters without spaces').optional()),
  ...LOG_ENV,
});

/**
 * How many server processes to run: WEB_CONCURRENCY, else one. More pay off only where CPUs are to
 * spare: on a 2-CPU machine that also runs PostgreSQL, two took longer per complaint than one did
 * (npm run bench). PGlite keeps its database in this process, so it allows one process only.
 * @param {Record<string, string | undefined>} source
 * @returns {{ ok: true, env: z.output<typeof frontEnvSchema>, workers: number } | { ok: false, message: string }}
 */
export function frontSettings(source) {
  const parsed = frontEnvSchema.safeParse(source);
  if (!parsed.success) return { ok: false, message: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
  const e = parsed.data;
  if (!e.DATABASE_URL && (e.WEB_CONCURRENCY ?? 1) > 1) {
    return { ok: false, message: `WEB_CONCURRENCY: ${e.WEB_CONCURRENCY} processes need PostgreSQL (DATABASE_URL); the embedded PGlite database allows one process` };
  }
  return { ok: true, env: e, workers: e.WEB_CONCURRENCY ?? 1 };
}
