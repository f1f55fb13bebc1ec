/**
 * Files checked by a dry run on /staff/import, kept until the same person confirms the import.
 * The file itself is too big for a hidden field and must not come back from the browser changed,
 * so it stays here, in this process's memory, keyed by who uploaded it and the SHA-256 of its
 * bytes, for 30 minutes. A confirm that reaches another process (several servers without sticky
 * sessions) or comes after a restart finds nothing and asks for the file again: it can fail, but
 * never import a file other than the one checked. Total memory is capped; the oldest go first.
 */
import type { EncodingChoice, ImportKind } from '../domain/import';

export const UPLOAD_TTL_MS = 30 * 60 * 1000;
/** Five files of the maximum size. */
const MAX_TOTAL_BYTES = 100 * 1024 * 1024;

export interface PendingUpload {
  staffId: number;
  kind: ImportKind;
  encoding: EncodingChoice;
  fileName: string;
  sha256: string;
  bytes: Uint8Array;
  storedAt: number;
}

const uploads = new Map<string, PendingUpload>();
const keyOf = (staffId: number, sha256: string) => `${staffId}:${sha256}`;

function sweep(now: number): void {
  for (const [key, u] of uploads) if (now - u.storedAt > UPLOAD_TTL_MS) uploads.delete(key);
  let total = 0;
  for (const u of uploads.values()) total += u.bytes.length;
  // Map iteration is insertion order: the oldest first.
  for (const [key, u] of uploads) {
    if (total <= MAX_TOTAL_BYTES) break;
    uploads.delete(key);
    total -= u.bytes.length;
  }
}

/** Keeps a checked file for its uploader; the same file checked again replaces the earlier copy. */
export function keepUpload(upload: Omit<PendingUpload, 'storedAt'>, now = Date.now()): void {
  const key = keyOf(upload.staffId, upload.sha256);
  uploads.delete(key);
  uploads.set(key, { ...upload, storedAt: now });
  sweep(now);
}

/** The file this person checked with this SHA-256, removed from the store; null if gone. */
export function takeUpload(staffId: number, sha256: string, now = Date.now()): PendingUpload | null {
  sweep(now);
  const key = keyOf(staffId, sha256);
  const upload = uploads.get(key) ?? null;
  uploads.delete(key);
  return upload;
}
