import { describe, expect, it } from 'vitest';
import { compareAddresses, normaliseAddress } from '../../../src/domain/verification/address';
import { chineseNumeralValue } from '../../../src/domain/shared/chinese-numerals';
import { ADDRESS_PAIRS } from '../../fixtures/address-pairs';

describe('address pairs', () => {
  it('holds at least 30 pairs, with matches and near misses of every kind', () => {
    expect(ADDRESS_PAIRS.length).toBeGreaterThanOrEqual(30);
    for (const outcome of ['match', 'probably_same', 'different', 'unparseable'] as const) {
      expect(ADDRESS_PAIRS.filter((p) => p.outcome === outcome).length).toBeGreaterThanOrEqual(3);
    }
  });

  it.each(ADDRESS_PAIRS)('$why: $given ~ $recorded → $outcome', ({ given, recorded, outcome, reason }) => {
    const result = compareAddresses(given, recorded);
    expect(result.outcome).toBe(outcome);
    expect(result.reasons.length).toBeGreaterThan(0);
    if (reason) expect(result.reasons.join('；')).toContain(reason);
  });

  it.each(ADDRESS_PAIRS)('is symmetric in its outcome: $why', ({ given, recorded, outcome }) => {
    expect(compareAddresses(recorded, given).outcome).toBe(outcome);
  });
});

describe('normaliseAddress', () => {
  it('reads each part', () => {
    expect(normaliseAddress('上海市普陀区金沙江路１０００号5幢三楼301')).toEqual({
      ok: true,
      parts: { district: '普陀区', road: '金沙江路', lane: null, number: '1000', building: '5', floor: '3', room: '301' },
      normalised: '金沙江路1000号5幢3楼301室',
    });
    expect(normaliseAddress('梅川路1000弄5号301室')).toMatchObject({ ok: true, parts: { lane: '1000', number: '5', room: '301' } });
    expect(normaliseAddress('金沙江路1000弄5支弄3号')).toMatchObject({ ok: true, parts: { lane: '1000-5', number: '3' }, normalised: '金沙江路1000弄5支弄3号' });
    expect(normaliseAddress('真北路1108号B座12F')).toMatchObject({ ok: true, parts: { building: 'B', floor: '12' }, normalised: '真北路1108号B座12楼' });
  });

  it('keeps a district other than Putuo, and 普陀路 as a road', () => {
    expect(normaliseAddress('上海市静安区常德路800号')).toMatchObject({ ok: true, parts: { district: '静安区', road: '常德路' } });
    expect(normaliseAddress('普陀路200号')).toMatchObject({ ok: true, parts: { district: null, road: '普陀路', number: '200' } });
  });

  it('says why it cannot read an address', () => {
    expect(normaliseAddress('')).toMatchObject({ ok: false, reason: '地址是空的' });
    expect(normaliseAddress('金沙江路')).toMatchObject({ ok: false });
    expect(normaliseAddress('环球港5楼')).toMatchObject({ ok: false });
  });
});

describe('chineseNumeralValue', () => {
  it.each([
    ['三', 3], ['十', 10], ['十二', 12], ['二十', 20], ['二十三', 23], ['一百零五', 105], ['一千', 1000], ['两千零八', 2008], ['三零一', 301], ['〇', 0],
  ] as const)('%s = %d', (text, value) => {
    expect(chineseNumeralValue(text)).toBe(value);
  });

  it.each(['', '十百', '三五十', '甲'])('refuses %j', (text) => {
    expect(chineseNumeralValue(text)).toBeNull();
  });
});
