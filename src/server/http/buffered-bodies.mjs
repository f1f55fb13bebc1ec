// @ts-check
import http from 'node:http';
/** Bodies up to this declared length are read in one piece before the app sees the request. */
export const BUFFERED_BODY_MAX = 64 * 1024;

/**
 * Reads a small request body here, so that it reaches the app as one Buffer on `req.body`, which
 * the node adapter hands to the WHATWG Request as is. Why: otherwise the adapter wraps the socket
 * stream in an async generator and a web stream, chunk by chunk, which cost about a tenth of the
 * server's time per complaint (npm run bench). Only bodies with a declared Content-Length up to
 * BUFFERED_BODY_MAX (every form and API post; not file uploads, which stay streamed so the app's
 * own size limits stop them early). A client that goes away mid-body gets nothing.
 * @param {(req: http.IncomingMessage, res: http.ServerResponse) => void} app
 * @returns {(req: http.IncomingMessage, res: http.ServerResponse) => void}
 */
export function withBufferedBodies(app) {
  return (req, res) => {
    const declared = req.headers['content-length'];
    const length = declared === undefined ? NaN : Number(declared);
    if (req.method === 'GET' || req.method === 'HEAD' || !(length <= BUFFERED_BODY_MAX)) return app(req, res);
    /** @type {Buffer[]} */
    const chunks = [];
    req.on('data', (/** @type {Buffer} */ chunk) => chunks.push(chunk));
    req.once('end', () => {
      /** @type {any} */ (req).body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
      app(req, res);
    });
  };
}
