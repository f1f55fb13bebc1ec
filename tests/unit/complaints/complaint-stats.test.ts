import { describe, expect, it } from 'vitest';
import { displayCount, displayShare } from '../../../src/domain/complaints/complaint-stats';

describe('displayCount hides counts that could point at a person', () => {
  it.each([
    [0, '0'],
    [1, '< 3'],
    [2, '< 3'],
    [3, '3'],
    [12345, '12,345'],
  ])('%i -> %s', (n, shown) => expect(displayCount(n)).toBe(shown));
});

describe('displayShare', () => {
  it('gives no share below three cases', () => {
    expect(displayShare(2, 2)).toBeNull();
  });
  it('rounds to whole percent', () => {
    expect(displayShare(2, 3)).toBe('67%');
    expect(displayShare(5, 5)).toBe('100%');
  });
});
