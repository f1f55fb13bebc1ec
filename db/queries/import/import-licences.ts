/**
 * Import plan of a licences file: upsert by licence number. Each licence belongs to the institution
 * its credit code names, which must exist (or come earlier in the same import); a number already
 * held by another institution is refused rather than moved.
 */
import { inArray } from 'drizzle-orm';
import type { ImportProblem, LicenceRecord, Lined } from '../../../src/domain/import';
import { normaliseLicenceNumber } from '../../../src/domain/registry/search';
import type { Db } from '../../client';
import { licences } from '../../schema';
import { chunks, creditCodesOf, emptyCounts, fromExcluded, institutionsByCode, sameRow, tally, unknownInstitution, type ImportPlan, type PlanContext, writeInBatches } from './import-plan';

type Values = Omit<typeof licences.$inferInsert, 'id'>;

const COMPARED = [
  'institutionId', 'issuingAuthority', 'issuedOn', 'expiresOn', 'scope', 'address', 'revokedOn', 'revocationReason',
] as const satisfies readonly (keyof Values)[];

function heldElsewhere(r: Lined<LicenceRecord>, ctx: PlanContext, holder: string | undefined): ImportProblem {
  return { line: r.line, column: ctx.headers.number!, value: r.number, reason: `许可证编号 ${r.number} 已登记在另一机构（${holder ?? '未知'}）名下，不能改到 ${r.creditCode} 名下。` };
}

export async function planLicences(db: Db, records: readonly Lined<LicenceRecord>[], ctx: PlanContext): Promise<ImportPlan> {
  const counts = emptyCounts(records.length);
  const known = await institutionsByCode(db, records.map((r) => r.creditCode));
  const stored = new Map<string, Values>();
  for (const batch of chunks(records.map((r) => r.number))) {
    for (const row of await db.select().from(licences).where(inArray(licences.number, batch))) stored.set(row.number, row);
  }
  const holders = await creditCodesOf(db, [...stored.values()].map((l) => l.institutionId));

  const problems: ImportProblem[] = [];
  const toWrite: Values[] = [];
  for (const r of records) {
    const institutionId = known.get(r.creditCode)?.id;
    const old = stored.get(r.number);
    if (institutionId === undefined) {
      if (!ctx.pendingInstitutions.has(r.creditCode)) {
        problems.push(unknownInstitution(r.line, ctx.headers.creditCode!, r.creditCode));
        continue;
      }
      // A dry run before the institution is written: its licences can only be new.
      if (old) problems.push(heldElsewhere(r, ctx, holders.get(old.institutionId)));
      else counts.inserted++;
      continue;
    }
    if (old && old.institutionId !== institutionId) {
      problems.push(heldElsewhere(r, ctx, holders.get(old.institutionId)));
      continue;
    }
    const next: Values = {
      institutionId,
      number: r.number,
      numberNorm: normaliseLicenceNumber(r.number),
      issuingAuthority: r.issuingAuthority,
      issuedOn: r.issuedOn,
      expiresOn: r.expiresOn,
      scope: r.scope,
      address: r.address,
      revokedOn: r.revokedOn,
      revocationReason: r.revocationReason,
      asOf: r.asOf ?? ctx.today,
    };
    if (!tally(counts, old, () => sameRow(old!, next, COMPARED) && (r.asOf === null || old!.asOf === r.asOf))) continue;
    toWrite.push(next);
  }

  return {
    problems,
    counts,
    pending: toWrite.length,
    async write(tx, progress) {
      await writeInBatches(toWrite, progress, (batch) =>
        tx
          .insert(licences)
          .values(batch)
          .onConflictDoUpdate({
            target: licences.number,
            set: fromExcluded(licences, ['numberNorm', 'issuingAuthority', 'issuedOn', 'expiresOn', 'scope', 'address', 'revokedOn', 'revocationReason', 'asOf']),
          }),
      );
    },
  };
}
