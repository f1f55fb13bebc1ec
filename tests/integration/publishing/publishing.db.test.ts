/**
 * Departments publish: four eyes on inspections and list decisions, the remit of each
 * department, reproducible double-random draws, and a list decision that reaches the public
 * profile, /lists and the feed's query at once, with a change notice for every server process.
 */
import { eq } from 'drizzle-orm';
import { addDays } from '../../../src/domain/shared/dates';
import { beforeAll, describe, expect, it } from 'vitest';
import { listenForChanges } from '../../../db/queries/shared/change-notices';
import { getInstitutionProfile } from '../../../db/queries/registry/institutions';
import { listHistory } from '../../../db/queries/registry/lists';
import { publishingOverview, suggestedListReviews } from '../../../db/queries/publishing/publishing';
import { contractFileByCode } from '../../../db/queries/registry/publications';
import { auditLog, complaints, inspectionDraws, inspections, inspectors, modelContracts } from '../../../db/schema';
import { draw } from '../../../src/domain/publishing/double-random-draw';
import type { DepartmentCode } from '../../../src/domain/shared/reference';
import type { StaffActor } from '../../../src/domain/staff/staff-roles';
import { makeDraw } from '../../../src/server/publishing/draws';
import { approveInspection, completeDrawnInspection, recordInspection } from '../../../src/server/publishing/inspections';
import { proposeListDecision, reviewListProposal } from '../../../src/server/publishing/lists';
import { publishWarning, saveWarningDraft, withdrawWarning } from '../../../src/server/publishing/warnings';
import { replaceContractFile, updateContractClauses } from '../../../src/server/publishing/contracts';
import { TODAY } from '../../fixtures/institutions';
import { insertInstitutions, type Inserted } from '../../support/insert-fixtures';
import { forEachDriver } from '../../support/db-harness';
import { insertStaff } from '../../support/insert-staff';

forEachDriver('departments publish', (t) => {
  let inst: Map<string, Inserted>;
  const staff: Record<string, StaffActor> = {};

  const addStaff = (username: string, department: DepartmentCode, role: StaffActor['role'] = 'handler') => insertStaff(t.db, { username, role, department });

  beforeAll(async () => {
    inst = await insertInstitutions(t.db, [
      { key: 'tutor', name: '启明英语培训中心', fields: ['culture_edu'] },
      { key: 'gym', name: '飞翔体育俱乐部', fields: ['sports'] },
      ...Array.from({ length: 12 }, (_, i) => ({ key: `edu${i}`, name: `学而${i}号教育`, fields: ['culture_edu' as const] })),
    ]);
    staff.edu1 = await addStaff('edu-1', 'edu');
    staff.edu2 = await addStaff('edu-2', 'edu');
    staff.sports = await addStaff('sports-1', 'sports');
    staff.fire = await addStaff('fire-1', 'fire');
    staff.dispatcher = await addStaff('disp-1', 'grid', 'dispatcher');
    await t.db.insert(inspectors).values(['E001', 'E002', 'E003', 'E004'].map((b, i) => ({ department: 'edu', badgeNumber: b, name: `检查员${i + 1}` })));
  });

  const inspection = (code: string, extra: Record<string, unknown> = {}) => ({
    creditCode: code,
    inspectedOn: '2026-06-10',
    kind: 'special',
    inspectors: '张三、李四',
    checkedItems: ['premises_safety', 'programmes'],
    findings: '消防通道堆放杂物，已当场要求清理。',
    result: 'rectify',
    rectifyBy: '2026-07-10',
    ...extra,
  });

  describe('inspections', () => {
    it('are published only when a second person of the department approves (the recorder cannot)', async () => {
      const code = inst.get('tutor')!.creditCode;
      const made = await recordInspection(t.db, staff.edu1!, inspection(code), TODAY);
      expect(made.kind).toBe('done');
      const id = made.kind === 'done' ? made.value.id : 0;
      expect((await getInstitutionProfile(t.db, code, TODAY))!.inspections.map((i) => i.id)).not.toContain(id);

      expect(await approveInspection(t.db, staff.edu1!, id, { decision: 'approve' }, TODAY)).toEqual({
        kind: 'refused',
        message: '录入人不能审核自己录入的检查结果，请由本部门另一名工作人员审核。',
      });
      // Another department does not even see it.
      expect(await approveInspection(t.db, staff.sports!, id, { decision: 'approve' }, TODAY)).toEqual({ kind: 'not_found' });
      expect((await approveInspection(t.db, staff.edu2!, id, { decision: 'approve', note: '整改期限已与机构确认' }, TODAY)).kind).toBe('done');
      expect((await getInstitutionProfile(t.db, code, TODAY))!.inspections.map((i) => i.id)).toContain(id);
      const audit = await t.db.select().from(auditLog).where(eq(auditLog.objectId, String(id)));
      expect(audit.map((a) => [a.action, a.actorName])).toEqual([
        ['inspection.record', 'edu-1'],
        ['inspection.publish', 'edu-2'],
      ]);
      // The approver's note is kept with the decision.
      expect(audit[1]!.detail).toMatchObject({ note: '整改期限已与机构确认' });
    });

    it('are refused outside the department’s remit, with the reason, and nothing is written', async () => {
      const before = await t.db.select().from(inspections);
      expect(await recordInspection(t.db, staff.sports!, inspection(inst.get('tutor')!.creditCode), TODAY)).toEqual({ kind: 'refused', message: '该机构不在本部门的检查职责范围内。' });
      expect(await recordInspection(t.db, staff.fire!, inspection(inst.get('tutor')!.creditCode), TODAY)).toEqual({
        kind: 'refused',
        message: '本部门对该机构的检查职责不包括：培训项目内容。',
      });
      expect((await recordInspection(t.db, staff.dispatcher!, inspection(inst.get('tutor')!.creditCode), TODAY)).kind).toBe('refused');
      expect(await t.db.select().from(inspections)).toHaveLength(before.length);
    });

    it('explain bad input field by field', async () => {
      const r = await recordInspection(t.db, staff.edu1!, inspection('91310107MA1G00000X', { inspectors: '张三', checkedItems: [] }), TODAY);
      expect(r.kind === 'invalid' && r.errors.map((e) => e.field)).toEqual(['creditCode', 'inspectors', 'checkedItems']);
      const late = await recordInspection(t.db, staff.edu1!, inspection(inst.get('tutor')!.creditCode, { rectifyBy: '2026-06-01' }), TODAY);
      expect(late).toEqual({ kind: 'invalid', errors: [{ field: 'rectifyBy', message: '整改期限应晚于检查日期。' }] });
    });
  });

  describe('double-random draws', () => {
    it('record seed, population and pool, so re-running the draw gives the same result', async () => {
      const r = await makeDraw(t.db, staff.edu1!, { size: '3', plannedOn: '2026-12-10', fields: ['culture_edu'] }, TODAY);
      expect(r.kind).toBe('done');
      const [d] = await t.db.select().from(inspectionDraws).where(eq(inspectionDraws.id, r.kind === 'done' ? r.value.id : 0));
      // Only operating culture_edu institutions in edu's remit: the sports club is not in it.
      expect(d!.population).not.toContain(inst.get('gym')!.creditCode);
      const names = new Map([...inst.values()].map((i) => [i.creditCode, '']));
      const rerun = draw({
        seed: d!.seed,
        size: d!.size,
        population: d!.population.map((creditCode) => ({ creditCode, name: names.get(creditCode) ?? '' })),
        inspectors: d!.pool as { id: string; name: string }[],
      });
      const stored = (d!.result as { creditCode: string; inspectors: { id: string }[] }[]).map((x) => [x.creditCode, x.inspectors.map((i) => i.id)]);
      expect(rerun.ok && rerun.drawn.map((x) => [x.institution.creditCode, x.inspectors.map((i) => i.id)])).toEqual(stored);
      // One drafted inspection per drawn institution, linked to the draw, not public.
      const drafted = await t.db.select().from(inspections).where(eq(inspections.drawId, d!.id));
      expect(drafted).toHaveLength(3);
      expect(drafted.every((x) => !x.published && x.kind === 'double_random' && x.inspectors.length === 2)).toBe(true);
      // Completing one and having it approved publishes it like any other inspection.
      const first = drafted[0]!;
      const visit = { inspectedOn: '2026-12-10', checkedItems: ['programmes'], findings: '未发现问题。', result: 'pass' };
      // Not before the visit: a result dated after today is refused.
      expect(await completeDrawnInspection(t.db, staff.edu1!, first.id, visit, TODAY)).toEqual({
        kind: 'invalid',
        errors: [{ field: 'inspectedOn', message: '检查日期不能晚于今天：请在检查之后录入结果。' }],
      });
      const done = await completeDrawnInspection(t.db, staff.edu1!, first.id, visit, '2026-12-10');
      expect(done.kind).toBe('done');
      expect((await approveInspection(t.db, staff.edu2!, first.id, { decision: 'approve' }, TODAY)).kind).toBe('done');
    });

    it('refuses a draw larger than the population or with too small a pool', async () => {
      expect(await makeDraw(t.db, staff.edu1!, { size: '500', plannedOn: '2026-12-10' }, TODAY)).toMatchObject({ kind: 'refused' });
      expect(await makeDraw(t.db, staff.sports!, { size: '1', plannedOn: '2026-12-10' }, TODAY)).toEqual({ kind: 'refused', message: '检查人员库至少需要 2 人，目前只有 0 人。' });
    });
  });

  describe('list decisions', () => {
    it('reach the profile, /lists and the feed right after a second person approves, with a change notice', async () => {
      const code = inst.get('edu3')!.creditCode;
      const heard: string[][] = [];
      const stop = await listenForChanges(t.handle, (tags) => heard.push(tags));
      try {
        const p = await proposeListDecision(t.db, staff.edu1!, {
          kind: 'add',
          creditCode: code,
          list: 'black',
          reason: '无证开展学科类培训，拒不整改',
          legalBasis: '《上海市促进民办教育发展条例》',
          effectiveOn: TODAY,
        });
        expect(p.kind).toBe('done');
        const id = p.kind === 'done' ? p.value.id : 0;
        expect((await getInstitutionProfile(t.db, code, TODAY))!.listStatus).toBe('none');
        expect(await reviewListProposal(t.db, staff.edu1!, id, { decision: 'approve' })).toMatchObject({ kind: 'refused' });
        expect((await reviewListProposal(t.db, staff.edu2!, id, { decision: 'approve' })).kind).toBe('done');
        expect((await getInstitutionProfile(t.db, code, TODAY))!.listStatus).toBe('black');
        expect((await listHistory(t.db, TODAY, 10)).some((e) => e.entry.creditCode === code && e.kind === 'added')).toBe(true);
        const start = Date.now();
        while (heard.length === 0 && Date.now() - start < 1000) await new Promise((r) => setTimeout(r, 10));
        expect(heard.flat()).toEqual(expect.arrayContaining(['registry', 'lists', `institution:${code}`]));
        // The same proposal cannot be approved twice.
        expect(await reviewListProposal(t.db, staff.edu2!, id, { decision: 'approve' })).toEqual({ kind: 'refused', message: '这项名单决定已经审核过。' });
      } finally {
        await stop();
      }
    });

    it('cannot be proposed by a department outside the institution’s sector or registration', async () => {
      expect(
        await proposeListDecision(t.db, staff.fire!, { kind: 'add', creditCode: inst.get('tutor')!.creditCode, list: 'white', reason: 'r', legalBasis: 'b', effectiveOn: TODAY }),
      ).toMatchObject({ kind: 'refused' });
    });
  });

  describe('risk warnings', () => {
    it('are drafted, published and withdrawn by the department', async () => {
      const code = inst.get('tutor')!.creditCode;
      const d = await saveWarningDraft(t.db, staff.edu1!, null, { title: '警惕“保过班”宣传', severity: 'caution', body: '近期有机构宣称“包过”。', institutions: code });
      expect(d.kind).toBe('done');
      const published = await publishWarning(t.db, staff.edu1!, d.kind === 'done' ? d.value.id : 0, TODAY);
      expect(published.kind).toBe('done');
      const warningId = published.kind === 'done' ? published.value.warningId : 0;
      expect((await getInstitutionProfile(t.db, code, TODAY))!.warnings.map((w) => w.id)).toContain(warningId);
      expect(await withdrawWarning(t.db, staff.sports!, warningId, TODAY)).toEqual({ kind: 'not_found' });
      expect((await withdrawWarning(t.db, staff.edu2!, warningId, TODAY)).kind).toBe('done');
      expect((await getInstitutionProfile(t.db, code, TODAY))!.warnings.map((w) => w.id)).not.toContain(warningId);
    });
  });
  describe('the staff overview', () => {
    it('offers an inspection or proposal for review to everyone of the department but its author', async () => {
      const code = inst.get('edu5')!.creditCode;
      const made = await recordInspection(t.db, staff.edu1!, inspection(code, { result: 'pass', rectifyBy: '' }), TODAY);
      const id = made.kind === 'done' ? made.value.id : 0;
      const p = await proposeListDecision(t.db, staff.edu1!, { kind: 'add', creditCode: code, list: 'white', reason: '办学规范', legalBasis: '《民办教育促进法》', effectiveOn: TODAY });
      const proposal = p.kind === 'done' ? p.value.id : 0;
      const mine = await publishingOverview(t.db, 'edu', staff.edu1!.id);
      expect(mine.inspections.mine.rows.map((r) => r.id)).toContain(id);
      expect(mine.inspections.toReview.rows.map((r) => r.id)).not.toContain(id);
      expect(mine.proposals.mine.map((r) => r.id)).toContain(proposal);
      expect(mine.proposals.toReview.map((r) => r.id)).not.toContain(proposal);
      const other = await publishingOverview(t.db, 'edu', staff.edu2!.id);
      expect(other.inspections.toReview.rows.find((r) => r.id === id)).toMatchObject({ name: '学而5号教育', recorderName: 'edu-1' });
      expect(other.inspections.toReview.total).toBeGreaterThanOrEqual(1);
      expect(other.proposals.toReview.map((r) => r.id)).toContain(proposal);
      // Another department sees none of it.
      const sports = await publishingOverview(t.db, 'sports', staff.sports!.id);
      expect(sports.inspections.toReview.rows.map((r) => r.id)).not.toContain(id);
      expect(sports.proposals.toReview).toEqual([]);
    });

    it('suggests a list review for a closed, substantiated complaint in the remit until a proposal cites it', async () => {
      const complaint = (key: string, n: number, status: string, result: string | null) => ({
        trackingNumber: `PT-2026-${String(800 + n).padStart(6, '0')}`,
        idempotencyKey: `publishing-test-${n}`,
        payloadHash: 'x',
        accessCodeHash: 'x',
        channel: 'web',
        institutionId: inst.get(key)!.id,
        category: 'training_content',
        description: '测试投诉内容，至少十个字。',
        filerRole: 'parent',
        status,
        result,
        closedAt: status === 'closed' ? new Date() : null,
        receivedOn: TODAY,
        dueOn: addDays(TODAY, 15),
        routingVersion: 'test',
        routeLead: 'edu',
      });
      await t.db.insert(complaints).values([
        complaint('edu6', 1, 'closed', 'substantiated'),
        complaint('edu6', 2, 'closed', 'not_substantiated'),
        complaint('edu7', 3, 'answered', 'substantiated'),
        complaint('gym', 4, 'closed', 'partly_substantiated'),
      ]);
      expect((await suggestedListReviews(t.db, 'edu')).map((s) => s.trackingNumber)).toEqual(['PT-2026-000801']);
      expect((await suggestedListReviews(t.db, 'sports')).map((s) => s.trackingNumber)).toEqual(['PT-2026-000804']);
      // The fixtures are for-profit: 区市场监管局 registers them all.
      expect((await suggestedListReviews(t.db, 'market')).map((s) => s.trackingNumber).sort()).toEqual(['PT-2026-000801', 'PT-2026-000804']);
      expect(await suggestedListReviews(t.db, 'fire')).toEqual([]);
      const p = await proposeListDecision(t.db, staff.edu1!, {
        kind: 'add', creditCode: inst.get('edu6')!.creditCode, list: 'black', reason: '经查属实', legalBasis: '依据', effectiveOn: TODAY, sourceComplaints: 'PT-2026-000801',
      });
      expect(p.kind).toBe('done');
      expect(await suggestedListReviews(t.db, 'edu')).toEqual([]);
    });
  });

  describe('model contracts', () => {
    const PDF = new Uint8Array(Buffer.from('%PDF-1.4\n%%EOF\n'));
    beforeAll(async () => {
      await t.db.insert(modelContracts).values({ code: 'TEST-01', title: '测试合同', fields: ['culture_edu'], refundWindow: '开课前全额退费', feeSupervision: '银行存管', keyClauses: ['条款一'], fileName: 'TEST-01.txt', issuedOn: TODAY });
    });

    it('take a file from 区教育局 or 区市场监管局 only, checked by its content, and the later upload replaces the earlier', async () => {
      const market: StaffActor = { ...staff.edu1!, id: (await addStaff('market-1', 'market')).id, username: 'market-1', department: 'market' };
      expect(await replaceContractFile(t.db, staff.sports!, 'TEST-01', { name: 'a.pdf', bytes: PDF })).toEqual({ kind: 'refused', message: '只有区教育局和区市场监管局的承办人可以更新示范合同。' });
      expect(await replaceContractFile(t.db, staff.edu1!, 'NO-SUCH', { name: 'a.pdf', bytes: PDF })).toEqual({ kind: 'not_found' });
      expect(await replaceContractFile(t.db, staff.edu1!, 'TEST-01', { name: 'a.pdf', bytes: new TextEncoder().encode('<html>') })).toMatchObject({ kind: 'invalid', errors: [{ field: 'file' }] });
      expect((await contractFileByCode(t.db, 'TEST-01'))!.file).toBeNull();

      const heard: string[][] = [];
      const stop = await listenForChanges(t.handle, (tags) => heard.push(tags));
      try {
        expect((await replaceContractFile(t.db, staff.edu1!, 'TEST-01', { name: '合同.pdf', bytes: PDF })).kind).toBe('done');
        const second = new Uint8Array(Buffer.from('%PDF-1.7\nsecond\n%%EOF\n'));
        expect((await replaceContractFile(t.db, market, 'TEST-01', { name: '合同（修订）.pdf', bytes: second })).kind).toBe('done');
        const stored = await contractFileByCode(t.db, 'TEST-01');
        expect(stored!.file).toMatchObject({ fileName: '合同（修订）.pdf', mediaType: 'application/pdf', uploadedBy: market.id });
        expect(Buffer.from(stored!.file!.content).equals(Buffer.from(second))).toBe(true);
        const start = Date.now();
        while (heard.length < 2 && Date.now() - start < 1000) await new Promise((r) => setTimeout(r, 10));
        expect(heard).toEqual([['contracts'], ['contracts']]);
      } finally {
        await stop();
      }
      const audit = await t.db.select().from(auditLog).where(eq(auditLog.objectId, 'TEST-01'));
      expect(audit.map((a) => [a.action, a.actorName])).toEqual([
        ['contract.file', 'edu-1'],
        ['contract.file', 'market-1'],
      ]);
    });

    it('have their key clauses edited, one per line, with messages for what is missing', async () => {
      expect(await updateContractClauses(t.db, staff.edu1!, 'TEST-01', { refundWindow: '', feeSupervision: '银行存管', keyClauses: '' })).toEqual({
        kind: 'invalid',
        errors: [
          { field: 'refundWindow', message: '请填写退费规则。' },
          { field: 'keyClauses', message: '请填写合同要点，每行一条。' },
        ],
      });
      expect((await updateContractClauses(t.db, staff.edu1!, 'TEST-01', { refundWindow: '开课前全额退费，开课后按剩余课时退费', feeSupervision: '银行存管', keyClauses: '一次收费不超过3个月\n退费7日内办理' })).kind).toBe('done');
      const [row] = await t.db.select().from(modelContracts).where(eq(modelContracts.code, 'TEST-01'));
      expect(row!.keyClauses).toEqual(['一次收费不超过3个月', '退费7日内办理']);
    });
  });
});
