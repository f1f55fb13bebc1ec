/**
 * What the two fake SMS gateways share: a local HTTP server, a script of failures ("answer the next
 * N calls with this real error code", "answer nothing for the next N calls"), and the phone's side
 * of the story: every accepted message, and whether one message id arrived twice.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface ReceivedSms {
  /** OutId (Alibaba) or SessionContext (Tencent): the portal's message id. */
  messageId: string;
  phone: string;
  signName: string;
  templateCode: string;
  params: Record<string, string> | string[];
  /** The registered wording filled in, as the phone shows it. */
  text: string;
}

export interface FakeGateway {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  /** Every message accepted, in order, duplicates included. */
  readonly accepted: ReceivedSms[];
  /** Per message id, the first copy the phone got. */
  readonly inbox: Map<string, ReceivedSms>;
  /** Copies of a message id the phone already had. */
  readonly duplicates: ReceivedSms[];
  /** Every request that reached the server, signed correctly or not. */
  readonly calls: number;
  /** Answer the next `times` calls that pass the signature check with this provider error code. */
  failNext(code: string, times?: number): void;
  /** Keep the next `times` calls waiting without an answer (the client's timeout fires). */
  stallNext(times?: number): void;
  close(): Promise<void>;
}

export interface GatewayCore {
  accepted: ReceivedSms[];
  inbox: Map<string, ReceivedSms>;
  duplicates: ReceivedSms[];
  /** The next scripted failure code, if any, consumed. */
  takeFailure(): string | undefined;
  record(sms: ReceivedSms): void;
}

export type Handler = (req: IncomingMessage, body: Buffer, core: GatewayCore) => { status: number; body: unknown };

/** Start a fake on a free port of 127.0.0.1. */
export async function startFakeGateway(handle: Handler): Promise<FakeGateway> {
  const failures: string[] = [];
  let stalls = 0;
  let calls = 0;
  const sockets = new Set<Socket>();
  const core: GatewayCore = {
    accepted: [],
    inbox: new Map(),
    duplicates: [],
    takeFailure: () => failures.shift(),
    record(sms) {
      core.accepted.push(sms);
      if (core.inbox.has(sms.messageId)) core.duplicates.push(sms);
      else core.inbox.set(sms.messageId, sms);
    },
  };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    calls += 1;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (stalls > 0) {
        stalls -= 1;
        return; // no answer; the socket is destroyed on close()
      }
      const answer = handle(req, Buffer.concat(chunks), core);
      res.writeHead(answer.status, { 'content-type': 'application/json;charset=utf-8' });
      res.end(JSON.stringify(answer.body));
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    accepted: core.accepted,
    inbox: core.inbox,
    duplicates: core.duplicates,
    get calls() {
      return calls;
    },
    failNext(code, times = 1) {
      for (let i = 0; i < times; i++) failures.push(code);
    },
    stallNext(times = 1) {
      stalls += times;
    },
    close() {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** The variable names of a registered wording, in order: "编号${number}…${hint}" → number, hint. */
export function templateVariables(text: string): string[] {
  return [...text.matchAll(/\$\{(\w+)\}/g)].map((m) => m[1] ?? '');
}

/** A mainland mobile number: 11 digits starting 13–19. */
export const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;
