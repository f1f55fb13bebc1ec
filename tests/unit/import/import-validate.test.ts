/**
 * The dry-run error table of an import file: header problems, file problems and every
 * row problem with its exact line (the header is line 1), column and reason, from the data tables
 * of tests/fixtures/import-cases.ts.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { IMPORT_KIND_DEFINITIONS, IMPORT_KINDS, validateImport, type ImportProblem } from '../../../src/domain/import';
import {
  ACCEPTED_HEADERS,
  BAD_INSTITUTIONS_FILE,
  BAD_INSTITUTIONS_PROBLEMS,
  FILE_CASES,
  GOOD_FILES,
  HEADER_CASES,
  IMPORT_TODAY,
  ROW_CASES,
  type ExpectedProblem,
} from '../../fixtures/import-cases';
import { importFixture as fixture } from '../../support/import-fixtures';

const bytes = (csv: string) => new TextEncoder().encode(csv);

/** The problems as matchers: same order and count, reasons compared by fragment. */
function table(expected: readonly ExpectedProblem[]) {
  return expected.map((p) =>
    expect.objectContaining({
      line: p.line,
      column: p.column,
      ...(p.value === undefined ? {} : { value: p.value }),
      reason: expect.stringContaining(p.reason),
    }),
  );
}

function problemsOf(result: ReturnType<typeof validateImport>): ImportProblem[] {
  return result.ok ? [] : result.problems;
}

describe('header', () => {
  it.each(HEADER_CASES)('$why', ({ kind, csv, problems }) => {
    expect(problemsOf(validateImport(kind, bytes(csv), { today: IMPORT_TODAY }))).toEqual(table(problems));
  });

  it.each(ACCEPTED_HEADERS)('accepts $why', ({ kind, csv }) => {
    const result = validateImport(kind, bytes(csv), { today: IMPORT_TODAY });
    expect(problemsOf(result)).toEqual([]);
  });

  it('names the columns it ignores and keeps the headers as written', () => {
    const result = validateImport('institutions', fixture(BAD_INSTITUTIONS_FILE), { today: IMPORT_TODAY });
    expect(result.ignoredColumns).toEqual(['备注']);
    expect(result.headers.creditCode).toBe('统一社会信用代码');
  });
});

describe('whole file', () => {
  it.each(FILE_CASES)('$why', ({ kind, bytes: content, maxBytes, problem }) => {
    expect(problemsOf(validateImport(kind, content, { today: IMPORT_TODAY, maxBytes }))).toEqual(table([problem]));
  });
});

describe('rows', () => {
  it.each(ROW_CASES)('$why', ({ kind, csv, department, problems }) => {
    const result = validateImport(kind, bytes(csv), { today: IMPORT_TODAY, department: department ?? null });
    expect(problemsOf(result)).toEqual(table(problems));
  });

  it(`lists every problem of ${BAD_INSTITUTIONS_FILE}, not only the first`, () => {
    const result = validateImport('institutions', fixture(BAD_INSTITUTIONS_FILE), { today: IMPORT_TODAY });
    expect(problemsOf(result)).toEqual(table(BAD_INSTITUTIONS_PROBLEMS));
  });
});

describe('the good example files', () => {
  it.each(GOOD_FILES)('$file: $rows rows, no problem', ({ kind, file, rows }) => {
    const result = validateImport(kind, fixture(file), { today: IMPORT_TODAY });
    expect(problemsOf(result)).toEqual([]);
    expect(result).toMatchObject({ ok: true, rows });
  });

  it('turns labels into stored values and derives the entry path when it is left empty', () => {
    const result = validateImport('institutions', fixture('institutions.csv'), { today: IMPORT_TODAY });
    if (!result.ok) throw new Error('expected the file to be valid');
    const byCode = new Map(result.records.map((r) => [r.creditCode, r]));
    expect(byCode.get('91310107MA1GKP0015')).toMatchObject({
      line: 2,
      fields: ['culture_edu'],
      legalForm: 'for_profit',
      entryPath: 'licence',
      street: 'changshou',
      registeredOn: '2019-06-18',
      formerNames: ['上海启明英语培训中心'],
    });
    expect(byCode.get('52310107MJ4AKP0069')).toMatchObject({ fields: ['infant_care'], legalForm: 'non_profit', entryPath: 'filing', street: 'wanli' });
    expect(byCode.get('91310107MA1GKP0028')).toMatchObject({ operatingStatus: 'operating', phone: '021-62310002' });
    expect(byCode.get('91310107MA1GKP004E')).toMatchObject({ operatingStatus: 'suspended', phone: null, formerNames: ['上海墨韵书画工作室', '上海墨韵美术工作室'] });
  });

  it('gives inspections the importing department and keeps 是否公开', () => {
    const result = validateImport('inspections', fixture('inspections.csv'), { today: IMPORT_TODAY, department: 'edu' });
    if (!result.ok) throw new Error('expected the file to be valid');
    expect(result.records.map((r) => [r.reference, r.department, r.published])).toEqual([
      ['普教检〔2026〕001号', 'edu', true],
      ['普教检〔2026〕002号', 'edu', true],
      ['普教检〔2026〕003号', 'edu', false],
    ]);
  });
});

describe('column definitions', () => {
  it.each(IMPORT_KINDS)('%s: every column is documented in the README', (kind) => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    for (const c of IMPORT_KIND_DEFINITIONS[kind].columns) expect(readme, c.header).toContain(`| ${c.header} |`);
  });
});
