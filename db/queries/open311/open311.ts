/**
 * The Open311 channel: the registered clients that may post (api_clients, keys stored as SHA-256
 * hex), and the public view of complaints that GET requests.json serves.
 *
 * The public view selects, by name, only what may be published (section 五(七) of the plan: the
 * portal must never leak a complainant's data): no description text, no contact, no not-listed
 * institution name or address typed by the complainant. src/server/open311/open311-shapes.ts turns a row
 * into Open311 JSON.
 */
import { and, asc, count, desc, eq, gte, inArray, lt, ne, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../client';
import { apiClients, complaints, institutions } from '../../schema';
import type { Open311Query } from '../../../src/domain/open311/open311-query';

export interface ApiClient {
  id: number;
  name: string;
  channel: string;
  active: boolean;
  createdAt: Date;
}

const clientColumns = { id: apiClients.id, name: apiClients.name, channel: apiClients.channel, active: apiClients.active, createdAt: apiClients.createdAt };

/** Registers a client; the caller made the key and keeps only its hash here. */
export async function addApiClient(db: Db, c: { name: string; channel: string; keyHash: string }): Promise<ApiClient> {
  const [row] = await db.insert(apiClients).values(c).returning(clientColumns);
  return row!;
}

/** Registers the key unless it is registered already (then the row is left as it is). */
export async function ensureApiClient(db: Db, c: { name: string; channel: string; keyHash: string }): Promise<void> {
  await db.insert(apiClients).values(c).onConflictDoNothing({ target: apiClients.keyHash });
}

export function listApiClients(db: Db): Promise<ApiClient[]> {
  return db.select(clientColumns).from(apiClients).orderBy(asc(apiClients.id));
}

/** Disables a client; false when there is no client with that id. */
export async function disableApiClient(db: Db, id: number): Promise<boolean> {
  const updated = await db.update(apiClients).set({ active: false }).where(eq(apiClients.id, id)).returning({ id: apiClients.id });
  return updated.length > 0;
}

/** The client with this key hash, active or not (the caller decides what an inactive one means). */
export async function apiClientByKeyHash(db: Db, keyHash: string): Promise<ApiClient | null> {
  const [row] = await db.select(clientColumns).from(apiClients).where(eq(apiClients.keyHash, keyHash)).limit(1);
  return row ?? null;
}

/** What the public may know of a complaint. */
export interface PublicRequestRow {
  trackingNumber: string;
  category: string;
  status: string;
  result: string | null;
  receivedAt: Date;
  dueOn: string;
  /** The later of receipt, closing and the last public timeline event. */
  updatedAt: Date;
  routeLead: string;
  /** The registry's name and address of a listed institution; null when not listed. */
  institutionName: string | null;
  institutionAddress: string | null;
  /** Street code given for a not-listed institution (its only published location). */
  street: string | null;
}

const publicColumns = {
  trackingNumber: complaints.trackingNumber,
  category: complaints.category,
  status: complaints.status,
  result: complaints.result,
  receivedAt: complaints.receivedAt,
  dueOn: complaints.dueOn,
  updatedAt: sql`greatest(${complaints.receivedAt}, ${complaints.closedAt},
    (select max(e.at) from complaint_events e where e.complaint_id = ${complaints.id} and e.is_public))`.mapWith(complaints.receivedAt),
  routeLead: complaints.routeLead,
  institutionName: institutions.name,
  institutionAddress: institutions.address,
  street: complaints.street,
};

function conditions(q: Open311Query): SQL | undefined {
  const where: SQL[] = [];
  if (q.ids) where.push(q.ids.length > 0 ? inArray(complaints.trackingNumber, q.ids) : sql`false`);
  if (q.category) where.push(eq(complaints.category, q.category));
  if (q.receivedFrom) where.push(gte(complaints.receivedAt, q.receivedFrom));
  if (q.receivedBefore) where.push(lt(complaints.receivedAt, q.receivedBefore));
  if (q.status === 'closed') where.push(eq(complaints.status, 'closed'));
  if (q.status === 'open') where.push(ne(complaints.status, 'closed'));
  return and(...where);
}

/** One page of public requests matching the filters, newest first, and how many match in all. */
export async function publicRequests(db: Db, q: Open311Query): Promise<{ total: number; items: PublicRequestRow[] }> {
  const where = conditions(q);
  const [items, [totalRow]] = await Promise.all([
    db
      .select(publicColumns)
      .from(complaints)
      .leftJoin(institutions, eq(institutions.id, complaints.institutionId))
      .where(where)
      .orderBy(desc(complaints.receivedAt), desc(complaints.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(complaints).where(where),
  ]);
  return { total: Number(totalRow?.n ?? 0), items };
}

/** One public request by its tracking number (canonical form), or null. */
export async function publicRequest(db: Db, trackingNumber: string): Promise<PublicRequestRow | null> {
  const [row] = await db
    .select(publicColumns)
    .from(complaints)
    .leftJoin(institutions, eq(institutions.id, complaints.institutionId))
    .where(eq(complaints.trackingNumber, trackingNumber))
    .limit(1);
  return row ?? null;
}
