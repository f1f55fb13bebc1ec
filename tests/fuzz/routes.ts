/**
 * Route discovery for the fuzz suite: every file under src/pages becomes a route with the methods
 * it accepts, so an endpoint added tomorrow is fuzzed without anyone listing it. Astro's own rules:
 * `index` is its folder, `[param]` one segment, `[...rest]` any number, and an endpoint's file name
 * keeps its suffix (`warnings.atom.ts` is /warnings.atom, `oversight.csv.ts` /staff/oversight.csv).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export const METHODS = ['GET', 'POST', 'PUT', 'DELETE'] as const;
export type Method = (typeof METHODS)[number];

export interface Route {
  /** The file under src/pages, with forward slashes. */
  file: string;
  /** The route as Astro writes it, e.g. /api/institutions/[code] or /open311/v2/[...path]. */
  pattern: string;
  /** Names of its [param] and [...rest] segments, in order. */
  params: string[];
  methods: Method[];
  /** Answers in JSON whatever happens: /api/*, /open311/*, *.json. */
  json: boolean;
  /** Behind the staff sign-in (/staff, /api/staff). */
  staff: boolean;
}

const PAGE_FILE = /\.(astro|ts)$/;

/** Which methods a file accepts: exported handlers of an endpoint; GET, and POST when it reads one, for a page. */
export function methodsOf(file: string, source: string): Method[] {
  if (file.endsWith('.astro')) {
    const handlesPost = /Astro\.request\.method|['"]POST['"]|Post\(Astro\b/.test(source);
    return handlesPost ? ['GET', 'POST'] : ['GET'];
  }
  const exported = new Set<string>();
  for (const m of source.matchAll(/export\s+(?:const|async\s+function|function)\s+(GET|POST|PUT|DELETE|PATCH|ALL)\b/g)) exported.add(m[1]!);
  if (exported.has('ALL')) return [...METHODS];
  return METHODS.filter((m) => exported.has(m));
}

/** The route of a file path relative to src/pages (forward slashes). */
export function patternOf(file: string): string {
  const withoutExt = file.replace(PAGE_FILE, '');
  const segments = withoutExt.split('/').filter((s, i, all) => !(s === 'index' && i === all.length - 1));
  return '/' + segments.join('/');
}

/** Every route under `pagesDir`, sorted by pattern. Error pages (404, 500) are routes too. */
export function discoverRoutes(pagesDir: string): Route[] {
  const routes: Route[] = [];
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (PAGE_FILE.test(entry.name) && !entry.name.startsWith('_')) {
        const file = relative(pagesDir, path).split(sep).join('/');
        const pattern = patternOf(file);
        routes.push({
          file,
          pattern,
          params: [...pattern.matchAll(/\[(?:\.\.\.)?([^\]]+)\]/g)].map((m) => m[1]!),
          methods: methodsOf(file, readFileSync(path, 'utf8')),
          json: isJsonPath(pattern),
          staff: /^\/(?:api\/)?staff(?:\/|$)/.test(pattern),
        });
      }
    }
  };
  visit(pagesDir);
  return routes.sort((a, b) => a.pattern.localeCompare(b.pattern));
}

/** The portal promises JSON on these paths, errors included (README, "JSON API"). */
export function isJsonPath(path: string): boolean {
  return path.startsWith('/api/') || path.startsWith('/open311/') || /\.json$/.test(path.split('?')[0]!);
}

/** A regular expression matching concrete paths of the route, capturing its params in order. */
export function routeMatcher(pattern: string): RegExp {
  const body = pattern
    .split('/')
    .map((seg) => seg.replace(/\[\.\.\.[^\]]+\]|\[[^\]]+\]|[^[]+/g, (part) => {
      if (part.startsWith('[...')) return '(.+)';
      if (part.startsWith('[')) return '([^/]+)';
      return part.replace(/[.*+?^${}()|\\]/g, '\\$&');
    }))
    .join('/');
  return new RegExp(`^${body}$`);
}

/** The concrete path of a route with its params filled in (already encoded by the caller). */
export function fillPattern(pattern: string, values: string[]): string {
  let i = 0;
  return pattern.replace(/\[(?:\.\.\.)?[^\]]+\]/g, () => values[i++] ?? 'x');
}
