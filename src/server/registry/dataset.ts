/**
 * Facts about the data set (demo or not, how many institutions), shown on every page. They change
 * only when data is seeded or imported, so each process keeps them for a minute instead of
 * counting 100,000 rows on every request. Past the minute the last known facts are still answered
 * while fresh ones are counted in the background, and they stay while the database is away, so
 * that a page which needs nothing else (the about page, a form shown again) does not fail for
 * the footer's sake.
 */
import type { Db } from '../../../db/client';
import { datasetFacts, type DatasetFacts } from '../../../db/queries/registry/publications';

const TTL_MS = 60_000;
let counting: Promise<DatasetFacts> | undefined;
let known: { at: number; facts: DatasetFacts } | undefined;

function count(db: Db): Promise<DatasetFacts> {
  counting ??= datasetFacts(db)
    .then((facts) => {
      known = { at: Date.now(), facts };
      return facts;
    })
    .finally(() => (counting = undefined));
  return counting;
}

export function cachedDatasetFacts(db: Db): Promise<DatasetFacts> {
  if (!known) return count(db);
  if (Date.now() - known.at > TTL_MS) count(db).catch(() => {});
  return Promise.resolve(known.facts);
}
