/**
 * The demo data set (db/seed): the same (count, seed, today) writes the same rows into any fresh
 * database, every credit code is valid, and even a small data set shows every licence state and
 * both lists, so each badge and filter of the interface has something to show.
 */
import { createHash } from 'node:crypto';
import { asc } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDb, type Db, type DbHandle } from '../../../db/client';
import { migrate } from '../../../db/migrate';
import { datasetFacts } from '../../../db/queries/registry/publications';
import { searchInstitutions } from '../../../db/queries/registry/institutions';
import { currentList } from '../../../db/queries/registry/lists';
import { institutions, licences, listDecisions, riskWarnings } from '../../../db/schema';
import { resetData, seedDemo, type SeedDemoOptions } from '../../../db/seed/demo';
import { seedReference } from '../../../db/seed/reference';
import { isValidCreditCode } from '../../../src/domain/registry/credit-code';
import { LICENCE_FILTERS } from '../../../src/domain/registry/institution-query';
import { overallLicenceState } from '../../../src/domain/registry/licence-state';
import { listStatus, type ListKind } from '../../../src/domain/registry/list-status';
import { TODAY } from '../../fixtures/institutions';
import { forEachDriver } from '../../support/db-harness';

const DEMO: SeedDemoOptions = { count: 60, seed: 7, today: TODAY };

/** The rows that make up the data set, in id order. */
async function dataSet(db: Db) {
  const [inst, lic, dec, warn] = await Promise.all([
    db
      .select({ id: institutions.id, creditCode: institutions.creditCode, name: institutions.name, formerNames: institutions.formerNames })
      .from(institutions)
      .orderBy(asc(institutions.id)),
    db
      .select({ institutionId: licences.institutionId, number: licences.number, issuedOn: licences.issuedOn, expiresOn: licences.expiresOn, revokedOn: licences.revokedOn })
      .from(licences)
      .orderBy(asc(licences.id)),
    db
      .select({ institutionId: listDecisions.institutionId, list: listDecisions.list, effectiveOn: listDecisions.effectiveOn, removedOn: listDecisions.removedOn })
      .from(listDecisions)
      .orderBy(asc(listDecisions.id)),
    db.select({ title: riskWarnings.title, publishedOn: riskWarnings.publishedOn }).from(riskWarnings).orderBy(asc(riskWarnings.id)),
  ]);
  return { institutions: inst, licences: lic, listDecisions: dec, riskWarnings: warn };
}

/** A digest of credit codes, names, licence numbers and dates, list decisions and warnings. */
async function digest(db: Db): Promise<string> {
  return createHash('sha256').update(JSON.stringify(await dataSet(db))).digest('hex');
}

async function seedFresh(handle: DbHandle, opts: SeedDemoOptions): Promise<void> {
  await seedReference(handle.db);
  await seedDemo(handle, opts);
}

forEachDriver('demo seed', (t) => {
  let other: DbHandle | undefined;

  beforeAll(async () => {
    await seedFresh(t.handle, DEMO);
  });
  afterAll(async () => {
    await other?.close();
  });

  it('writes the requested number of institutions and says the data is demo data', async () => {
    expect(await datasetFacts(t.db)).toMatchObject({ demo: true, institutions: DEMO.count });
  });

  it('writes the same rows into a second fresh database, and other rows for another seed', async () => {
    other = await openDb({});
    await migrate(other);
    await seedFresh(other, DEMO);
    const first = await digest(t.db);
    expect(await digest(other.db)).toBe(first);

    await resetData(other.db);
    await seedFresh(other, { ...DEMO, seed: DEMO.seed + 1 });
    expect(await digest(other.db)).not.toBe(first);
  });

  it('gives every institution a valid credit code of its own', async () => {
    const codes = (await dataSet(t.db)).institutions.map((i) => i.creditCode);
    expect(codes.filter((c) => !isValidCreditCode(c))).toEqual([]);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('shows every licence state and both lists, by the domain rules and by the filters', async () => {
    const rows = await dataSet(t.db);
    const licenceStates = new Set(rows.institutions.map((i) => overallLicenceState(rows.licences.filter((l) => l.institutionId === i.id), TODAY)));
    const decisions = (id: number) => rows.listDecisions.filter((d) => d.institutionId === id).map((d) => ({ ...d, list: d.list as ListKind }));
    const listStatuses = new Set(rows.institutions.map((i) => listStatus(decisions(i.id), TODAY)));
    expect([...licenceStates].sort()).toEqual([...LICENCE_FILTERS].sort());
    expect([...listStatuses].sort()).toEqual(['black', 'none', 'white']);

    for (const licence of LICENCE_FILTERS) {
      expect((await searchInstitutions(t.db, { q: undefined, page: 1, licence }, TODAY)).total, `licence=${licence}`).toBeGreaterThan(0);
    }
    for (const list of ['white', 'black'] as const) expect((await currentList(t.db, list, TODAY)).total, list).toBeGreaterThan(0);
  });
});
