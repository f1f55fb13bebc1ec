/**
 * 双随机 draws of the demo (plan, section 五(三); src/domain/publishing/double-random-draw.ts): every
 * quarter of the last three years, 区教育局 and 区文旅局 each draw from the institutions of their fields
 * operating in half of the streets (the halves alternate), and every double-random inspection of
 * the demo cites the draw it came from.
 *
 * The draws are real ones that anyone can re-run: with the published seed, an institution is drawn
 * when SHA-256("<seed>|<credit code>") falls below a threshold, which is exactly the rule "the N
 * lowest ranks" of the population (all drawn ranks are lower than every rank not drawn). So the
 * generator decides, institution by institution and without holding the others in memory, whether
 * it was drawn; the inspectors are picked by the domain's own draw function.
 */
import { createHash } from 'node:crypto';
import { draw, DRAW_ALGORITHM, type DrawFilters } from '../../src/domain/publishing/double-random-draw';
import { inspectableItems } from '../../src/domain/publishing/remit';
import { addDays, type IsoDate } from '../../src/domain/shared/dates';
import type { DepartmentCode, InspectionItem, LegalForm, StreetCode, TrainingField } from '../../src/domain/shared/reference';
import type { inspectionDraws } from '../schema';
import { DEMO_INSPECTORS } from './inspectors';

/** An inspection_draws row, with the demo account that made it instead of its id (resolved on insert). */
export type DrawRow = Omit<typeof inspectionDraws.$inferInsert, 'drawnBy'> & { id: number; drawnByUsername: string };

interface DrawPlan {
  id: number;
  department: DepartmentCode;
  /** The demo account of the department that made the draw (db/seed/staff.ts). */
  username: string;
  fields: TrainingField[];
  streets: StreetCode[];
  seed: string;
  plannedOn: IsoDate;
  /** Drawn when the first 8 hex digits of the rank are below this. */
  threshold: number;
  population: string[];
  result: { creditCode: string; name: string; inspectors: { id: string; name: string }[] }[];
}

/** The departments that organise the demo's draws, with their demo account and share drawn. */
const ORGANISERS: { department: DepartmentCode; username: string; fields: TrainingField[]; share: number }[] = [
  { department: 'edu', username: 'edu-handler', fields: ['culture_edu', 'infant_care'], share: 0.18 },
  { department: 'culture', username: 'culture-handler', fields: ['arts'], share: 0.18 },
];

/** The two halves of the district the draws alternate between (about the same number of institutions). */
const HALVES: StreetCode[][] = [
  ['changshou', 'caojiadu', 'ganquan', 'shiquan', 'yichuan', 'wanli'],
  ['zhenru', 'changfeng', 'changzheng', 'taopu'],
];

const QUARTERS = 12;

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** What the draws need to know about one institution. */
export interface DrawCandidate {
  creditCode: string;
  name: string;
  fields: readonly TrainingField[];
  legalForm: LegalForm;
  street: StreetCode;
  foundedOn: IsoDate;
  /** Day it was suspended or closed, null while operating: it is in the population before that. */
  endOn: IsoDate | null;
}

/** A double-random inspection the institution owes to a draw. */
export interface DrawnVisit {
  drawId: number;
  department: DepartmentCode;
  plannedOn: IsoDate;
  checkedItems: InspectionItem[];
  inspectors: string[];
}

/** The draws of one data set: ask {@link visitsFor} for each institution in turn, then {@link rows}. */
export class DemoDraws {
  private readonly plans: DrawPlan[] = [];

  constructor(seed: number, today: IsoDate, firstId: number) {
    const [year, month] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
    // The quarter before the current one, and eleven before it; planned on the 15th of its first month.
    for (let q = QUARTERS; q >= 1; q--) {
      const index = year * 4 + Math.floor((month - 1) / 3) - q;
      const plannedOn = `${Math.floor(index / 4)}-${String((index % 4) * 3 + 1).padStart(2, '0')}-15`;
      for (const o of ORGANISERS) {
        this.plans.push({
          id: firstId + this.plans.length,
          department: o.department,
          username: o.username,
          fields: o.fields,
          streets: HALVES[index % 2]!,
          seed: sha256(`demo-draw|${seed}|${o.department}|${plannedOn}`).slice(0, 32),
          plannedOn,
          threshold: Math.floor(o.share * 2 ** 32),
          population: [],
          result: [],
        });
      }
    }
  }

  /** Records the institution in the populations it belonged to; returns the draws that picked it. */
  visitsFor(c: DrawCandidate): DrawnVisit[] {
    const visits: DrawnVisit[] = [];
    for (const p of this.plans) {
      // Operating on the planned day, in the streets and fields drawn from, and in the remit.
      if (c.foundedOn > addDays(p.plannedOn, -30) || (c.endOn && c.endOn <= addDays(p.plannedOn, 1))) continue;
      if (!p.streets.includes(c.street) || !c.fields.some((f) => p.fields.includes(f))) continue;
      const items = inspectableItems(p.department, c);
      if (items.length === 0) continue;
      p.population.push(c.creditCode);
      if (parseInt(sha256(`${p.seed}|${c.creditCode}`).slice(0, 8), 16) >= p.threshold) continue;
      const pool = DEMO_INSPECTORS.filter((i) => i.department === p.department).map((i) => ({ id: i.badgeNumber, name: i.name }));
      const one = draw({ seed: p.seed, size: 1, population: [c], inspectors: pool });
      const inspectors = one.ok ? one.drawn[0]!.inspectors : [];
      p.result.push({ creditCode: c.creditCode, name: c.name, inspectors });
      visits.push({ drawId: p.id, department: p.department, plannedOn: p.plannedOn, checkedItems: [...items], inspectors: inspectors.map((i) => `${i.name}（${i.id}）`) });
    }
    return visits;
  }

  /** The draws that picked at least one institution, with their frozen population and result. */
  rows(): DrawRow[] {
    return this.plans
      .filter((p) => p.result.length > 0)
      .map((p) => {
        const pool = DEMO_INSPECTORS.filter((i) => i.department === p.department).map((i) => ({ id: i.badgeNumber, name: i.name }));
        const filters: DrawFilters = { fields: p.fields, streets: p.streets, riskOnly: false };
        // The result in draw order: ascending rank, as the domain's draw lists it.
        const ranked = p.result.map((r) => ({ r, rank: sha256(`${p.seed}|${r.creditCode}`) })).sort((a, b) => (a.rank < b.rank ? -1 : 1));
        return {
          id: p.id,
          department: p.department,
          algorithm: DRAW_ALGORITHM,
          seed: p.seed,
          filters,
          size: p.result.length,
          population: [...p.population].sort(),
          pool,
          result: ranked.map((x) => x.r),
          plannedOn: p.plannedOn,
          drawnByUsername: p.username,
          // Drawn a week before the planned day, at 10:00 Shanghai time.
          drawnAt: new Date(`${addDays(p.plannedOn, -7)}T10:00:00+08:00`),
        };
      });
  }

  /** How many draw ids the data set may use (ids of draws that drew nobody stay unused). */
  get idCount(): number {
    return this.plans.length;
  }
}
