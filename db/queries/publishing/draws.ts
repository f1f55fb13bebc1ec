/** Double-random draws (双随机, plan section 五(三)): the population a draw is made from, the inspector pool, published draws. */
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { DrawFilters } from '../../../src/domain/publishing/double-random-draw';
import type { IsoDate } from '../../../src/domain/shared/dates';
import type { LegalForm, TrainingField } from '../../../src/domain/shared/reference';
import type { Db } from '../../client';
import { inspectionDraws, inspectors } from '../../schema';
import { listStatusSql } from '../registry/derived-sql';
import { rows } from '../shared/rows';

export interface PopulationRow {
  id: number;
  creditCode: string;
  name: string;
  fields: TrainingField[];
  legalForm: LegalForm;
}

/** Operating institutions matching the filters (the remit is applied by the caller). */
export async function drawPopulation(db: Db, f: DrawFilters, today: IsoDate): Promise<PopulationRow[]> {
  const where: SQL[] = [sql`i.operating_status = 'operating'`];
  if (f.fields.length) where.push(sql`i.fields && ARRAY[${sql.join(f.fields.map((x) => sql`${x}`), sql`, `)}]::text[]`);
  if (f.streets.length) where.push(sql`i.street in (${sql.join(f.streets.map((x) => sql`${x}`), sql`, `)})`);
  if (f.listStatus) where.push(listStatusSql(f.listStatus, today));
  if (f.riskOnly) {
    // At risk: a current risk warning, or a failed or rectify inspection published in the last year.
    where.push(sql`(exists (select 1 from warning_institutions wi join risk_warnings w on w.id = wi.warning_id
        where wi.institution_id = i.id and w.published_on <= ${today}::date and (w.withdrawn_on is null or w.withdrawn_on > ${today}::date))
      or exists (select 1 from inspections x where x.institution_id = i.id and x.published and x.result in ('fail', 'rectify')
        and x.inspected_on > ${today}::date - 365))`);
  }
  return rows<PopulationRow>(
    db,
    sql`select i.id, i.credit_code as "creditCode", i.name, i.fields, i.legal_form as "legalForm"
        from institutions i where ${sql.join(where, sql` and `)} order by i.credit_code`,
  );
}

export async function activeInspectors(db: Db, department: string) {
  return db.select().from(inspectors).where(and(eq(inspectors.department, department), eq(inspectors.active, true))).orderBy(asc(inspectors.badgeNumber));
}

/** Published draws, newest first (the "一公开"). */
export async function publishedDraws(db: Db, limit = 50) {
  return db
    .select({ id: inspectionDraws.id, department: inspectionDraws.department, size: inspectionDraws.size, plannedOn: inspectionDraws.plannedOn, drawnAt: inspectionDraws.drawnAt, populationSize: sql<number>`cardinality(${inspectionDraws.population})` })
    .from(inspectionDraws)
    .orderBy(desc(inspectionDraws.drawnAt))
    .limit(limit);
}

export async function drawById(db: Db, id: number) {
  const [row] = await db.select().from(inspectionDraws).where(eq(inspectionDraws.id, id)).limit(1);
  return row ?? null;
}
