/**
 * One case as staff see it: the case with its parts, whistles and full timeline, the
 * actions the reader could take now, and the complainant's contact for those allowed to see it.
 * Visibility is decided per object by canSeeCase (staff-roles.ts); a case the reader may not see
 * is answered exactly like one that does not exist.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { caseByNumber, contributionsOf, duplicatesOf, eventsOf, institutionOf, trackingNumberOf, whistlesOf } from '../../../db/queries/cases/cases';
import { complaintContacts } from '../../../db/schema';
import { deadlineFlag, type DeadlineFlag } from '../../domain/cases/case-deadlines';
import { accessFacts, allowedActions, caseFacts } from '../../domain/cases/case-facts';
import type { CaseActionType, CaseStatus } from '../../domain/cases/case-machine';
import { CATEGORIES, type ComplaintCategory } from '../../domain/complaints/complaint-categories';
import { STATUS_NAMES, type ComplaintResult } from '../../domain/complaints/complaint-timeline';
import type { IsoDate } from '../../domain/shared/dates';
import type { DepartmentCode } from '../../domain/shared/reference';
import { canSeeCase, canSeeContact } from '../../domain/cases/case-access';
import type { StaffActor } from '../../domain/staff/staff-roles';
import { writeAudit } from '../staff/audit';

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

export interface ContactView {
  phone: string;
  name: string | null;
  consentToContact: boolean;
}

/** Events store the staff member's display name, or '投诉人'; nobody named means the system. */
const SYSTEM = '系统';

/** The case and what decides access to it, or null when it does not exist or the actor may not see it. */
async function visibleCase(db: Db, actor: StaffActor, trackingNumber: string) {
  const row = await caseByNumber(db, trackingNumber);
  if (!row) return null;
  const whistles = await whistlesOf(db, row.id);
  const access = accessFacts(row, [...new Set(whistles.flatMap((w) => w.reports.map((r) => r.department)))]);
  return canSeeCase(actor, access) ? { row, whistles, access } : null;
}

/**
 * One case as staff see it, with its parts, whistles, full timeline and the actions this actor
 * could take now. Null when the case does not exist or the actor may not see it (both are a 404).
 */
export async function loadCaseForStaff(db: Db, actor: StaffActor, trackingNumber: string, today: IsoDate): Promise<StaffCaseView | null> {
  const found = await visibleCase(db, actor, trackingNumber);
  if (!found) return null;
  const { row: c, whistles, access } = found;
  const [contributions, events, duplicates, institution, duplicateOf] = await Promise.all([
    contributionsOf(db, c.id),
    eventsOf(db, c.id),
    duplicatesOf(db, c.id),
    institutionOf(db, c.institutionId),
    trackingNumberOf(db, c.duplicateOf),
  ]);
  const status = c.status as CaseStatus;
  const category = c.category as ComplaintCategory;
  const facts = caseFacts(c, contributions, whistles, today);
  const people = [c.peopleAffected, ...duplicates.map((d) => d.peopleAffected)].filter((n): n is number => n !== null);
  return {
    trackingNumber: c.trackingNumber,
    status,
    statusName: STATUS_NAMES[status] ?? c.status,
    category,
    categoryName: CATEGORIES[category]?.name ?? c.category,
    description: c.description,
    occurredOn: c.occurredOn,
    moneyYuan: c.moneyYuan,
    peopleAffected: people.length > 0 ? people.reduce((a, b) => a + b, 0) : null,
    filerRole: c.filerRole,
    channel: c.channel,
    receivedAt: c.receivedAt,
    receivedOn: c.receivedOn,
    dueOn: c.dueOn,
    flag: deadlineFlag(status, c.dueOn, today),
    pausedOn: c.pausedOn,
    institution,
    notListed: c.institutionId === null ? { name: c.notListedName, address: c.notListedAddress, street: c.street } : null,
    suggested: {
      lead: c.routeLead as DepartmentCode,
      assisting: c.routeAssisting as DepartmentCode[],
      inform: c.routeInform as DepartmentCode[],
      reasons: c.routeReasons,
      routingVersion: c.routingVersion,
      coordinatedBy: c.coordinatedBy,
    },
    lead: c.lead as DepartmentCode | null,
    assisting: c.assisting as DepartmentCode[],
    returns: c.returns,
    coordination: c.coordination,
    duplicateOf,
    duplicates: duplicates.map((d) => d.trackingNumber),
    result: c.result as ComplaintResult | null,
    closedAt: c.closedAt,
    contributions: contributions.map((p) => ({
      department: p.department as DepartmentCode,
      dueOn: p.dueOn,
      text: p.text,
      contributedAt: p.contributedAt,
      flag: p.text !== null ? 'done' : deadlineFlag(status, p.dueOn, today),
    })),
    whistles: whistles.map((w) => ({
      id: w.id,
      street: w.street,
      calledAt: w.calledAt,
      reportBy: w.reportBy,
      note: w.note,
      reports: w.reports.map((r) => ({ department: r.department as DepartmentCode, finding: r.finding, reportedAt: r.reportedAt })),
    })),
    events: events.map((e) => {
      const data = (e.data ?? {}) as Record<string, unknown>;
      return {
        at: e.at,
        kind: e.kind,
        actor: e.actor ?? SYSTEM,
        note: e.publicNote ?? (typeof data.note === 'string' ? data.note : null),
        data,
        before: e.before as Record<string, unknown> | null,
        after: e.after as Record<string, unknown> | null,
        isPublic: e.isPublic,
      };
    }),
    // A patrol report is filed by a street, not a member of the public: there is no contact to show.
    can: { contact: c.channel !== 'patrol' && canSeeContact(actor, access), actions: allowedActions(facts, { kind: 'staff', staff: actor }, today) },
    linkedInspectionId: c.linkedInspectionId,
    linkedListDecisionId: c.linkedListDecisionId,
  };
}

/**
 * The complainant's contact details, for the dispatcher and the departments on the case only
 * (staff-roles.ts canSeeContact). Each successful view is written to the audit log; null when the
 * case is not visible or the actor may not see the contact.
 */
export async function viewContact(db: Db, actor: StaffActor, trackingNumber: string): Promise<ContactView | null> {
  const found = await visibleCase(db, actor, trackingNumber);
  if (!found || !canSeeContact(actor, found.access)) return null;
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const [contact] = await tx
      .select({ phone: complaintContacts.phone, name: complaintContacts.name, consentToContact: complaintContacts.consentToContact })
      .from(complaintContacts)
      .where(eq(complaintContacts.complaintId, found.row.id));
    if (!contact) return null;
    await writeAudit(tx, { actor, action: 'case.contact_view', objectType: 'case', objectId: trackingNumber });
    return contact;
  });
}
