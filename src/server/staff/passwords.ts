/**
 * Staff passwords: argon2id with OWASP's minimum (19 MiB of memory, 2 passes, 1 lane; never
 * weaker than that). A hash is a PHC string that carries its own parameters, so raising them
 * later only needs `needsRehash` at the next sign-in.
 */
import { randomInt } from 'node:crypto';
import { hash, parseOptions, verify, type Algorithm } from '@node-rs/argon2';

/** Argon2id (the enum is ambient, so its value is written out). Tests use these same costs. */
export const ARGON2_OPTIONS = { algorithm: 2 as Algorithm, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/** The PHC string of a password (a fresh random salt each time). */
export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

/** Whether `password` matches `passwordHash`; false, never an exception, for a malformed hash. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;

/**
 * The hash an unknown username is checked against, made once per process. Sign-in awaits it before
 * anything else, so the first attempt after a start is slow whoever it is for, not only for
 * unknown names (which would otherwise tell them apart once).
 */
export function dummyPasswordHash(): Promise<string> {
  dummy ??= hashPassword('no account has this password: it only takes time');
  dummy.catch(() => (dummy = undefined));
  return dummy;
}

/**
 * Spends the time of one verification and answers false: used when the username is unknown, so
 * the answer takes as long as for a known name with a wrong password.
 */
export async function verifyDummyPassword(password: string): Promise<false> {
  await verifyPassword(await dummyPasswordHash(), password);
  return false;
}

/** True when the hash was made with other costs than today's (then hash again after sign-in). */
export function needsRehash(passwordHash: string): boolean {
  try {
    const o = parseOptions(passwordHash);
    return o.algorithm !== ARGON2_OPTIONS.algorithm || o.memoryCost !== ARGON2_OPTIONS.memoryCost || o.timeCost !== ARGON2_OPTIONS.timeCost || o.parallelism !== ARGON2_OPTIONS.parallelism;
  } catch {
    return true;
  }
}

/** 20 characters from 31 that cannot be mistaken for each other (about 99 bits), in groups of 5. */
export function generatePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const chars = Array.from({ length: 20 }, () => alphabet[randomInt(alphabet.length)]!);
  return [0, 5, 10, 15].map((i) => chars.slice(i, i + 5).join('')).join('-');
}
