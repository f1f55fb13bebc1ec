/**
 * Self-hosted proof-of-work captcha (ALTCHA protocol, altcha-lib): no third-party service sees the
 * filer. The browser finds a number whose SHA-256 with the salt matches the challenge; about a
 * second on a phone at MAX_NUMBER. Without JavaScript the form asks a signed arithmetic question
 * instead. Either solution counts once (captcha_replays).
 */
import { createChallenge, verifySolution } from 'altcha-lib';
import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { captchaReplays } from '../../../db/schema';
import { hmac, safeEqual } from '../shared/secret';

/** Expected work: half of this many SHA-256 rounds (~50,000: about a second on a mid-range phone). */
export const MAX_NUMBER = 100_000;
const TTL_MS = 20 * 60_000;

export async function newPowChallenge(secret: string, now = new Date()) {
  return createChallenge({ hmacKey: secret, maxNumber: MAX_NUMBER, expires: new Date(now.getTime() + TTL_MS) });
}

export interface ArithmeticQuestion {
  /** Shown to the person, e.g. "3 加 4 等于几？" */
  text: string;
  /** Signed token carried in a hidden field. */
  token: string;
}

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

export function newArithmeticQuestion(secret: string, now = new Date()): ArithmeticQuestion {
  const a = 1 + Math.floor(Math.random() * 9);
  const b = 1 + Math.floor(Math.random() * 9);
  const body = Buffer.from(JSON.stringify({ a, b, exp: now.getTime() + TTL_MS, n: Math.random().toString(36).slice(2) })).toString('base64url');
  return { text: `${DIGITS[a]}加${DIGITS[b]}等于几？（请填阿拉伯数字）`, token: `${body}.${hmac(secret, 'captcha-q', body)}` };
}

export type CaptchaOutcome = 'ok' | 'missing' | 'invalid' | 'expired' | 'replayed' | 'wrong_answer';

/** Marks a solution as used; false when it had been used before. */
async function claim(db: Db, signature: string, expiresAt: Date): Promise<boolean> {
  const inserted = await db.insert(captchaReplays).values({ signature, expiresAt }).onConflictDoNothing().returning({ s: captchaReplays.signature });
  // Now and then forget solutions whose challenge expired anyway.
  if (Math.random() < 0.01) await db.execute(sql`delete from captcha_replays where expires_at < now()`);
  return inserted.length === 1;
}

/** Checks a proof-of-work payload (base64 JSON from the island) or an arithmetic answer. */
export async function verifyCaptcha(
  db: Db,
  secret: string,
  input: { pow?: string | null; questionToken?: string | null; answer?: string | null },
  now = new Date(),
): Promise<CaptchaOutcome> {
  if (input.pow) {
    let payload: { signature?: string; salt?: string };
    try {
      payload = JSON.parse(Buffer.from(input.pow, 'base64').toString('utf8'));
    } catch {
      return 'invalid';
    }
    const ok = await verifySolution(input.pow, secret, true).catch(() => false);
    if (!ok || !payload.signature) return 'invalid';
    return (await claim(db, `pow:${payload.signature}`, new Date(now.getTime() + TTL_MS))) ? 'ok' : 'replayed';
  }
  if (input.questionToken) {
    const [body, sig] = input.questionToken.split('.');
    if (!body || !sig || !safeEqual(sig, hmac(secret, 'captcha-q', body))) return 'invalid';
    let q: { a: number; b: number; exp: number };
    try {
      q = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      return 'invalid';
    }
    if (q.exp < now.getTime()) return 'expired';
    const answer = (input.answer ?? '').normalize('NFKC').trim();
    if (answer !== String(q.a + q.b)) return 'wrong_answer';
    return (await claim(db, `q:${sig}`, new Date(q.exp))) ? 'ok' : 'replayed';
  }
  return 'missing';
}
