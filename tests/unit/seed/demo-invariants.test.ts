/**
 * The demo tells one story per institution (db/seed/story.ts), so no record contradicts another.
 * Checked on the generator's rows for a few seeds and reference days, about 2,000 institutions each.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { draw } from '../../../src/domain/publishing/double-random-draw';
import { licenceState, overallLicenceState } from '../../../src/domain/registry/licence-state';
import { generateDemo } from '../../../db/seed/generate';

const RUNS = [
  { seed: 20200403, count: 2000, today: '2026-12-08' },
  { seed: 7, count: 1500, today: '2026-03-25' },
  { seed: 42, count: 600, today: '2025-11-20' },
];

/** Rows of one data set grouped by institution id. */
function groupBy<T extends { institutionId: number }>(rows: readonly T[]): Map<number, T[]> {
  const m = new Map<number, T[]>();
  for (const r of rows) m.set(r.institutionId, [...(m.get(r.institutionId) ?? []), r]);
  return m;
}

describe.each(RUNS)('demo invariants (seed $seed, $count institutions, as of $today)', ({ seed, count, today }) => {
  const demo = generateDemo({ seed, count, today });
  const licences = groupBy(demo.licences.map((l) => ({ ...l, revokedOn: l.revokedOn ?? null })));
  const inspections = groupBy(demo.inspections);
  const decisions = groupBy(demo.listDecisions);
  const warningDay = new Map(demo.riskWarnings.map((w) => [w.id, w.publishedOn]));

  it('issues every licence on or after the day the institution was founded', () => {
    const bad = demo.institutions.flatMap((i) => (licences.get(i.id) ?? []).filter((l) => l.issuedOn < i.registeredOn).map((l) => `${i.name}: ${l.issuedOn} < ${i.registeredOn}`));
    expect(bad).toEqual([]);
  });

  it('never shows an institution without a licence in force as operating normally, once it held one', () => {
    // The rule: revoked or expired (overall, see overallLicenceState) ⇒ suspended or closed; a
    // closed institution never holds a licence in force.
    for (const i of demo.institutions) {
      const state = overallLicenceState(licences.get(i.id) ?? [], today);
      if (state === 'revoked' || state === 'expired') expect(i.operatingStatus, `${i.name} (${state})`).not.toBe('operating');
      if (i.operatingStatus === 'closed') expect(['valid', 'expiring']).not.toContain(state);
    }
  });

  it('inspects nothing after a suspension or closure, and finds nothing "与许可范围一致" without a licence in force', () => {
    for (const i of demo.institutions) {
      const own = inspections.get(i.id) ?? [];
      const mine = licences.get(i.id) ?? [];
      const endedOn = mine.map((l) => l.revokedOn).find((d) => d != null);
      for (const x of own) {
        expect(x.inspectedOn >= i.registeredOn, `${i.name} inspected before it was founded`).toBe(true);
        if (endedOn) expect(x.inspectedOn < endedOn, `${i.name} inspected after its licence was revoked`).toBe(true);
        if (x.findings.includes('与许可（登记）范围一致') && mine.length > 0) {
          const inForce = mine.some((l) => l.issuedOn <= x.inspectedOn && x.inspectedOn <= l.expiresOn && (l.revokedOn == null || x.inspectedOn < l.revokedOn));
          expect(inForce, `${i.name} ${x.inspectedOn}`).toBe(true);
        }
      }
      // The records date a stop only through the licence: a suspended or closed institution whose
      // licence expired was last inspected while it was in force.
      const lastLicence = mine.at(-1);
      if (i.operatingStatus !== 'operating' && lastLicence && licenceState(lastLicence, today) === 'expired') {
        expect(own.every((x) => x.inspectedOn <= lastLicence.expiresOn), i.name).toBe(true);
      }
    }
  });

  it('dates every profile "as of" no earlier than its latest record', () => {
    const warnedOn = new Map<number, string[]>();
    for (const l of demo.warningInstitutions) warnedOn.set(l.institutionId, [...(warnedOn.get(l.institutionId) ?? []), warningDay.get(l.warningId)!]);
    for (const i of demo.institutions) {
      const days = [
        ...(decisions.get(i.id) ?? []).flatMap((d) => [d.effectiveOn, d.removedOn]),
        ...(inspections.get(i.id) ?? []).flatMap((x) => [x.inspectedOn, x.publishedOn]),
        ...(licences.get(i.id) ?? []).flatMap((l) => [l.issuedOn, l.revokedOn]),
        ...(warnedOn.get(i.id) ?? []),
      ].filter((d): d is string => d != null);
      const latest = days.sort().at(-1);
      if (latest) expect(i.asOf >= latest, `${i.name}: as of ${i.asOf}, latest record ${latest}`).toBe(true);
      expect(i.asOf <= today).toBe(true);
    }
  });

  it('keeps list decisions in step with the operating status: no whitelisting in force for a stopped institution', () => {
    for (const i of demo.institutions) {
      if (i.operatingStatus === 'operating') continue;
      const white = (decisions.get(i.id) ?? []).filter((d) => d.list === 'white' && (d.removedOn == null || d.removedOn > today));
      expect(white, i.name).toEqual([]);
    }
  });

  it('cites, for every double-random inspection, a draw that exists, drew the institution, and re-runs to the same result', () => {
    const draws = new Map(demo.inspectionDraws.map((d) => [d.id, d]));
    const codes = new Map(demo.institutions.map((i) => [i.id, i.creditCode]));
    const drs = demo.inspections.filter((x) => x.kind === 'double_random');
    expect(drs.length).toBeGreaterThan(0);
    for (const x of drs) {
      const d = draws.get(x.drawId!);
      expect(d, `inspection ${x.id} cites draw ${x.drawId}`).toBeDefined();
      const drawn = (d!.result as { creditCode: string }[]).map((r) => r.creditCode);
      expect(drawn).toContain(codes.get(x.institutionId));
      expect(x.inspectedOn >= d!.plannedOn).toBe(true);
      expect(x.department).toBe(d!.department);
    }
    // Each draw is a real one: the published seed, population and pool give the published result.
    for (const d of demo.inspectionDraws) {
      const population = d.population.map((creditCode) => ({ creditCode, name: '' }));
      const rerun = draw({ seed: d.seed, size: d.size, population, inspectors: d.pool as { id: string; name: string }[] });
      expect(rerun.ok).toBe(true);
      const result = d.result as { creditCode: string; inspectors: { id: string }[] }[];
      if (rerun.ok) expect(rerun.drawn.map((r) => [r.institution.creditCode, r.inspectors.map((p) => p.id)])).toEqual(result.map((r) => [r.creditCode, r.inspectors.map((p) => p.id)]));
      expect(new Date(d.drawnAt!).toISOString().slice(0, 10) <= d.plannedOn).toBe(true);
    }
    // Every drawn institution has its double-random inspection.
    const cited = new Set(drs.map((x) => `${x.drawId}|${codes.get(x.institutionId)}`));
    for (const d of demo.inspectionDraws) for (const r of d.result as { creditCode: string }[]) expect(cited.has(`${d.id}|${r.creditCode}`)).toBe(true);
  });

  it('names in a warning only institutions that showed the problem by the day it was published', () => {
    const byId = new Map(demo.institutions.map((i) => [i.id, i]));
    for (const l of demo.warningInstitutions) expect(byId.get(l.institutionId)!.registeredOn <= warningDay.get(l.warningId)!).toBe(true);
  });
});

describe('demo generation', () => {
  it('is deterministic, draws included', () => {
    const digest = () => createHash('sha256').update(JSON.stringify(generateDemo({ seed: 5, count: 300, today: '2026-06-30' }))).digest('hex');
    expect(digest()).toBe(digest());
  });
});
