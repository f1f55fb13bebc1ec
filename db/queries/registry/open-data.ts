/**
 * Rows of the open datasets (src/domain/registry/open-data.ts), read in batches by id (keyset pagination)
 * so a download of 100,000 institutions streams in constant memory. Derived states (list status,
 * licence state) are computed by the domain functions as on every page, for the day given.
 */
import { and, asc, count, eq, gt, inArray } from 'drizzle-orm';
import type { IsoDate } from '../../../src/domain/shared/dates';
import { licenceState, overallLicenceState } from '../../../src/domain/registry/licence-state';
import { listStatus } from '../../../src/domain/registry/list-status';
import type { OpenDataset, OpenRow } from '../../../src/domain/registry/open-data';
import type { Db } from '../../client';
import { inspections, institutions, licences, listDecisions } from '../../schema';

export const OPEN_DATA_BATCH = 1000;

/** Rows grouped by institution id, for one batch. */
function byInstitution<T extends { institutionId: number }>(items: T[]): Map<number, T[]> {
  const m = new Map<number, T[]>();
  for (const it of items) m.set(it.institutionId, [...(m.get(it.institutionId) ?? []), it]);
  return m;
}

async function* institutionRows(db: Db, today: IsoDate): AsyncGenerator<OpenRow[]> {
  for (let after = 0; ; ) {
    const batch = await db.select().from(institutions).where(gt(institutions.id, after)).orderBy(asc(institutions.id)).limit(OPEN_DATA_BATCH);
    if (batch.length === 0) return;
    after = batch[batch.length - 1]!.id;
    const ids = batch.map((i) => i.id);
    const [lic, dec] = await Promise.all([
      db.select({ institutionId: licences.institutionId, issuedOn: licences.issuedOn, expiresOn: licences.expiresOn, revokedOn: licences.revokedOn }).from(licences).where(inArray(licences.institutionId, ids)),
      db.select({ institutionId: listDecisions.institutionId, list: listDecisions.list, effectiveOn: listDecisions.effectiveOn, removedOn: listDecisions.removedOn }).from(listDecisions).where(inArray(listDecisions.institutionId, ids)),
    ]);
    const licencesOf = byInstitution(lic);
    const decisionsOf = byInstitution(dec.map((d) => ({ ...d, list: d.list as 'white' | 'black' })));
    yield batch.map((i) => ({
      creditCode: i.creditCode,
      name: i.name,
      formerNames: i.formerNames,
      fields: i.fields,
      legalForm: i.legalForm,
      entryPath: i.entryPath,
      registrationAuthority: i.registrationAuthority,
      supervisingDepartment: i.supervisingDepartment,
      address: i.address,
      street: i.street,
      phone: i.phone,
      operatingStatus: i.operatingStatus,
      delivery: i.delivery,
      registeredOn: i.registeredOn,
      listStatus: listStatus(decisionsOf.get(i.id) ?? [], today),
      licenceState: overallLicenceState(licencesOf.get(i.id) ?? [], today),
      asOf: i.asOf,
    }));
  }
}

async function* licenceRows(db: Db, today: IsoDate): AsyncGenerator<OpenRow[]> {
  for (let after = 0; ; ) {
    const batch = await db
      .select({ l: licences, creditCode: institutions.creditCode, institutionName: institutions.name })
      .from(licences)
      .innerJoin(institutions, eq(institutions.id, licences.institutionId))
      .where(gt(licences.id, after))
      .orderBy(asc(licences.id))
      .limit(OPEN_DATA_BATCH);
    if (batch.length === 0) return;
    after = batch[batch.length - 1]!.l.id;
    yield batch.map(({ l, creditCode, institutionName }) => ({
      number: l.number,
      creditCode,
      institutionName,
      issuingAuthority: l.issuingAuthority,
      issuedOn: l.issuedOn,
      expiresOn: l.expiresOn,
      scope: l.scope,
      address: l.address,
      revokedOn: l.revokedOn,
      state: licenceState(l, today),
      asOf: l.asOf,
    }));
  }
}

async function* inspectionRows(db: Db): AsyncGenerator<OpenRow[]> {
  for (let after = 0; ; ) {
    const batch = await db
      .select({ x: inspections, creditCode: institutions.creditCode, institutionName: institutions.name })
      .from(inspections)
      .innerJoin(institutions, eq(institutions.id, inspections.institutionId))
      // Only what has been published (after the department's second person approved it).
      .where(and(gt(inspections.id, after), eq(inspections.published, true)))
      .orderBy(asc(inspections.id))
      .limit(OPEN_DATA_BATCH);
    if (batch.length === 0) return;
    after = batch[batch.length - 1]!.x.id;
    yield batch.map(({ x, creditCode, institutionName }) => ({
      creditCode,
      institutionName,
      inspectedOn: x.inspectedOn,
      kind: x.kind,
      department: x.department,
      checkedItems: x.checkedItems,
      findings: x.findings,
      result: x.result,
      rectifyBy: x.rectifyBy,
      rectificationOutcome: x.rectificationOutcome,
      publishedOn: x.publishedOn,
    }));
  }
}

async function* decisionRows(db: Db): AsyncGenerator<OpenRow[]> {
  for (let after = 0; ; ) {
    const batch = await db
      .select({ d: listDecisions, creditCode: institutions.creditCode, institutionName: institutions.name })
      .from(listDecisions)
      .innerJoin(institutions, eq(institutions.id, listDecisions.institutionId))
      .where(gt(listDecisions.id, after))
      .orderBy(asc(listDecisions.id))
      .limit(OPEN_DATA_BATCH);
    if (batch.length === 0) return;
    after = batch[batch.length - 1]!.d.id;
    yield batch.map(({ d, creditCode, institutionName }) => ({
      creditCode,
      institutionName,
      list: d.list,
      reason: d.reason,
      legalBasis: d.legalBasis,
      department: d.department,
      effectiveOn: d.effectiveOn,
      removedOn: d.removedOn,
      removalReason: d.removalReason,
    }));
  }
}

/** The rows of a dataset, batch by batch. */
export function openDataRows(db: Db, dataset: OpenDataset, today: IsoDate): AsyncGenerator<OpenRow[]> {
  switch (dataset) {
    case 'institutions':
      return institutionRows(db, today);
    case 'licences':
      return licenceRows(db, today);
    case 'inspections':
      return inspectionRows(db);
    case 'list-decisions':
      return decisionRows(db);
  }
}

/** Row counts for the open-data page. */
export async function openDataCounts(db: Db): Promise<Record<OpenDataset, number>> {
  const [[a], [b], [c], [d]] = await Promise.all([
    db.select({ n: count() }).from(institutions),
    db.select({ n: count() }).from(licences),
    db.select({ n: count() }).from(inspections).where(eq(inspections.published, true)),
    db.select({ n: count() }).from(listDecisions),
  ]);
  return { institutions: a!.n, licences: b!.n, inspections: c!.n, 'list-decisions': d!.n };
}
