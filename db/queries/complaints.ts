/**
 * The complaint aggregate: intake (exactly once), public tracking, public statistics.
 *
 * Exactly once: the form's idempotency key is unique in the table. Intake first looks the key up;
 * otherwise one transaction takes the next tracking number, inserts the complaint, its contact,
 * its first timeline event, the receipt SMS, and commits. If a concurrent post with the same key
 * wins the race, the insert finds the conflict, the transaction rolls back (the number is not
 * used), and the caller gets the winner's complaint. The receipt is shown only after commit.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { complaintContacts, complaintEvents, complaints, institutions } from '../schema';
import { formatTrackingNumber, TRACKING_PREFIX } from '../../src/domain/tracking';
import { rows } from './rows';

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
  /** Text of the receipt SMS; {number} is replaced by the tracking number once it is known. */
  smsTemplate: string;
}

export type IntakeResult =
  | { kind: 'created'; id: number; trackingNumber: string }
  | { kind: 'replayed'; id: number; trackingNumber: string }
  | { kind: 'conflict' };


/** The complaint a given idempotency key already made, if any. */
export async function findComplaintByKey(db: Db, key: string) {
  const [found] = await db
    .select({ id: complaints.id, trackingNumber: complaints.trackingNumber, payloadHash: complaints.payloadHash })
    .from(complaints)
    .where(eq(complaints.idempotencyKey, key))
    .limit(1);
  return found ?? null;
}

function replayOf(found: { id: number; trackingNumber: string; payloadHash: string }, payloadHash: string): IntakeResult {
  // The same key with other content is not a retry: refuse rather than silently drop the new text.
  return found.payloadHash === payloadHash ? { kind: 'replayed', id: found.id, trackingNumber: found.trackingNumber } : { kind: 'conflict' };
}

class DuplicateKey extends Error {}

/**
 * Files a complaint exactly once. `onCommitted` is not offered: the caller acts on the returned
 * result, which exists only after the transaction committed.
 */
export async function fileComplaint(
  db: Db,
  c: NewComplaint,
  queueSms: (tx: Db, sms: { complaintId: number; phone: string; body: string }) => Promise<void>,
  /** The caller has just looked the key up itself (submitComplaint does, before rate limits). */
  keyChecked = false,
): Promise<IntakeResult> {
  if (!keyChecked) {
    const existing = await findComplaintByKey(db, c.idempotencyKey);
    if (existing) return replayOf(existing, c.payloadHash);
  }
  const year = Number(c.receivedOn.slice(0, 4));
  try {
    return await db.transaction(async (txRaw) => {
      const tx = txRaw as unknown as Db;
      // The per-year counter row is locked from its update until commit, so every other filing
      // waits on it: take the number last, after everything else is written. Until then the row
      // carries a placeholder that is unique because the key is.
      const inserted = await tx
        .insert(complaints)
        .values({
          trackingNumber: `pending:${c.idempotencyKey}`,
          idempotencyKey: c.idempotencyKey,
          payloadHash: c.payloadHash,
          accessCodeHash: c.accessCodeHash,
          channel: c.channel,
          institutionId: c.institutionId,
          notListedName: c.notListedName,
          notListedAddress: c.notListedAddress,
          street: c.street,
          category: c.category,
          suggestedCategory: c.suggestedCategory,
          description: c.description,
          occurredOn: c.occurredOn,
          moneyYuan: c.moneyYuan,
          peopleAffected: c.peopleAffected,
          filerRole: c.filerRole,
          status: 'received',
          receivedOn: c.receivedOn,
          dueOn: c.dueOn,
          routingVersion: c.route.version,
          routeLead: c.route.lead,
          routeAssisting: c.route.assisting,
          routeInform: c.route.inform,
          routeReasons: c.route.reasons,
          coordinatedBy: c.route.coordinatedBy,
          filedBy: c.filedBy ?? null,
        })
        .onConflictDoNothing({ target: complaints.idempotencyKey })
        .returning({ id: complaints.id });
      if (inserted.length === 0) throw new DuplicateKey();
      const id = inserted[0]!.id;
      if (c.contact) await tx.insert(complaintContacts).values({ complaintId: id, ...c.contact });
      await tx.insert(complaintEvents).values({
        complaintId: id,
        kind: 'received',
        isPublic: true,
        data: { channel: c.channel, routingVersion: c.route.version, lead: c.route.lead, assisting: c.route.assisting, dueOn: c.dueOn },
      });
      const [numbered] = await rows<{ tracking_number: string; seq: number }>(
        tx,
        sql`with n as (
              insert into tracking_counters (year, last) values (${year}, 1)
              on conflict (year) do update set last = tracking_counters.last + 1 returning last)
            update complaints set tracking_number = ${TRACKING_PREFIX} || '-' || ${String(year)} || '-' || lpad(n.last::text, 6, '0')
            from n where complaints.id = ${id} returning complaints.tracking_number, n.last as seq`,
      );
      // The SQL above spells the number so it is set in the same statement; formatTrackingNumber
      // is the rule, and it also refuses a sequence past 999,999 (rolling the filing back).
      const trackingNumber = formatTrackingNumber(year, Number(numbered!.seq));
      if (trackingNumber !== numbered!.tracking_number) throw new Error('tracking number spelt differently in SQL');
      if (c.contact) await queueSms(tx, { complaintId: id, phone: c.contact.phone, body: c.smsTemplate.replace('{number}', trackingNumber) });
      return { kind: 'created' as const, id, trackingNumber };
    });
  } catch (e) {
    if (!(e instanceof DuplicateKey)) throw e;
    const winner = await findComplaintByKey(db, c.idempotencyKey);
    return winner ? replayOf(winner, c.payloadHash) : { kind: 'conflict' };
  }
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
