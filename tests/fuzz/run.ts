/**
 * A fuzz run against a started portal: first a fixed sweep (every plan once; a NUL in every field
 * of every form and in the main query names, so the faults people know of are found on every run,
 * not by luck; a body over the limit on every route that takes posts; every kind of bad input on
 * every plan), then random cases until the time is up. Requests go `concurrency` at a time. Every
 * case is made by fast-check from a seed printed with any failure, so it can be replayed
 * (`npm run fuzz -- --seed S --only ID`).
 */
import fc from 'fast-check';
import { ALL_KINDS, caseArbitrary, describeValue, type CaseKind, type Fixed, type FuzzCase } from './cases';
import { FUZZ_API_KEY, type FuzzPortal, type Identity } from './fuzz-portal';
import type { Harvest } from './harvest';
import { judge, judgeOverLimit } from './oracle';
import { postOverLimit } from './over-limit';
import type { Plan } from './plans';
import { buildRequest, send } from './send';
import type { ValidContext } from './valid-values';

export interface Finding {
  /** Replays the case: `npm run fuzz -- --seed <run seed> --only <id>`. */
  id: string;
  route: string;
  method: string;
  kind: string;
  /** The path as sent, its query left out. */
  path: string;
  target: string;
  identity: string;
  value: string;
  status: number;
  problem: string;
}

export interface RunReport {
  seed: number;
  requests: number;
  ms: number;
  /** Answers by "METHOD route" and status. */
  table: Map<string, Map<number, number>>;
  findings: Finding[];
  /** Whether GET / still answered after the run. */
  alive: boolean;
}

export interface RunOptions {
  seed: number;
  budgetMs: number;
  concurrency: number;
  /** Only these case ids (replay). */
  only?: Set<string>;
  progress?: (line: string) => void;
}

interface Task {
  id: string;
  plan: Plan;
  kind: CaseKind | 'over-limit';
  fixed: Fixed;
  seed: number;
  declared?: boolean;
}

/** Seeds far apart for neighbouring numbers (fast-check's first draws from seeds n and n+1 are alike). */
export function mixSeed(n: number): number {
  let h = Math.imul(n ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

const dedupe = <T>(items: T[], key: (t: T) => string) => [...new Map(items.map((t) => [key(t), t])).values()];

/** Query names every GET plan gets a NUL in during the sweep, besides those its links use. */
const SWEEP_QUERY_NAMES = ['q', 'page', 'code', 'number', 'next'];

/**
 * The sweep: fixed, ordered, the same for the same plans and seed; most telling first, so a run
 * cut short by a busy machine has still covered every plan once and every field with a NUL.
 */
function sweepTasks(plans: Plan[], seed: number): Task[] {
  const tasks: Task[] = [];
  const add = (plan: Plan, kind: Task['kind'], fixed: Fixed = {}, declared?: boolean) =>
    tasks.push({ id: `s${tasks.length}`, plan, kind, fixed, seed: mixSeed(seed + tasks.length), declared });
  // 1. Every plan once, the kinds taken in turn.
  plans.forEach((plan, i) => add(plan, ALL_KINDS.filter((k) => k !== 'method')[i % (ALL_KINDS.length - 1)]!));
  // 2. A NUL in every field of every form (as the person the form is for) and in the main query names.
  for (const plan of plans) {
    if (plan.method === 'GET') {
      const names = new Set([...plan.linkQueryNames, ...SWEEP_QUERY_NAMES]);
      for (const target of names) add(plan, 'nul', { target, identity: plan.route.staff ? 'admin' : 'anonymous' });
    } else {
      const bases = dedupe(plan.bases, (b) => [...b.fields.map(([n, v]) => `${n}=${v}`), ...b.unticked].join('&'));
      for (const base of bases) for (const target of new Set([...base.fields.map(([n]) => n), ...base.unticked])) add(plan, 'nul', { base, target, identity: base.identity ?? undefined });
    }
  }
  // 3. A body over every limit: chunked and with its length declared as an outsider, chunked as the form's viewer.
  for (const plan of plans) {
    if (plan.method !== 'POST') continue;
    const who = dedupe<Identity>(['anonymous', ...plan.bases.map((b) => b.identity ?? 'anonymous')], (i) => i);
    for (const identity of who.slice(0, 2)) for (const declared of identity === 'anonymous' ? [false, true] : [false]) add(plan, 'over-limit', { identity }, declared);
  }
  // 4. Every kind of bad input on every plan.
  for (const plan of plans) for (const kind of ALL_KINDS) add(plan, kind);
  return tasks;
}

/** A random task: plan and kind drawn by fast-check from the seed. */
function randomTask(plans: Plan[], seed: number): Task {
  const mixed = mixSeed(seed);
  const [p, k] = fc.sample(fc.noBias(fc.tuple(fc.nat(plans.length - 1), fc.nat(ALL_KINDS.length - 1))), { seed: mixed, numRuns: 1 })[0]!;
  return { id: `r${seed}`, plan: plans[p]!, kind: ALL_KINDS[k]!, fixed: {}, seed: mixed };
}

export async function runFuzz(portal: FuzzPortal, plans: Plan[], harvest: Harvest, o: RunOptions): Promise<RunReport> {
  const started = Date.now();
  const report: RunReport = { seed: o.seed, requests: 0, ms: 0, table: new Map(), findings: [], alive: false };
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const validFor = (unique: number): ValidContext => ({ creditCode: harvest.creditCode, serviceCode: harvest.serviceCode, today, apiKey: FUZZ_API_KEY, unique });

  const count = (plan: Plan, method: string, status: number) => {
    const key = `${method} ${plan.route.pattern}`;
    const row = report.table.get(key) ?? new Map<number, number>();
    row.set(status, (row.get(status) ?? 0) + 1);
    report.table.set(key, row);
    report.requests++;
  };

  const runTask = async (t: Task) => {
    if (t.kind === 'over-limit') {
      const identity = t.fixed.identity ?? 'anonymous';
      const headers: Record<string, string> = { origin: portal.url, 'content-type': t.plan.body === 'json' ? 'application/json' : 'application/x-www-form-urlencoded', 'x-forwarded-for': '10.255.0.1' };
      if (portal.cookies[identity]) headers.cookie = portal.cookies[identity];
      const params = [...(t.plan.params[0] ?? t.plan.route.params.map(() => 'x'))];
      const path = t.plan.route.pattern.replace(/\[(?:\.\.\.)?[^\]]+\]/g, () => encodeURIComponent(params.shift() ?? 'x'));
      const answer = await postOverLimit(portal.url + path, headers, t.declared ?? false);
      count(t.plan, 'POST', answer.status);
      const problems = judgeOverLimit(t.plan, answer);
      if (problems.length) {
        const problem = problems.join('; ');
        report.findings.push({ id: t.id, route: t.plan.route.pattern, path, method: 'POST', kind: t.declared ? 'over-limit (declared length)' : 'over-limit (chunked)', target: 'body', identity, value: '48 MB', status: answer.status, problem });
      }
      return;
    }
    const valid = validFor(t.seed >>> 0);
    // Unbiased: fast-check's bias toward small values would pick the first fields and identities most.
    const c: FuzzCase = fc.sample(fc.noBias(caseArbitrary(t.plan, t.kind, valid, t.fixed)), { seed: t.seed, numRuns: 1 })[0]!;
    const req = await buildRequest(portal, t.plan, c, valid);
    const answer = await send(req);
    count(t.plan, c.method, answer.status);
    const problems = judge(t.plan, req.url, answer);
    if (problems.length) {
      const problem = problems.join('; ');
      report.findings.push({ id: t.id, route: t.plan.route.pattern, path: new URL(req.url).pathname, method: c.method, kind: t.kind, target: c.target, identity: c.identity, value: describeValue(c.value), status: answer.status, problem });
    }
  };

  const deadline = started + o.budgetMs;
  const sweep = sweepTasks(plans, o.seed);
  let next = 0;
  let randomSeed = o.seed + 1_000_000;
  const take = (): Task | null => {
    if (Date.now() > deadline) return null;
    while (next < sweep.length) {
      const t = sweep[next++]!;
      if (!o.only || o.only.has(t.id)) return t;
    }
    if (o.only) {
      for (const id of o.only) if (id.startsWith('r')) {
        o.only.delete(id);
        return randomTask(plans, Number(id.slice(1)));
      }
      return null;
    }
    return randomTask(plans, randomSeed++);
  };
  // Over-limit bodies are many megabytes: at most two at a time.
  let heavy = 0;
  const waiting: (() => void)[] = [];
  const worker = async () => {
    for (let t = take(); t; t = take()) {
      if (t.kind === 'over-limit') {
        while (heavy >= 2) await new Promise<void>((r) => waiting.push(r));
        heavy++;
        await runTask(t).finally(() => {
          heavy--;
          waiting.shift()?.();
        });
      } else await runTask(t).catch((e: Error) => {
        report.findings.push({ id: t.id, route: t.plan.route.pattern, path: '-', method: t.plan.method, kind: t.kind, target: '-', identity: '-', value: '', status: 0, problem: `the fuzzer failed: ${e.message}` });
      });
      if (report.requests % 500 === 0) o.progress?.(`${report.requests} requests, ${report.findings.length} findings, ${((Date.now() - started) / 1000).toFixed(0)} s`);
    }
  };
  await Promise.all(Array.from({ length: o.concurrency }, () => worker()));

  try {
    const res = await fetch(portal.url + '/', { signal: AbortSignal.timeout(10_000) });
    await res.arrayBuffer();
    report.alive = res.status === 200 && portal.process.running;
  } catch {
    report.alive = false;
  }
  report.ms = Date.now() - started;
  return report;
}
