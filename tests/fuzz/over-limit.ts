/**
 * A body larger than any limit of the portal (48 MB: the largest, an import, is 20 MB), streamed
 * 64 KB at a time, counting what the server let us write before its answer arrived. An endpoint
 * that read the body whole would answer only after all of it; one that refuses it early answers
 * while most of it is still unsent. Both shapes: chunked (length unknown) and a declared length.
 */
import http from 'node:http';

export const OVER_LIMIT_TOTAL = 48 * 1024 * 1024;
const CHUNK = new Uint8Array(64 * 1024).fill(0x61);

export interface OverLimitAnswer {
  status: number;
  contentType: string;
  /** Bytes written when the answer's head arrived. */
  sentAtAnswer: number;
  error?: string;
}

/** POSTs the streamed body to `url` with `headers`; `declared` sends Content-Length instead of chunks. */
export function postOverLimit(url: string, headers: Record<string, string>, declared: boolean, timeoutMs = 60_000): Promise<OverLimitAnswer> {
  return new Promise((resolve) => {
    let sent = 0;
    let done = false;
    const finish = (a: OverLimitAnswer) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      req.destroy();
      resolve(a);
    };
    const req = http.request(url, {
      method: 'POST',
      headers: { ...headers, ...(declared ? { 'content-length': String(OVER_LIMIT_TOTAL) } : { 'transfer-encoding': 'chunked' }) },
    });
    const timer = setTimeout(() => finish({ status: 0, contentType: '', sentAtAnswer: sent, error: 'timeout' }), timeoutMs);
    req.on('response', (res) => {
      const answer = { status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), sentAtAnswer: sent };
      res.resume();
      finish(answer);
    });
    // The server may close the connection after answering, before we see the answer: an error
    // after everything was sent means it was read whole; one before, that it was refused.
    req.on('error', (e) => finish({ status: 0, contentType: '', sentAtAnswer: sent, error: (e as NodeJS.ErrnoException).code ?? e.message }));
    // One chunk per turn of the event loop, so that an answer that has arrived is seen at once:
    // a server that answered early and then drains the rest (as node does) is not taken for one
    // that read everything first.
    const pump = async () => {
      while (!done && sent < OVER_LIMIT_TOTAL) {
        sent += CHUNK.length;
        if (!req.write(CHUNK)) await new Promise((r) => req.once('drain', r));
        await new Promise((r) => setImmediate(r));
      }
      if (!done) req.end();
    };
    void pump();
  });
}
