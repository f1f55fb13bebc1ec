// @ts-check
/**
 * Content encodings (issue 19): which one a client takes, and the stored page's bodies in each.
 * Brotli where the client takes it (smaller by about a fifth than gzip on the portal's HTML), else
 * gzip, else the bytes as they are. Pure but for zlib.
 */
import { promisify } from 'node:util';
import zlib from 'node:zlib';

/** @typedef {'br' | 'gzip' | 'identity'} Encoding */

/** Bodies smaller than this are sent as they are: compressing them saves less than the headers cost. */
export const COMPRESS_MIN_BYTES = 1024;

/**
 * The encoding to answer with, from Accept-Encoding (RFC 9110 §12.5.3): br before gzip, each only
 * with a q-value above 0 (directly or through `*`); identity otherwise.
 * @param {string | string[] | undefined} header
 * @returns {Encoding}
 */
export function preferredEncoding(header) {
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  /** @type {Map<string, number>} */
  const q = new Map();
  for (const part of value.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const weight = qParam ? Number(qParam.slice(2)) : 1;
    q.set(name, Number.isFinite(weight) ? weight : 0);
  }
  const weight = (/** @type {string} */ name) => q.get(name) ?? q.get('*') ?? 0;
  if (weight('br') > 0) return 'br';
  if (weight('gzip') > 0) return 'gzip';
  return 'identity';
}

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/**
 * The body in brotli and gzip, for a stored page: made once when the page is stored (in zlib's
 * thread pool, not on the event loop), then sent to every client that takes it. Brotli quality 5
 * and gzip level 6: most of the gain at a fraction of the highest levels' time.
 * @param {Buffer} body
 * @returns {Promise<{ br: Buffer, gzip: Buffer } | null>} null when the body is too small to bother
 */
export async function compressedBodies(body) {
  if (body.length < COMPRESS_MIN_BYTES) return null;
  const [br, gz] = await Promise.all([
    brotli(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length } }),
    gzip(body, { level: 6 }),
  ]);
  return { br, gzip: gz };
}

/** Text types worth compressing (what the portal sends: pages, JSON, CSS, JS, SVG, CSV, XML feeds). */
export const COMPRESSIBLE = /^(?:text\/|application\/(?:json|javascript|xml|atom\+xml|rss\+xml|manifest\+json|geo\+json|ld\+json)|image\/svg\+xml)/i;
