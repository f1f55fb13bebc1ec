/**
 * Import plan of an institutions file: upsert by credit code. Derived columns come from the
 * domain, never from the file: the registration authority from the legal form, the supervising
 * department from the fields, the search columns from the names (searchColumns, as on every write).
 */
import { inArray, sql } from 'drizzle-orm';
import type { InstitutionRecord, Lined } from '../../../src/domain/import';
import { REGISTRATION_AUTHORITY, supervisingDepartment } from '../../../src/domain/shared/reference';
import { searchColumns } from '../../../src/domain/registry/search';
import type { Db } from '../../client';
import { institutions } from '../../schema';
import { chunks, emptyCounts, fromExcluded, sameRow, tally, type ImportPlan, type PlanContext, writeInBatches } from './import-plan';

type Values = Omit<typeof institutions.$inferInsert, 'id' | 'updatedAt' | 'searchText' | 'pinyin' | 'initials'>;

/** Compared to decide "unchanged"; the search columns follow from the names. */
const COMPARED = [
  'name', 'formerNames', 'fields', 'legalForm', 'entryPath', 'registrationAuthority', 'supervisingDepartment',
  'address', 'street', 'phone', 'operatingStatus', 'delivery', 'registeredOn',
] as const satisfies readonly (keyof Values)[];

/** The row written for a record, but the search columns; asOf is the file's 信息日期 or today. */
export function institutionValues(r: InstitutionRecord, ctx: Pick<PlanContext, 'today'>): Values {
  return {
    creditCode: r.creditCode,
    name: r.name,
    formerNames: r.formerNames,
    fields: r.fields,
    legalForm: r.legalForm,
    entryPath: r.entryPath,
    registrationAuthority: REGISTRATION_AUTHORITY[r.legalForm],
    supervisingDepartment: supervisingDepartment(r.fields),
    address: r.address,
    street: r.street,
    phone: r.phone,
    operatingStatus: r.operatingStatus,
    delivery: r.delivery,
    registeredOn: r.registeredOn,
    asOf: r.asOf ?? ctx.today,
  };
}

/**
 * With its search columns, computed only for rows that are written: pinyin of 50,000 names takes
 * seconds, which a re-import of an unchanged file (and every dry run) should not spend.
 */
function withSearchColumns(v: Values): typeof institutions.$inferInsert {
  const { searchText, pinyin, initials } = searchColumns(v.name, v.formerNames ?? []);
  return { ...v, searchText, pinyin, initials };
}

export async function planInstitutions(db: Db, records: readonly Lined<InstitutionRecord>[], ctx: PlanContext): Promise<ImportPlan> {
  const counts = emptyCounts(records.length);
  const stored = new Map<string, Values>();
  for (const batch of chunks(records.map((r) => r.creditCode))) {
    const found = await db.select().from(institutions).where(inArray(institutions.creditCode, batch));
    for (const row of found) stored.set(row.creditCode, row);
  }
  const toWrite: Values[] = [];
  for (const r of records) {
    const next = institutionValues(r, ctx);
    const old = stored.get(r.creditCode);
    // Without a 信息日期 column the date is today's, which alone is no change: re-importing the
    // same file on another day leaves the rows alone.
    if (!tally(counts, old, () => sameRow(old!, next, COMPARED) && (r.asOf === null || old!.asOf === r.asOf))) continue;
    toWrite.push(next);
  }
  return {
    problems: [],
    counts,
    pending: toWrite.length,
    async write(tx, progress) {
      await writeInBatches(toWrite, progress, (batch) =>
        tx
          .insert(institutions)
          .values(batch.map(withSearchColumns))
          .onConflictDoUpdate({
            target: institutions.creditCode,
            set: {
              ...fromExcluded(institutions, [
                'name', 'formerNames', 'fields', 'legalForm', 'entryPath', 'registrationAuthority', 'supervisingDepartment', 'address',
                'street', 'phone', 'operatingStatus', 'delivery', 'registeredOn', 'asOf', 'searchText', 'pinyin', 'initials',
              ]),
              updatedAt: sql`now()`,
            },
          }),
      );
    },
  };
}
