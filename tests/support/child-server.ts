/**
 * Starting an HTTP server as a child process of a test or the bench (the built portal, a bare
 * node:http server): a port for it, and waiting until it answers.
 */
import { createServer } from 'node:net';

/** A port nobody listens on right now (the kernel picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface StartingServer {
  /** How the failure messages name it, e.g. "the portal". */
  name: string;
  url: string;
  /** Its exit code (null when a signal ended it) once it has ended; undefined while it runs. */
  exitCode(): number | null | undefined;
  stop(): Promise<void>;
  /** The last lines it wrote, for the failure messages. */
  logTail(): string;
}

/**
 * Waits until GET `probePath` answers below 500, polling every `pollMs`. Throws with the server's
 * last lines when it ends first, or when it has not answered within 60 s (after stopping it).
 */
export async function waitUntilAnswering(server: StartingServer, probePath: string, pollMs: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const code = server.exitCode();
    if (code !== undefined) throw new Error(`${server.name} exited with code ${code} before answering:\n${server.logTail()}`);
    try {
      const res = await fetch(server.url + probePath, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(`${server.name} did not answer within 60 s:\n${server.logTail()}`);
    }
    await new Promise((r) => setTimeout(r, pollMs));
  }
}
