/**
 * Route discovery finds the portal's routes from src/pages with the methods they accept, so the
 * fuzz suite covers an endpoint added later without anyone listing it; and every route gets a
 * plan. Runs in the unit project: no server.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Harvest } from './harvest';
import { buildPlans } from './plans';
import { discoverRoutes, fillPattern, methodsOf, patternOf, routeMatcher } from './routes';

const PAGES = join(fileURLToPath(new URL('../..', import.meta.url)), 'src/pages');
const routes = discoverRoutes(PAGES);
const find = (pattern: string) => routes.find((r) => r.pattern === pattern);

describe('route discovery', () => {
  it('reads Astro file names as routes', () => {
    expect(patternOf('index.astro')).toBe('/');
    expect(patternOf('institutions/index.astro')).toBe('/institutions');
    expect(patternOf('warnings.atom.ts')).toBe('/warnings.atom');
    expect(patternOf('staff/oversight.csv.ts')).toBe('/staff/oversight.csv');
    expect(patternOf('open311/v2/requests/[id].json.ts')).toBe('/open311/v2/requests/[id].json');
    expect(routeMatcher('/open311/v2/requests/[id].json').exec('/open311/v2/requests/PT-2026-000001.json')?.slice(1)).toEqual(['PT-2026-000001']);
    expect(routeMatcher('/open311/v2/[...path]').exec('/open311/v2/a/b')?.slice(1)).toEqual(['a/b']);
    expect(fillPattern('/contracts/[code]/download', ['GF-1'])).toBe('/contracts/GF-1/download');
  });

  it('reads the methods a file accepts', () => {
    expect(methodsOf('a.ts', 'export const GET: APIRoute = () => x;\nexport const POST = async () => y;')).toEqual(['GET', 'POST']);
    expect(methodsOf('a.ts', 'export const ALL: APIRoute = () => x;')).toEqual(['GET', 'POST', 'PUT', 'DELETE']);
    expect(methodsOf('a.astro', "if (Astro.request.method === 'POST') {}")).toEqual(['GET', 'POST']);
    expect(methodsOf('a.astro', '<p>hello</p>')).toEqual(['GET']);
  });

  it('finds the portal’s known routes with their methods', () => {
    const expected: [string, string[]][] = [
      ['/', ['GET']],
      ['/institutions', ['GET']],
      ['/institutions/[code]', ['GET']],
      ['/warnings.atom', ['GET']],
      ['/sitemap.xml', ['GET']],
      ['/api/suggest', ['GET']],
      ['/api/institutions/[code]', ['GET']],
      ['/api/verifications', ['POST']],
      ['/api/staff/cases/[number]', ['GET', 'POST']],
      ['/complaints/new', ['GET', 'POST']],
      ['/verify', ['GET', 'POST']],
      ['/staff/sign-in', ['GET', 'POST']],
      ['/staff/cases/[number]', ['GET', 'POST']],
      ['/staff/oversight.csv', ['GET']],
      ['/open311/v2/requests.json', ['GET', 'POST', 'PUT', 'DELETE']],
      ['/open311/v2/requests/[id].json', ['GET', 'POST', 'PUT', 'DELETE']],
      ['/contracts/[code]/download', ['GET']],
    ];
    for (const [pattern, methods] of expected) expect(find(pattern)?.methods, pattern).toEqual(methods);
    expect(find('/open311/v2/services.json')?.json).toBe(true);
    expect(find('/staff/users/[id]')?.staff).toBe(true);
    expect(find('/institutions')?.json).toBe(false);
  });

  it('gives every discovered route and method a plan', () => {
    const empty: Harvest = { params: new Map(), queryNames: new Map(), forms: [], creditCode: '', serviceCode: '', ownUserPaths: new Set() };
    const plans = buildPlans(routes, empty);
    const planned = new Set(plans.map((p) => `${p.method} ${p.route.pattern}`));
    for (const r of routes) {
      expect(r.methods.length, r.file).toBeGreaterThan(0);
      for (const m of r.methods) expect(planned.has(`${m} ${r.pattern}`), `${m} ${r.pattern}`).toBe(true);
    }
    for (const p of plans) expect(p.identities.length).toBeGreaterThan(0);
  });
});
