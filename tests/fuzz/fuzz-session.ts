/**
 * One whole fuzz session, for the test and the command line alike: discover the routes, start the
 * built portal, read what it offers, make a plan per route and method, fuzz for the budget, stop.
 */
import { join } from 'node:path';
import { REPO_ROOT } from '../support/portal-process';
import { startFuzzPortal } from './fuzz-portal';
import { harvest } from './harvest';
import { buildPlans, type Plan } from './plans';
import { discoverRoutes } from './routes';
import { runFuzz, type RunOptions, type RunReport } from './run';

export interface Session extends RunReport {
  plans: Plan[];
  startMs: number;
}

/** Runs a session; `budgetMs` counts from the portal's start, so start-up eats into it. */
export async function fuzzSession(o: Omit<RunOptions, 'budgetMs'> & { budgetMs: number; distDir?: string }): Promise<Session> {
  const t0 = Date.now();
  const routes = discoverRoutes(join(REPO_ROOT, 'src/pages'));
  const portal = await startFuzzPortal(o.distDir);
  try {
    const found = await harvest(portal, routes);
    const plans = buildPlans(routes, found);
    const startMs = Date.now() - t0;
    o.progress?.(`portal started and read in ${(startMs / 1000).toFixed(1)} s: ${routes.length} routes, ${plans.length} plans, ${found.forms.length} forms`);
    const report = await runFuzz(portal, plans, found, { ...o, budgetMs: Math.max(10_000, o.budgetMs - startMs) });
    return { ...report, plans, startMs };
  } finally {
    await portal.stop();
  }
}
