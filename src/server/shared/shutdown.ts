/**
 * What the app must do before its process exits, run by the front server's drain
 * (src/server/http/drain.mjs) after the last request has been answered: hand back or finish jobs,
 * close the database pool. Registered once each, in the order they should run. Shared with the
 * front server through global symbols because it is not bundled with the app.
 */
const SHUTDOWN_HOOKS = Symbol.for('putuo-training-portal.shutdown-hooks');
const DRAINING = Symbol.for('putuo-training-portal.draining');

type Hook = { name: string; run: (timeoutMs: number) => Promise<void> };

function hooks(): Hook[] {
  const g = globalThis as Record<symbol, unknown>;
  return (g[SHUTDOWN_HOOKS] ??= []) as Hook[];
}

/** Registers `run` under `name` (a second registration under the same name replaces the first). */
export function onShutdown(name: string, run: (timeoutMs: number) => Promise<void>): void {
  const list = hooks();
  const at = list.findIndex((h) => h.name === name);
  if (at >= 0) list[at] = { name, run };
  else list.push({ name, run });
}

/** True once the front server has begun to drain this process: readiness is then false. */
export function isDraining(): boolean {
  return (globalThis as Record<symbol, unknown>)[DRAINING] === true;
}
