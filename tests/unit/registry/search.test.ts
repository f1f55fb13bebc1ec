import { describe, expect, it } from 'vitest';
import {
  compactPinyin,
  normaliseText,
  pinyinInitials,
  planSearch,
  searchColumns,
  type SearchColumns,
  type SearchPlan,
} from '../../../src/domain/registry/search';
import { INSTITUTION_NAMES } from '../../fixtures/institution-names';

describe('normaliseText', () => {
  it.each([
    { input: 'ＡＢＣ１２３', output: 'abc123', why: 'full-width letters and digits' },
    { input: '长寿路 星光·英语（培训）学校！', output: '长寿路星光英语培训学校', why: 'spaces and Chinese punctuation' },
    { input: 'Star-Light  English', output: 'starlightenglish', why: 'case, hyphen and spaces' },
    { input: '“乐学”STEM，3D编程', output: '乐学stem3d编程', why: 'quotes and a full-width comma' },
    { input: '¥5000+/月', output: '5000月', why: 'symbols' },
    { input: '\u3000\t\n', output: '', why: 'only white space' },
  ])('$why: $input -> $output', ({ input, output }) => {
    expect(normaliseText(input)).toBe(output);
  });
});

describe('compactPinyin and pinyinInitials', () => {
  it.each([
    { name: '长寿路星光英语培训学校', pinyin: 'changshouluxingguangyingyupeixunxuexiao', initials: 'cslxgyypxxx' },
    { name: '长风新村', pinyin: 'changfengxincun', initials: 'cfxc' },
    { name: '长征镇', pinyin: 'changzhengzhen', initials: 'czz' },
    { name: '重庆路', pinyin: 'chongqinglu', initials: 'cql' },
    { name: '真如银行', pinyin: 'zhenruyinhang', initials: 'zryh' },
    // ü is typed v on a pinyin keyboard; a query can only hold [a-z0-9].
    { name: '绿洲', pinyin: 'lvzhou', initials: 'lz' },
    { name: '律动', pinyin: 'lvdong', initials: 'ld' },
    { name: '曹家渡ABC少儿英语', pinyin: 'caojiaduabcshaoeryingyu', initials: 'cjdabcseyy' },
    { name: 'Ｋｉｄｓ１２３美术', pinyin: 'kids123meishu', initials: 'kids123ms' },
    { name: '（星光）', pinyin: 'xingguang', initials: 'xg' },
    { name: '！？', pinyin: '', initials: '' },
  ])('$name -> $pinyin / $initials', ({ name, pinyin, initials }) => {
    expect(compactPinyin(name)).toBe(pinyin);
    expect(pinyinInitials(name)).toBe(initials);
  });
});

describe('searchColumns', () => {
  it('keys a two-character name by its characters, bigram, pinyin trigrams and initials', () => {
    const columns = searchColumns('英语');
    expect(columns).toMatchObject({ searchText: '英语', pinyin: 'yingyu', initials: 'yy' });
    expect(new Set(columns.keys)).toEqual(
      new Set(['c:英', 'c:语', 'c:英语', 'p:yin', 'p:ing', 'p:ngy', 'p:gyu', 'i:y', 'i:yy']),
    );
    expect(columns.keys).toEqual([...columns.keys].sort());
  });

  it('keeps former names after the current one, and never makes a key across two names', () => {
    const columns = searchColumns('星光英语', ['长寿英语', '  ', '']);
    expect(columns.searchText).toBe('星光英语|长寿英语');
    expect(columns.pinyin).toBe('xingguangyingyu|changshouyingyu');
    expect(columns.initials).toBe('xgyy|csyy');
    expect(columns.keys).toContain('c:长寿');
    expect(columns.keys).toContain('p:cha');
    expect(columns.keys).not.toContain('c:语长');
    expect(columns.keys).not.toContain('p:yuc');
    expect(columns.keys).not.toContain('i:yyc');
    expect(columns.keys.some((k) => k.includes('|'))).toBe(false);
  });

  it('normalises before keying', () => {
    expect(searchColumns('ＡＢ·英语')).toEqual(searchColumns('ab英语'));
  });
});

describe('planSearch', () => {
  it.each<{ query: string; plan: SearchPlan }>([
    { query: '', plan: { kind: 'empty' } },
    { query: ' ·！ ', plan: { kind: 'empty' } },
    { query: '英', plan: { kind: 'text', text: '英', keys: ['c:英'] } },
    { query: '英语', plan: { kind: 'text', text: '英语', keys: ['c:英语'] } },
    { query: '英语 培训', plan: { kind: 'text', text: '英语培训', keys: ['c:英语', 'c:语培', 'c:培训'] } },
    { query: '哈哈哈', plan: { kind: 'text', text: '哈哈哈', keys: ['c:哈哈'] } },
    {
      query: 'yingyu',
      plan: {
        kind: 'latin',
        text: 'yingyu',
        pinyinKeys: ['p:yin', 'p:ing', 'p:ngy', 'p:gyu'],
        initialKeys: ['i:yin', 'i:ing', 'i:ngy', 'i:gyu'],
        codePrefix: null, // I is not in the credit-code alphabet
      },
    },
    { query: 'yy', plan: { kind: 'latin', text: 'yy', pinyinKeys: null, initialKeys: ['i:yy'], codePrefix: 'YY' } },
    { query: 'Ｙ', plan: { kind: 'latin', text: 'y', pinyinKeys: null, initialKeys: ['i:y'], codePrefix: 'Y' } },
    { query: 'xgy', plan: { kind: 'latin', text: 'xgy', pinyinKeys: ['p:xgy'], initialKeys: ['i:xgy'], codePrefix: 'XGY' } },
    {
      query: '913101',
      plan: {
        kind: 'latin',
        text: '913101',
        pinyinKeys: null, // no letter, so it cannot be pinyin
        initialKeys: ['i:913', 'i:131', 'i:310', 'i:101'],
        codePrefix: '913101',
      },
    },
    {
      query: '9131 0107-ma',
      plan: {
        kind: 'latin',
        text: '91310107ma',
        pinyinKeys: ['p:913', 'p:131', 'p:310', 'p:101', 'p:010', 'p:107', 'p:07m', 'p:7ma'],
        initialKeys: ['i:913', 'i:131', 'i:310', 'i:101', 'i:010', 'i:107', 'i:07m', 'i:7ma'],
        codePrefix: '91310107MA',
      },
    },
  ])('plans $query', ({ query, plan }) => {
    expect(planSearch(query)).toEqual(plan);
  });

  it('takes a whole credit code as a code prefix, but not a longer string', () => {
    expect(planSearch('91350100m000100y43')).toMatchObject({ kind: 'latin', codePrefix: '91350100M000100Y43' });
    expect(planSearch('91350100m000100y431')).toMatchObject({ kind: 'latin', codePrefix: null });
  });

  it.each([
    { query: '星光yingyu', keys: ['c:星光', 'c:光y', 'c:yi', 'c:in', 'c:ng', 'c:gy', 'c:yu'] },
    { query: 'ABC少儿', keys: ['c:ab', 'c:bc', 'c:c少', 'c:少儿'] },
    { query: '3D编程', keys: ['c:3d', 'c:d编', 'c:编程'] },
  ])('matches mixed input $query as text', ({ query, keys }) => {
    const plan = planSearch(query);
    expect(plan.kind).toBe('text');
    expect(plan.kind === 'text' && new Set(plan.keys)).toEqual(new Set(keys));
  });
});

/**
 * What the database does with a plan (db/queries/registry/search-sql.ts): the GIN prefilter (the row's keys,
 * which ptp_search_keys() computes in SQL as searchColumns().keys, contain the plan's keys) and the
 * LIKE recheck of one alternative must both pass. Credit-code and licence prefixes
 * are left out: a name must be found through the name columns.
 */
function found(plan: SearchPlan, columns: SearchColumns): boolean {
  const keys = new Set(columns.keys);
  const hasAll = (wanted: string[]) => wanted.every((k) => keys.has(k));
  if (plan.kind === 'empty') return true;
  if (plan.kind === 'text') return hasAll(plan.keys) && columns.searchText.includes(plan.text);
  const byPinyin = plan.pinyinKeys !== null && hasAll(plan.pinyinKeys) && columns.pinyin.includes(plan.text);
  const byInitials = hasAll(plan.initialKeys) && columns.initials.includes(plan.text);
  return byPinyin || byInitials;
}

function substrings(text: string, minLength = 1): string[] {
  const chars = [...text];
  const out = new Set<string>();
  for (let i = 0; i < chars.length; i++) {
    for (let j = i + minLength; j <= chars.length; j++) out.add(chars.slice(i, j).join(''));
  }
  return [...out];
}

describe.each(INSTITUTION_NAMES)('the key prefilter never drops a true match for $name', ({ name, formerNames = [] }) => {
  const columns = searchColumns(name, formerNames);
  const keys = new Set(columns.keys);

  it.each([name, ...formerNames])('finds %s by every substring of it', (n) => {
    for (const s of substrings(n)) {
      const plan = planSearch(s);
      if (plan.kind === 'text') expect(plan.keys.filter((k) => !keys.has(k)), s).toEqual([]);
      expect(found(plan, columns), s).toBe(true);
    }
  });

  it.each([name, ...formerNames])('finds %s by every pinyin substring of three letters or more', (n) => {
    for (const s of substrings(compactPinyin(n), 3)) {
      const plan = planSearch(s);
      expect(plan.kind, s).toBe('latin');
      if (plan.kind === 'latin' && /[a-z]/.test(s)) expect(plan.pinyinKeys?.filter((k) => !keys.has(k)), s).toEqual([]);
      expect(found(plan, columns), s).toBe(true);
    }
  });

  it.each([name, ...formerNames])('finds %s by every substring of its initials', (n) => {
    for (const s of substrings(pinyinInitials(n))) {
      const plan = planSearch(s);
      expect(plan.kind, s).toBe('latin');
      if (plan.kind === 'latin') expect(plan.initialKeys.filter((k) => !keys.has(k)), s).toEqual([]);
      expect(found(plan, columns), s).toBe(true);
    }
  });
});

describe('the key prefilter still filters', () => {
  const columns = searchColumns('长寿路星光英语培训学校');
  it.each(['星英', '英语班', 'shoux', 'yingyb', 'xgz', '普陀'])('does not find 长寿路星光英语培训学校 by %s', (query) => {
    expect(found(planSearch(query), columns)).toBe(false);
  });
});
