/**
 * The case workflow's server layer (issue 4): staff queues, the staff view of one case, and the
 * actions that move a case (case-machine.ts decides, db/queries/cases/cases.ts writes). Every entry point
 * checks visibility per object first: a case the actor may not see is "not found".
 */
import type { Db } from '../../../db/client';
import { queuePage, queueWhere, type QueueView } from '../../../db/queries/cases/cases';
import { deadlineFlag, type DeadlineFlag } from '../../domain/cases/case-deadlines';
import type { CaseActionType, CaseStatus } from '../../domain/cases/case-machine';
import { CATEGORIES, type ComplaintCategory } from '../../domain/complaints/complaint-categories';
import { STATUS_NAMES, type ComplaintResult } from '../../domain/complaints/complaint-timeline';
import type { IsoDate } from '../../domain/shared/dates';
import type { FieldError } from '../../domain/shared/form-fields';
import type { DepartmentCode } from '../../domain/shared/reference';
import type { StaffActor } from '../../domain/staff/staff-roles';

export type { QueueView };

export interface QueueRow {
  trackingNumber: string;
  category: ComplaintCategory;
  categoryName: string;
  status: CaseStatus;
  statusName: string;
  receivedOn: IsoDate;
  dueOn: IsoDate;
  flag: DeadlineFlag;
  institutionName: string | null;
  street: string | null;
  lead: DepartmentCode | null;
  suggestedLead: DepartmentCode;
  returns: number;
  coordination: boolean;
  myPart?: 'lead' | 'assisting' | 'whistle';
}

export interface StaffCaseView {
  trackingNumber: string;
  status: CaseStatus;
  statusName: string;
  category: ComplaintCategory;
  categoryName: string;
  description: string;
  occurredOn: IsoDate | null;
  moneyYuan: number | null;
  /** Own count plus the merged duplicates' counts. */
  peopleAffected: number | null;
  filerRole: string;
  channel: string;
  receivedAt: Date;
  receivedOn: IsoDate;
  dueOn: IsoDate;
  flag: DeadlineFlag;
  pausedOn: IsoDate | null;
  institution: { name: string; creditCode: string; street: string | null; fields: string[]; legalForm: string } | null;
  notListed: { name: string | null; address: string | null; street: string | null } | null;
  suggested: { lead: DepartmentCode; assisting: DepartmentCode[]; inform: DepartmentCode[]; reasons: string[]; routingVersion: string; coordinatedBy: string | null };
  lead: DepartmentCode | null;
  assisting: DepartmentCode[];
  returns: number;
  coordination: boolean;
  /** Tracking number of the case this one was merged into. */
  duplicateOf: string | null;
  /** Tracking numbers of the cases merged into this one. */
  duplicates: string[];
  result: ComplaintResult | null;
  closedAt: Date | null;
  contributions: { department: DepartmentCode; dueOn: IsoDate; text: string | null; contributedAt: Date | null; flag: DeadlineFlag }[];
  whistles: {
    id: number;
    street: string;
    calledAt: Date;
    reportBy: IsoDate;
    note: string;
    reports: { department: DepartmentCode; finding: string | null; reportedAt: Date | null }[];
  }[];
  events: {
    at: Date;
    kind: string;
    /** Display name of the staff member, or '系统' / '投诉人'. */
    actor: string;
    note: string | null;
    data: Record<string, unknown>;
    before: Record<string, unknown> | null;
    after: Record<string, unknown> | null;
    isPublic: boolean;
  }[];
  can: { contact: boolean; actions: CaseActionType[] };
  linkedInspectionId: number | null;
  linkedListDecisionId: number | null;
}

export type ActOutcome =
  | { kind: 'done'; status: CaseStatus; message: string }
  | { kind: 'not_found' }
  | { kind: 'refused'; message: string }
  | { kind: 'invalid'; errors: FieldError[] };

export interface ContactView {
  phone: string;
  name: string | null;
  consentToContact: boolean;
}

/** Cases on one page of a queue. */
export const QUEUE_PAGE_SIZE = 50;

/**
 * A staff queue, oldest first. 'todo' is what waits for this actor (dispatcher: new cases;
 * coordinator: cases in coordination; handler: cases its department leads and has not closed,
 * parts it still owes, whistles it must report in to; grid staff: open cases of the street;
 * supervisor: every open case; administrator: none); 'all' every case the actor may see;
 * 'closed' the closed and merged ones. Filtered in SQL (db/queries/cases/cases.ts visibleTo).
 */
export async function listQueue(
  db: Db,
  actor: StaffActor,
  today: IsoDate,
  opts: { view?: QueueView; page?: number } = {},
): Promise<{ rows: QueueRow[]; total: number }> {
  const page = Math.max(1, Math.floor(opts.page ?? 1) || 1);
  const { rows, total } = await queuePage(db, queueWhere(actor, opts.view ?? 'todo'), page, QUEUE_PAGE_SIZE);
  const dept = actor.role === 'handler' || actor.role === 'coordinator' ? actor.department : null;
  return {
    total,
    rows: rows.map((r) => {
      const status = r.status as CaseStatus;
      const category = r.category as ComplaintCategory;
      const row: QueueRow = {
        trackingNumber: r.trackingNumber,
        category,
        categoryName: CATEGORIES[category]?.name ?? r.category,
        status,
        statusName: STATUS_NAMES[status] ?? r.status,
        receivedOn: r.receivedOn,
        dueOn: r.dueOn,
        flag: deadlineFlag(status, r.dueOn, today),
        institutionName: r.institutionName,
        street: r.street,
        lead: r.lead as DepartmentCode | null,
        suggestedLead: r.routeLead as DepartmentCode,
        returns: r.returns,
        coordination: r.coordination,
      };
      if (dept && r.lead === dept) row.myPart = 'lead';
      else if (dept && r.assisting.includes(dept)) row.myPart = 'assisting';
      else if (actor.role === 'handler') row.myPart = 'whistle';
      return row;
    }),
  };
}

export { loadCaseForStaff, viewContact } from './case-view';
export { actOnCase, addInfoFromComplainant } from './case-actions';
export { escalateOverdue } from './case-escalation';
