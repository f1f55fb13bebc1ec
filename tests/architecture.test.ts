/**
 * The layout stays true: no import cycle in src/ or db/, no import against the direction
 * (README, "Layout"), nothing imports the programs. The first block checks the reader and the
 * rules on small made-up graphs, so a reader that found nothing could not pass the second.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { astroCode, cycles, findImports, importGraph, sourceFiles, type ImportEdge } from './architecture/import-graph';
import { layerOf, violations } from './architecture/layers';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

describe('the import reader', () => {
  it('finds every import form the project writes', () => {
    const code = [
      "import { a } from './a';",
      "import type { B } from '../b';",
      "import { type C, type D } from './cd';",
      "import E, { type F } from './ef';",
      "import * as g from './g';",
      "import './side-effect';",
      "export { h } from './h';",
      "export * from './i';",
      "export type { J } from './j';",
      'import {',
      '  k,',
      '  l,',
      "} from './kl';",
      "const m = await import('./m');",
      "// import { n } from './in-a-comment';",
      "/* import { o } from './in-a-block'; */",
      "const url = 'https://example.org/x'; import { p } from './after-url';",
      'export const q = 1;',
    ].join('\n');
    expect(findImports(code)).toEqual([
      { specifier: './a', typeOnly: false },
      { specifier: '../b', typeOnly: true },
      { specifier: './cd', typeOnly: true },
      { specifier: './ef', typeOnly: false },
      { specifier: './g', typeOnly: false },
      { specifier: './side-effect', typeOnly: false },
      { specifier: './h', typeOnly: false },
      { specifier: './i', typeOnly: false },
      { specifier: './j', typeOnly: true },
      { specifier: './kl', typeOnly: false },
      { specifier: './after-url', typeOnly: false },
      { specifier: './m', typeOnly: false },
    ]);
  });

  it('reads the frontmatter and scripts of an .astro file, not its markup', () => {
    const astro = "---\nimport Base from '../layouts/Base.astro';\n---\n<p>import x from './not-code'</p>\n<script>import { y } from './island';</script>";
    expect(findImports(astroCode(astro)).map((i) => i.specifier)).toEqual(['../layouts/Base.astro', './island']);
  });

  it('finds a cycle, however long', () => {
    const edge = (from: string, to: string): ImportEdge => ({ from, to, specifier: to, typeOnly: false });
    expect(cycles([edge('a', 'b'), edge('b', 'c'), edge('c', 'a'), edge('c', 'd')])).toEqual([['a', 'b', 'c']]);
    expect(cycles([edge('a', 'b'), edge('b', 'c')])).toEqual([]);
  });

  it('refuses an import against the direction and allows one along it', () => {
    const edge = (from: string, to: string | null, specifier = to ?? '', typeOnly = false): ImportEdge => ({ from, to, specifier, typeOnly });
    expect(violations([edge('db/queries/x.ts', 'src/server/y.ts')])).toHaveLength(1);
    expect(violations([edge('src/domain/x.ts', 'src/i18n/index.ts')])).toHaveLength(1);
    expect(violations([edge('src/components/X.astro', 'src/server/y.ts')])).toHaveLength(1);
    expect(violations([edge('src/components/X.astro', 'src/server/y.ts', '../server/y', true)])).toEqual([]);
    expect(violations([edge('src/server/a.ts', 'src/cli/staff.ts')])).toHaveLength(1);
    expect(violations([edge('tests/unit/a.test.ts', 'src/cli/staff.ts')])).toHaveLength(1);
    expect(violations([edge('src/domain/x.ts', null, 'node:fs')])).toHaveLength(1);
    expect(violations([edge('src/server/a.ts', 'db/queries/b.ts'), edge('src/pages/a.astro', 'src/server/b.ts')])).toEqual([]);
  });
});

describe('the repository', () => {
  // This file and its helpers hold import statements as test data, inside strings.
  const files = sourceFiles(ROOT, ['src', 'db', 'tests', 'astro.config.mjs']).filter((f) => !f.startsWith('tests/architecture'));
  const edges = importGraph(ROOT, files);
  const product = edges.filter((e) => layerOf(e.from) !== 'tests');

  it('is read whole: every layer has files and imports', () => {
    for (const layer of ['pages', 'components', 'islands', 'server', 'cli', 'db', 'i18n', 'config', 'domain'] as const) {
      expect(files.some((f) => layerOf(f) === layer), layer).toBe(true);
    }
    expect(edges.filter((e) => e.from.startsWith('src/pages/') && e.to?.startsWith('src/server/')).length).toBeGreaterThan(20);
  });

  it('has no import cycle in src/ or db/', () => {
    expect(cycles(product)).toEqual([]);
  });

  it('imports only along the direction pages -> server -> db -> domain', () => {
    expect(violations(edges).map((v) => `${v.from} imports "${v.specifier}": ${v.rule}`)).toEqual([]);
  });
});
