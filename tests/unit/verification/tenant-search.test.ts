import { describe, expect, it } from 'vitest';
import { addressSearchText, certainMatch, looksLikeAddress } from '../../../src/domain/verification/tenant-search';

describe('finding a tenant by name or address', () => {
  it.each([
    ['上海市普陀区金沙江路1000弄5号', '金沙江路1000弄5号'],
    ['普陀区 金沙江路１０００弄', '金沙江路1000弄'],
    ['金沙江路', '金沙江路'],
    ['上海普陀', null],
    ['1号', null],
  ] as const)('%s is searched in addresses as %s', (typed, expected) => {
    expect(addressSearchText(typed)).toBe(expected);
  });

  it.each([
    ['金沙江路1000弄', true],
    ['梅川路', true],
    ['武宁路１号', true],
    ['星光英语', false],
    ['xingguang', false],
  ] as const)('%s reads like an address: %s', (typed, expected) => {
    expect(looksLikeAddress(typed)).toBe(expected);
  });

  it('verifies at once only one match named exactly as typed', () => {
    const one = [{ name: '上海市普陀区星光英语培训学校' }];
    expect(certainMatch('上海市普陀区 星光英语培训学校', one)).toBe(one[0]);
    expect(certainMatch('星光英语', one)).toBeNull();
    expect(certainMatch('上海市普陀区星光英语培训学校', [...one, { name: '上海市普陀区星光英语培训学校' }])).toBeNull();
    expect(certainMatch('星光', [])).toBeNull();
  });
});
