/**
 * Environment, validated once with zod: a wrong value stops the process at start with a message
 * that names the variable, instead of failing later on a request.
 */
import { z } from 'zod';

const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), {
      message: 'DATABASE_URL must be a postgres:// or postgresql:// URL',
    }),
  PGLITE_DIR: z.string().trim().min(1).default('data/pglite'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  DEMO_COUNT: z.coerce.number().int().min(0).max(1_000_000).default(2000),
  DEMO_SEED: z.coerce.number().int().default(20200403),
});

export type Env = z.infer<typeof envSchema>;

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
