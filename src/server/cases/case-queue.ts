/**
 * Staff queues: the cases waiting for an actor, all the cases it may see, and the closed ones.
 * Beside it: case-view.ts (one case as staff see it), case-actions.ts (an action in one locked
 * transaction: check, decide, apply, audit), case-effects.ts (what each action writes),
 * case-actions-http.ts (reading an action from a form or JSON post), case-escalation.ts (overdue
 * cases raised). Every entry point checks visibility per object first: a case the actor may not
 * see is "not found".
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
