/**
 * npm run fuzz -- [--minutes N] [--seed S] [--only ID,ID] [--concurrency C]
 * Fuzzes the built portal (FUZZ_DIST, default dist/) for N minutes (default 2) and prints the
 * answers by route and status, then every distinct failure. Exits 1 when there is one.
 */
import { parseArgs } from 'node:util';
import { fuzzSession } from './fuzz-session';
import { findingsText, statusTable } from './report';

const { values } = parseArgs({
  options: { minutes: { type: 'string', default: '2' }, seed: { type: 'string' }, only: { type: 'string' }, concurrency: { type: 'string', default: '6' } },
});
const seed = values.seed ? Number(values.seed) : Date.now() % 1_000_000_000;
const session = await fuzzSession({
  seed,
  budgetMs: Number(values.minutes) * 60_000,
  concurrency: Number(values.concurrency),
  only: values.only ? new Set(values.only.split(',')) : undefined,
  progress: (line) => console.error(line),
});
console.log(statusTable(session));
console.log(`\n${session.requests} requests in ${(session.ms / 1000).toFixed(0)} s after ${(session.startMs / 1000).toFixed(0)} s of start-up; seed ${seed}`);
console.log(findingsText(session));
process.exit(session.findings.length || !session.alive ? 1 : 0);
