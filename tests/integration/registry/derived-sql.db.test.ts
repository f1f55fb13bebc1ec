/**
 * The SQL filters of db/queries/registry/derived-sql.ts (licenceStateSql, listStatusSql, reached through
 * searchInstitutions) must select exactly the institutions whose overallLicenceState / listStatus
 * equals the filter value. One row per combination in tests/fixtures/derived-states.ts; the same
 * rows are then judged on days around TODAY, so every edge (expiry day, day 90, revocation or
 * removal today, a future effective date) is crossed from both sides.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { searchInstitutions } from '../../../db/queries/registry/institutions';
import { addDays, type IsoDate } from '../../../src/domain/shared/dates';
import { LICENCE_FILTERS, LIST_FILTERS } from '../../../src/domain/registry/institution-query';
import { overallLicenceState } from '../../../src/domain/registry/licence-state';
import { listStatus } from '../../../src/domain/registry/list-status';
import { LICENCE_CASES, LIST_CASES } from '../../fixtures/derived-states';
import { TODAY, type InstitutionFixture } from '../../fixtures/institutions';
import { forEachDriver } from '../../support/db-harness';
import { decisionDates, insertInstitutions, licenceDates } from '../../support/insert-fixtures';

const FIXTURES: InstitutionFixture[] = [
  ...LICENCE_CASES.map(({ key, licences }) => ({ key, name: `许可证${key}`, licences })),
  ...LIST_CASES.map(({ key, decisions }) => ({ key, name: `名单${key}`, decisions })),
];

/** Days, relative to TODAY, on which the SQL and the domain functions are compared. */
const DAYS = [-1, 0, 1, 29, 30, 31, 89, 90, 91];

const domainLicenceState = (f: InstitutionFixture, day: IsoDate) => overallLicenceState((f.licences ?? []).map((l) => licenceDates(l)), day);
const domainListStatus = (f: InstitutionFixture, day: IsoDate) => listStatus(decisionDates(f), day);

describe('the fixture table says what the domain functions say', () => {
  it.each(LICENCE_CASES)('licence: $key -> $state', ({ licences, state }) => {
    expect(overallLicenceState(licences.map((l) => licenceDates(l)), TODAY)).toBe(state);
  });
  it.each(LIST_CASES)('list: $key -> $status', (c) => {
    expect(domainListStatus({ key: c.key, name: c.key, decisions: c.decisions }, TODAY)).toBe(c.status);
  });
});

forEachDriver('derived-state filters agree with the domain', (t) => {
  const keyOf = new Map<number, string>();

  beforeAll(async () => {
    for (const [key, { id }] of await insertInstitutions(t.db, FIXTURES)) keyOf.set(id, key);
  });

  async function filtered(filter: { licence?: (typeof LICENCE_FILTERS)[number]; status?: (typeof LIST_FILTERS)[number] }, day: IsoDate) {
    const result = await searchInstitutions(t.db, { q: undefined, page: 1, ...filter }, day, 1000);
    expect(result.total).toBe(result.items.length);
    return result.items.map((i) => keyOf.get(i.id)!).sort();
  }

  const expectedKeys = (judge: (f: InstitutionFixture) => string, value: string) =>
    FIXTURES.filter((f) => judge(f) === value)
      .map((f) => f.key)
      .sort();

  describe.each(DAYS)('on TODAY %+d', (offset) => {
    const day = addDays(TODAY, offset);

    it.each(LICENCE_FILTERS)('licence=%s selects exactly that overall licence state', async (value) => {
      expect(await filtered({ licence: value }, day)).toEqual(expectedKeys((f) => domainLicenceState(f, day), value));
    });

    it.each(LIST_FILTERS)('status=%s selects exactly that list status', async (value) => {
      expect(await filtered({ status: value }, day)).toEqual(expectedKeys((f) => domainListStatus(f, day), value));
    });
  });

  it('leaves out only licences not yet in force, and puts no institution under two licence filters', async () => {
    const found = (await Promise.all(LICENCE_FILTERS.map((value) => filtered({ licence: value }, TODAY)))).flat();
    expect(new Set(found).size).toBe(found.length);
    const missing = FIXTURES.map((f) => f.key).filter((k) => !found.includes(k));
    expect(missing.sort()).toEqual(LICENCE_CASES.filter((c) => c.state === 'not_yet_valid').map((c) => c.key).sort());
  });

  it('shows on each result the state it was selected by', async () => {
    const result = await searchInstitutions(t.db, { q: undefined, page: 1, licence: 'expiring', status: 'none' }, TODAY, 1000);
    expect(result.items.length).toBeGreaterThan(0);
    for (const item of result.items) expect([item.licenceState, item.listStatus]).toEqual(['expiring', 'none']);
  });
});
