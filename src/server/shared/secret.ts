/**
 * The application secret: APP_SECRET, or for development a random one created on first use and
 * kept in site_meta, so several processes on one database and restarts all agree.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { siteMeta } from '../../../db/schema';
import { env } from '../../config/env';

let cached: Promise<string> | undefined;

export function appSecret(db: Db): Promise<string> {
  cached ??= (async () => {
    const fromEnv = env().APP_SECRET;
    if (fromEnv) return fromEnv;
    const fresh = randomBytes(32).toString('base64url');
    // Insert-or-keep: the first process to get here decides the secret for everyone.
    await db.insert(siteMeta).values({ key: 'app_secret', value: fresh }).onConflictDoNothing();
    const [row] = await db.select().from(siteMeta).where(eq(siteMeta.key, 'app_secret'));
    return row!.value;
  })();
  cached.catch(() => (cached = undefined));
  return cached;
}

/** HMAC-SHA256 of a message under the secret, base64url; `purpose` separates the uses. */
export function hmac(secret: string, purpose: string, message: string): string {
  return createHmac('sha256', secret).update(`${purpose}\u0000${message}`).digest('base64url');
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Compares two strings in constant time (for codes and signatures). */
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Test hook: forget the cached secret (tests open fresh databases). */
export function resetSecretCache(): void {
  cached = undefined;
}

