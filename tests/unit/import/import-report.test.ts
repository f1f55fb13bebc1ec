/** The CLI's error table: columns aligned by display width, Chinese characters counting two. */
import { describe, expect, it } from 'vitest';
import { displayWidth, formatCounts, formatProblemTable } from '../../../src/domain/import/report';

describe('formatProblemTable', () => {
  it('aligns Chinese and ASCII cells and keeps the reason whole', () => {
    const table = formatProblemTable([
      { line: null, column: null, value: null, reason: '文件只有表头，没有数据行。' },
      { line: 12, column: '所属街镇', value: '真如镇', reason: '未知的街镇“真如镇”。' },
      { line: 3, column: 'street', value: '', reason: '必填，不能为空。' },
    ]);
    const lines = table.split('\n');
    expect(lines).toEqual([
      '行  列        值      原因',
      '—   —         —       文件只有表头，没有数据行。',
      '12  所属街镇  真如镇  未知的街镇“真如镇”。',
      '3   street    （空）  必填，不能为空。',
    ]);
    expect(displayWidth('所属街镇')).toBe(8);
  });

  it('cuts long values with an ellipsis', () => {
    const [, row] = formatProblemTable([{ line: 2, column: '机构名称', value: '很'.repeat(40), reason: 'x' }]).split('\n');
    expect(row).toContain(`${'很'.repeat(11)}…`);
  });
});

describe('formatCounts', () => {
  it('says what was, or would be, done', () => {
    expect(formatCounts({ rows: 8, inserted: 1, updated: 2, unchanged: 5, withdrawn: 0 }, false)).toBe('8 rows: 1 inserted, 2 updated, 5 unchanged');
    expect(formatCounts({ rows: 3, inserted: 0, updated: 1, unchanged: 2, withdrawn: 1 }, true)).toBe(
      '3 rows: 0 would be inserted, 1 would be updated, 2 unchanged, 1 published inspection(s) would be taken back for a new approval',
    );
  });
});
