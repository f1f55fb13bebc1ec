/**
 * submitComplaint against a real database (src/server/complaints/complaint-intake.ts): a complaint is filed
 * exactly once, with its contact, first event and receipt SMS in one transaction; replays,
 * conflicts, unknown institutions and rate limits write nothing; and concurrent posts of one form
 * make one complaint. The web form and Open311 both go through this path.
 */
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { fileComplaint } from '../../../db/queries/complaints/complaints';
import { complaintContacts, complaintEvents, complaints, notificationOutbox } from '../../../db/schema';
import { seedReference } from '../../../db/seed/reference';
import { parseComplaintForm, type ComplaintForm } from '../../../src/domain/complaints/complaint-form';
import { formatAccessCode, parseTrackingNumber } from '../../../src/domain/complaints/tracking';
import { accessCodeFor, LIMITS, submitComplaint, type IntakeOptions } from '../../../src/server/complaints/complaint-intake';
import type { Notifier } from '../../../src/server/shared/notifier';
import { TODAY, VALID_LISTED, VALID_NOT_LISTED } from '../../fixtures/complaint-form-errors';
import type { InstitutionFixture } from '../../fixtures/institutions';
import { forEachDriver, rows, type DriverContext } from '../../support/db-harness';
import { insertInstitutions } from '../../support/insert-fixtures';

const SECRET = 'complaint-intake-test-secret-0123456789abcdef';

const INSTITUTIONS: InstitutionFixture[] = [
  { key: 'english', name: '普陀测试英语培训学校', fields: ['culture_edu'] },
  { key: 'swimming', name: '普陀测试游泳俱乐部', fields: ['sports'], street: 'zhenru' },
];

/** Phone numbers per test, so the per-phone limit of one test never counts another's posts. */
let nextPhone = 13900000000;
const freshPhone = () => String(++nextPhone);

/** A parsed form: VALID_LISTED about `creditCode` with a new key, changed by `over`. */
function form(creditCode: string, over: Record<string, string> = {}, base = VALID_LISTED): ComplaintForm {
  const parsed = parseComplaintForm({ ...base, creditCode: base === VALID_LISTED ? creditCode : '', idempotencyKey: randomUUID(), ...over }, TODAY);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.value;
}

interface Counts {
  complaints: number;
  contacts: number;
  events: number;
  outbox: number;
  /** Hits counted by the rate limits, summed over all keys and windows. */
  rateHits: number;
  /** The sequence part of the highest tracking number stored (PT-2026-000123 -> 123). */
  highest: number;
  [column: string]: unknown;
}

/** Rows in every table intake writes to. */
async function counts(t: DriverContext): Promise<Counts> {
  const [c] = await rows<Counts>(
    t,
    sql`select (select count(*)::int from complaints) as complaints,
               (select count(*)::int from complaint_contacts) as contacts,
               (select count(*)::int from complaint_events) as events,
               (select count(*)::int from notification_outbox) as outbox,
               (select coalesce(sum(cardinality(hits)), 0)::int from rate_limits) as "rateHits",
               (select coalesce(max(substr(tracking_number, 9)::int), 0)::int from complaints) as highest`,
  );
  return c!;
}

forEachDriver('complaint intake', (t) => {
  let codes: { english: string; swimming: string };
  const options = (over: Partial<IntakeOptions> = {}): IntakeOptions => ({
    db: t.db,
    secret: SECRET,
    today: TODAY,
    channel: 'web',
    ip: null,
    limitPhone: true,
    ...over,
  });

  beforeAll(async () => {
    await seedReference(t.db);
    const inserted = await insertInstitutions(t.db, INSTITUTIONS);
    codes = { english: inserted.get('english')!.creditCode, swimming: inserted.get('swimming')!.creditCode };
  });

  it('files a complaint with its contact, first public event and receipt SMS', async () => {
    const f = form(codes.english, { phone: freshPhone(), name: '王女士', moneyYuan: '12000' });
    const outcome = await submitComplaint(f, options({ ip: '198.51.100.1' }));
    expect(outcome).toEqual({
      kind: 'accepted',
      replay: false,
      trackingNumber: 'PT-2026-000001',
      accessCode: formatAccessCode(accessCodeFor(SECRET, f.idempotencyKey)),
      lead: 'market',
      dueOn: expect.stringMatching(/^2026-\d\d-\d\d$/),
    });

    const [row] = await t.db.select().from(complaints).where(eq(complaints.idempotencyKey, f.idempotencyKey));
    expect(row).toMatchObject({ trackingNumber: 'PT-2026-000001', channel: 'web', category: 'fees_refund', status: 'received', receivedOn: TODAY, moneyYuan: 12000 });
    expect(row!.institutionId).not.toBeNull();
    // Fees and refunds go to market supervision, with the field's lead (education) assisting.
    expect(row!.routeLead).toBe('market');
    expect(row!.dueOn > TODAY).toBe(true);
    expect(outcome.kind === 'accepted' && outcome.dueOn).toBe(row!.dueOn);

    const contacts = await t.db.select().from(complaintContacts).where(eq(complaintContacts.complaintId, row!.id));
    expect(contacts).toEqual([{ complaintId: row!.id, phone: f.phone, name: '王女士', consentToContact: true }]);
    const events = await t.db.select().from(complaintEvents).where(eq(complaintEvents.complaintId, row!.id));
    expect(events.map((e) => [e.kind, e.isPublic])).toEqual([['received', true]]);
    const sms = await t.db.select().from(notificationOutbox).where(eq(notificationOutbox.complaintId, row!.id));
    expect(sms).toHaveLength(1);
    expect(sms[0]!.recipient).toBe(f.phone);
    // A registered template with parameters, queued: the number and the code's last four characters.
    expect(sms[0]).toMatchObject({ channel: 'sms', template: 'receipt', state: 'queued', attempts: 0 });
    expect(sms[0]!.params).toEqual({ number: 'PT-2026-000001', hint: (outcome.kind === 'accepted' ? outcome.accessCode : '?').replace(/[^0-9A-Za-z]/g, '').slice(-4) });
  });

  it('files a complaint about an institution that is not in the registry', async () => {
    const f = form('', { phone: freshPhone() }, VALID_NOT_LISTED);
    const outcome = await submitComplaint(f, options());
    expect(outcome.kind).toBe('accepted');
    const [row] = await t.db.select().from(complaints).where(eq(complaints.idempotencyKey, f.idempotencyKey));
    expect(row).toMatchObject({ institutionId: null, notListedName: '小太阳艺术工作室', notListedAddress: '武宁路100号3楼', street: 'changfeng' });
  });

  it('answers a replay with the same number and code, and writes nothing more', async () => {
    const f = form(codes.english, { phone: freshPhone() });
    const first = await submitComplaint(f, options({ ip: '198.51.100.2' }));
    const before = await counts(t);
    const again = await submitComplaint(f, options({ ip: '198.51.100.2' }));
    expect(again).toEqual({ ...first, replay: true });
    // Not even a rate-limit hit: a retry must never be refused as "too many".
    expect(await counts(t)).toEqual(before);
  });

  it('refuses the same key with different content as a conflict, writing nothing', async () => {
    const f = form(codes.english, { phone: freshPhone() });
    await submitComplaint(f, options());
    const before = await counts(t);
    const changed = { ...f, description: `${f.description}（补充：还有一位家长也遇到了。）` };
    expect(await submitComplaint(changed, options())).toEqual({ kind: 'conflict' });
    expect(await submitComplaint({ ...f, category: 'advertising' }, options())).toEqual({ kind: 'conflict' });
    expect(await counts(t)).toEqual(before);
  });

  it('reports an unknown credit code at the field and writes nothing', async () => {
    const before = await counts(t);
    const f = form('91310107MA1G0ABC1Y', { phone: freshPhone() });
    const outcome = await submitComplaint(f, options({ ip: '198.51.100.3' }));
    expect(outcome.kind).toBe('invalid');
    if (outcome.kind !== 'invalid') return;
    expect(outcome.errors).toHaveLength(1);
    expect(outcome.errors[0]!.field).toBe('creditCode');
    expect(outcome.errors[0]!.message).toContain('91310107MA1G0ABC1Y');
    expect(await counts(t)).toEqual(before);
  });

  it(`refuses the ${LIMITS.perPhoneDay + 1}th complaint from one phone in a day, but still answers replays`, async () => {
    const phone = freshPhone();
    const filed: ComplaintForm[] = [];
    for (let i = 0; i < LIMITS.perPhoneDay; i++) {
      const f = form(codes.swimming, { phone, description: `第${i + 1}次：游泳班停课一个月，不给补课也不退费。` });
      expect((await submitComplaint(f, options())).kind).toBe('accepted');
      filed.push(f);
    }
    const before = await counts(t);
    const refused = await submitComplaint(form(codes.swimming, { phone }), options());
    expect(refused.kind).toBe('rate_limited');
    if (refused.kind === 'rate_limited') expect(refused.retryAfter).toBeGreaterThan(0);
    if (refused.kind === 'rate_limited') expect(refused.retryAfter).toBeLessThanOrEqual(86_400);
    const after = await counts(t);
    expect({ ...after, rateHits: 0 }).toEqual({ ...before, rateHits: 0 });

    // A retry of a post that was accepted is answered, limit or not.
    expect(await submitComplaint(filed[0]!, options())).toMatchObject({ kind: 'accepted', replay: true });
    // The same number in another format counts as the same phone.
    const spaced = `+86 ${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`;
    expect((await submitComplaint(form(codes.swimming, { phone: spaced }), options())).kind).toBe('rate_limited');
  });

  it(`refuses the ${LIMITS.perIpHour + 1}th complaint from one address in an hour; other addresses are not affected`, async () => {
    const ip = '203.0.113.7';
    for (let i = 0; i < LIMITS.perIpHour; i++) {
      const outcome = await submitComplaint(form(codes.english, { phone: freshPhone() }), options({ ip, limitPhone: false }));
      expect(outcome.kind).toBe('accepted');
    }
    const before = await counts(t);
    expect((await submitComplaint(form(codes.english, { phone: freshPhone() }), options({ ip, limitPhone: false }))).kind).toBe('rate_limited');
    const after = await counts(t);
    expect(after.complaints).toBe(before.complaints);
    expect((await submitComplaint(form(codes.english, { phone: freshPhone() }), options({ ip: '203.0.113.8', limitPhone: false }))).kind).toBe('accepted');
  });

  it('makes exactly one complaint from five concurrent posts of one form', async () => {
    const f = form(codes.english, { phone: freshPhone() });
    const before = await counts(t);
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => submitComplaint(f, options())));
    const numbers = new Set(outcomes.map((o) => (o.kind === 'accepted' ? o.trackingNumber : o.kind)));
    expect([...numbers]).toHaveLength(1);
    expect(outcomes.every((o) => o.kind === 'accepted')).toBe(true);
    expect(outcomes.filter((o) => o.kind === 'accepted' && !o.replay)).toHaveLength(1);

    const after = await counts(t);
    expect(after.complaints - before.complaints).toBe(1);
    expect(after.contacts - before.contacts).toBe(1);
    expect(after.events - before.events).toBe(1);
    expect(after.outbox - before.outbox).toBe(1);
    // The one number all five answers carry is the newest; numbers losers took are skipped, never reused.
    expect(parseTrackingNumber([...numbers][0] as string)?.sequence).toBe(after.highest);
    expect(after.highest).toBeGreaterThan(before.highest);
  });

  it('rolls the whole complaint back when the receipt SMS cannot be queued', async () => {
    const failing: Notifier = {
      async queueSms() {
        throw new Error('outbox unavailable');
      },
    };
    const before = await counts(t);
    const f = form(codes.english, { phone: freshPhone() });
    await expect(submitComplaint(f, options({ notifier: failing }))).rejects.toThrow();
    const after = await counts(t);
    expect({ ...after, rateHits: 0 }).toEqual({ ...before, rateHits: 0 });
    // Filed again once the outbox works, it is numbered after every stored complaint.
    const outcome = await submitComplaint(f, options());
    expect(outcome).toMatchObject({ kind: 'accepted', replay: false });
    expect(parseTrackingNumber(outcome.kind === 'accepted' ? outcome.trackingNumber : '')?.sequence).toBeGreaterThan(before.highest);
  });
});

forEachDriver('complaint intake statement (ptp_file_complaint)', (t) => {
  let code: string;
  const options = (over: Partial<IntakeOptions> = {}): IntakeOptions => ({ db: t.db, secret: SECRET, today: TODAY, channel: 'open311', ip: null, limitPhone: false, ...over });

  beforeAll(async () => {
    await seedReference(t.db);
    code = (await insertInstitutions(t.db, INSTITUTIONS)).get('english')!.creditCode;
  });

  /** What fileComplaint is given for form `f` (a complaint about an institution not listed). */
  const statementInput = (f: ComplaintForm) => ({
    idempotencyKey: f.idempotencyKey, payloadHash: 'h', accessCodeHash: 'a', channel: 'open311' as const, institutionId: null,
    notListedName: '测试', notListedAddress: '测试路1号', street: 'zhenru', category: f.category, suggestedCategory: null,
    description: f.description, occurredOn: null, moneyYuan: null, peopleAffected: null, filerRole: 'resident', receivedOn: TODAY, dueOn: TODAY,
    route: { version: 'test', lead: 'edu', assisting: [], inform: [], reasons: [], coordinatedBy: null },
    contact: { phone: f.phone, name: null, consentToContact: true }, receiptHint: 'AB12',
  });

  it('rolls the whole complaint back, number included, when the outbox row cannot be written', async () => {
    // The default notifier's row is written by the intake statement itself: break that table.
    await t.db.execute(sql`create function test_refuse_outbox() returns trigger language plpgsql as $$ begin raise exception 'outbox unavailable'; end $$`);
    await t.db.execute(sql`create trigger test_refuse_outbox before insert on notification_outbox for each row execute function test_refuse_outbox()`);
    const before = await counts(t);
    const f = form(code, { phone: freshPhone() });
    try {
      await expect(submitComplaint(f, options())).rejects.toThrow(/nothing was committed/);
    } finally {
      await t.db.execute(sql`drop trigger test_refuse_outbox on notification_outbox`);
      await t.db.execute(sql`drop function test_refuse_outbox()`);
    }
    expect(await counts(t)).toEqual(before);
    const outcome = await submitComplaint(f, options());
    expect(outcome.kind === 'accepted' && parseTrackingNumber(outcome.trackingNumber)!.sequence).toBeGreaterThan(before.highest);
  });

  it('makes one complaint when concurrent posts of one form all pass the lookup before any is written', async () => {
    const f = form(code, { phone: freshPhone() });
    const before = await counts(t);
    // The same key filed by five statements at once (no earlier complaint to find first).
    const c = statementInput(f);
    const results = await Promise.all(Array.from({ length: 5 }, () => fileComplaint(t.db, c, 'outbox')));
    expect(results.filter((r) => r.kind === 'created')).toHaveLength(1);
    expect(results.filter((r) => r.kind === 'replayed')).toHaveLength(4);
    expect(new Set(results.map((r) => (r.kind === 'conflict' ? null : r.trackingNumber))).size).toBe(1);
    const after = await counts(t);
    expect({ complaints: after.complaints - before.complaints, contacts: after.contacts - before.contacts, events: after.events - before.events, outbox: after.outbox - before.outbox })
      .toEqual({ complaints: 1, contacts: 1, events: 1, outbox: 1 });
    const created = results.find((r) => r.kind === 'created');
    const [sms] = await t.db.select().from(notificationOutbox).orderBy(sql`id desc`).limit(1);
    expect(sms!.params).toEqual({ number: created?.kind === 'created' ? created.trackingNumber : '?', hint: 'AB12' });
    expect(created?.kind === 'created' && created.messageId).toBe(sms!.id);
    // Another payload under the same key is a conflict, and still writes nothing.
    expect(await fileComplaint(t.db, { ...c, payloadHash: 'other' }, 'outbox')).toEqual({ kind: 'conflict' });
    expect(await counts(t)).toEqual(after);
  });

  it('answers a replay with the lead and due day the case has now', async () => {
    const f = form(code, { phone: freshPhone() });
    const first = await submitComplaint(f, options());
    if (first.kind !== 'accepted') throw new Error(first.kind);
    await t.db.update(complaints).set({ lead: 'culture', dueOn: '2026-12-31' }).where(eq(complaints.trackingNumber, first.trackingNumber));
    expect(await submitComplaint(f, options())).toEqual({ ...first, replay: true, lead: 'culture', dueOn: '2026-12-31' });
  });

  it('gives a replay no number; the year sequence, when missing, is created once by concurrent filings and continues after the year highest number', async () => {
    const sequence = (r: { kind: string; trackingNumber?: string }) => parseTrackingNumber(r.trackingNumber ?? '')!.sequence;
    const c = statementInput(form(code, { phone: freshPhone() }));
    const first = await fileComplaint(t.db, c, 'outbox');
    // The statement's own check (intake's lookup would have answered this replay before it).
    const again = await fileComplaint(t.db, c, 'outbox');
    expect(again).toMatchObject({ kind: 'replayed', trackingNumber: first.kind === 'created' ? first.trackingNumber : '?' });
    const second = await submitComplaint(form(code, { phone: freshPhone() }), options());
    expect(sequence(second as { kind: string; trackingNumber?: string })).toBe(sequence(first as { kind: string; trackingNumber?: string }) + 1);

    // Without the year's sequence (dropped here by hand) the next filing creates it again,
    // numbered after the highest number the year has: no number is ever given twice.
    await t.db.execute(sql.raw(`drop sequence tracking_numbers_${TODAY.slice(0, 4)}`));
    // Several first filings at once: one creates the sequence, all are numbered from it.
    const next = await Promise.all(Array.from({ length: 5 }, () => submitComplaint(form(code, { phone: freshPhone() }), options())));
    const after = sequence(second as { kind: string; trackingNumber?: string });
    expect(next.map((n) => sequence(n as { kind: string; trackingNumber?: string })).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5].map((i) => after + i));
  });
});
