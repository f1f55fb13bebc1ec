/**
 * The front server reads small request bodies itself (src/server/http/front.mjs withBufferedBodies), so
 * a form or API post reaches the app whole, as one Buffer; uploads and bodies of unknown length
 * still reach it as the stream they are.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUFFERED_BODY_MAX, withBufferedBodies } from '../../../src/server/http/front.mjs';

interface Seen {
  buffered: boolean;
  bytes: number;
}

let seen: Seen[] = [];
let server: http.Server;
let base: string;

/** A stand-in for the app: reports whether the body came buffered, and how long it was. */
function app(req: http.IncomingMessage & { body?: unknown }, res: http.ServerResponse) {
  const answer = (buffered: boolean, bytes: number) => {
    seen.push({ buffered, bytes });
    res.end(JSON.stringify({ buffered, bytes }));
  };
  if (Buffer.isBuffer(req.body)) return answer(true, req.body.length);
  let bytes = 0;
  req.on('data', (c: Buffer) => (bytes += c.length));
  req.on('end', () => answer(false, bytes));
}

beforeAll(async () => {
  server = http.createServer(withBufferedBodies(app));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

async function post(body: BodyInit, headers: Record<string, string> = {}) {
  seen = [];
  const res = await fetch(`${base}/open311/v2/requests.json`, { method: 'POST', body, headers, duplex: 'half' } as RequestInit);
  return (await res.json()) as Seen;
}

describe('withBufferedBodies', () => {
  it('hands a form post to the app in one piece', async () => {
    const form = new URLSearchParams({ description: '老板跑路了'.repeat(200), phone: '13912345678' }).toString();
    expect(await post(form, { 'content-type': 'application/x-www-form-urlencoded' })).toEqual({ buffered: true, bytes: Buffer.byteLength(form) });
  });

  it('hands an empty post over as an empty body', async () => {
    expect(await post('')).toEqual({ buffered: true, bytes: 0 });
  });

  it('leaves a body over the limit streamed, for the app to stop at its own limit', async () => {
    const big = Buffer.alloc(BUFFERED_BODY_MAX + 1, 97);
    expect(await post(big)).toEqual({ buffered: false, bytes: big.length });
  });

  it('leaves a body of undeclared length (chunked) streamed', async () => {
    const stream = new ReadableStream({
      start(c) {
        c.enqueue(new TextEncoder().encode('a=1&'));
        c.enqueue(new TextEncoder().encode('b=2'));
        c.close();
      },
    });
    expect(await post(stream)).toEqual({ buffered: false, bytes: 7 });
  });
});
