/**
 * 双随机、一公开 (mechanism 3 of the plan): inspected institutions are drawn at random from a
 * population, the inspectors are drawn at random from the department's pool, and the draw is
 * published. The draw here is a hash ranking that anyone can re-run with a SHA-256 tool and no
 * software of ours:
 *
 *   rank of an institution  = SHA-256("<seed>|<credit code>")                 (hex, ascending)
 *   rank of an inspector    = SHA-256("<seed>|<credit code>|<inspector id>")  (hex, ascending)
 *
 * The N institutions with the lowest rank are drawn; for each, the two inspectors with the lowest
 * rank. The result depends only on the seed and the sets (not on the order the database returned
 * them in), so the same seed and inputs give the same draw, and publishing the seed after the
 * population was fixed lets the public check it. The seed is drawn by the server when the draw is
 * made (never chosen by the person drawing), and the population is frozen with it.
 */
import { createHash } from 'node:crypto';
import type { StreetCode, TrainingField } from '../shared/reference';

export const DRAW_ALGORITHM = 'sha256-rank-v1';
/** Two inspectors per institution (the "double" of double random). */
export const INSPECTORS_PER_INSTITUTION = 2;

export interface DrawCandidate {
  creditCode: string;
  name: string;
}

export interface DrawInspector {
  /** Stable identifier published with the draw (a badge number, or the staff account id). */
  id: string;
  name: string;
}

export interface DrawInput {
  seed: string;
  size: number;
  population: readonly DrawCandidate[];
  inspectors: readonly DrawInspector[];
}

export interface DrawnInspection {
  institution: DrawCandidate;
  inspectors: DrawInspector[];
}

export type DrawResult = { ok: true; drawn: DrawnInspection[] } | { ok: false; message: string };

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

const byRank = <T>(items: readonly T[], key: (item: T) => string): T[] =>
  items
    .map((item) => ({ item, rank: sha256(key(item)) }))
    .sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0))
    .map((r) => r.item);

/** Draws `size` institutions and two inspectors each; refuses when the inputs cannot make a draw. */
export function draw(input: DrawInput): DrawResult {
  const codes = new Set(input.population.map((c) => c.creditCode));
  if (codes.size !== input.population.length) return { ok: false, message: '抽查对象名单中有重复的机构。' };
  const ids = new Set(input.inspectors.map((i) => i.id));
  if (ids.size !== input.inspectors.length) return { ok: false, message: '检查人员名单中有重复的人员。' };
  if (input.population.length === 0) return { ok: false, message: '按所选条件没有可抽取的机构。' };
  if (input.size > input.population.length) {
    return { ok: false, message: `抽取数量（${input.size}）超过了符合条件的机构数量（${input.population.length}）。` };
  }
  if (input.inspectors.length < INSPECTORS_PER_INSTITUTION) {
    return { ok: false, message: `检查人员库至少需要 ${INSPECTORS_PER_INSTITUTION} 人，目前只有 ${input.inspectors.length} 人。` };
  }
  const chosen = byRank(input.population, (c) => `${input.seed}|${c.creditCode}`).slice(0, input.size);
  return {
    ok: true,
    drawn: chosen.map((institution) => ({
      institution,
      inspectors: byRank(input.inspectors, (i) => `${input.seed}|${institution.creditCode}|${i.id}`).slice(0, INSPECTORS_PER_INSTITUTION),
    })),
  };
}

/** A fresh seed: 128 random bits in hex, made by the server at the moment of the draw. */
export function newSeed(randomBytes: (n: number) => Uint8Array = (n) => crypto.getRandomValues(new Uint8Array(n))): string {
  return Buffer.from(randomBytes(16)).toString('hex');
}

/**
 * The population filters a department may draw by: field, street, list status, risk.
 * The form that sets them is drawFormSchema (publishing-forms.ts); this is what a draw records.
 */
export interface DrawFilters {
  fields: TrainingField[];
  streets: StreetCode[];
  listStatus?: 'white' | 'black' | 'none';
  /** Only institutions with a current risk warning or a failed/rectify inspection in the last year. */
  riskOnly: boolean;
}
