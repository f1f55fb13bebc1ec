/**
 * The layout of a model contract's full text (src/domain/publishing/contract-layout.ts): numbers,
 * the order of blocks, the plain text download, and what every contract text must contain.
 */
import { describe, expect, it } from 'vitest';
import { articleNumber, chineseNumeral, clauseNumber, contractBlocks, contractPlainText } from '../../../src/domain/publishing/contract-layout';
import { CONTRACT_TEXTS, contractText } from '../../../src/domain/publishing/contract-texts';
import { KEY_CLAUSE_LABELS, type ModelContractText } from '../../../src/domain/publishing/contract-texts/types';

const SMALL: ModelContractText = {
  code: 'T-1',
  title: '测试合同（示范文本）',
  issuer: '测试部门',
  published: '2024年1月',
  basis: 'demo',
  source: '测试来源。',
  notes: ['说明一。'],
  parties: [{ role: '甲方', fields: ['名称'] }],
  recital: '双方协商一致。',
  articles: [
    { heading: '服务', clauses: [{ text: '提供服务。' }] },
    { heading: '退费', clauses: [{ text: '开课前全额退费。', key: 'refund' }, { text: '其余按课时退费。' }] },
  ],
  signatures: ['甲方（盖章）：'],
};

describe('numbers', () => {
  it.each([
    [1, '一'],
    [9, '九'],
    [10, '十'],
    [11, '十一'],
    [20, '二十'],
    [35, '三十五'],
    [99, '九十九'],
  ])('%i is %s', (n, zh) => expect(chineseNumeral(n)).toBe(zh));

  it('refuses what contracts never number', () => {
    for (const n of [0, 100, 1.5, -1]) expect(() => chineseNumeral(n)).toThrow(RangeError);
  });

  it('numbers articles and clauses from their place', () => {
    expect(articleNumber(0)).toBe('第一条');
    expect(articleNumber(11)).toBe('第十二条');
    expect(clauseNumber(1)).toBe('（二）');
  });
});

describe('the plain text', () => {
  const text = contractPlainText(SMALL);

  it('lays the contract out in reading order, headings set apart by blank lines', () => {
    expect(text).toBe(
      [
        '《测试合同（示范文本）》',
        '编号：T-1　制定：测试部门　发布：2024年1月',
        '',
        '说明：测试来源。',
        '',
        '使用说明',
        '',
        '一、说明一。',
        '',
        '合同当事人',
        '',
        '甲方：',
        '名称：____________',
        '双方协商一致。',
        '',
        '第一条　服务',
        '',
        '（一）提供服务。',
        '',
        '第二条　退费',
        '',
        '【重点条款：退费】（一）开课前全额退费。',
        '（二）其余按课时退费。',
        '',
        '签署',
        '',
        '甲方（盖章）：',
        '',
      ].join('\n'),
    );
  });

  it('carries no byte order mark and no carriage return', () => {
    for (const c of CONTRACT_TEXTS) {
      const t = contractPlainText(c);
      expect(t.charCodeAt(0)).not.toBe(0xfeff);
      expect(t).not.toContain('\r');
    }
  });

  it('marks a key clause with its label in the blocks the PDF draws', () => {
    const key = contractBlocks(SMALL).filter((b) => b.kind === 'clause' && b.key);
    expect(key).toEqual([{ kind: 'clause', number: '（一）', text: '开课前全额退费。', key: { kind: 'refund', label: KEY_CLAUSE_LABELS.refund } }]);
  });
});

describe('the contract texts', () => {
  it.each(CONTRACT_TEXTS.map((c) => [c.code, c] as const))('%s is a whole contract with its key clauses marked', (_code, c) => {
    const headings = c.articles.map((a) => a.heading);
    expect(headings).toEqual(expect.arrayContaining(['退费', '违约责任', '争议处理', '其他']));
    expect(headings.some((h) => h.includes('费'))).toBe(true);
    const keys = new Set(c.articles.flatMap((a) => a.clauses.flatMap((cl) => (cl.key ? [cl.key] : []))));
    expect(keys).toEqual(new Set(['refund', 'prepaid_cap', 'fund_supervision']));
    const all = contractPlainText(c);
    // The prepaid cap of 教监管函〔2021〕2号 and the choice of supervision are written out.
    expect(all).toMatch(/3个月/);
    expect(all).toContain('5000元');
    expect(all).toMatch(/银行托管|风险保证金/);
    // Which text prevails is said at the top.
    expect(all.split('\n').slice(0, 5).join('')).toContain('以正式文本为准');
  });

  it('finds a text by its code', () => {
    expect(contractText('GF-2021-2604')?.basis).toBe('official');
    expect(contractText('NOPE')).toBeNull();
  });
});
