import { describe, expect, it } from 'vitest';
import { CATEGORY_KEYWORDS } from '../../../src/domain/complaints/category-keywords';
import { MAX_ALTERNATIVES, MIN_SUGGESTION_SCORE, scoreCategories, suggestCategory } from '../../../src/domain/complaints/category-suggest';
import { COMPLAINT_CATEGORIES } from '../../../src/domain/complaints/complaint-categories';
import { DESCRIPTION_CASES } from '../../fixtures/category-descriptions';

describe('suggestCategory: descriptions as residents write them', () => {
  it('has a case for every category that can be suggested', () => {
    const covered = new Set(DESCRIPTION_CASES.map((c) => c.category));
    for (const category of COMPLAINT_CATEGORIES) if (category !== 'other') expect(covered, category).toContain(category);
  });

  it.each(DESCRIPTION_CASES)('$text → $category', ({ text, category, matched }) => {
    const { top } = suggestCategory(text);
    expect(top?.category ?? null).toBe(category);
    if (top && matched) for (const word of matched) expect(top.matched).toContain(word);
  });
});

describe('suggestCategory: explanations', () => {
  it('lists the matched words in the order they appear', () => {
    const { top, alternatives } = suggestCategory('老板突然关门跑路了，还有两万多课时费没上完');
    expect(top).toEqual({ category: 'prepaid_card', score: 10, matched: ['关门', '跑路', '课时费', '没上完'] });
    // 跑路 also hints at a crime, so crime is offered as an alternative.
    expect(alternatives).toEqual([{ category: 'crime', score: 2, matched: ['跑路'] }]);
  });

  it('counts a longer word instead of the shorter words inside it', () => {
    const { top } = suggestCategory('机构把我们的信息泄露了');
    expect(top).toEqual({ category: 'network_security', score: 5, matched: ['信息泄露'] });
  });

  it('counts a word once however often it is repeated', () => {
    expect(suggestCategory('退费退费退费').top).toEqual({ category: 'fees_refund', score: 4, matched: ['退费'] });
  });

  it('still counts a short word where it stands on its own', () => {
    const { top } = suggestCategory('骗了我们的钱，这是诈骗');
    expect(top?.matched).toEqual(['骗', '诈骗']);
    expect(top?.score).toBe(7);
  });

  it('reads full-width letters and ignores spaces', () => {
    expect(suggestCategory('他们 要 我 办 消 费 贷').top?.category).toBe('consumer_loan');
    expect(suggestCategory('ＡＰＰ里充值了会员卡').top?.matched).toEqual(['充值', '会员卡']);
  });

  it(`suggests nothing below ${MIN_SUGGESTION_SCORE} points, but keeps the weak hints as alternatives`, () => {
    const result = suggestCategory('学费有点贵，小区里也不方便');
    expect(result.top).toBeNull();
    expect(result.alternatives.map((a) => a.category)).toEqual(['residential_use', 'fees_refund']);
  });

  it('suggests nothing at all when nothing matches', () => {
    expect(suggestCategory('请问这个网站怎么用')).toEqual({ top: null, alternatives: [] });
    expect(suggestCategory('   ')).toEqual({ top: null, alternatives: [] });
  });

  it(`offers at most ${MAX_ALTERNATIVES} alternatives, best first`, () => {
    const { top, alternatives } = suggestCategory('机构跑路了，退费无门，老师欠薪，也不开发票，还有消防隐患，外教也没有签证');
    expect(top).not.toBeNull();
    expect(alternatives.length).toBe(MAX_ALTERNATIVES);
    const scores = [top!.score, ...alternatives.map((a) => a.score)];
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('breaks ties by the order of the category list', () => {
    // 广告 (advertising, 3) and 预收 (prepaid_card, 3): advertising comes first in the list.
    expect(scoreCategories('广告预收').map((s) => s.category)).toEqual(['advertising', 'prepaid_card']);
  });
});

describe('the keyword table', () => {
  it('has positive whole-number weights up to 5 and never suggests "other"', () => {
    expect(Object.keys(CATEGORY_KEYWORDS)).not.toContain('other');
    for (const words of Object.values(CATEGORY_KEYWORDS)) {
      for (const [word, weight] of Object.entries(words)) {
        expect(word.trim(), word).toBe(word);
        expect(Number.isInteger(weight) && weight >= 1 && weight <= 5, word).toBe(true);
      }
    }
  });
});
