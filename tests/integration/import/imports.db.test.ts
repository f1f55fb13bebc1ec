/**
 * Importing departments' CSV files into a real database: counts, re-import
 * writes nothing, all or nothing, unknown institutions as error rows, inspections waiting for a
 * second person, the audit row, and imported institutions found by the search.
 */
import { asc, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { importFiles, importPart, importRows, type ImportOutcome } from '../../../db/queries/import/imports';
import { searchInstitutions } from '../../../db/queries/registry/institutions';
import { auditLog, inspections, institutions, licences } from '../../../db/schema';
import { seedReference } from '../../../db/seed/reference';
import { validateImport, type ImportKind, type ValidateOptions } from '../../../src/domain/import';
import { institutionQuerySchema } from '../../../src/domain/registry/institution-query';
import { CODES, IMPORT_TODAY } from '../../fixtures/import-cases';
import { forEachDriver } from '../../support/db-harness';
import { importFixture as fixture } from '../../support/import-fixtures';
import { insertStaff } from '../../support/insert-staff';

const utf8 = (text: string) => new TextEncoder().encode(text);
const csv = (...rows: string[]) => utf8(rows.join('\n') + '\n');

/** Validates like the CLI does; the file must be valid. */
function valid<K extends ImportKind>(kind: K, bytes: Uint8Array, opts: ValidateOptions = {}) {
  const check = validateImport(kind, bytes, { today: IMPORT_TODAY, ...opts });
  if (!check.ok) throw new Error(`fixture should be valid: ${JSON.stringify(check.problems)}`);
  return check;
}

function counts(outcome: ImportOutcome) {
  if (!outcome.ok) throw new Error(`import refused: ${JSON.stringify(outcome.files)}`);
  return outcome.parts.map((p) => p.counts);
}

forEachDriver('imports', (t) => {
  let handler = 0;
  let colleague = 0;
  const as = (dryRun = false) => ({ actorId: handler, actorName: 'wang.min', dryRun, today: IMPORT_TODAY });

  async function importFile(kind: ImportKind, name: string, bytes: Uint8Array = fixture(name), dryRun = false) {
    // Licences of two departments: imported as an administrator would, with no department.
    const check = valid(kind, bytes, { department: kind === 'inspections' ? 'edu' : null });
    return importFiles(t.db, [importPart(check, name)], as(dryRun));
  }

  async function count(table: typeof institutions | typeof licences | typeof inspections | typeof auditLog): Promise<number> {
    const [row] = await t.db.select({ n: sql<number>`count(*)::int` }).from(table);
    return row!.n;
  }

  beforeAll(async () => {
    await seedReference(t.db);
    handler = (await insertStaff(t.db, { username: 'wang.min', displayName: '王敏', role: 'handler', department: 'edu' })).id;
    colleague = (await insertStaff(t.db, { username: 'li.qiang', displayName: '李强', role: 'handler', department: 'edu' })).id;
  });

  it('a dry run counts what would change and writes nothing', async () => {
    expect(counts(await importFile('institutions', 'institutions.csv', undefined, true))).toEqual([
      { rows: 8, inserted: 8, updated: 0, unchanged: 0, withdrawn: 0 },
    ]);
    expect(await count(institutions)).toBe(0);
    expect(await count(auditLog)).toBe(0);
  });

  it('imports the good institutions file with the derived columns', async () => {
    expect(counts(await importFile('institutions', 'institutions.csv'))).toEqual([{ rows: 8, inserted: 8, updated: 0, unchanged: 0, withdrawn: 0 }]);
    const [boya] = await t.db.select().from(institutions).where(eq(institutions.creditCode, '91310107MA1GKP007P'));
    // Two fields led by different departments: 区教育局 coordinates (mechanism 4).
    expect(boya).toMatchObject({ fields: ['arts', 'culture_edu'], registrationAuthority: 'market', supervisingDepartment: 'edu', street: 'shiquan', asOf: '2026-11-20' });
    const [zhixing] = await t.db.select().from(institutions).where(eq(institutions.creditCode, '52310107MJ4AKP0030'));
    expect(zhixing).toMatchObject({ legalForm: 'non_profit', registrationAuthority: 'civil', supervisingDepartment: 'hrss', delivery: 'both' });
    expect(zhixing!.searchText).toBe('上海市普陀区知行职业技能培训学校');
    expect(zhixing!.initials).toBe('shsptqzxzyjnpxxx');
  });

  it('importing the same file again (here as GB18030) changes nothing: updated_at untouched', async () => {
    const before = await t.db.select({ code: institutions.creditCode, updatedAt: institutions.updatedAt }).from(institutions).orderBy(asc(institutions.creditCode));
    expect(counts(await importFile('institutions', 'institutions-gb18030.csv'))).toEqual([{ rows: 8, inserted: 0, updated: 0, unchanged: 8, withdrawn: 0 }]);
    const after = await t.db.select({ code: institutions.creditCode, updatedAt: institutions.updatedAt }).from(institutions).orderBy(asc(institutions.creditCode));
    expect(after).toEqual(before);
  });

  it('a changed row is updated alone', async () => {
    const text = fixture('institutions.csv').toString('utf8').replace('021-62310002', '021-62319999');
    const before = await t.db.select({ code: institutions.creditCode, updatedAt: institutions.updatedAt }).from(institutions).orderBy(asc(institutions.creditCode));
    expect(counts(await importFile('institutions', 'institutions-changed.csv', utf8(text)))).toEqual([{ rows: 8, inserted: 0, updated: 1, unchanged: 7, withdrawn: 0 }]);
    const after = await t.db.select({ code: institutions.creditCode, updatedAt: institutions.updatedAt, phone: institutions.phone }).from(institutions).orderBy(asc(institutions.creditCode));
    const changed = after.filter((row, i) => row.updatedAt.getTime() !== before[i]!.updatedAt.getTime());
    expect(changed.map((r) => [r.code, r.phone])).toEqual([['91310107MA1GKP0028', '021-62319999']]);
  });

  it('writes one audit row per import, naming the file by name and SHA-256', async () => {
    const check = valid('institutions', fixture('institutions-gb18030.csv'));
    const rows = await t.db.select().from(auditLog).where(eq(auditLog.objectId, check.sha256));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actorId: handler,
      actorName: 'wang.min',
      action: 'import.institutions',
      objectType: 'import_file',
      detail: { fileName: 'institutions-gb18030.csv', sha256: check.sha256, encoding: 'gb18030', rows: 8, inserted: 0, updated: 0, unchanged: 8 },
    });
    expect(await count(auditLog)).toBe(3);
  });

  it('finds imported institutions by name, former name and pinyin (search columns filled)', async () => {
    const find = async (q: string) =>
      (await searchInstitutions(t.db, institutionQuerySchema.parse({ q }), IMPORT_TODAY)).items.map((i) => i.creditCode);
    expect(await find('启明外语')).toEqual(['91310107MA1GKP0015']);
    expect(await find('启明英语')).toEqual(['91310107MA1GKP0015']);
    expect(await find('moyun')).toEqual(['91310107MA1GKP004E']);
  });

  it('licences naming an unknown credit code are error rows, and nothing of the file is written', async () => {
    const file = csv(
      '许可证编号,统一社会信用代码,发证机关,发证日期,有效期至,办学内容,办学地址',
      `教民13101077000201号,${CODES.a},区教育局,2024-01-01,2027-12-31,外语培训,上海市普陀区长寿路218号3楼`,
      `教民13101077000202号,${CODES.unknown},区教育局,2024-01-01,2027-12-31,外语培训,上海市普陀区某路1号`,
    );
    const outcome = await importFile('licences', 'licences-unknown.csv', file);
    expect(outcome).toEqual({
      ok: false,
      dryRun: false,
      files: [
        {
          kind: 'licences',
          fileName: 'licences-unknown.csv',
          problems: [{ line: 3, column: '统一社会信用代码', value: CODES.unknown, reason: expect.stringContaining(`登记库中没有统一社会信用代码为 ${CODES.unknown} 的机构`) }],
        },
      ],
    });
    expect(await count(licences)).toBe(0);
  });

  it('all or nothing across files: institutions written earlier in the run are rolled back', async () => {
    await importFile('licences', 'licences.csv');
    const newInstitution = csv(
      '统一社会信用代码,机构名称,培训类别,法人类型,办学地址,所属街镇,登记日期',
      `${CODES.unknown},上海普陀晨曦培训有限公司,文化教育,营利性,上海市普陀区某路1号,长征镇,2020-01-01`,
    );
    const licenceHeader = '许可证编号,统一社会信用代码,发证机关,发证日期,有效期至,办学内容,办学地址';
    const itsLicence = `教民13101077000301号,${CODES.unknown},区教育局,2024-01-01,2027-12-31,外语培训,上海市普陀区某路1号`;
    // 教民13101077000101号 belongs to 91310107MA1GKP0015 (licences.csv, just imported): only the
    // database can tell, and it refuses to move it to another institution.
    const taken = `教民13101077000101号,${CODES.unknown},区教育局,2024-01-01,2027-12-31,外语培训,上海市普陀区某路1号`;
    const parts = [
      importPart(valid('institutions', newInstitution), 'new-institution.csv'),
      importPart(valid('licences', csv(licenceHeader, itsLicence, taken)), 'licences-of-new.csv'),
    ];
    const before = { institutions: await count(institutions), licences: await count(licences), audit: await count(auditLog) };

    expect(await importFiles(t.db, parts, as(true))).toMatchObject({ ok: false, dryRun: true });
    const outcome = await importFiles(t.db, parts, as());
    expect(outcome).toMatchObject({
      ok: false,
      files: [{ kind: 'licences', problems: [{ line: 3, column: '许可证编号', value: '教民13101077000101号', reason: expect.stringContaining('已登记在另一机构（91310107MA1GKP0015）名下') }] }],
    });
    expect({ institutions: await count(institutions), licences: await count(licences), audit: await count(auditLog) }).toEqual(before);

    // Without the bad row the pair goes through, the licence finding the institution of the first file.
    const good = [parts[0]!, importPart(valid('licences', csv(licenceHeader, itsLicence)), 'licences-of-new.csv')];
    const one = { rows: 1, inserted: 1, updated: 0, unchanged: 0, withdrawn: 0 };
    expect(counts(await importFiles(t.db, good, as(true)))).toEqual([one, one]);
    expect(counts(await importFiles(t.db, good, as()))).toEqual([one, one]);
    expect(await count(institutions)).toBe(before.institutions + 1);
  });

  it('re-importing the licences file changes nothing', async () => {
    expect(counts(await importFile('licences', 'licences.csv'))).toEqual([{ rows: 4, inserted: 0, updated: 0, unchanged: 4, withdrawn: 0 }]);
    const [revoked] = await t.db.select().from(licences).where(eq(licences.number, '教民13101077000104号'));
    expect(revoked).toMatchObject({ revokedOn: '2023-05-20', issuingAuthority: 'edu', numberNorm: '教民13101077000104号' });
  });

  describe('inspections', () => {
    it('arrive unpublished, submitted when 是否公开 is 是, recorded by the importer', async () => {
      expect(counts(await importFile('inspections', 'inspections.csv'))).toEqual([{ rows: 3, inserted: 3, updated: 0, unchanged: 0, withdrawn: 0 }]);
      const rows = await t.db.select().from(inspections).orderBy(asc(inspections.reference));
      expect(rows.map((r) => [r.reference, r.department, r.published, r.submittedAt !== null, r.recordedBy])).toEqual([
        ['普教检〔2026〕001号', 'edu', false, true, handler],
        ['普教检〔2026〕002号', 'edu', false, true, handler],
        ['普教检〔2026〕003号', 'edu', false, false, handler],
      ]);
    });

    it('unchanged after approval; a change to a published result takes it back for a new approval', async () => {
      // A second person of the department approves the first result (four eyes).
      await t.db
        .update(inspections)
        .set({ published: true, publishedOn: IMPORT_TODAY, approvedBy: colleague, approvedAt: new Date() })
        .where(eq(inspections.reference, '普教检〔2026〕001号'));
      expect(counts(await importFile('inspections', 'inspections.csv'))).toEqual([{ rows: 3, inserted: 0, updated: 0, unchanged: 3, withdrawn: 0 }]);

      const changed = fixture('inspections.csv').toString('utf8').replace('未发现问题。,合格', '未发现问题，另核实了收费公示。,合格');
      expect(counts(await importFile('inspections', 'inspections-changed.csv', utf8(changed)))).toEqual([{ rows: 3, inserted: 0, updated: 1, unchanged: 2, withdrawn: 1 }]);
      const [row] = await t.db.select().from(inspections).where(eq(inspections.reference, '普教检〔2026〕001号'));
      expect(row).toMatchObject({ published: false, publishedOn: null, approvedBy: null, recordedBy: handler, findings: expect.stringContaining('收费公示') });
      expect(row!.submittedAt).not.toBeNull();
    });

    it('a department imports inspections only within its remit', async () => {
      const file = (department: string, item: string) =>
        csv(
          '检查编号,统一社会信用代码,检查日期,检查类型,检查部门,检查事项,检查情况,检查结果',
          `检-${department}-1,91310107MA1GKP0015,2026-10-12,专项检查,${department},${item},情况,合格`,
        );
      const dryRun = async (department: string, item: string) => {
        const check = valid('inspections', file(department, item));
        return importFiles(t.db, [importPart(check, 'remit.csv')], as(true));
      };
      expect(await dryRun('区体育局', '场所安全')).toMatchObject({
        ok: false,
        files: [{ problems: [{ line: 2, column: '统一社会信用代码', reason: '区体育局：该机构不在本部门的检查职责范围内。' }] }],
      });
      expect(await dryRun('区消防救援支队', '人员资质')).toMatchObject({
        ok: false,
        files: [{ problems: [{ line: 2, column: '检查事项', value: '人员资质', reason: '本部门对该机构的检查职责不包括：人员资质。' }] }],
      });
      // 区市场监管局 registered this for-profit institution; 区消防救援支队 checks premises safety everywhere.
      expect((await dryRun('区市场监管局', '人员资质')).ok).toBe(true);
      expect((await dryRun('区消防救援支队', '场所安全')).ok).toBe(true);
    });

    it("another department cannot overwrite an inspection reference that is not its own", async () => {
      // The file without its 检查部门 column, so the rows become 区人社局's and only the database knows better.
      const withoutDepartment = fixture('inspections.csv')
        .toString('utf8')
        .split('\n')
        .map((line) => line.split(',').filter((_, i) => i !== 4).join(','))
        .join('\n');
      const check = valid('inspections', utf8(withoutDepartment), { department: 'hrss' });
      const outcome = await importRows(t.db, 'inspections', check.records, { ...as(true), headers: check.headers, fileName: 'inspections.csv' });
      expect(outcome).toMatchObject({
        ok: false,
        files: [{ problems: [{ line: 2, column: '检查编号', reason: '检查编号 普教检〔2026〕001号 已是区教育局的检查记录，不能由区人社局导入覆盖。' }, { line: 3 }, { line: 4 }] }],
      });
    });
  });
});
