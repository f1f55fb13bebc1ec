/**
 * The complaint aggregate: intake (exactly once), public tracking, public statistics.
 *
 * Exactly once: the form's idempotency key is unique in the table. Intake is one call of the
 * database function ptp_file_complaint (db/migrations/0007, numbering as of 0009): it inserts the
 * complaint, its contact, its first timeline event, takes the next tracking number from the year's
 * sequence and writes the receipt SMS message (queued), all in one statement and so in one transaction. If the key
 * is already taken (a replay, or a concurrent post with the same key that committed first) it
 * writes nothing and answers with the existing complaint. The receipt is shown only after commit.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../client';
import { complaints, complaintEvents, institutions } from '../../schema';
import { formatTrackingNumber, parseTrackingNumber } from '../../../src/domain/complaints/tracking';
import { rows } from '../shared/rows';
import { todayInShanghai } from '../../../src/domain/shared/dates';

export interface NewComplaint {
  idempotencyKey: string;
  payloadHash: string;
  accessCodeHash: string;
  channel: 'web' | 'open311' | 'patrol';
  institutionId: number | null;
  notListedName: string | null;
  notListedAddress: string | null;
  street: string | null;
  category: string;
  suggestedCategory: string | null;
  description: string;
  occurredOn: string | null;
  moneyYuan: number | null;
  peopleAffected: number | null;
  filerRole: string;
  receivedOn: string;
  dueOn: string;
  route: { version: string; lead: string; assisting: string[]; inform: string[]; reasons: string[]; coordinatedBy: string | null };
  /** The filer's contact, which the receipt SMS goes to; null for a patrol report (no member of the public). */
  contact: { phone: string; name: string | null; consentToContact: boolean } | null;
  /** Patrol reports: the grid staff account that filed it. */
  filedBy?: number | null;
  /**
   * The access-code hint of the receipt SMS (template 'receipt', whose other parameter is the
   * tracking number, known only inside the statement).
   */
  receiptHint: string;
}

/** A filed complaint with its lead department (the dispatcher's choice, else the route's) and due day. */
export type IntakeResult =
  | { kind: 'created' | 'replayed'; id: number; trackingNumber: string; lead: string; dueOn: string; messageId: number | null }
  | { kind: 'conflict' };

/** The complaint a given idempotency key already made, if any, with its current lead and due day. */
export async function findComplaintByKey(db: Db, key: string) {
  const [found] = await db
    .select({
      id: complaints.id,
      trackingNumber: complaints.trackingNumber,
      payloadHash: complaints.payloadHash,
      lead: sql<string>`coalesce(${complaints.lead}, ${complaints.routeLead})`,
      dueOn: complaints.dueOn,
    })
    .from(complaints)
    .where(eq(complaints.idempotencyKey, key))
    .limit(1);
  return found ?? null;
}

export interface EarlierComplaint {
  id: number;
  trackingNumber: string;
  payloadHash: string;
  lead: string;
  dueOn: string;
}

export interface InstitutionToRoute {
  id: number;
  fields: string[];
  legalForm: string;
  street: string;
}

export interface IntakeReads {
  earlier: EarlierComplaint | null;
  institution: InstitutionToRoute | null;
  /** Whether an active registered channel has the given API key hash; null when none was given. */
  channelActive: boolean | null;
}

/**
 * What intake reads before filing, in one round trip (the database function ptp_intake_lookup,
 * db/migrations/0010): the complaint this idempotency key already made, if any; what routing needs
 * of the named institution (null when none is named or the code is unknown); and, for a
 * registered channel (Open311), whether its API key is active.
 */
export async function intakeLookup(db: Db, key: string, creditCode: string | null, apiKeyHash: string | null = null): Promise<IntakeReads> {
  const [r] = await rows<{ earlier: EarlierComplaint | string | null; institution: InstitutionToRoute | string | null; channel_active: boolean | null }>(
    db,
    sql`select earlier, institution, channel_active from ptp_intake_lookup(${key}, ${creditCode}, ${apiKeyHash})`,
  );
  const parse = <T>(v: T | string | null | undefined): T | null => (typeof v === 'string' ? (JSON.parse(v) as T) : (v ?? null));
  return { earlier: parse(r?.earlier), institution: parse(r?.institution), channelActive: r?.channel_active ?? null };
}

/**
 * How the receipt SMS is queued: by the intake statement itself into notification_outbox (the
 * default notifier), or by a function the caller gives, inside the complaint's transaction.
 */
export type ReceiptQueue =
  | 'outbox'
  | ((tx: Db, sms: { complaintId: number; phone: string; params: { number: string; hint: string } }) => Promise<number | null | void>);

/**
 * Files a complaint exactly once. `onCommitted` is not offered: the caller acts on the returned
 * result, which exists only after the transaction committed.
 */
export async function fileComplaint(db: Db, c: NewComplaint, receipt: ReceiptQueue): Promise<IntakeResult> {
  const complaint = {
    idempotency_key: c.idempotencyKey,
    payload_hash: c.payloadHash,
    access_code_hash: c.accessCodeHash,
    channel: c.channel,
    institution_id: c.institutionId,
    not_listed_name: c.notListedName,
    not_listed_address: c.notListedAddress,
    street: c.street,
    category: c.category,
    suggested_category: c.suggestedCategory,
    description: c.description,
    occurred_on: c.occurredOn,
    money_yuan: c.moneyYuan,
    people_affected: c.peopleAffected,
    filer_role: c.filerRole,
    received_on: c.receivedOn,
    due_on: c.dueOn,
    routing_version: c.route.version,
    route_lead: c.route.lead,
    route_assisting: c.route.assisting,
    route_inform: c.route.inform,
    route_reasons: c.route.reasons,
    coordinated_by: c.route.coordinatedBy,
    filed_by: c.filedBy ?? null,
  };
  const contact = c.contact ? { phone: c.contact.phone, name: c.contact.name, consent_to_contact: c.contact.consentToContact } : null;
  const event = { channel: c.channel, routingVersion: c.route.version, lead: c.route.lead, assisting: c.route.assisting, dueOn: c.dueOn };
  const file = async (d: Db, hint: string | null): Promise<IntakeResult> => {
    const [r] = await rows<{ outcome: string; complaint_id: number; tracking_number: string; lead: string; due_on: string; message_id: number | null }>(
      d,
      sql`select outcome, complaint_id, tracking_number, lead, due_on::text, message_id
          from ptp_file_complaint(${JSON.stringify(complaint)}::jsonb, ${contact && JSON.stringify(contact)}::jsonb, ${JSON.stringify(event)}::jsonb, ${hint})`,
    );
    if (!r) throw new Error('ptp_file_complaint answered nothing');
    if (r.outcome === 'conflict') return { kind: 'conflict' };
    // The SQL spells the number so it is set in the same statement; formatTrackingNumber is the
    // rule (the database refuses a sequence past 999,999 itself, rolling the filing back).
    const parsed = parseTrackingNumber(r.tracking_number);
    if (!parsed || formatTrackingNumber(parsed.year, parsed.sequence) !== r.tracking_number) throw new Error('tracking number spelt differently in SQL');
    return { kind: r.outcome === 'created' ? 'created' : 'replayed', id: Number(r.complaint_id), trackingNumber: r.tracking_number, lead: r.lead, dueOn: r.due_on, messageId: r.message_id === null ? null : Number(r.message_id) };
  };
  if (receipt === 'outbox' || !c.contact) return file(db, c.contact ? c.receiptHint : null);
  const contactOf = c.contact;
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const result = await file(tx, null);
    if (result.kind !== 'created') return result;
    const messageId = await receipt(tx, { complaintId: result.id, phone: contactOf.phone, params: { number: result.trackingNumber, hint: c.receiptHint } });
    return { ...result, messageId: messageId ?? null };
  });
}

/** For the tracking page: the complaint by number with its stored access-code hash. */
export async function complaintForTracking(db: Db, trackingNumber: string) {
  const [c] = await db
    .select({
      id: complaints.id,
      trackingNumber: complaints.trackingNumber,
      accessCodeHash: complaints.accessCodeHash,
      category: complaints.category,
      status: complaints.status,
      receivedAt: complaints.receivedAt,
      receivedOn: complaints.receivedOn,
      dueOn: complaints.dueOn,
      result: complaints.result,
      closedAt: complaints.closedAt,
      routeLead: complaints.routeLead,
      routeAssisting: complaints.routeAssisting,
      institutionName: institutions.name,
      institutionCode: institutions.creditCode,
      notListedName: complaints.notListedName,
    })
    .from(complaints)
    .leftJoin(institutions, eq(institutions.id, complaints.institutionId))
    .where(eq(complaints.trackingNumber, trackingNumber))
    .limit(1);
  return c ?? null;
}

/**
 * The public timeline: only public events, with their kind, time and public note. Of an event's
 * data only the keys the tracking page names are read (departments and the result): internal
 * detail such as a return's reason never leaves the database on this path.
 */
export async function publicTimeline(db: Db, complaintId: number) {
  return db
    .select({
      kind: complaintEvents.kind,
      at: complaintEvents.at,
      note: complaintEvents.publicNote,
      data: sql<Record<string, unknown>>`jsonb_strip_nulls(jsonb_build_object('lead', ${complaintEvents.data}->'lead', 'assisting', ${complaintEvents.data}->'assisting', 'department', ${complaintEvents.data}->'department', 'result', ${complaintEvents.data}->'result'))`,
    })
    .from(complaintEvents)
    .where(and(eq(complaintEvents.complaintId, complaintId), eq(complaintEvents.isPublic, true)))
    .orderBy(asc(complaintEvents.at), asc(complaintEvents.id));
}

/**
 * The suggested route of each named complaint (assisting departments and the routing reasons),
 * for the dispatcher's queue, which shows why each route was suggested. The caller passes only
 * numbers its reader may already see.
 */
export async function suggestedRoutes(db: Db, trackingNumbers: readonly string[]) {
  if (trackingNumbers.length === 0) return new Map<string, { assisting: string[]; reasons: string[] }>();
  const found = await db
    .select({ trackingNumber: complaints.trackingNumber, assisting: complaints.routeAssisting, reasons: complaints.routeReasons })
    .from(complaints)
    .where(inArray(complaints.trackingNumber, [...trackingNumbers]));
  return new Map(found.map((r) => [r.trackingNumber, { assisting: r.assisting, reasons: r.reasons }]));
}

/**
 * A patrol report by its number, only if `staffId` filed it: the confirmation after the redirect
 * shows it to its filer and to nobody else who guesses a number.
 */
export async function patrolReportFiledBy(db: Db, trackingNumber: string, staffId: number) {
  const [found] = await db
    .select({ trackingNumber: complaints.trackingNumber, category: complaints.category, street: complaints.street, receivedOn: complaints.receivedOn, dueOn: complaints.dueOn })
    .from(complaints)
    .where(and(eq(complaints.trackingNumber, trackingNumber), eq(complaints.filedBy, staffId), eq(complaints.channel, 'patrol')))
    .limit(1);
  return found ?? null;
}

/**
 * The closed complaints about one institution, with their result and the day (Shanghai) they were
 * closed: src/domain/registry/verdict.ts counts the substantiated ones of the last year.
 */
export async function institutionClosedComplaints(db: Db, institutionId: number): Promise<{ result: string | null; closedOn: string | null }[]> {
  const found = await db
    .select({ result: complaints.result, closedAt: complaints.closedAt })
    .from(complaints)
    .where(and(eq(complaints.institutionId, institutionId), eq(complaints.status, 'closed')));
  return found.map((c) => ({ result: c.result, closedOn: c.closedAt ? todayInShanghai(c.closedAt) : null }));
}
