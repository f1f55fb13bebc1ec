/**
 * API keys of registered channels (the 12345 hotline, the petitions office, ...), which post
 * complaints through Open311. A key is 32 random bytes (base64url), shown once when it is made;
 * the database keeps its SHA-256 (hex). A plain hash suffices: a random 256-bit key cannot be
 * guessed from its hash, and looking a hash up leaks nothing about the key.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../../../db/client';
import { apiClientByKeyHash, type ApiClient } from '../../../db/queries/open311/open311';
import { sha256 } from '../shared/secret';

export function generateApiKey(): string {
  return randomBytes(32).toString('base64url');
}

export const apiKeyHash = (key: string): string => sha256(key);

export type ApiKeyCheck = { ok: true; client: ApiClient } | { ok: false; reason: 'missing' | 'refused' };

/** What a presented key is before the database is asked: missing, refused outright, or a hash to look up. */
export type PresentedKey = { kind: 'missing' } | { kind: 'refused' } | { kind: 'hash'; hash: string };

export function presentedKey(key: string | null | undefined): PresentedKey {
  const trimmed = key?.trim() ?? '';
  if (trimmed === '') return { kind: 'missing' };
  // Keys are 43 characters; anything far longer is not worth hashing.
  if (trimmed.length > 256) return { kind: 'refused' };
  return { kind: 'hash', hash: apiKeyHash(trimmed) };
}

/**
 * The active client a key belongs to. An unknown key and a disabled one are both 'refused', so a
 * caller cannot tell whether a key ever existed.
 */
export async function checkApiKey(db: Db, key: string | null | undefined): Promise<ApiKeyCheck> {
  const presented = presentedKey(key);
  if (presented.kind !== 'hash') return { ok: false, reason: presented.kind };
  const client = await apiClientByKeyHash(db, presented.hash);
  return client?.active ? { ok: true, client } : { ok: false, reason: 'refused' };
}
