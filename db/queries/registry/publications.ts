/** Risk warnings and model contracts as the public sees them, and facts about the data set. */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { IsoDate } from '../../../src/domain/shared/dates';
import type { Db } from '../../client';
import { contractFiles, institutions, modelContracts, riskWarnings, siteMeta, warningInstitutions } from '../../schema';

export interface PublishedWarning {
  id: number;
  title: string;
  body: string;
  severity: string;
  publishedOn: IsoDate;
  updatedAt: Date;
  institutions: { creditCode: string; name: string }[];
}

/** Published, not withdrawn warnings, newest first. */
export async function publishedWarnings(db: Db, today: IsoDate, limit = 100): Promise<PublishedWarning[]> {
  const found = await db
    .select()
    .from(riskWarnings)
    .where(and(sql`(${riskWarnings.withdrawnOn} is null or ${riskWarnings.withdrawnOn} > ${today}::date)`, sql`${riskWarnings.publishedOn} <= ${today}::date`))
    .orderBy(desc(riskWarnings.publishedOn), desc(riskWarnings.id))
    .limit(limit);
  if (found.length === 0) return [];
  const links = await db
    .select({ warningId: warningInstitutions.warningId, creditCode: institutions.creditCode, name: institutions.name })
    .from(warningInstitutions)
    .innerJoin(institutions, eq(institutions.id, warningInstitutions.institutionId))
    .where(inArray(warningInstitutions.warningId, found.map((w) => w.id)));
  return found.map((w) => ({
    id: w.id,
    title: w.title,
    body: w.body,
    severity: w.severity,
    publishedOn: w.publishedOn,
    updatedAt: w.updatedAt,
    institutions: links.filter((l) => l.warningId === w.id).map(({ creditCode, name }) => ({ creditCode, name })),
  }));
}

/** Every model contract with the file staff uploaded for it, if any (its metadata, not its bytes). */
export async function allContracts(db: Db) {
  const found = await db
    .select({
      contract: modelContracts,
      uploadName: contractFiles.fileName,
      uploadType: contractFiles.mediaType,
      uploadedAt: contractFiles.uploadedAt,
      uploadSize: sql<number | null>`octet_length(${contractFiles.content})`,
    })
    .from(modelContracts)
    .leftJoin(contractFiles, eq(contractFiles.contractId, modelContracts.id))
    .orderBy(asc(modelContracts.code));
  return found.map((r) => ({
    ...r.contract,
    upload: r.uploadName && r.uploadType && r.uploadedAt ? { fileName: r.uploadName, mediaType: r.uploadType, uploadedAt: r.uploadedAt, bytes: Number(r.uploadSize ?? 0) } : null,
  }));
}
export type ContractWithUpload = Awaited<ReturnType<typeof allContracts>>[number];

/** The uploaded file of a contract, bytes included, or the contract's bundled file name; null if no such contract. */
export async function contractFileByCode(db: Db, code: string) {
  const [row] = await db
    .select({ bundled: modelContracts.fileName, file: contractFiles })
    .from(modelContracts)
    .leftJoin(contractFiles, eq(contractFiles.contractId, modelContracts.id))
    .where(eq(modelContracts.code, code))
    .limit(1);
  return row ?? null;
}

export interface DatasetFacts {
  demo: boolean;
  generatedAt: string | null;
  institutions: number;
}

/** Whether the data is demo data (the interface must say so plainly) and how much there is. */
export async function datasetFacts(db: Db): Promise<DatasetFacts> {
  const [meta, [count]] = await Promise.all([
    db.select().from(siteMeta),
    db.select({ n: sql<number>`count(*)::int` }).from(institutions),
  ]);
  const get = (k: string) => meta.find((m) => m.key === k)?.value ?? null;
  return { demo: get('demo') === 'true', generatedAt: get('generated_at'), institutions: Number(count?.n ?? 0) };
}
