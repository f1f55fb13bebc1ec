/**
 * Files checked by a dry run on /staff/import, kept for their uploader until the import is
 * confirmed (src/server/import/import-form.ts). The file must not come back from the browser changed, so
 * the confirmation names it by its SHA-256 and the server takes the bytes it checked from here.
 * Taking deletes: a file is imported at most once per check.
 */
import { and, desc, eq, gt, inArray, lt } from 'drizzle-orm';
import type { Db } from '../../client';
import { pendingImports } from '../../schema';
import type { EncodingChoice, ImportKind } from '../../../src/domain/import';

/** How long a checked file waits for its confirmation. */
export const PENDING_IMPORT_TTL_MS = 30 * 60 * 1000;
/** Checked files one person may have waiting; older ones are dropped first. */
const PER_PERSON = 3;

export interface PendingImport {
  staffId: number;
  kind: ImportKind;
  encoding: EncodingChoice;
  fileName: string;
  sha256: string;
  bytes: Uint8Array;
}

/** Keeps a checked file for its uploader; the same file checked again replaces the earlier copy. */
export async function keepPendingImport(db: Db, upload: PendingImport, now = new Date()): Promise<void> {
  await db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    await tx.delete(pendingImports).where(lt(pendingImports.storedAt, new Date(now.getTime() - PENDING_IMPORT_TTL_MS)));
    await tx
      .insert(pendingImports)
      .values({ staffId: upload.staffId, sha256: upload.sha256, kind: upload.kind, encoding: upload.encoding, fileName: upload.fileName, content: upload.bytes, storedAt: now })
      .onConflictDoUpdate({
        target: [pendingImports.staffId, pendingImports.sha256],
        set: { kind: upload.kind, encoding: upload.encoding, fileName: upload.fileName, content: upload.bytes, storedAt: now },
      });
    const kept = await tx
      .select({ sha256: pendingImports.sha256 })
      .from(pendingImports)
      .where(eq(pendingImports.staffId, upload.staffId))
      .orderBy(desc(pendingImports.storedAt), desc(pendingImports.sha256));
    const dropped = kept.slice(PER_PERSON).map((k) => k.sha256);
    if (dropped.length > 0) {
      await tx.delete(pendingImports).where(and(eq(pendingImports.staffId, upload.staffId), inArray(pendingImports.sha256, dropped)));
    }
  });
}

/** The file this person checked with this SHA-256, removed from the store; null if gone or expired. */
export async function takePendingImport(db: Db, staffId: number, sha256: string, now = new Date()): Promise<PendingImport | null> {
  const [row] = await db
    .delete(pendingImports)
    .where(and(eq(pendingImports.staffId, staffId), eq(pendingImports.sha256, sha256), gt(pendingImports.storedAt, new Date(now.getTime() - PENDING_IMPORT_TTL_MS))))
    .returning();
  if (!row) return null;
  return { staffId: row.staffId, sha256: row.sha256, kind: row.kind as ImportKind, encoding: row.encoding as EncodingChoice, fileName: row.fileName, bytes: new Uint8Array(row.content) };
}
