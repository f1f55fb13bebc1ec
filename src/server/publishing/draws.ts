import type { Db } from '../../../db/client';
import { announceChange } from '../../../db/queries/shared/change-notices';
import { activeInspectors, drawPopulation } from '../../../db/queries/publishing/draws';
import { inspectionDraws, inspections } from '../../../db/schema';
import type { IsoDate } from '../../domain/shared/dates';
import { draw, DRAW_ALGORITHM, newSeed, type DrawFilters } from '../../domain/publishing/double-random-draw';
import { DRAW_FIELDS, drawFormSchema, parseForm } from '../../domain/publishing/publishing-forms';
import { inspectableItems } from '../../domain/publishing/remit';
import type { StaffActor } from '../../domain/staff/staff-roles';
import { writeAudit } from '../staff/audit';
import { departmentOf, refused, type Outcome } from './common';

/**
 * 双随机: draws institutions from the population the filters select within the department's
 * remit, and two inspectors each from the department's pool, with a seed made here (never chosen
 * by the person drawing). The draw, its frozen population and its result are stored and public;
 * one drafted inspection per drawn institution is created for the inspectors to complete.
 */
export async function makeDraw(db: Db, actor: StaffActor, input: unknown, today: IsoDate): Promise<Outcome<{ id: number }>> {
  const department = departmentOf(actor);
  if (!department) return refused('只有部门承办人可以组织“双随机”抽查。');
  const parsed = parseForm(drawFormSchema, DRAW_FIELDS, input);
  if (!parsed.ok) return { kind: 'invalid', errors: parsed.errors };
  const f = parsed.value;
  if (f.plannedOn < today) return { kind: 'invalid', errors: [{ field: 'plannedOn', message: '计划检查日期不能早于今天。' }] };
  const filters: DrawFilters = { fields: f.fields, streets: f.streets, listStatus: f.listStatus, riskOnly: f.riskOnly };
  const candidates = (await drawPopulation(db, filters, today)).filter((c) => inspectableItems(department, c).length > 0);
  const pool = (await activeInspectors(db, department)).map((i) => ({ id: i.badgeNumber, name: i.name }));
  const seed = newSeed();
  const result = draw({ seed, size: f.size, population: candidates, inspectors: pool });
  if (!result.ok) return refused(result.message);
  const id = await db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const [row] = await tx
      .insert(inspectionDraws)
      .values({
        department,
        algorithm: DRAW_ALGORITHM,
        seed,
        filters,
        size: f.size,
        population: candidates.map((c) => c.creditCode).sort(),
        pool,
        result: result.drawn.map((d) => ({ creditCode: d.institution.creditCode, name: d.institution.name, inspectors: d.inspectors })),
        plannedOn: f.plannedOn,
        drawnBy: actor.id,
      })
      .returning({ id: inspectionDraws.id });
    const byCode = new Map(candidates.map((c) => [c.creditCode, c]));
    await tx.insert(inspections).values(
      result.drawn.map((d) => {
        const c = byCode.get(d.institution.creditCode)!;
        return {
          institutionId: c.id,
          inspectedOn: f.plannedOn,
          kind: 'double_random',
          department,
          checkedItems: [...inspectableItems(department, c)],
          findings: '',
          // Not a result yet: the drafted inspection is completed after the visit (completeDrawnInspection).
          result: 'pending',
          inspectors: d.inspectors.map((i) => `${i.name}（${i.id}）`),
          drawId: row!.id,
          published: false,
        };
      }),
    );
    await writeAudit(tx, { actor, action: 'draw.make', objectType: 'inspection_draw', objectId: String(row!.id), detail: { size: f.size, population: candidates.length, seed } });
    await announceChange(tx, ['draws']);
    return row!.id;
  });
  return { kind: 'done', value: { id }, message: `已从 ${candidates.length} 家机构中抽取 ${f.size} 家，抽查结果已公开。` };
}
