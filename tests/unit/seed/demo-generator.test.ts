import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { isValidCreditCode } from '../../../src/domain/registry/credit-code';
import { licenceState } from '../../../src/domain/registry/licence-state';
import { listStatus, type ListKind } from '../../../src/domain/registry/list-status';
import { entryPathFor, FIELDS, REGISTRATION_AUTHORITY, supervisingDepartment, type TrainingField } from '../../../src/domain/shared/reference';
import { searchColumns } from '../../../src/domain/registry/search';
import { contractFileText, MODEL_CONTRACTS } from '../../../db/seed/contracts';
import { contractText } from '../../../src/domain/publishing/contract-texts';
import { DemoGenerator, generateDemo } from '../../../db/seed/generate';

const TODAY = '2026-03-25';
const demo = generateDemo({ seed: 42, count: 600, today: TODAY });

describe('demo data generator', () => {
  it('gives identical data for the same seed, count and day, and different data for another seed', () => {
    expect(JSON.stringify(generateDemo({ seed: 42, count: 600, today: TODAY }))).toBe(JSON.stringify(demo));
    expect(generateDemo({ seed: 43, count: 5, today: TODAY }).institutions[0]!.name).not.toBe(demo.institutions[0]!.name);
  });

  it('does not depend on the batch size', () => {
    const small = new DemoGenerator({ seed: 42, count: 600, today: TODAY });
    const names = [...small.batches(7)].flatMap((b) => b.institutions.map((i) => i.name));
    expect(names).toEqual(demo.institutions.map((i) => i.name));
  });

  it('makes valid, unique credit codes with the prefix of the legal form', () => {
    const codes = demo.institutions.map((i) => i.creditCode);
    expect(codes.every(isValidCreditCode)).toBe(true);
    expect(new Set(codes).size).toBe(codes.length);
    for (const i of demo.institutions) expect(i.creditCode.slice(0, 8)).toBe(i.legalForm === 'for_profit' ? '91310107' : '52310107');
  });

  it('keeps derived columns consistent with the domain rules', () => {
    for (const i of demo.institutions) {
      const fields = i.fields as TrainingField[];
      expect(i.entryPath).toBe(entryPathFor(fields));
      expect(i.supervisingDepartment).toBe(supervisingDepartment(fields));
      expect(i.registrationAuthority).toBe(REGISTRATION_AUTHORITY[i.legalForm as 'for_profit' | 'non_profit']);
      const s = searchColumns(i.name, i.formerNames ?? []);
      expect({ searchText: i.searchText, pinyin: i.pinyin, initials: i.initials }).toEqual({ searchText: s.searchText, pinyin: s.pinyin, initials: s.initials });
      expect(i.registeredOn <= TODAY).toBe(true);
    }
  });

  it('has unique licence numbers and every licence state', () => {
    const numbers = demo.licences.map((l) => l.number);
    expect(new Set(numbers).size).toBe(numbers.length);
    const states = new Set(demo.licences.map((l) => licenceState({ issuedOn: l.issuedOn, expiresOn: l.expiresOn, revokedOn: l.revokedOn ?? null }, TODAY)));
    expect([...states].sort()).toEqual(['expired', 'expiring', 'revoked', 'valid']);
    const licensedFieldIds = new Set(
      demo.institutions.filter((i) => (i.fields as TrainingField[]).some((f) => FIELDS[f].licenceRequired)).map((i) => i.id),
    );
    expect(demo.licences.filter((l) => licensedFieldIds.has(l.institutionId)).length).toBeGreaterThan(licensedFieldIds.size * 0.9);
  });

  it('has both lists and removals, and every blacklisting cites a failed inspection', () => {
    const inspections = new Map(demo.inspections.map((i) => [i.id, i]));
    const black = demo.listDecisions.filter((d) => d.list === 'black');
    expect(black.length).toBeGreaterThan(0);
    for (const d of black) expect(inspections.get(d.sourceInspectionId!)?.result).toBe('fail');
    const statuses = new Set(
      demo.institutions.map((i) =>
        listStatus(
          demo.listDecisions
            .filter((d) => d.institutionId === i.id)
            .map((d) => ({ list: d.list as ListKind, effectiveOn: d.effectiveOn, removedOn: d.removedOn ?? null })),
          TODAY,
        ),
      ),
    );
    expect([...statuses].sort()).toEqual(['black', 'none', 'white']);
    expect(demo.listDecisions.some((d) => d.removedOn && d.removalReason)).toBe(true);
  });

  it('publishes warnings over the last year, some naming institutions that exist', () => {
    const ids = new Set(demo.institutions.map((i) => i.id));
    expect(demo.riskWarnings.length).toBeGreaterThanOrEqual(10);
    expect(demo.warningInstitutions.length).toBeGreaterThan(0);
    for (const l of demo.warningInstitutions) expect(ids.has(l.institutionId)).toBe(true);
    expect(new Set(demo.riskWarnings.map((w) => w.severity))).toEqual(new Set(['info', 'caution', 'severe']));
  });

  it('ships the full text of every model contract, matching its data (after a change: npx tsx src/cli/write-contracts.ts)', () => {
    for (const c of MODEL_CONTRACTS) {
      expect(c.fileName).toBe(`${c.code}.txt`);
      expect(contractText(c.code)?.title).toBe(c.title);
      const text = readFileSync(new URL(`../../../public/contracts/${c.fileName}`, import.meta.url), 'utf8');
      expect(text).toBe(contractFileText(c));
    }
  });
});
