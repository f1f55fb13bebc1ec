/**
 * Raising overdue cases: an open case past its answer
 * deadline is raised once to every supervisor (区政府教育督导室) and to the managers of the
 * department that should act on it. Run it daily (or more often): it is idempotent, because a
 * case is raised only while escalated_at is null and the update that sets it is the claim.
 *
 * Each person raised to gets an e-mail (template overdue_escalation), written in the claim's
 * transaction and handed to the delivery queue after commit. A person whose account has no e-mail
 * address yet still gets a message row, recorded dead with the reason "no address", so
 * /staff/messages shows who was not reached (an administrator can retry it once the person has
 * set an address at /staff/email). It runs as the scheduled job "escalation-sweep" every ten
 * minutes (src/server/messages/schedules.ts) and from `npm run escalate`.
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
import { insertStaffEmails } from '../../../db/queries/messages/messages';
import { NO_ADDRESS } from '../../domain/messages/message-states';

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
  /** The e-mails written (committed) that the delivery queue should send. */
  messageIds: number[];
}

/** Where links in staff e-mails point: the public address when configured. */
export interface EscalationOptions {
  siteUrl: string;
}

/** Raises every open case past its deadline on `today` that was not raised before. */
export async function escalateOverdue(db: Db, today: IsoDate, options: EscalationOptions = { siteUrl: 'http://localhost:4321' }): Promise<EscalationResult> {
  const escalated: string[] = [];
  const messageIds: number[] = [];
  for (const candidate of await overdueUnescalated(db, today, ESCALATED_STATUSES)) {
    const raised = await db.transaction(async (txRaw) => {
      const tx = txRaw as unknown as Db;
      // The claim: only one run (or process) sets escalated_at; the others update nothing.
      const [c] = await tx
        .update(complaints)
        .set({ escalatedAt: new Date() })
        .where(and(eq(complaints.id, candidate.id), isNull(complaints.escalatedAt)))
        .returning();
      if (!c) return null;
      const departments = responsible(c.status, c.lead);
      const recipients = await escalationRecipients(tx, departments);
      const who = departments.map((d) => DEPARTMENTS[d as DepartmentCode]?.name ?? d).join('、');
      const params = { number: c.trackingNumber, department: who, dueOn: c.dueOn, link: new URL(`/staff/cases/${c.trackingNumber}`, options.siteUrl).href };
      const ids = await insertStaffEmails(
        tx,
        recipients.map((r) => ({ complaintId: c.id, staffId: r.id, email: r.email, template: 'overdue_escalation', params })),
        NO_ADDRESS,
      );
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
      return ids;
    });
    if (raised) {
      escalated.push(candidate.trackingNumber);
      messageIds.push(...raised);
    }
  }
  return { escalated, messageIds };
}
