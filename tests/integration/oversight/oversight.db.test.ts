/**
 * The oversight dashboard against a real database (db/queries/oversight/oversight.ts, src/server/oversight/oversight.ts):
 * complaints are filed through the public intake and moved through their states by the case
 * service, on the days the scenario names; then every figure of the dashboard is compared with a
 * count made independently, in SQL, from the complaints rows and their events, and the groups must
 * add up to the district. The CSV export is audited.
 */
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { districtComplaintCounts } from '../../../db/queries/complaints/complaint-stats';
import { auditLog, complaints } from '../../../db/schema';
import { seedReference } from '../../../db/seed/reference';
import { ADDITIVE, NO_LEAD_NAME, type GroupStats, type Oversight, type OversightRow } from '../../../src/domain/oversight/oversight';
import type { DepartmentCode, StreetCode } from '../../../src/domain/shared/reference';
import type { StaffActor, StaffRole } from '../../../src/domain/staff/staff-roles';
import { actOnCase } from '../../../src/server/cases/case-actions';
import { loadOverdue, loadOversight, oversightCsvResponse } from '../../../src/server/oversight/oversight';
import type { InstitutionFixture } from '../../fixtures/institutions';
import { forEachDriver, rows, type DriverContext } from '../../support/db-harness';
import { fileWebComplaint } from '../../support/file-complaint';
import { insertInstitutions } from '../../support/insert-fixtures';
import { insertStaff } from '../../support/insert-staff';

const SECRET = 'oversight-test-secret-0123456789abcdef-0123456789';
/** A Monday; 端午 (19-21 June) is after it. */
const TODAY = '2026-06-15';
const PERIOD = { from: '2026-01-01', to: TODAY };

const INSTITUTIONS: InstitutionFixture[] = [
  { key: 'english', name: '普陀督导测试英语培训学校', fields: ['culture_edu'], street: 'changshou' },
  { key: 'swim', name: '普陀督导测试游泳俱乐部', fields: ['sports'], street: 'zhenru' },
];

type Who = 'dispatcher' | 'market' | 'edu' | 'fire' | 'supervisor';
const ACCOUNTS: Record<Who, { role: StaffRole; department: DepartmentCode | null; street?: StreetCode }> = {
  dispatcher: { role: 'dispatcher', department: 'grid' },
  market: { role: 'handler', department: 'market' },
  edu: { role: 'handler', department: 'edu' },
  fire: { role: 'handler', department: 'fire' },
  supervisor: { role: 'supervisor', department: 'inspectorate' },
};

/** The counts of one group, made in SQL straight from the rows, as a second opinion. */
async function independent(t: DriverContext, where: ReturnType<typeof sql>, period = PERIOD): Promise<Omit<GroupStats, 'onTimeShare' | 'medianWorkingDays' | 'returned'>> {
  const [r] = await rows<Record<string, number>>(
    t,
    sql`select count(*)::int as received,
          count(*) filter (where answered_at is not null)::int as answered,
          count(*) filter (where answered_at is not null and answered_on_time)::int as "answeredOnTime",
          count(*) filter (where status in ('received', 'dispatched', 'coordinating', 'accepted') and due_on < ${TODAY})::int as overdue,
          count(*) filter (where status not in ('closed', 'merged'))::int as open
        from complaints c where received_on between ${period.from} and ${period.to} and ${where}`,
  );
  return { received: r!.received!, answered: r!.answered!, answeredOnTime: r!.answeredOnTime!, due: r!.answered! + r!.overdue!, overdue: r!.overdue!, open: r!.open! };
}

const additive = (s: GroupStats) => Object.fromEntries(ADDITIVE.map((k) => [k, s[k]]));

forEachDriver('the oversight dashboard', (t) => {
  const staff = {} as Record<Who, StaffActor>;
  let codes: Record<'english' | 'swim', string>;
  let phone = 13600000000;
  let figures: Oversight;
  const n: Record<string, string> = {};

  function file(on: string, over: Record<string, string> = {}): Promise<string> {
    return fileWebComplaint(t.db, SECRET, on, {
      creditCode: codes.english,
      category: 'fees_refund',
      description: '报名时说随时可以退，现在要退费却说只能退一半。',
      occurredOn: '2025-12-01',
      filerRole: 'parent',
      phone: String(++phone),
      consentToContact: 'on',
      idempotencyKey: randomUUID(),
      ...over,
    });
  }

  async function act(who: Who, tn: string, on: string, input: Record<string, unknown>) {
    const outcome = await actOnCase(t.db, staff[who], tn, input, on);
    if (outcome.kind !== 'done') throw new Error(`${who} ${String(input.type)} on ${tn}: ${JSON.stringify(outcome)}`);
    // The service stamps the reply with the clock; the scenario's day is what the figures must see.
    if (input.type === 'reply') await t.db.update(complaints).set({ answeredAt: new Date(`${on}T10:00:00+08:00`) }).where(eq(complaints.trackingNumber, tn));
  }

  const dispatch = (tn: string, on: string, lead: DepartmentCode) => act('dispatcher', tn, on, { type: 'dispatch', lead, assisting: [], reason: '按测试场景派单' });

  beforeAll(async () => {
    await seedReference(t.db);
    const inserted = await insertInstitutions(t.db, INSTITUTIONS);
    codes = { english: inserted.get('english')!.creditCode, swim: inserted.get('swim')!.creditCode };
    for (const [i, [who, a]] of (Object.entries(ACCOUNTS) as [Who, (typeof ACCOUNTS)[Who]][]).entries()) {
      staff[who] = await insertStaff(t.db, { ...a, username: `o${i}`, displayName: `督导测试${i}` });
    }

    // A: market answers on time in 2 working days and closes.
    n.a = await file('2026-06-01');
    await dispatch(n.a, '2026-06-01', 'market');
    await act('market', n.a, '2026-06-02', { type: 'accept' });
    await act('market', n.a, '2026-06-03', { type: 'reply', text: '已核实并督促机构按约定退费。' });
    await act('market', n.a, '2026-06-04', { type: 'close', result: 'substantiated' });
    // B: market accepted, never answered: overdue since 9 June.
    n.b = await file('2026-06-01', { creditCode: codes.swim });
    await dispatch(n.b, '2026-06-01', 'market');
    await act('market', n.b, '2026-06-02', { type: 'accept' });
    // C: fire safety (3 working days, due 5 June); 区消防救援支队 returns it, 区教育局 answers late on 12 June.
    n.c = await file('2026-06-02', { category: 'fire_safety', description: '教室的安全出口被杂物堵住，灭火器也过期了。' });
    await dispatch(n.c, '2026-06-02', 'fire');
    await act('fire', n.c, '2026-06-03', { type: 'return', reason: '不是消防问题，而是办学场所问题。', suggest: 'edu' });
    await dispatch(n.c, '2026-06-03', 'edu');
    await act('edu', n.c, '2026-06-04', { type: 'accept' });
    await act('edu', n.c, '2026-06-12', { type: 'reply', text: '已责令机构清理通道、更换灭火器。' });
    await act('edu', n.c, '2026-06-12', { type: 'close', result: 'substantiated' });
    // D: new, due 17 June: on track, no lead. E: new since 1 June: overdue, no lead.
    n.d = await file('2026-06-10');
    n.e = await file('2026-06-01', { creditCode: codes.swim });
    // F: received last year, still open and overdue: in the overdue list, not in this year's figures.
    n.f = await file('2025-12-22');
    await dispatch(n.f, '2025-12-22', 'market');
    await act('market', n.f, '2025-12-23', { type: 'accept' });
    // G: sent back to the complainant: paused, not overdue although past its first due day.
    n.g = await file('2026-06-05');
    await act('dispatcher', n.g, '2026-06-08', { type: 'request_info', question: '请说明报名的时间和所交的费用。' });
    // H: market answers the next working day; not closed yet.
    n.h = await file('2026-06-08');
    await dispatch(n.h, '2026-06-08', 'market');
    await act('market', n.h, '2026-06-09', { type: 'accept' });
    await act('market', n.h, '2026-06-09', { type: 'reply', text: '已联系机构，机构同意退费。' });
    // P: an institution not in the registry, in 桃浦镇.
    n.p = await file('2026-06-11', { creditCode: '', notListed: 'on', institutionName: '无名托管班', institutionAddress: '桃浦路1号', street: 'taopu', category: 'other' });

    figures = await loadOversight(t.db, PERIOD, TODAY);
  });

  const dept = (code: string | null) => figures.departments.find((r) => r.code === code)!;
  const street = (code: string | null) => figures.streets.find((r) => r.code === code)!;

  it('gives the figures the scenario makes', () => {
    expect(figures.departments.map((r) => r.name)).toEqual(['区市场监管局', '区教育局', '区消防救援支队', NO_LEAD_NAME]);
    expect(dept('market')).toMatchObject({ received: 3, answered: 2, answeredOnTime: 2, due: 3, overdue: 1, medianWorkingDays: 1.5, returned: 0, open: 2 });
    expect(dept('edu')).toMatchObject({ received: 1, answered: 1, answeredOnTime: 0, due: 1, onTimeShare: 0, overdue: 0, medianWorkingDays: 8, returned: 0, open: 0 });
    expect(dept('fire')).toMatchObject({ received: 0, returned: 1 });
    expect(dept(null)).toMatchObject({ received: 4, answered: 0, overdue: 1, open: 4 });
    expect(figures.total).toMatchObject({ received: 8, answered: 3, answeredOnTime: 2, overdue: 2, returned: 1, open: 6, medianWorkingDays: 2 });
    expect(street('taopu')).toMatchObject({ received: 1, open: 1 });
  });

  it('agrees with counts made from the rows, department by department (the lead) and for 待派单', async () => {
    for (const row of figures.departments) {
      const where = row.code === null ? sql`c.lead is null` : sql`c.lead = ${row.code}`;
      expect(additive(row), row.name).toEqual(await independent(t, where));
    }
    // No department with cases is missing from the dashboard.
    const leads = await rows<{ lead: string }>(t, sql`select distinct lead from complaints where lead is not null and received_on between ${PERIOD.from} and ${PERIOD.to}`);
    for (const { lead } of leads) expect(figures.departments.some((r) => r.code === lead), lead).toBe(true);
  });

  it('agrees with counts made from the rows, street by street', async () => {
    for (const row of figures.streets) {
      const where = row.code === null ? sql`c.street is null` : sql`c.street = ${row.code}`;
      expect(additive(row), row.name).toEqual(await independent(t, where));
      const [r] = await rows<{ n: number }>(t, sql`select count(*)::int as n from complaints c where received_on between ${PERIOD.from} and ${PERIOD.to} and returns > 0 and ${row.code === null ? sql`street is null` : sql`street = ${row.code}`}`);
      expect(row.returned, row.name).toBe(r!.n);
    }
  });

  it('counts returns for the department that returned, as the timeline records it', async () => {
    const returned = await rows<{ department: string; n: number }>(
      t,
      sql`select e.data->>'department' as department, count(distinct e.complaint_id)::int as n from complaint_events e join complaints c on c.id = e.complaint_id
          where e.kind = 'returned' and c.received_on between ${PERIOD.from} and ${PERIOD.to} group by 1`,
    );
    for (const { department, n: count } of returned) expect(dept(department).returned, department).toBe(count);
    expect(figures.departments.filter((r) => r.code !== null && r.returned > 0)).toHaveLength(returned.length);
  });

  it('the public statistics of the same period give the same on-time rate, and none over 100%', async () => {
    const published = await districtComplaintCounts(t.db, TODAY, PERIOD);
    expect(published.received).toBe(figures.total.received);
    expect(published.onTime).toEqual({ part: figures.total.answeredOnTime, whole: figures.total.due });
    expect(published.onTime.part).toBeLessThanOrEqual(published.onTime.whole);
    expect(published.substantiated.part).toBeLessThanOrEqual(published.closed);
  });

  it('adds up: departments with 待派单, and streets, each make the district', async () => {
    const sum = (rs: OversightRow[], k: keyof GroupStats) => rs.reduce((s, r) => s + (r[k] as number), 0);
    for (const k of ADDITIVE) {
      expect(sum(figures.departments, k), k).toBe(figures.total[k]);
      expect(sum(figures.streets, k), k).toBe(figures.total[k]);
    }
    expect(additive(figures.total)).toEqual(await independent(t, sql`true`));
  });

  it('lists every case overdue today, whenever received, and nothing paused or answered', async () => {
    const overdue = await loadOverdue(t.db, TODAY);
    expect(overdue.map((c) => c.trackingNumber).sort()).toEqual([n.b, n.e, n.f].sort());
    expect(overdue[0]!.trackingNumber).toBe(n.f);
    expect(overdue.find((c) => c.trackingNumber === n.b)).toMatchObject({ lead: 'market', dueOn: '2026-06-08', daysLate: 7, escalatedAt: null });
  });

  it('a shorter period counts only the cases received in it', async () => {
    const period = { from: '2026-06-08', to: '2026-06-12' };
    const week = await loadOversight(t.db, period, TODAY);
    expect(week.total.received).toBe(3); // D, H, P
    expect(additive(week.total)).toEqual(await independent(t, sql`true`, period));
  });

  describe('the CSV', () => {
    it('is UTF-8 with a BOM, a header, the same figures, a dated name, and is audited', async () => {
      const before = await t.db.select().from(auditLog).where(eq(auditLog.action, 'oversight.export'));
      const response = await oversightCsvResponse(t.db, staff.supervisor, PERIOD, TODAY);
      expect(response.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
      expect(response.headers.get('content-disposition')).toBe('attachment; filename="putuo-oversight-20260101-20260615.csv"');
      const bytes = new Uint8Array(await response.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = new TextDecoder().decode(bytes.slice(3)).trimEnd().split('\r\n');
      expect(lines[0]!.startsWith('分组,名称,受理,已答复,按期答复,应答复,按期答复率,目前超期,答复用时中位数（工作日）,退回,未办结')).toBe(true);
      expect(lines).toContain(`部门,区市场监管局,3,2,2,3,67%,1,1.5,0,2,${PERIOD.from},${PERIOD.to},${TODAY}`);
      expect(lines.at(-1)!.startsWith('全区,普陀区,8,')).toBe(true);
      const after = await t.db.select().from(auditLog).where(eq(auditLog.action, 'oversight.export'));
      expect(after.length).toBe(before.length + 1);
      expect(after.at(-1)).toMatchObject({ actorId: staff.supervisor.id, objectType: 'oversight', detail: { from: PERIOD.from, to: PERIOD.to, format: 'csv' } });
    });
  });
});
