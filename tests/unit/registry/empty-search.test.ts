import { describe, expect, it } from 'vitest';
import { distinctivePart, emptySearchSuggestions, hasNarrowingFilters, shorterQuery } from '../../../src/domain/registry/empty-search';

describe('suggestions after an empty search', () => {
  it.each([
    // why, typed, expected suggestions in order
    ['a full legal name: its distinctive part, its pinyin and initials', '上海市普陀区星光英语培训学校有限公司', [
      { kind: 'shorter', q: '星光英语' },
      { kind: 'pinyin', q: 'xingguangyingyu' },
      { kind: 'initials', q: 'xgyy' },
    ]],
    ['a short distinctive name: its pinyin finds homophones; two initials are too broad', '新光', [{ kind: 'pinyin', q: 'xinguang' }]],
    ['a long name without generic words: its first half', '星光灿烂少儿舞蹈', [
      { kind: 'shorter', q: '星光灿烂' },
      { kind: 'pinyin', q: 'xingguangcanlanshaoerwudao' },
      { kind: 'initials', q: 'xgclsewd' },
    ]],
    ['full-width and spaces are normalised first', '  星光 英语　培训中心 ', [
      { kind: 'shorter', q: '星光英语' },
      { kind: 'pinyin', q: 'xingguangyingyu' },
      { kind: 'initials', q: 'xgyy' },
    ]],
    ['ü is written v, as a query must be', '绿洲艺术', [
      { kind: 'shorter', q: '绿洲' },
      { kind: 'pinyin', q: 'lvzhouyishu' },
      { kind: 'initials', q: 'lzys' },
    ]],
    ['long pinyin: a shorter prefix', 'xingguangyingyu', [{ kind: 'shorter', q: 'xingguan' }]],
    ['short pinyin: nothing shorter to offer', 'xgyy', []],
    ['digits are a code or licence number: never shortened', '91310107MA1G0ABC1Y'.replace(/\D/g, ''), []],
    ['nothing typed', '   ', []],
  ] as const)('%s', (_why, typed, expected) => {
    expect(emptySearchSuggestions(typed)).toEqual(expected);
  });

  it('never suggests what was searched, nor the same query twice, and at most three', () => {
    for (const typed of ['星光', '上海星光', '星光英语培训学校', 'abcdefghij', '上海市普陀区长风青少年科技创新培训中心']) {
      const s = emptySearchSuggestions(typed);
      expect(s.length).toBeLessThanOrEqual(3);
      expect(new Set(s.map((x) => x.q)).size).toBe(s.length);
      expect(s.map((x) => x.q)).not.toContain(typed);
    }
  });

  it('keeps at least two characters of a Chinese name', () => {
    expect(distinctivePart('上海培训学校')).toBeNull();
    expect(distinctivePart('普陀区童画工作室')).toBe('童画');
    expect(shorterQuery('童画')).toBeNull();
    expect(shorterQuery('童画乐园')).toBe('童画');
  });

  it('says whether filters narrowed the search (text, sort and page do not)', () => {
    expect(hasNarrowingFilters({ q: '星光', sort: 'name', page: 2 })).toBe(false);
    expect(hasNarrowingFilters({ q: '星光', street: 'changfeng' })).toBe(true);
    expect(hasNarrowingFilters({ licence: 'valid' })).toBe(true);
  });
});
