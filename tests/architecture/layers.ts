/**
 * The layers of the repository and which may import which (README, "Layout"). Direction:
 * pages -> server -> db -> domain, with config at the bottom beside domain; components and
 * islands see domain and i18n; nothing imports the programs in src/cli.
 */
import type { ImportEdge } from './import-graph';

export type Layer = 'pages' | 'components' | 'islands' | 'server' | 'cli' | 'cliParts' | 'db' | 'i18n' | 'config' | 'domain' | 'styles' | 'tests' | 'root';

/** First match wins, so the more specific prefixes come first. */
const PREFIXES: readonly [string, Layer][] = [
  // What the programs share (demo drivers, terminal output): importable; the entry files are not.
  ['src/cli/demo/', 'cliParts'],
  ['src/cli/terminal/', 'cliParts'],
  ['src/cli/', 'cli'],
  ['src/pages/', 'pages'],
  ['src/middleware.ts', 'pages'],
  ['src/env.d.ts', 'pages'],
  ['src/components/', 'components'],
  ['src/layouts/', 'components'],
  ['src/islands/', 'islands'],
  ['src/server/', 'server'],
  ['src/config/', 'config'],
  ['src/i18n/', 'i18n'],
  ['src/domain/', 'domain'],
  ['src/styles/', 'styles'],
  ['db/', 'db'],
  ['tests/', 'tests'],
];

export function layerOf(path: string): Layer {
  return PREFIXES.find(([prefix]) => path.startsWith(prefix))?.[1] ?? 'root';
}

/** What each layer may import (values and types alike). A layer always sees itself. */
export const MAY_IMPORT: Record<Layer, readonly Layer[]> = {
  pages: ['components', 'islands', 'server', 'db', 'i18n', 'config', 'domain', 'styles'],
  components: ['islands', 'i18n', 'domain', 'styles'],
  islands: ['i18n', 'domain'],
  server: ['db', 'i18n', 'config', 'domain'],
  cli: ['cliParts', 'server', 'db', 'i18n', 'config', 'domain'],
  cliParts: ['server', 'db', 'i18n', 'config', 'domain'],
  db: ['config', 'domain'],
  i18n: ['domain'],
  config: [],
  domain: [],
  styles: [],
  // Tests reach every layer they test, but never the programs' entry files.
  tests: ['pages', 'components', 'islands', 'server', 'cliParts', 'db', 'i18n', 'config', 'domain', 'styles', 'root'],
  // astro.config.mjs names the cache provider that Astro bundles into the server.
  root: ['server'],
};

/** Components render what pages give them; they may name the server's and db's types, no more. */
export const MAY_IMPORT_TYPES: Partial<Record<Layer, readonly Layer[]>> = {
  components: ['server', 'db'],
};

/**
 * Packages a layer must not use: the domain is pure (no I/O, no framework, no database), and the
 * islands run in a browser.
 */
const FORBIDDEN_PACKAGES: Partial<Record<Layer, RegExp>> = {
  domain: /^(?:node:(?!crypto$|util$)|astro|drizzle-orm|postgres$|@electric-sql\/)/,
  islands: /^(?:node:|astro|drizzle-orm|postgres$|@electric-sql\/)/,
  config: /^(?:astro|drizzle-orm|postgres$|@electric-sql\/)/,
};

export interface Violation {
  from: string;
  specifier: string;
  rule: string;
}

/** Every edge that goes against the direction. */
export function violations(edges: readonly ImportEdge[]): Violation[] {
  const out: Violation[] = [];
  for (const e of edges) {
    const from = layerOf(e.from);
    if (e.to === null) {
      const forbidden = FORBIDDEN_PACKAGES[from];
      if (forbidden?.test(e.specifier)) out.push({ from: e.from, specifier: e.specifier, rule: `${from} must not use the package ${e.specifier}` });
      continue;
    }
    const to = layerOf(e.to);
    if (to === from) continue;
    if (MAY_IMPORT[from].includes(to)) continue;
    if (e.typeOnly && MAY_IMPORT_TYPES[from]?.includes(to)) continue;
    out.push({ from: e.from, specifier: e.specifier, rule: `${from} must not import ${to}${MAY_IMPORT_TYPES[from]?.includes(to) ? ' except types' : ''}` });
  }
  return out;
}
