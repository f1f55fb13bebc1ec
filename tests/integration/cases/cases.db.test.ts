/**
 * The case workflow against a real database (src/server/cases/): queues and object-level
 * access per role, the whole path of a case with its public timeline, returns and coordination,
 * duplicates, pauses, a race between two handlers, refusals that change nothing, the append-only
 * record, contact views in the audit log, and the overdue escalation.
 *
 * Complaints are filed through submitComplaint, as the public form files them; staff accounts are
 * written straight into staff_users (sign-in is not under test here).
 */
import { randomUUID } from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { publicTimeline as loadPublicEvents } from '../../../db/queries/complaints/complaints';
import {
  auditLog,
  caseContributions,
  caseWhistleReports,
  caseWhistles,
  complaintEvents,
  complaints,
  inspections,
  notificationOutbox,
  staffUsers,
} from '../../../db/schema';
import { seedReference } from '../../../db/seed/reference';
import { accessFacts } from '../../../src/domain/cases/case-facts';
import { publicTimeline } from '../../../src/domain/complaints/complaint-timeline';
import type { StreetCode, DepartmentCode } from '../../../src/domain/shared/reference';
import { canSeeCase } from '../../../src/domain/cases/case-access';
import type { StaffActor, StaffRole } from '../../../src/domain/staff/staff-roles';
import { actOnCase, addInfoFromComplainant } from '../../../src/server/cases/case-actions';
import { escalateOverdue } from '../../../src/server/cases/case-escalation';
import { listQueue, type QueueView } from '../../../src/server/cases/case-queue';
import { loadCaseForStaff, viewContact } from '../../../src/server/cases/case-view';
import type { InstitutionFixture } from '../../fixtures/institutions';
import { forEachDriver, rows } from '../../support/db-harness';
import { fileWebComplaint } from '../../support/file-complaint';
import { insertStaff } from '../../support/insert-staff';
import { insertInstitutions } from '../../support/insert-fixtures';

const SECRET = 'cases-test-secret-0123456789abcdef-0123456789';
/** A Monday. A fees complaint received today is due in 5 working days: 16, 17, 18, 22, 23 June (19-21 June: 端午). */
const TODAY = '2026-06-15';
const DUE = '2026-06-23';

const INSTITUTIONS: InstitutionFixture[] = [
  { key: 'english', name: '普陀案件测试英语培训学校', fields: ['culture_edu'], street: 'changshou' },
  { key: 'swim', name: '普陀案件测试游泳俱乐部', fields: ['sports'], street: 'zhenru' },
];

type Who =
  | 'dispatcher'
  | 'market lead'
  | 'market colleague'
  | 'edu handler'
  | 'commerce handler'
  | 'housing handler'
  | 'tax handler'
  | 'coordinator'
  | 'grid changshou'
  | 'grid zhenru'
  | 'supervisor'
  | 'admin';

const ACCOUNTS: Record<Who, { role: StaffRole; department: DepartmentCode | null; street?: StreetCode; isManager?: boolean }> = {
  dispatcher: { role: 'dispatcher', department: 'grid' },
  'market lead': { role: 'handler', department: 'market', isManager: true },
  'market colleague': { role: 'handler', department: 'market' },
  'edu handler': { role: 'handler', department: 'edu' },
  'commerce handler': { role: 'handler', department: 'commerce' },
  'housing handler': { role: 'handler', department: 'housing' },
  'tax handler': { role: 'handler', department: 'tax' },
  coordinator: { role: 'coordinator', department: 'edu' },
  'grid changshou': { role: 'grid', department: 'streets', street: 'changshou' },
  'grid zhenru': { role: 'grid', department: 'streets', street: 'zhenru' },
  supervisor: { role: 'supervisor', department: 'inspectorate' },
  admin: { role: 'admin', department: null },
};
const EVERYONE = Object.keys(ACCOUNTS) as Who[];

forEachDriver('the case workflow', (t) => {
  const staff = {} as Record<Who, StaffActor>;
  let codes: { english: string; swim: string };
  let institutionIds: { english: number; swim: number };
  let phone = 13700000000;

  beforeAll(async () => {
    await seedReference(t.db);
    const inserted = await insertInstitutions(t.db, INSTITUTIONS);
    codes = { english: inserted.get('english')!.creditCode, swim: inserted.get('swim')!.creditCode };
    institutionIds = { english: inserted.get('english')!.id, swim: inserted.get('swim')!.id };
    for (const [i, who] of EVERYONE.entries()) {
      staff[who] = await insertStaff(t.db, { ...ACCOUNTS[who], username: `staff${i}`, displayName: `测试员${'甲乙丙丁戊己庚辛壬癸子丑'[i]}` });
    }
    // A disabled supervisor is told nothing.
    await t.db.insert(staffUsers).values({ username: 'retired', displayName: '已停用督导', role: 'supervisor', department: 'inspectorate', passwordHash: 'x', disabled: true });
  });

  /** Files a complaint through the public intake; about the English school unless told otherwise. */
  function file(over: Record<string, string> = {}, today = TODAY): Promise<string> {
    return fileWebComplaint(t.db, SECRET, today, {
      creditCode: codes.english,
      category: 'fees_refund',
      description: '报名时说随时可以退，现在要退费却说只能退一半。',
      occurredOn: '2026-06-01',
      filerRole: 'parent',
      name: '王女士',
      phone: String(++phone),
      consentToContact: 'on',
      idempotencyKey: randomUUID(),
      ...over,
    });
  }

  const act = (who: Who, tn: string, input: Record<string, unknown>, today = TODAY) => actOnCase(t.db, staff[who], tn, input, today);

  /** Acts and insists it worked. */
  async function must(who: Who, tn: string, input: Record<string, unknown>, today = TODAY) {
    const outcome = await act(who, tn, input, today);
    if (outcome.kind !== 'done') throw new Error(`${who} ${String(input.type)} on ${tn}: ${JSON.stringify(outcome)}`);
    return outcome;
  }

  const row = async (tn: string) => (await t.db.select().from(complaints).where(eq(complaints.trackingNumber, tn)))[0]!;
  const events = async (tn: string) =>
    t.db.select().from(complaintEvents).where(eq(complaintEvents.complaintId, (await row(tn)).id)).orderBy(asc(complaintEvents.at), asc(complaintEvents.id));
  const kinds = async (tn: string) => (await events(tn)).map((e) => e.kind);

  /** Everything an action could write, for "nothing changed". */
  async function snapshot(tn: string) {
    const c = await row(tn);
    const [counts] = await rows<{ audit: number; outbox: number; whistles: number }>(
      t,
      sql`select (select count(*)::int from audit_log) as audit, (select count(*)::int from notification_outbox) as outbox, (select count(*)::int from case_whistles) as whistles`,
    );
    return {
      c,
      events: await events(tn),
      parts: await t.db.select().from(caseContributions).where(eq(caseContributions.complaintId, c.id)),
      counts,
    };
  }

  /** Every tracking number of a queue, all pages. */
  async function queue(who: Who, view: QueueView = 'todo'): Promise<string[]> {
    const out: string[] = [];
    for (let page = 1; ; page++) {
      const { rows: r, total } = await listQueue(t.db, staff[who], TODAY, { view, page });
      out.push(...r.map((x) => x.trackingNumber));
      if (out.length >= total || r.length === 0) return out;
    }
  }

  const dispatchAsSuggested = (tn: string, today = TODAY) => must('dispatcher', tn, { type: 'dispatch', lead: 'market', assisting: 'edu' }, today);

  describe('queues and access', () => {
    const s = {} as Record<'A' | 'B' | 'C' | 'D' | 'E' | 'F' | 'G', string>;

    beforeAll(async () => {
      // Fees complaints about the English school (长寿路街道) are suggested to 区市场监管局 with 区教育局 assisting.
      s.A = await file(); // received
      s.B = await file();
      await dispatchAsSuggested(s.B); // dispatched, 教育局's part missing
      s.C = await file();
      await dispatchAsSuggested(s.C);
      await must('market lead', s.C, { type: 'accept' });
      await must('edu handler', s.C, { type: 'contribute', text: '教育局：该校办学许可在有效期内。' });
      await must('grid changshou', s.C, { type: 'whistle', departments: ['housing'], reportBy: '2026-06-18', note: '楼上另有一处无证教学点。' });
      s.D = await file();
      await must('dispatcher', s.D, { type: 'dispatch', lead: 'commerce', assisting: '', reason: '涉及预付卡资金。' });
      s.E = await file();
      await dispatchAsSuggested(s.E);
      await must('market lead', s.E, { type: 'return', reason: '应由商务委处理。', suggest: 'commerce' });
      await must('dispatcher', s.E, { type: 'dispatch', lead: 'commerce', assisting: [], reason: '按退回意见改派。' });
      await must('commerce handler', s.E, { type: 'return', reason: '不涉及预付卡。' }); // second return: coordination
      s.F = await file();
      await dispatchAsSuggested(s.F);
      await must('market lead', s.F, { type: 'accept' });
      await must('edu handler', s.F, { type: 'contribute', text: '无补充。' });
      await must('market lead', s.F, { type: 'reply', text: '已责令机构退费。' });
      await must('market lead', s.F, { type: 'close', result: 'substantiated' });
      // A fire hazard at the swimming club (真如镇街道) goes to 区消防救援支队.
      s.G = await file({ creditCode: codes.swim, category: 'fire_safety', description: '游泳馆安全出口被杂物堵死了。' });
    });

    const TODO: Record<Who, string> = {
      dispatcher: 'AG',
      'market lead': 'BC',
      'market colleague': 'BC',
      'edu handler': 'B',
      'commerce handler': 'D',
      'housing handler': 'C',
      'tax handler': '',
      coordinator: 'E',
      'grid changshou': 'ABCDE',
      'grid zhenru': 'G',
      supervisor: 'ABCDEG',
      admin: '',
    };
    const ALL: Record<Who, string> = {
      dispatcher: 'ABCDEFG',
      'market lead': 'BCF',
      'market colleague': 'BCF',
      'edu handler': 'BCF',
      'commerce handler': 'D',
      'housing handler': 'C',
      'tax handler': '',
      // Sent for coordination, or 区教育局 assisting.
      coordinator: 'BCEF',
      'grid changshou': 'ABCDEF',
      'grid zhenru': 'G',
      supervisor: 'ABCDEFG',
      admin: '',
    };

    const mine = (numbers: string[]) =>
      (Object.keys(s) as (keyof typeof s)[])
        .filter((k) => numbers.includes(s[k]))
        .sort()
        .join('');

    it.each(EVERYONE)("puts exactly the right cases in the 'todo' and 'all' queues of the %s", async (who) => {
      expect(mine(await queue(who, 'todo'))).toBe(TODO[who]);
      expect(mine(await queue(who, 'all'))).toBe(ALL[who]);
    });

    it("lists closed cases under 'closed' for those who may see them", async () => {
      expect(mine(await queue('market lead', 'closed'))).toBe('F');
      expect(mine(await queue('grid zhenru', 'closed'))).toBe('');
      expect(mine(await queue('supervisor', 'closed'))).toBe('F');
    });

    it('orders every queue oldest first and fills the rows', async () => {
      const { rows: r } = await listQueue(t.db, staff['market lead'], TODAY, { view: 'all' });
      const mineRows = r.filter((x) => [s.B, s.C, s.F].includes(x.trackingNumber));
      expect(mineRows.map((x) => x.trackingNumber)).toEqual([s.B, s.C, s.F]);
      expect(mineRows[0]).toMatchObject({
        category: 'fees_refund',
        categoryName: '收费、退费纠纷',
        status: 'dispatched',
        receivedOn: TODAY,
        dueOn: DUE,
        flag: 'on_track',
        institutionName: '普陀案件测试英语培训学校',
        street: 'changshou',
        lead: 'market',
        suggestedLead: 'market',
        returns: 0,
        coordination: false,
        myPart: 'lead',
      });
      const edu = (await listQueue(t.db, staff['edu handler'], TODAY)).rows.find((x) => x.trackingNumber === s.B);
      expect(edu?.myPart).toBe('assisting');
      const housing = (await listQueue(t.db, staff['housing handler'], TODAY)).rows.find((x) => x.trackingNumber === s.C);
      expect(housing?.myPart).toBe('whistle');
      const e = (await listQueue(t.db, staff.coordinator, TODAY)).rows.find((x) => x.trackingNumber === s.E);
      expect(e).toMatchObject({ status: 'coordinating', returns: 2, coordination: true, lead: null });
    });

    it('filters in SQL exactly as canSeeCase decides, for every account and every case', async () => {
      const all = await t.db.select().from(complaints);
      const named = await rows<{ complaint_id: number; department: string }>(
        t,
        sql`select w.complaint_id, r.department from case_whistle_reports r join case_whistles w on w.id = r.whistle_id`,
      );
      for (const who of EVERYONE) {
        const expected = all
          .filter((c) => canSeeCase(staff[who], accessFacts(c, named.filter((n) => n.complaint_id === c.id).map((n) => n.department))))
          .map((c) => c.trackingNumber)
          .sort();
        expect((await queue(who, 'all')).sort(), who).toEqual(expected);
      }
    });

    // Case C: 区市场监管局 leads, 区教育局 assists, 区房管局 was whistled, 长寿路街道.
    const ACCESS: Record<Who, { see: boolean; contact: boolean }> = {
      dispatcher: { see: true, contact: true },
      'market lead': { see: true, contact: true },
      'market colleague': { see: true, contact: true },
      'edu handler': { see: true, contact: true },
      'commerce handler': { see: false, contact: false },
      'housing handler': { see: true, contact: false },
      'tax handler': { see: false, contact: false },
      coordinator: { see: true, contact: true },
      'grid changshou': { see: true, contact: false },
      'grid zhenru': { see: false, contact: false },
      supervisor: { see: true, contact: false },
      admin: { see: false, contact: false },
    };

    it.each(EVERYONE)('gives the %s the right access to a case, its contact and its actions', async (who) => {
      const { see, contact } = ACCESS[who];
      const before = await snapshot(s.C);
      const view = await loadCaseForStaff(t.db, staff[who], s.C, TODAY);
      expect(view !== null).toBe(see);
      expect(view?.can.contact ?? false).toBe(contact);

      const shown = await viewContact(t.db, staff[who], s.C);
      expect(shown !== null).toBe(contact);
      if (shown) expect(shown).toMatchObject({ name: '王女士', consentToContact: true });
      const audits = await t.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'case.contact_view'), eq(auditLog.objectId, s.C), eq(auditLog.actorId, staff[who].id)));
      expect(audits).toHaveLength(contact ? 1 : 0);

      if (!see) {
        // By form post or API, valid or not: the same answer as for a case that does not exist.
        expect(await act(who, s.C, { type: 'note', text: '试图写入。' })).toEqual({ kind: 'not_found' });
        expect(await act(who, s.C, { type: 'reply', text: '' })).toEqual({ kind: 'not_found' });
        expect(await act(who, s.C, { type: 'whistle', departments: 'fire', reportBy: '2026-06-30', note: '越权吹哨。' })).toEqual({ kind: 'not_found' });
        const after = await snapshot(s.C);
        expect(after).toEqual(before);
      }
    });

    it('answers a case that does not exist like one that may not be seen', async () => {
      expect(await loadCaseForStaff(t.db, staff.dispatcher, 'PT-2026-999999', TODAY)).toBeNull();
      expect(await act('dispatcher', 'PT-2026-999999', { type: 'accept' })).toEqual({ kind: 'not_found' });
      expect(await viewContact(t.db, staff.dispatcher, 'PT-2026-999999')).toBeNull();
      expect(await addInfoFromComplainant(t.db, 'PT-2026-999999', '补充信息。', TODAY)).toEqual({ kind: 'not_found' });
    });

    it('lets each named department report in once, and the street see who has', async () => {
      const view = (await loadCaseForStaff(t.db, staff['grid changshou'], s.C, TODAY))!;
      expect(view.whistles).toHaveLength(1);
      const w = view.whistles[0]!;
      expect(w.reports).toEqual([{ department: 'housing', finding: null, reportedAt: null }]);
      expect((await loadCaseForStaff(t.db, staff['housing handler'], s.C, TODAY))!.can.actions).toEqual(['report_in']);
      await must('housing handler', s.C, { type: 'report_in', whistleId: String(w.id), finding: '已核查，该处已停止教学。' });
      expect(await act('housing handler', s.C, { type: 'report_in', whistleId: String(w.id), finding: '再报一次。' })).toMatchObject({ kind: 'refused' });
      const after = (await loadCaseForStaff(t.db, staff['grid changshou'], s.C, TODAY))!;
      expect(after.whistles[0]!.reports[0]).toMatchObject({ department: 'housing', finding: '已核查，该处已停止教学。' });
      // Having been named, 区房管局 can still open the case, without the contact.
      expect(await loadCaseForStaff(t.db, staff['housing handler'], s.C, TODAY)).not.toBeNull();
      expect(await kinds(s.C)).toEqual(['received', 'dispatched', 'accepted', 'contribute', 'whistle', 'report_in']);
    });
  });

  it('takes a case the whole way: dispatch, return, re-dispatch, accept, part, reply, close, with a redacted public timeline', async () => {
    const tn = await file();
    // The dispatcher routes it elsewhere than suggested, which needs a reason (a field error).
    expect(await act('dispatcher', tn, { type: 'dispatch', lead: 'commerce', assisting: 'edu' })).toEqual({
      kind: 'invalid',
      errors: [{ field: 'reason', message: '改派的部门与系统建议不同，请填写改派理由。' }],
    });
    await must('dispatcher', tn, { type: 'dispatch', lead: 'commerce', assisting: 'edu', reason: '投诉人提到充值卡。' });
    let c = await row(tn);
    expect(c).toMatchObject({ status: 'dispatched', lead: 'commerce', assisting: ['edu'] });
    const parts = await t.db.select().from(caseContributions).where(eq(caseContributions.complaintId, c.id));
    expect(parts).toEqual([expect.objectContaining({ department: 'edu', dueOn: '2026-06-22', text: null })]);
    const dispatched = (await events(tn)).at(-1)!;
    expect(dispatched).toMatchObject({
      kind: 'dispatched',
      isPublic: true,
      actorId: staff.dispatcher.id,
      actor: staff.dispatcher.displayName,
      data: { lead: 'commerce', assisting: ['edu'], reason: '投诉人提到充值卡。', suggested: { lead: 'market', assisting: ['edu'] } },
      before: { status: 'received', lead: null, assisting: [] },
      after: { status: 'dispatched', lead: 'commerce', assisting: ['edu'] },
    });

    // 区商务委 returns it, naming 区市场监管局; it is no longer theirs to see.
    await must('commerce handler', tn, { type: 'return', reason: '不涉及预付卡，属于一般退费纠纷。', suggest: 'market' });
    c = await row(tn);
    expect(c).toMatchObject({ status: 'received', lead: null, assisting: [], returns: 1, coordination: false });
    expect(await t.db.select().from(caseContributions).where(eq(caseContributions.complaintId, c.id))).toEqual([]);
    expect(await loadCaseForStaff(t.db, staff['commerce handler'], tn, TODAY)).toBeNull();

    await dispatchAsSuggested(tn);
    await must('market lead', tn, { type: 'accept' });
    // The merged reply waits for 区教育局's part while its sub-deadline runs.
    const early = await snapshot(tn);
    expect(await act('market lead', tn, { type: 'reply', text: '已处理。' })).toMatchObject({ kind: 'refused', message: expect.stringContaining('区教育局') });
    expect(await snapshot(tn)).toEqual(early);
    expect((await loadCaseForStaff(t.db, staff['market lead'], tn, TODAY))!.can.actions).not.toContain('reply');
    await must('edu handler', tn, { type: 'contribute', text: '教育局：该校收费标准已备案，退费规则见合同第八条。' });
    await must('market lead', tn, { type: 'note', text: '测试员乙已约谈机构负责人。' });
    await must('market lead', tn, { type: 'reply', text: '经调查，机构已同意按合同退还剩余课时费。' }, '2026-06-18');
    expect(await row(tn)).toMatchObject({ status: 'answered', answeredOnTime: true });

    // Closing links an inspection of the same institution, never another one's.
    const [mine] = await t.db
      .insert(inspections)
      .values({ institutionId: institutionIds.english, inspectedOn: '2026-06-17', kind: 'special', department: 'market', checkedItems: ['promised_service'], findings: '退费条款执行不到位。', result: 'rectify' })
      .returning({ id: inspections.id });
    const [other] = await t.db
      .insert(inspections)
      .values({ institutionId: institutionIds.swim, inspectedOn: '2026-06-17', kind: 'special', department: 'market', checkedItems: ['promised_service'], findings: '—', result: 'pass' })
      .returning({ id: inspections.id });
    const answered = await snapshot(tn);
    expect(await act('market lead', tn, { type: 'close', result: 'substantiated', inspectionId: String(other!.id) })).toMatchObject({ kind: 'refused' });
    expect(await act('market lead', tn, { type: 'close', result: 'substantiated', inspectionId: '999999' })).toMatchObject({ kind: 'refused' });
    expect(await snapshot(tn)).toEqual(answered);
    await must('market lead', tn, { type: 'close', result: 'substantiated', inspectionId: String(mine!.id), listDecisionId: '' }, '2026-06-18');
    expect(await row(tn)).toMatchObject({ status: 'closed', result: 'substantiated', linkedInspectionId: mine!.id, linkedListDecisionId: null });
    expect(await act('market lead', tn, { type: 'reply', text: '再答复一次。' })).toMatchObject({ kind: 'refused', message: '此案件当前状态为“已办结”，不能答复。' });

    expect(await kinds(tn)).toEqual(['received', 'dispatched', 'returned', 'dispatched', 'accepted', 'contribute', 'note', 'reply', 'closed']);
    const audit = await t.db.select({ action: auditLog.action, actorId: auditLog.actorId }).from(auditLog).where(eq(auditLog.objectId, tn)).orderBy(asc(auditLog.id));
    expect(audit.map((a) => a.action)).toEqual(['case.dispatch', 'case.return', 'case.dispatch', 'case.accept', 'case.contribute', 'case.note', 'case.reply', 'case.close']);

    // The public timeline: what the tracking page loads and renders.
    const publicRows = await loadPublicEvents(t.db, (await row(tn)).id);
    const lines = publicTimeline(publicRows.map((e) => ({ ...e, data: (e.data ?? {}) as Record<string, unknown> })));
    expect(lines.map((l) => l.title)).toEqual(['投诉已受理', '已派至区商务委办理', '重新派单中', '已派至区市场监管局办理', '区市场监管局已签收', '区市场监管局答复', '已办结']);
    expect(lines.find((l) => l.title === '区市场监管局答复')!.detail).toBe('经调查，机构已同意按合同退还剩余课时费。');
    expect(lines.at(-1)!.detail).toBe('办理结果：属实');
    const shown = JSON.stringify(lines);
    for (const s of Object.values(staff)) {
      expect(shown).not.toContain(s.displayName);
      expect(JSON.stringify(publicRows)).not.toContain(s.displayName);
      expect(JSON.stringify(publicRows)).not.toContain(s.username);
    }
    // Neither the internal note, nor the part, nor the return reason.
    for (const secret of ['约谈', '合同第八条', '不涉及预付卡']) expect(shown).not.toContain(secret);

    // Staff see every event with who did it, the system and the complainant named as such.
    const view = (await loadCaseForStaff(t.db, staff.supervisor, tn, TODAY))!;
    expect(view.events.map((e) => e.actor)).toEqual([
      '系统',
      staff.dispatcher.displayName,
      staff['commerce handler'].displayName,
      staff.dispatcher.displayName,
      staff['market lead'].displayName,
      staff['edu handler'].displayName,
      staff['market lead'].displayName,
      staff['market lead'].displayName,
      staff['market lead'].displayName,
    ]);
    expect(view.events.find((e) => e.kind === 'note')).toMatchObject({ isPublic: false, note: '测试员乙已约谈机构负责人。' });
    expect(view).toMatchObject({ status: 'closed', flag: 'done', lead: 'market', returns: 1, result: 'substantiated', linkedInspectionId: mine!.id });
    expect(view.contributions).toEqual([expect.objectContaining({ department: 'edu', flag: 'done', text: '教育局：该校收费标准已备案，退费规则见合同第八条。' })]);
    expect(view.can.actions).toEqual([]);
  });

  it('sends a case returned twice to 区教育局, whose coordinator routes it; a later return goes back there', async () => {
    const tn = await file();
    await dispatchAsSuggested(tn);
    await must('market lead', tn, { type: 'return', reason: '属于教育局职责。', suggest: 'edu' });
    await must('dispatcher', tn, { type: 'dispatch', lead: 'edu', assisting: [], reason: '按退回意见改派。' });
        const out = await must('edu handler', tn, { type: 'return', reason: '收费纠纷由市场监管局负责。', suggest: 'market' });
    expect(out).toMatchObject({ status: 'coordinating', message: expect.stringContaining('区教育局协调') });
    expect(await row(tn)).toMatchObject({ status: 'coordinating', returns: 2, coordination: true, lead: null });
    expect((await kinds(tn)).slice(-2)).toEqual(['returned', 'coordination']);
    expect((await events(tn)).at(-1)).toMatchObject({ kind: 'coordination', isPublic: true });

    // Not the dispatcher's any more; the coordinator's.
    expect(await act('dispatcher', tn, { type: 'dispatch', lead: 'market', assisting: 'edu' })).toMatchObject({ kind: 'refused' });
    expect(await queue('coordinator')).toContain(tn);
    expect((await loadCaseForStaff(t.db, staff.coordinator, tn, TODAY))!.can.actions).toEqual(['dispatch']);
    await must('coordinator', tn, { type: 'dispatch', lead: 'market', assisting: 'edu' });
    expect(await row(tn)).toMatchObject({ status: 'dispatched', lead: 'market', returns: 2, coordination: true });
    expect(await queue('coordinator')).not.toContain(tn);
    // Still visible to the coordinator: it was coordinated.
    expect(await loadCaseForStaff(t.db, staff.coordinator, tn, TODAY)).not.toBeNull();

    await must('market lead', tn, { type: 'accept' });
    await must('market lead', tn, { type: 'return', reason: '仍有争议。' });
    expect(await row(tn)).toMatchObject({ status: 'coordinating', returns: 3 });
  });

  it('merges duplicates: people affected add up, duplicates follow, and closing the original closes them all', async () => {
    const original = await file({ peopleAffected: '3' });
    const q = await file({ peopleAffected: '5' });
    const r = await file();
    const u = await file({ peopleAffected: '2' });
    const v = await file({ peopleAffected: '1' });

    expect(await act('dispatcher', q, { type: 'mark_duplicate', of: q })).toMatchObject({ kind: 'refused', message: '不能把案件标记为它自己的重复。' });
    expect(await act('dispatcher', q, { type: 'mark_duplicate', of: 'PT-2026-999999' })).toMatchObject({ kind: 'refused' });
    expect(await act('market lead', q, { type: 'mark_duplicate', of: original })).toEqual({ kind: 'not_found' });

    await must('dispatcher', q, { type: 'mark_duplicate', of: original });
    await must('dispatcher', r, { type: 'mark_duplicate', of: original });
    // v was merged into u; when u itself turns out to be a duplicate, v follows it to the original.
    await must('dispatcher', v, { type: 'mark_duplicate', of: u });
    await must('dispatcher', u, { type: 'mark_duplicate', of: original });

    expect(await row(q)).toMatchObject({ status: 'merged', duplicateOf: (await row(original)).id });
    expect(await row(v)).toMatchObject({ status: 'merged', duplicateOf: (await row(original)).id });
    const view = (await loadCaseForStaff(t.db, staff.dispatcher, original, TODAY))!;
    expect(view.duplicates.sort()).toEqual([q, r, u, v].sort());
    expect(view.peopleAffected).toBe(3 + 5 + 2 + 1);
    expect((await loadCaseForStaff(t.db, staff.dispatcher, q, TODAY))!.duplicateOf).toBe(original);
    expect((await events(original)).filter((e) => e.kind === 'duplicate_added').map((e) => [e.isPublic, (e.data as { duplicate: string }).duplicate])).toEqual([
      [false, q],
      [false, r],
      [false, u],
    ]);
    expect((await events(q)).at(-1)).toMatchObject({ kind: 'merged', isPublic: true });
    // A merged case cannot take a duplicate, and a duplicate cannot be merged again.
    const w = await file();
    expect(await act('dispatcher', w, { type: 'mark_duplicate', of: q })).toMatchObject({ kind: 'refused', message: expect.stringContaining('只能与办理中的投诉合并') });

    await dispatchAsSuggested(original);
    await must('market lead', original, { type: 'accept' });
    await must('edu handler', original, { type: 'contribute', text: '无补充。' });
    await must('market lead', original, { type: 'reply', text: '已统一处理。' });
    const closed = await must('market lead', original, { type: 'close', result: 'partly_substantiated' });
    expect(closed.message).toContain(q);
    for (const d of [q, r, u, v]) {
      expect(await row(d), d).toMatchObject({ status: 'closed', result: 'partly_substantiated' });
      const last = (await events(d)).at(-1)!;
      expect(last).toMatchObject({ kind: 'closed', isPublic: true, data: { result: 'partly_substantiated', with: original } });
      const lines = publicTimeline((await loadPublicEvents(t.db, (await row(d)).id)).map((e) => ({ ...e, data: (e.data ?? {}) as Record<string, unknown> })));
      expect(lines.map((l) => l.title).slice(-2)).toEqual(['与同一事项的投诉合并办理', '已办结']);
    }
    // Closed: no longer something to merge into.
    expect(await act('dispatcher', w, { type: 'mark_duplicate', of: original })).toMatchObject({ kind: 'refused', message: expect.stringContaining('已办结') });
  });

  it('pauses the deadline while waiting for the complainant and moves it by the working days waited', async () => {
    const tn = await file();
    expect((await row(tn)).dueOn).toBe(DUE);
    await dispatchAsSuggested(tn);
    await must('market lead', tn, { type: 'accept' });
    // Sent back on Tuesday 16 June, answered on Thursday 18 June: 17 and 18 June are paused.
    await must('market lead', tn, { type: 'request_info', question: '请提供缴费收据和合同照片。' }, '2026-06-16');
    expect(await row(tn)).toMatchObject({ status: 'awaiting_info', pausedFrom: 'accepted', pausedOn: '2026-06-16' });
    const waiting = (await loadCaseForStaff(t.db, staff['market lead'], tn, '2026-06-30'))!;
    expect(waiting).toMatchObject({ flag: 'paused', pausedOn: '2026-06-16' });
    expect(waiting.can.actions).toEqual(['info_received']);

    const answered = await addInfoFromComplainant(t.db, tn, '收据和合同已拍照，请见附件说明。', '2026-06-18');
    expect(answered).toMatchObject({ kind: 'done', status: 'accepted' });
    expect(await row(tn)).toMatchObject({ status: 'accepted', pausedFrom: null, pausedOn: null, dueOn: '2026-06-25' });
    const last = (await events(tn)).at(-1)!;
    expect(last).toMatchObject({ kind: 'info_received', isPublic: true, actorId: null, actor: '投诉人', data: { pausedOn: '2026-06-16', resumedOn: '2026-06-18' } });
    // 区教育局's missing part moves with it: a working day before the lead's new deadline.
    const [part] = await t.db.select().from(caseContributions).where(eq(caseContributions.complaintId, (await row(tn)).id));
    expect(part).toMatchObject({ department: 'edu', dueOn: '2026-06-24' });
    // The complainant cannot answer twice.
    expect(await addInfoFromComplainant(t.db, tn, '再补充一次。', '2026-06-18')).toMatchObject({ kind: 'refused' });

    // A second pause (22 → 23 June) adds one more working day, counted from the whole timeline.
    await must('market lead', tn, { type: 'request_info', question: '请补充孩子的上课记录。' }, '2026-06-22');
    await must('market lead', tn, { type: 'info_received', text: '投诉人电话补充了上课记录。' }, '2026-06-23');
    expect(await row(tn)).toMatchObject({ status: 'accepted', dueOn: '2026-06-26' });
    const lines = publicTimeline((await loadPublicEvents(t.db, (await row(tn)).id)).map((e) => ({ ...e, data: (e.data ?? {}) as Record<string, unknown> })));
    expect(lines.filter((l) => l.title === '需要您补充信息').map((l) => l.detail)).toEqual(['请提供缴费收据和合同照片。', '请补充孩子的上课记录。']);
  });

  it('lets exactly one of two handlers accepting at the same moment succeed', async () => {
    const tn = await file();
    await dispatchAsSuggested(tn);
    // Open every pooled connection first, so the attempts really overlap instead of queueing
    // behind a connection being opened (PostgreSQL; PGlite runs one transaction at a time anyway).
    await Promise.all(Array.from({ length: 4 }, () => t.db.execute(sql`select pg_sleep(0.05)`)));
    const who: Who[] = ['market lead', 'market colleague', 'market lead', 'market colleague'];
    const outcomes = await Promise.all(who.map((w) => act(w, tn, { type: 'accept' })));
    expect(outcomes.map((o) => o.kind).sort()).toEqual(['done', 'refused', 'refused', 'refused']);
    expect((await kinds(tn)).filter((k) => k === 'accepted')).toHaveLength(1);
    const audits = await t.db.select().from(auditLog).where(and(eq(auditLog.objectId, tn), eq(auditLog.action, 'case.accept')));
    expect(audits).toHaveLength(1);
  });

  it('changes nothing when an action is refused or its form is invalid', async () => {
    const tn = await file();
    await dispatchAsSuggested(tn);
    const before = await snapshot(tn);
    const attempts: [Who, Record<string, unknown>, string][] = [
      ['market lead', { type: 'close', result: 'substantiated' }, 'refused'], // never accepted
      ['market lead', { type: 'reply', text: '先答复。' }, 'refused'],
      ['market lead', { type: 'dispatch', lead: 'tax', assisting: [], reason: '—' }, 'refused'],
      ['edu handler', { type: 'accept' }, 'refused'],
      ['dispatcher', { type: 'accept' }, 'refused'],
      ['supervisor', { type: 'note', text: '督导意见。' }, 'refused'],
      ['grid changshou', { type: 'whistle', departments: [], reportBy: '2026-06-20', note: '—' }, 'invalid'],
      ['grid changshou', { type: 'whistle', departments: ['fire'], reportBy: '2026-06-01', note: '过去的时间。' }, 'invalid'],
      ['market lead', { type: 'return', reason: '' }, 'invalid'],
      ['market lead', { type: 'fly' }, 'invalid'],
    ];
    for (const [who, input, kind] of attempts) {
      const outcome = await act(who, tn, input);
      expect(outcome.kind, `${who} ${String(input.type)}`).toBe(kind);
      if (outcome.kind === 'refused') expect(outcome.message.length).toBeGreaterThan(4);
    }
    expect(await snapshot(tn)).toEqual(before);
    expect(await act('market lead', tn, { type: 'return', reason: '' })).toEqual({ kind: 'invalid', errors: [{ field: 'reason', message: '请填写退回理由。' }] });
  });

  it('keeps the timeline and the audit log append-only', async () => {
    const tn = await file();
    await dispatchAsSuggested(tn);
    const id = (await row(tn)).id;
    await expect(t.db.execute(sql`update complaint_events set public_note = 'changed' where complaint_id = ${id}`)).rejects.toThrow();
    await expect(t.db.execute(sql`delete from complaint_events where complaint_id = ${id}`)).rejects.toThrow();
    await expect(t.db.execute(sql`update audit_log set action = 'x' where object_id = ${tn}`)).rejects.toThrow();
    await expect(t.db.execute(sql`delete from audit_log where object_id = ${tn}`)).rejects.toThrow();
    expect(await kinds(tn)).toEqual(['received', 'dispatched']);
  });

  it('raises an overdue case once, to the supervisors and the lead department’s managers', async () => {
    const filedOn = '2026-06-01';
    const late = await file({ occurredOn: '2026-05-20' }, filedOn); // due 2026-06-08
    await dispatchAsSuggested(late, filedOn);
    const paused = await file({ occurredOn: '2026-05-20' }, filedOn);
    await must('dispatcher', paused, { type: 'request_info', question: '请说明机构地址。' }, filedOn);
    const answered = await file({ occurredOn: '2026-05-20' }, filedOn);
    await dispatchAsSuggested(answered, filedOn);
    await must('market lead', answered, { type: 'accept' }, filedOn);
    await must('edu handler', answered, { type: 'contribute', text: '无。' }, filedOn);
    await must('market lead', answered, { type: 'reply', text: '已答复。' }, '2026-06-10');

    const onDay = '2026-06-09';
    const first = await escalateOverdue(t.db, onDay);
    expect(first.escalated).toContain(late);
    expect(first.escalated).not.toContain(paused);
    expect(first.escalated).not.toContain(answered);

    const c = await row(late);
    expect(c.escalatedAt).not.toBeNull();
    // One overdue_escalation e-mail per person; without an address on the account it is dead, "no address".
    const sent = await t.db.select().from(notificationOutbox).where(and(eq(notificationOutbox.complaintId, c.id), eq(notificationOutbox.channel, 'email')));
    expect(sent.map((m) => m.staffId).sort()).toEqual([staff.supervisor.id, staff['market lead'].id].sort());
    expect(sent.every((m) => m.template === 'overdue_escalation' && m.params.number === late && m.state === 'dead' && m.lastError === 'no address')).toBe(true);
    expect(first.messageIds).toEqual([]);
    expect(JSON.stringify(sent)).not.toContain('王女士');
    expect((await events(late)).at(-1)).toMatchObject({ kind: 'escalated', isPublic: false, actorId: null, data: { dueOn: '2026-06-08' } });
    expect(await t.db.select().from(auditLog).where(and(eq(auditLog.objectId, late), eq(auditLog.action, 'case.escalate')))).toHaveLength(1);

    const before = await snapshot(late);
    const again = await escalateOverdue(t.db, '2026-06-10');
    expect(again.escalated).not.toContain(late);
    expect(await escalateOverdue(t.db, '2026-06-10')).toEqual({ escalated: [], messageIds: [] });
    expect(await snapshot(late)).toEqual(before);
    expect((await kinds(late)).filter((k) => k === 'escalated')).toHaveLength(1);
    expect((await loadCaseForStaff(t.db, staff.supervisor, late, onDay))!.flag).toBe('overdue');
  });

  it('writes the whistle and its reports in their own tables', async () => {
    const tn = await file();
    await must('grid changshou', tn, { type: 'whistle', departments: ['fire', 'housing', 'fire'], reportBy: '2026-06-19', note: '群租房内办班。' });
    const [w] = await t.db.select().from(caseWhistles).where(eq(caseWhistles.complaintId, (await row(tn)).id));
    expect(w).toMatchObject({ street: 'changshou', calledBy: staff['grid changshou'].id, reportBy: '2026-06-19', note: '群租房内办班。' });
    const reports = await t.db.select().from(caseWhistleReports).where(eq(caseWhistleReports.whistleId, w!.id)).orderBy(asc(caseWhistleReports.department));
    expect(reports.map((r) => [r.department, r.reportedAt])).toEqual([
      ['fire', null],
      ['housing', null],
    ]);
    expect(await act('grid zhenru', tn, { type: 'whistle', departments: 'fire', reportBy: '2026-06-19', note: '别的街镇。' })).toEqual({ kind: 'not_found' });
    expect(await queue('housing handler')).toContain(tn);
  });
});
