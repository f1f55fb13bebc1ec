/**
 * Raising overdue cases: an open case past its answer
 * deadline is raised once to every supervisor (区政府教育督导室) and to the managers of the
 * department that should act on it. Run it daily (or more often): it is idempotent, because a
 * case is raised only while escalated_at is null and the update that sets it is the claim.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { appendEvents, escalationRecipients, overdueUnescalated } from '../../../db/queries/cases/cases';
import { complaints } from '../../../db/schema';
import type { CaseStatus } from '../../domain/cases/case-machine';
import type { IsoDate } from '../../domain/shared/dates';
import { DEPARTMENTS, type DepartmentCode } from '../../domain/shared/reference';
import { DISPATCHING_DEPARTMENTS } from '../../domain/staff/staff-roles';
import { writeAudit } from '../staff/audit';
import { outboxStaffNotifier, type StaffNotifier } from '../shared/notifier';

/** Cases whose clock runs: waiting for the complainant (paused) and answered cases are not raised. */
export const ESCALATED_STATUSES: readonly CaseStatus[] = ['received', 'dispatched', 'coordinating', 'accepted'];

/**
 * Whose managers hear of it: the lead department; before anyone leads, the dispatching bodies
 * (a case still waiting for dispatch) or 区教育局 (a case waiting for coordination).
 */
function responsible(status: string, lead: string | null): string[] {
  if (lead) return [lead];
  if (status === 'coordinating') return ['edu'];
  return [...DISPATCHING_DEPARTMENTS];
}

export interface EscalationResult {
  /** Tracking numbers raised by this run. */
  escalated: string[];
}

/** Raises every open case past its deadline on `today` that was not raised before. */
export async function escalateOverdue(db: Db, today: IsoDate, notifier: StaffNotifier = outboxStaffNotifier): Promise<EscalationResult> {
  const escalated: string[] = [];
  for (const candidate of await overdueUnescalated(db, today, ESCALATED_STATUSES)) {
    const raised = await db.transaction(async (txRaw) => {
      const tx = txRaw as unknown as Db;
      // The claim: only one run (or process) sets escalated_at; the others update nothing.
      const [c] = await tx
        .update(complaints)
        .set({ escalatedAt: new Date() })
        .where(and(eq(complaints.id, candidate.id), isNull(complaints.escalatedAt)))
        .returning();
      if (!c) return false;
      const departments = responsible(c.status, c.lead);
      const recipients = await escalationRecipients(tx, departments);
      const who = departments.map((d) => DEPARTMENTS[d as DepartmentCode]?.name ?? d).join('、');
      const body = `【普陀区培训机构投诉】案件 ${c.trackingNumber} 已超过答复期限（${c.dueOn}），责任部门：${who}。请尽快督办。`;
      for (const r of recipients) await notifier.queueStaff(tx, { complaintId: c.id, recipient: r.username, body });
      await appendEvents(tx, [
        {
          complaintId: c.id,
          kind: 'escalated',
          isPublic: false,
          actor: null,
          actorId: null,
          data: { dueOn: c.dueOn, on: today, departments, notified: recipients.map((r) => r.username) },
          before: { escalatedAt: null },
          after: { escalatedAt: c.escalatedAt },
        },
      ]);
      await writeAudit(tx, {
        actor: null,
        action: 'case.escalate',
        objectType: 'case',
        objectId: c.trackingNumber,
        detail: { dueOn: c.dueOn, departments, notified: recipients.length },
      });
      return true;
    });
    if (raised) escalated.push(candidate.trackingNumber);
  }
  return { escalated };
}
