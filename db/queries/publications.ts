/** Risk warnings and model contracts as the public sees them, and facts about the data set. */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { IsoDate } from '../../src/domain/dates';
import type { Db } from '../client';
import { institutions, modelContracts, riskWarnings, siteMeta, warningInstitutions } from '../schema';

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

export async function allContracts(db: Db) {
  return db.select().from(modelContracts).orderBy(asc(modelContracts.code));
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
