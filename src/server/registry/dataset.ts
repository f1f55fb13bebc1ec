/**
 * Facts about the data set (demo or not, how many institutions), shown on every page. They change
 * only when data is seeded or imported, so each process keeps them for a minute instead of
 * counting 100,000 rows on every request.
 */
import type { Db } from '../../../db/client';
import { datasetFacts, type DatasetFacts } from '../../../db/queries/registry/publications';

const TTL_MS = 60_000;
let cached: { at: number; facts: Promise<DatasetFacts> } | undefined;

export function cachedDatasetFacts(db: Db): Promise<DatasetFacts> {
  const now = Date.now();
  if (!cached || now - cached.at > TTL_MS) {
    const facts = datasetFacts(db);
    cached = { at: now, facts };
    facts.catch(() => (cached = undefined));
  }
  return cached.facts;
}
