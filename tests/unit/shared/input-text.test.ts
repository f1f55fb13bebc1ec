/**
 * The input gate (src/domain/shared/input-text.ts): which characters may enter, the NFC form
 * they enter in, where a refusal is reported, and what a search box keeps of a typed query.
 */
import { describe, expect, it } from 'vitest';
import { forgivingText, gatedString, gateEntries, gateUrl, gateValue, normalizeText, textFault } from '../../../src/domain/shared/input-text';

const LONE_HIGH = '\uD800';

describe('textFault', () => {
  it.each([
    ['NUL', 'a\u0000b', 0x00],
    ['a C0 control (bell)', 'ring\u0007', 0x07],
    ['vertical tab', 'a\u000Bb', 0x0b],
    ['DEL', 'x\u007F', 0x7f],
    ['a C1 control (NEL)', 'next\u0085line', 0x85],
  ])('refuses %s and names its code point', (_what, text, codePoint) => {
    expect(textFault(text)).toEqual({ kind: 'control', codePoint });
  });

  it('refuses a lone surrogate, high or low', () => {
    expect(textFault(`ab${LONE_HIGH}`)).toEqual({ kind: 'surrogate' });
    expect(textFault('\uDC00ab')).toEqual({ kind: 'surrogate' });
  });

  it('lets through tab, line breaks, Chinese, full-width punctuation and emoji', () => {
    expect(textFault('第一行\r\n第二行\t（收费 5,000 元）😀')).toBeNull();
  });
});

describe('normalizeText and forgivingText', () => {
  it('brings text typed with a combining accent to the precomposed form', () => {
    expect(normalizeText('Cafe\u0301')).toBe('Café');
    expect(normalizeText('Cafe\u0301')).toHaveLength(4);
  });

  it('strips what a search box should forgive and keeps the rest', () => {
    expect(forgivingText(`英\u0000语${LONE_HIGH}\u0085培训`)).toBe('英语培训');
    expect(forgivingText('a\tb\nc')).toBe('a\tb\nc');
  });
});

describe('gateEntries (forms, query strings)', () => {
  it('names the field of the first refused value, with a sentence a person understands', () => {
    const gated = gateEntries([
      ['name', '普陀英语'],
      ['description', '多收\u0000费'],
    ]);
    expect(gated.ok).toBe(false);
    if (gated.ok) return;
    expect(gated.refusal.field).toBe('description');
    expect(gated.refusal.message).toContain('U+0000');
    expect(gated.refusal.message).toContain('控制字符');
  });

  it('passes a clean form in NFC, order and repeated names kept', () => {
    expect(gateEntries([['a', 'e\u0301'], ['b', '1'], ['a', '2']])).toEqual({ ok: true, value: [['a', 'é'], ['b', '1'], ['a', '2']] });
  });
});

describe('gateValue (JSON)', () => {
  it('reports the path of a refused string deep in a document', () => {
    const gated = gateValue({ items: [{ name: 'ok' }, { name: 'bad\u0001' }] });
    expect(gated.ok).toBe(false);
    if (!gated.ok) expect(gated.refusal.field).toBe('items[1].name');
  });

  it('refuses a control character in an object key', () => {
    const gated = gateValue({ 'ad\u0000dress': 'x' });
    expect(gated.ok).toBe(false);
  });

  it('normalises strings and leaves numbers, booleans and null as they are', () => {
    expect(gateValue({ a: 'e\u0301', n: -1e308, b: false, z: null, list: ['e\u0301'] })).toEqual({ ok: true, value: { a: 'é', n: -1e308, b: false, z: null, list: ['é'] } });
  });

  it('refuses a document nested past 64 levels instead of overflowing the stack', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 10_000; i++) deep = [deep];
    const gated = gateValue(deep);
    expect(gated.ok).toBe(false);
    if (!gated.ok) expect(gated.refusal.message).toContain('嵌套');
  });
});

describe('gateUrl (the address)', () => {
  it('refuses a query field by name and offers the query without the forbidden characters', () => {
    const gate = gateUrl('/institutions', new URLSearchParams('q=a%00b&street=caoyang'));
    expect(gate).toMatchObject({ ok: false, where: 'query', field: 'q' });
    if (!gate.ok && gate.where === 'query') expect(new URLSearchParams(gate.cleanedSearch).get('q')).toBe('ab');
  });

  it('refuses a path segment that holds a control character, raw or percent-encoded', () => {
    expect(gateUrl('/institutions/%00', new URLSearchParams())).toMatchObject({ ok: false, where: 'path' });
    expect(gateUrl('/institutions/a\u0000', new URLSearchParams())).toMatchObject({ ok: false, where: 'path' });
    expect(gateUrl('/institutions/%0A', new URLSearchParams())).toMatchObject({ ok: false, where: 'path' });
  });

  it('leaves a segment that is not percent-encoding to its route (a decoded "%" in a record address)', () => {
    expect(gateUrl('/verify/%', new URLSearchParams())).toEqual({ ok: true });
    expect(gateUrl('/institutions/%E4%B8', new URLSearchParams())).toEqual({ ok: true });
  });

  it('passes Chinese in the path and the query', () => {
    expect(gateUrl('/institutions/%E6%99%AE%E9%99%80', new URLSearchParams('q=英语'))).toEqual({ ok: true });
  });
});

describe('gatedString (zod)', () => {
  it('refuses with the field message and otherwise gives NFC', () => {
    expect(gatedString.safeParse('e\u0301').data).toBe('é');
    const refused = gatedString.safeParse('a\u0000');
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toContain('U+0000');
  });
});
