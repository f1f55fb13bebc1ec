// @ts-check
import http from 'node:http';
import sirv from 'sirv';
import { markCache } from './page-store.mjs';
import { BASE_CSP, securityHeaderList, withUtf8Charset } from './security-headers.mjs';

/**
 * The built files of dist/client (scripts and styles under /_astro/, the bundled model contracts,
 * the icon) for GET and HEAD, and the Astro app for everything else. The file list is read once at
 * start (sirv, not in dev mode): a request for a page costs no file-system call, where the node
 * adapter's standalone handler looked for a file on disk before every request, posts included
 * (a twelfth of the server's time per complaint, npm run bench).
 * @param {string} clientDir
 * @param {(req: http.IncomingMessage, res: http.ServerResponse) => void} app
 * @returns {(req: http.IncomingMessage, res: http.ServerResponse) => void}
 */
export function withStaticFiles(clientDir, app) {
  const files = sirv(clientDir, {
    dev: false,
    etag: true,
    // The build writes a .br and a .gz beside each text file (precompress-integration.ts): sent to
    // clients that take them, with Content-Encoding and Vary: Accept-Encoding.
    brotli: true,
    gzip: true,
    dotfiles: false,
    // Only exact paths: /x never answers with x.html (the app has no prerendered pages).
    extensions: [],
    setHeaders(res, pathname) {
      // Not a page: neither a cache hit nor a miss for the request log and metrics.
      markCache(res, 'bypass');
      // Fingerprinted by the build: a changed file gets a new name.
      res.setHeader('Cache-Control', pathname.startsWith('/_astro/') ? 'public, max-age=31536000, immutable' : 'public, max-age=3600');
      // The same headers as every page: an SVG is a document that could run script if framed or sniffed.
      // HSTS left to the pages: a browser keeps it for the host from the first page it loads.
      for (const [name, value] of securityHeaderList(false)) res.setHeader(name, value);
      res.setHeader('Content-Security-Policy', BASE_CSP);
      // sirv names the type only when it writes the head, and text types without a charset
      // (text/plain of a model contract) garble Chinese in clients that guess: add it there.
      const writeHead = res.writeHead;
      res.writeHead = /** @type {typeof res.writeHead} */ ((/** @type {number} */ code, /** @type {any} */ headers) => {
        if (headers && typeof headers === 'object' && headers['Content-Type']) headers['Content-Type'] = withUtf8Charset(headers['Content-Type']);
        return writeHead.call(res, code, headers);
      });
    },
  });
  return (req, res) => {
    if (req.method === 'GET' || req.method === 'HEAD') return files(req, res, () => app(req, res));
    return app(req, res);
  };
}
