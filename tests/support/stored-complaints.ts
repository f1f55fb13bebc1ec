/**
 * Every stored complaint as the load tests check it (tests/integration/complaints/durability.db.test.ts and
 * the `complaints` part of `npm run bench`): its idempotency key and tracking number, and how many
 * contact rows, 'received' events and outbox SMS it has (each should be exactly one).
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { rows } from '../../db/queries/shared/rows';

export interface StoredComplaint {
  idempotency_key: string;
  tracking_number: string;
  contacts: number;
  received: number;
  outbox: number;
}

export async function storedComplaints(db: Db): Promise<StoredComplaint[]> {
  const found = await rows<{ idempotency_key: string; tracking_number: string; contacts: string; received: string; outbox: string }>(
    db,
    // Counted per table and joined: the outbox has no index by complaint, and a count per
    // complaint read the whole outbox once for each of tens of thousands of complaints.
    sql`select c.idempotency_key, c.tracking_number,
               coalesce(x.n, 0) as contacts, coalesce(e.n, 0) as received, coalesce(o.n, 0) as outbox
        from complaints c
        left join (select complaint_id, count(*) as n from complaint_contacts group by complaint_id) x on x.complaint_id = c.id
        left join (select complaint_id, count(*) as n from complaint_events where kind = 'received' group by complaint_id) e on e.complaint_id = c.id
        left join (select complaint_id, count(*) as n from notification_outbox group by complaint_id) o on o.complaint_id = c.id
        order by c.id`,
  );
  return found.map((r) => ({ ...r, contacts: Number(r.contacts), received: Number(r.received), outbox: Number(r.outbox) }));
}
