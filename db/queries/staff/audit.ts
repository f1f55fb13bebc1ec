/**
 * The audit log: inserted, read, never changed (a trigger of migration 0005 refuses UPDATE and
 * DELETE, so not even this module could). Written through src/server/staff/audit.ts.
 */
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../client';
import { auditLog } from '../../schema';

export type AuditRow = typeof auditLog.$inferSelect;
export type NewAuditRow = typeof auditLog.$inferInsert;

export async function insertAuditRow(db: Db, row: NewAuditRow): Promise<void> {
  await db.insert(auditLog).values(row);
}

/** The latest entries about one object (an account, a case), newest first. */
export function auditForObject(db: Db, objectType: string, objectId: string, limit = 50): Promise<AuditRow[]> {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.objectType, objectType), eq(auditLog.objectId, objectId)))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit);
}
