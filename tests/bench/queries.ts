/**
 * The search workload: queries cut deterministically (seeded PRNG) out of the data set itself, so
 * every query matches at least one institution and the same data set always gives the same list.
 */
import { inArray, sql } from 'drizzle-orm';
import { pinyin } from 'pinyin-pro';
import type { Db } from '../../db/client';
import { institutions, licences } from '../../db/schema';
import { hasHan, normaliseText, pinyinInitials } from '../../src/domain/registry/search';

export const QUERY_KINDS = ['chinese-1', 'chinese-2to4', 'pinyin', 'initials', 'credit-code', 'licence'] as const;
export type QueryKind = (typeof QUERY_KINDS)[number];

export interface BenchQuery {
  kind: QueryKind;
  q: string;
}

/** Share of each kind in the mix (sums to 100). */
const MIX: Record<QueryKind, number> = {
  'chinese-1': 10,
  'chinese-2to4': 30,
  pinyin: 20,
  initials: 15,
  'credit-code': 20,
  licence: 5,
};

/** mulberry32: a small, fast, seeded PRNG; enough for picking samples. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return { next, int, pick: <T>(items: readonly T[]): T => items[int(0, items.length - 1)]! };
}

interface Sample {
  name: string;
  creditCode: string;
  licenceNumbers: string[];
}

/** Up to `n` institutions picked at random (seeded) with their licence numbers. */
async function sampleInstitutions(db: Db, n: number, rand: ReturnType<typeof prng>): Promise<Sample[]> {
  const all = await db.select({ id: institutions.id }).from(institutions).orderBy(institutions.id);
  if (all.length === 0) throw new Error('the data set holds no institutions');
  const ids = new Set<number>();
  const want = Math.min(n, all.length);
  while (ids.size < want) ids.add(all[rand.int(0, all.length - 1)]!.id);
  const chosen = [...ids];
  const rowsOf = await db
    .select({ id: institutions.id, name: institutions.name, creditCode: institutions.creditCode })
    .from(institutions)
    .where(inArray(institutions.id, chosen))
    .orderBy(institutions.id);
  const lic = await db
    .select({ institutionId: licences.institutionId, numberNorm: licences.numberNorm })
    .from(licences)
    .where(inArray(licences.institutionId, chosen))
    .orderBy(licences.institutionId, sql`${licences.numberNorm}`);
  return rowsOf.map((r) => ({ name: r.name, creditCode: r.creditCode, licenceNumbers: lic.filter((l) => l.institutionId === r.id).map((l) => l.numberNorm) }));
}

type Rand = ReturnType<typeof prng>;

/** 1-4 consecutive Chinese characters of the current name. */
function chineseFragment(s: Sample, length: number, rand: Rand): string | null {
  const chars = [...normaliseText(s.name)];
  const starts: number[] = [];
  for (let i = 0; i + length <= chars.length; i++) if (chars.slice(i, i + length).every((c) => hasHan(c))) starts.push(i);
  if (!starts.length) return null;
  const i = rand.pick(starts);
  return chars.slice(i, i + length).join('');
}

/** 3-8 letters of the name's full pinyin, starting at a syllable as a user would type it. */
function pinyinFragment(s: Sample, rand: Rand): string | null {
  const syllables = pinyin(normaliseText(s.name), { toneType: 'none', type: 'array', v: true }).map((p) => p.toLowerCase());
  const length = rand.int(3, 8);
  const starts = syllables.map((_, i) => i).filter((i) => /^[a-z]+$/.test(syllables.slice(i).join('').slice(0, length)) && syllables.slice(i).join('').length >= length);
  if (!starts.length) return null;
  return syllables.slice(rand.pick(starts)).join('').slice(0, length);
}

/** 2-4 consecutive pinyin initials of the name. */
function initialsFragment(s: Sample, rand: Rand): string | null {
  const ini = pinyinInitials(s.name);
  const length = rand.int(2, 4);
  const starts: number[] = [];
  for (let i = 0; i + length <= ini.length; i++) if (/^[a-z]+$/.test(ini.slice(i, i + length))) starts.push(i);
  return starts.length ? ini.slice(rand.pick(starts)).slice(0, length) : null;
}

function fragment(kind: QueryKind, s: Sample, rand: Rand): string | null {
  switch (kind) {
    case 'chinese-1':
      return chineseFragment(s, 1, rand);
    case 'chinese-2to4':
      return chineseFragment(s, rand.int(2, 4), rand);
    case 'pinyin':
      return pinyinFragment(s, rand);
    case 'initials':
      return initialsFragment(s, rand);
    case 'credit-code':
      return s.creditCode.slice(0, rand.int(6, 12));
    case 'licence': {
      if (!s.licenceNumbers.length) return null;
      const n = rand.pick(s.licenceNumbers);
      return n.slice(0, rand.int(6, n.length - 1));
    }
  }
}

/** `count` queries in the MIX proportions, shuffled; the same (data, count, seed) gives the same list. */
export async function generateQueries(db: Db, count: number, seed: number): Promise<BenchQuery[]> {
  const rand = prng(seed);
  const samples = await sampleInstitutions(db, Math.max(200, Math.min(count * 2, 5000)), rand);
  const withLicence = samples.filter((s) => s.licenceNumbers.length);
  const out: BenchQuery[] = [];
  // Whole shares first, the remainder to the largest kinds.
  const counts = QUERY_KINDS.map((k) => Math.floor((count * MIX[k]) / 100));
  for (let i = 0; counts.reduce((a, b) => a + b, 0) < count; i = (i + 1) % QUERY_KINDS.length) counts[i]!++;
  QUERY_KINDS.forEach((kind, k) => {
    const pool = kind === 'licence' && withLicence.length ? withLicence : samples;
    for (let made = 0, tries = 0; made < counts[k]!; tries++) {
      if (tries > counts[k]! * 50) throw new Error(`could not cut ${counts[k]} ${kind} queries out of the data`);
      const q = fragment(kind, rand.pick(pool), rand);
      if (q) {
        out.push({ kind, q });
        made++;
      }
    }
  });
  // Fisher-Yates, so kinds are interleaved as in real traffic.
  for (let i = out.length - 1; i > 0; i--) {
    const j = rand.int(0, i);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
