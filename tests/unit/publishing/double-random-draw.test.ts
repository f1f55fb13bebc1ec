import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { draw, newSeed, type DrawCandidate, type DrawInspector } from '../../../src/domain/publishing/double-random-draw';

const population: DrawCandidate[] = Array.from({ length: 40 }, (_, i) => ({
  creditCode: `91310107MA1G${String(i).padStart(6, '0')}`,
  name: `机构${i}`,
}));
const inspectors: DrawInspector[] = ['E01', 'E02', 'E03', 'E04', 'E05'].map((id) => ({ id, name: `检查员${id}` }));
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

describe('double-random draw', () => {
  it('gives the same draw for the same seed and inputs, whatever order the population comes in', () => {
    const a = draw({ seed: 'abc123', size: 5, population, inspectors });
    const b = draw({ seed: 'abc123', size: 5, population: [...population].reverse(), inspectors: [...inspectors].reverse() });
    expect(a).toEqual(b);
    expect(a.ok && a.drawn).toHaveLength(5);
  });

  it('gives a different draw for a different seed', () => {
    const a = draw({ seed: 'seed-one', size: 5, population, inspectors });
    const b = draw({ seed: 'seed-two', size: 5, population, inspectors });
    expect(a.ok && b.ok && a.drawn.map((d) => d.institution.creditCode)).not.toEqual(b.ok && b.drawn.map((d) => d.institution.creditCode));
  });

  it('can be re-run by anyone with SHA-256: the drawn institutions are those with the lowest hash', () => {
    const r = draw({ seed: 'public-seed', size: 3, population, inspectors });
    const expected = population
      .map((c) => ({ c: c.creditCode, h: sha(`public-seed|${c.creditCode}`) }))
      .sort((x, y) => (x.h < y.h ? -1 : 1))
      .slice(0, 3)
      .map((x) => x.c);
    expect(r.ok && r.drawn.map((d) => d.institution.creditCode)).toEqual(expected);
    const first = r.ok ? r.drawn[0]! : null;
    const expectedInspectors = inspectors
      .map((i) => ({ id: i.id, h: sha(`public-seed|${first!.institution.creditCode}|${i.id}`) }))
      .sort((x, y) => (x.h < y.h ? -1 : 1))
      .slice(0, 2)
      .map((x) => x.id);
    expect(first!.inspectors.map((i) => i.id)).toEqual(expectedInspectors);
  });

  it('assigns two different inspectors to every drawn institution and never draws one twice', () => {
    const r = draw({ seed: newSeed(), size: 40, population, inspectors });
    if (!r.ok) throw new Error(r.message);
    expect(new Set(r.drawn.map((d) => d.institution.creditCode)).size).toBe(40);
    for (const d of r.drawn) expect(new Set(d.inspectors.map((i) => i.id)).size).toBe(2);
  });

  it.each([
    [{ size: 41 }, '抽取数量（41）超过了符合条件的机构数量（40）。'],
    [{ population: [] }, '按所选条件没有可抽取的机构。'],
    [{ inspectors: inspectors.slice(0, 1) }, '检查人员库至少需要 2 人，目前只有 1 人。'],
    [{ population: [population[0]!, population[0]!] }, '抽查对象名单中有重复的机构。'],
  ])('refuses inputs that cannot make a draw: %o', (change, message) => {
    expect(draw({ seed: 's', size: 1, population, inspectors, ...change })).toEqual({ ok: false, message });
  });

  it('makes seeds of 128 random bits', () => {
    expect(newSeed()).toMatch(/^[0-9a-f]{32}$/);
    expect(newSeed()).not.toBe(newSeed());
  });
});
