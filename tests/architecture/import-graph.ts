/**
 * The repository's import graph, read from the source text: static `import`/`export … from`
 * (values and types), side-effect imports, dynamic `import()`, in .ts, .tsx, .mjs and the
 * frontmatter and scripts of .astro files. Only relative specifiers are edges; packages are kept
 * apart so a layer can be checked for the packages it must not use.
 *
 * Why a reader of text and not a compiler: the rules are about files and folders, the project
 * mixes four file kinds, and a regular expression over comment-free text finds every form the
 * project writes. `findImports` is tested on each form, so a form it missed would fail a test.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

export interface ImportEdge {
  from: string;
  /** Repository-relative path of the imported file, or null for a package. */
  to: string | null;
  specifier: string;
  typeOnly: boolean;
}

const SOURCE = /\.(ts|tsx|mjs|astro)$/;
const SKIP_DIRS = new Set(['node_modules', 'dist', 'migrations', '.astro']);

/** Source files under the given folders, repository-relative with forward slashes. */
export function sourceFiles(root: string, folders: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      if (SKIP_DIRS.has(name)) continue;
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (SOURCE.test(name)) out.push(relative(root, path).split(sep).join('/'));
    }
  };
  for (const f of folders) {
    const path = join(root, f);
    if (!existsSync(path)) continue;
    if (statSync(path).isDirectory()) walk(path);
    else out.push(f);
  }
  return out.sort();
}

/**
 * Blanks comments and keeps strings intact, so an import named in a comment is not an edge and
 * `//` inside a string (a URL) does not hide the rest of its line.
 */
export function stripComments(code: string): string {
  let out = '';
  let i = 0;
  while (i < code.length) {
    const c = code[i]!;
    const next = code[i + 1];
    if (c === '/' && next === '/') {
      while (i < code.length && code[i] !== '\n') i++;
    } else if (c === '/' && next === '*') {
      const end = code.indexOf('*/', i + 2);
      const stop = end === -1 ? code.length : end + 2;
      out += code.slice(i, stop).replace(/[^\n]/g, ' ');
      i = stop;
    } else if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      while (j < code.length && code[j] !== c) {
        if (code[j] === '\\') j++;
        if (c !== '`' && code[j] === '\n') break;
        j++;
      }
      out += code.slice(i, j + 1);
      i = j + 1;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** The parts of an .astro file that hold code: its frontmatter and its <script> elements. */
export function astroCode(text: string): string {
  const parts: string[] = [];
  const front = /^\s*---\r?\n([\s\S]*?)\r?\n---/.exec(text);
  if (front) parts.push(front[1]!);
  for (const m of text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)) parts.push(m[1]!);
  return parts.join('\n');
}

const STATIC = /(?:^|[\n;])\s*(import|export)\s+(type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?(['"])([^'"\n]+)\3/g;
const DYNAMIC = /\bimport\(\s*(['"])([^'"\n]+)\1\s*\)/g;

/** Every specifier a file's code imports, with whether it brings types only. */
export function findImports(code: string): { specifier: string; typeOnly: boolean }[] {
  const clean = stripComments(code);
  const found: { specifier: string; typeOnly: boolean }[] = [];
  for (const m of clean.matchAll(STATIC)) {
    const clause = m[0];
    // `export const x = …` and friends have no `from` and no quote right after the keyword.
    if (m[1] === 'export' && !/\sfrom\s*['"]/.test(clause)) continue;
    const namesTypesOnly = /\{([^}]*)\}/.exec(clause)?.[1]?.split(',').every((n) => n.trim() === '' || /^type\s/.test(n.trim())) ?? false;
    const hasDefault = /^\s*(?:import|export)\s+(?:type\s+)?[\w$]+\s*(?:,|\s+from)/.test(clause.replace(/^[\n;]/, ''));
    found.push({ specifier: m[4]!, typeOnly: Boolean(m[2]) || (namesTypesOnly && !hasDefault && /\{/.test(clause)) });
  }
  for (const m of clean.matchAll(DYNAMIC)) found.push({ specifier: m[2]!, typeOnly: false });
  return found;
}

const EXTENSIONS = ['', '.ts', '.tsx', '.mjs', '.js', '.astro', '/index.ts', '/index.tsx'];

/** The file a relative specifier names, as TypeScript and Vite resolve it here. */
export function resolveSpecifier(root: string, from: string, specifier: string): string | null {
  const base = resolve(root, dirname(from), specifier);
  for (const ext of EXTENSIONS) {
    const path = base + ext;
    if (existsSync(path) && statSync(path).isFile()) return relative(root, path).split(sep).join('/');
  }
  return null;
}

/** Every edge of the given files; a relative specifier that names no file throws. */
export function importGraph(root: string, files: readonly string[]): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const from of files) {
    const text = readFileSync(join(root, from), 'utf8');
    const code = from.endsWith('.astro') ? astroCode(text) : text;
    for (const { specifier, typeOnly } of findImports(code)) {
      if (!specifier.startsWith('.')) {
        edges.push({ from, to: null, specifier, typeOnly });
        continue;
      }
      const to = resolveSpecifier(root, from, specifier);
      if (to === null) throw new Error(`${from}: cannot resolve "${specifier}"`);
      edges.push({ from, to, specifier, typeOnly });
    }
  }
  return edges;
}

/** Strongly connected components of more than one file (or a file importing itself): the cycles. */
export function cycles(edges: readonly ImportEdge[]): string[][] {
  const next = new Map<string, Set<string>>();
  for (const e of edges) {
    if (e.to === null) continue;
    if (!next.has(e.from)) next.set(e.from, new Set());
    next.get(e.from)!.add(e.to);
  }
  // Tarjan's algorithm.
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || next.get(v)?.has(v)) found.push(component.sort());
    }
  };
  for (const v of next.keys()) if (!idx.has(v)) visit(v);
  return found;
}
