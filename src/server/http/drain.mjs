// @ts-check
/**
 * Graceful drain of a serving process (issue 18). On the first SIGTERM or SIGINT:
 *
 * 1. readiness goes false (/readyz answers 503, so a load balancer stops sending) and the listening
 *    socket closes (no new connections; in a cluster the other workers take them);
 * 2. every response from then on carries `Connection: close`, so a keep-alive client does not send
 *    another request on a connection that is about to end; a connection idle for IDLE_CLOSE_MS is
 *    closed (a client sending on it at that instant is the only race left, and an idle one rarely is);
 * 3. requests in flight finish, for up to SHUTDOWN_GRACE_S; whatever is left then is cut;
 * 4. the app's shutdown hooks run (the job queue hands back or finishes its jobs, the database pool
 *    closes: src/server/shared/shutdown.ts), and the process exits 0.
 *
 * A second signal exits at once (code 1). Why not `server.close()` and `closeAllConnections()` at
 * once, as before: that reset the 10 to 20 requests in flight at the time, some already filed.
 */
import http from 'node:http';
import net from 'node:net';

/** Shared with src/server/shared/shutdown.ts (bundled into the app, so it cannot import this). */
const DRAINING = Symbol.for('putuo-training-portal.draining');
const SHUTDOWN_HOOKS = Symbol.for('putuo-training-portal.shutdown-hooks');

/** A connection with no request for this long is closed while draining. */
export const IDLE_CLOSE_MS = 300;

/** Whether this process is draining (read by /readyz through the same global symbol). */
export function isDraining() {
  return /** @type {any} */ (globalThis)[DRAINING] === true;
}

/**
 * Runs the app's shutdown hooks in the order they were registered, each bounded by what is left of
 * `deadline` (ms since the epoch); a failing or late hook is reported and the next one runs.
 * @param {number} deadline @param {(event: string, detail: Record<string, unknown>) => void} report
 */
export async function runShutdownHooks(deadline, report) {
  /** @type {{ name: string, run: (timeoutMs: number) => Promise<void> }[]} */
  const hooks = /** @type {any} */ (globalThis)[SHUTDOWN_HOOKS] ?? [];
  for (const hook of hooks) {
    const left = Math.max(100, deadline - Date.now());
    try {
      await Promise.race([hook.run(left), new Promise((_, reject) => setTimeout(() => reject(new Error(`did not finish within ${left} ms`)), left + 50).unref())]);
    } catch (e) {
      report('front.shutdown_hook_failed', { hook: hook.name, message: e instanceof Error ? e.message : String(e) });
    }
  }
}

/**
 * The request listener wrapped so that the server can be drained, and the drain itself.
 * @param {http.RequestListener} handler
 * @param {{ graceMs: number }} o
 */
export function drainable(handler, o) {
  /** @type {Map<import('node:net').Socket, { busy: number, idleSince: number }>} */
  const sockets = new Map();
  let draining = false;
  /** @type {http.RequestListener} */
  const listener = (req, res) => {
    const state = sockets.get(req.socket);
    if (state) state.busy++;
    res.once('close', () => {
      if (state) {
        state.busy--;
        state.idleSince = Date.now();
      }
    });
    if (draining) res.setHeader('Connection', 'close');
    handler(req, res);
  };
  /** @param {http.Server} server */
  const track = (server) => {
    server.on('connection', (socket) => {
      sockets.set(socket, { busy: 0, idleSince: Date.now() });
      socket.once('close', () => sockets.delete(socket));
    });
  };
  /**
   * Stops taking connections and waits for those open to finish (at most graceMs).
   * @param {http.Server} server
   * @returns {Promise<{ cut: number }>} connections still busy at the deadline, which were cut
   */
  const drain = (server) =>
    new Promise((resolve) => {
      draining = true;
      /** @type {any} */ (globalThis)[DRAINING] = true;
      // Only the listening socket: http.Server#close() also closes every idle keep-alive connection
      // at once (Node 19+), and a client sending its next request on one at that instant gets a
      // reset. Here idle connections are closed only once they have been idle a while (below).
      net.Server.prototype.close.call(server);
      const deadline = Date.now() + o.graceMs;
      const tick = () => {
        const now = Date.now();
        for (const [socket, s] of sockets) if (s.busy === 0 && now - s.idleSince >= IDLE_CLOSE_MS) socket.end();
        if (sockets.size === 0) return resolve({ cut: 0 });
        if (now >= deadline) {
          let cut = 0;
          for (const [socket, s] of sockets) {
            if (s.busy > 0) cut++;
            socket.destroy();
          }
          return resolve({ cut });
        }
        setTimeout(tick, 50);
      };
      tick();
    });
  return { listener, track, drain, get draining() { return draining; } };
}
