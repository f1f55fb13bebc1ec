/**
 * Request bodies for the size-limit tests: one made on demand that counts what a reader pulled
 * from it, and a POST that may carry such a stream.
 */

/**
 * A body of `total` bytes made on demand, one `chunk` at a time, that counts what was pulled from
 * it: a reader that read it whole would pull all of it.
 */
export function hugeBody(total: number, chunk = 64 * 1024) {
  const seen = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(c) {
      if (seen.pulled >= total) return c.close();
      const n = Math.min(chunk, total - seen.pulled);
      seen.pulled += n;
      c.enqueue(new Uint8Array(n).fill(0x61));
    },
    cancel() {
      seen.cancelled = true;
    },
  }, { highWaterMark: 0 });
  return { stream, seen };
}

/** A POST to `url` with any body, a stream included (which needs duplex: 'half'). */
export function streamingPost(url: string, body: BodyInit | null, headers: Record<string, string> = {}): Request {
  return new Request(url, { method: 'POST', body, headers, duplex: 'half' } as RequestInit);
}
