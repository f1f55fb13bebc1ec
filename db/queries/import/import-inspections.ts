/**
 * Import plan of an inspections file: upsert by 检查编号 (reference), as records of the importing
 * department. Four eyes: an import never publishes. A row whose 是否公开 is 是 arrives
 * unpublished and submitted (submitted_at set), waiting for a second person of the department to
 * approve it; 否 keeps it internal. Changing an inspection that was already published takes the
 * result back for a new approval (counted as `withdrawn`), since what the public saw was approved
 * in another wording. The importer becomes the recorder, so they cannot approve it themselves.
 */
import { inArray } from 'drizzle-orm';
import type { ImportProblem, InspectionRecord, Lined } from '../../../src/domain/import';
import { DEPARTMENTS, type DepartmentCode, type InspectionItem } from '../../../src/domain/shared/reference';
import { inspectableItems, mayInspect } from '../../../src/domain/publishing/remit';
import { OFFICIAL_TERMS } from '../../../src/domain/shared/official-terms';
import type { Db } from '../../client';
import { inspections } from '../../schema';
import { chunks, creditCodesOf, emptyCounts, fromExcluded, institutionsByCode, sameRow, unknownInstitution, type ImportPlan, type PlanContext, writeInBatches } from './import-plan';

type Values = Omit<typeof inspections.$inferInsert, 'id' | 'drawId'>;
type Stored = typeof inspections.$inferSelect;

/** What the department writes; publication columns are decided below. */
const CONTENT = [
  'institutionId', 'inspectedOn', 'kind', 'department', 'checkedItems', 'findings', 'result', 'rectifyBy',
  'rectificationOutcome', 'inspectors', 'followedUpOn',
] as const satisfies readonly (keyof Values & keyof Stored)[];

/** Published, or submitted and waiting for approval. */
function askedToPublish(row: Pick<Stored, 'published' | 'submittedAt'>): boolean {
  return row.published || row.submittedAt !== null;
}

const departmentName = (code: string) => DEPARTMENTS[code as DepartmentCode]?.name ?? code;
const itemName = (item: InspectionItem) => OFFICIAL_TERMS.inspectionItem[item];

export async function planInspections(db: Db, records: readonly Lined<InspectionRecord>[], ctx: PlanContext): Promise<ImportPlan> {
  const counts = emptyCounts(records.length);
  const known = await institutionsByCode(db, records.map((r) => r.creditCode));
  const stored = new Map<string, Stored>();
  for (const batch of chunks(records.map((r) => r.reference))) {
    for (const row of await db.select().from(inspections).where(inArray(inspections.reference, batch))) stored.set(row.reference!, row);
  }
  const holders = await creditCodesOf(db, [...stored.values()].map((i) => i.institutionId));
  const problems: ImportProblem[] = [];
  const toWrite: Values[] = [];
  const refProblem = (r: Lined<InspectionRecord>, reason: string): ImportProblem => ({ line: r.line, column: ctx.headers.reference!, value: r.reference, reason });

  for (const r of records) {
    const old = stored.get(r.reference);
    if (old && old.department !== r.department) {
      problems.push(refProblem(r, `检查编号 ${r.reference} 已是${departmentName(old.department)}的检查记录，不能由${departmentName(r.department)}导入覆盖。`));
      continue;
    }
    const institution = known.get(r.creditCode) ?? ctx.pendingInstitutions.get(r.creditCode);
    if (institution === undefined) {
      problems.push(unknownInstitution(r.line, ctx.headers.creditCode!, r.creditCode));
      continue;
    }
    // A department records inspections only within its remit (plan, section 四; src/domain/publishing/remit.ts).
    const remit = mayInspect(r.department, institution, r.checkedItems);
    if (!remit.ok) {
      const someItems = inspectableItems(r.department, institution).length > 0;
      problems.push(
        someItems
          ? { line: r.line, column: ctx.headers.checkedItems!, value: r.checkedItems.map(itemName).join('、'), reason: remit.message }
          : { line: r.line, column: ctx.headers.creditCode!, value: r.creditCode, reason: `${departmentName(r.department)}：${remit.message}` },
      );
      continue;
    }
    const institutionId = known.get(r.creditCode)?.id;
    if (old && old.institutionId !== institutionId) {
      problems.push(refProblem(r, `检查编号 ${r.reference} 是对另一机构（${holders.get(old.institutionId) ?? '未知'}）的检查记录。`));
      continue;
    }
    // A dry run before the institution is written: its inspections can only be new.
    if (institutionId === undefined) {
      counts.inserted++;
      continue;
    }
    const content = {
      institutionId,
      reference: r.reference,
      inspectedOn: r.inspectedOn,
      kind: r.kind,
      department: r.department,
      checkedItems: r.checkedItems,
      findings: r.findings,
      result: r.result,
      rectifyBy: r.rectifyBy,
      rectificationOutcome: r.rectificationOutcome,
      inspectors: r.inspectors,
      followedUpOn: r.followedUpOn,
    };
    if (old && sameRow(old, content, CONTENT) && askedToPublish(old) === r.published) {
      counts.unchanged++;
      continue;
    }
    if (old) counts.updated++;
    else counts.inserted++;
    if (old?.published) counts.withdrawn++;
    toWrite.push({
      ...content,
      published: false,
      publishedOn: null,
      submittedAt: r.published ? ctx.now : null,
      approvedBy: null,
      approvedAt: null,
      recordedBy: ctx.actorId,
    });
  }

  return {
    problems,
    counts,
    pending: toWrite.length,
    async write(tx, progress) {
      await writeInBatches(toWrite, progress, (batch) =>
        tx
          .insert(inspections)
          .values(batch)
          .onConflictDoUpdate({
            target: inspections.reference,
            set: fromExcluded(inspections, [
              'inspectedOn', 'kind', 'checkedItems', 'findings', 'result', 'rectifyBy', 'rectificationOutcome', 'inspectors', 'followedUpOn',
              'published', 'publishedOn', 'submittedAt', 'approvedBy', 'approvedAt', 'recordedBy',
            ]),
          }),
      );
    },
  };
}
