/**
 * The daily digest: per department, its open cases and how many are past their answer day, and
 * the people of that department who chose the digest and have an address (/staff/email).
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../client';
import { rows } from '../shared/rows';

export interface DigestRecipient {
  staffId: number;
  email: string;
  department: string;
  waiting: number;
  overdue: number;
}

export async function digestRecipients(db: Db, today: string, openStatuses: readonly string[]): Promise<DigestRecipient[]> {
  const found = await rows<{ staff_id: number; email: string; department: string; waiting: number; overdue: number }>(
    db,
    sql`with counts as (
          select coalesce(c.lead, c.route_lead) as department, count(*)::int as waiting,
                 count(*) filter (where c.due_on < ${today}::date)::int as overdue
          from complaints c
          where c.status in (${sql.join(openStatuses.map((s) => sql`${s}`), sql`, `)})
          group by 1)
        select s.id as staff_id, s.email, s.department, coalesce(k.waiting, 0) as waiting, coalesce(k.overdue, 0) as overdue
        from staff_users s left join counts k on k.department = s.department
        where s.email_digest and s.email is not null and s.email <> '' and not s.disabled and s.department is not null
        order by s.id`,
  );
  return found.map((r) => ({ staffId: Number(r.staff_id), email: r.email, department: r.department, waiting: Number(r.waiting), overdue: Number(r.overdue) }));
}
