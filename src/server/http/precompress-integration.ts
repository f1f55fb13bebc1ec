/**
 * An Astro integration that writes a brotli (.br) and a gzip (.gz) copy beside every built text
 * file of dist/client when `astro build` finishes (scripts, styles, SVG, model contract texts), at
 * the highest levels since it happens once. The front server sends them to clients that take them
 * (src/server/http/static-files.mjs, sirv's brotli/gzip options) and never compresses those files
 * again per request.
 */
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { AstroIntegration } from 'astro';

const TEXT_FILES = /\.(?:js|mjs|css|svg|txt|json|xml|html|webmanifest)$/i;
const MIN_BYTES = 1024;

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

async function* files(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (entry.isFile()) yield path;
  }
}

/** Compresses every text file of `dir` of at least MIN_BYTES; returns how many and the bytes saved by brotli. */
export async function precompress(dir: string): Promise<{ files: number; before: number; after: number }> {
  let count = 0;
  let before = 0;
  let after = 0;
  for await (const path of files(dir)) {
    if (!TEXT_FILES.test(path) || (await stat(path)).size < MIN_BYTES) continue;
    const body = await readFile(path);
    const [br, gz] = await Promise.all([
      brotli(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
      gzip(body, { level: zlib.constants.Z_BEST_COMPRESSION }),
    ]);
    await Promise.all([writeFile(`${path}.br`, br), writeFile(`${path}.gz`, gz)]);
    count++;
    before += body.length;
    after += br.length;
  }
  return { files: count, before, after };
}

export function precompressedAssets(): AstroIntegration {
  return {
    name: 'portal:precompress',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const r = await precompress(fileURLToPath(dir));
        logger.info(`${r.files} text files compressed: ${Math.round(r.before / 1024)} KB → ${Math.round(r.after / 1024)} KB with brotli (.br and .gz beside each)`);
      },
    },
  };
}
