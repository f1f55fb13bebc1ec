/**
 * A TCP proxy in front of PostgreSQL that a test controls, to take the database away from the
 * portal without touching the real server: `refuse()` cuts every connection and refuses new ones
 * (the database stopped: ECONNREFUSED at once), `blackhole()` cuts every connection and accepts new
 * ones without ever answering (a network partition: only timeouts notice), `restore()` forwards
 * again.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';

export type ProxyMode = 'forward' | 'refuse' | 'blackhole';

export interface TcpProxy {
  port: number;
  readonly mode: ProxyMode;
  refuse(): Promise<void>;
  blackhole(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let mode: ProxyMode = 'forward';
  const open = new Set<Socket>();
  let server: Server | null = null;
  let port = 0;

  const onConnection = (client: Socket) => {
    open.add(client);
    client.once('close', () => open.delete(client));
    client.on('error', () => {});
    // A partition: the connection is accepted and then nothing ever comes back.
    if (mode === 'blackhole') return;
    const upstream = connect(target.port, target.host);
    open.add(upstream);
    upstream.once('close', () => {
      open.delete(upstream);
      client.destroy();
    });
    upstream.on('error', () => client.destroy());
    client.once('close', () => upstream.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
  };

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server = createServer(onConnection);
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        const address = server!.address();
        if (typeof address === 'object' && address) port = address.port;
        resolve();
      });
    });
  const stopListening = () =>
    new Promise<void>((resolve) => {
      if (!server) return resolve();
      server.close(() => resolve());
      server = null;
    });
  const cutAll = () => {
    for (const s of open) s.destroy();
    open.clear();
  };

  await listen();
  return {
    get port() {
      return port;
    },
    get mode() {
      return mode;
    },
    async refuse() {
      mode = 'refuse';
      await Promise.all([stopListening(), Promise.resolve(cutAll())]);
    },
    async blackhole() {
      mode = 'blackhole';
      cutAll();
      if (!server) await listen();
    },
    async restore() {
      mode = 'forward';
      // Connections accepted during a partition never reached the database: end them.
      cutAll();
      if (!server) await listen();
    },
    async close() {
      cutAll();
      await stopListening();
    },
  };
}
