/**
 * The HTTP servers under test, each a child process: the built portal (dist/server/entry.mjs behind
 * src/server/http/front.mjs, as `npm run serve` runs it) and a bare node:http server that answers every
 * request with fixed bytes. Children are stopped by stop(), and also when this process exits or is
 * interrupted, so none is left running.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, rmSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { freePort, waitUntilAnswering } from '../support/child-server';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const ENTRY = `${REPO_ROOT}dist/server/entry.mjs`;
/** Private copy of dist/ the portal runs from, so a build started elsewhere meanwhile cannot change it. */
const SNAPSHOT = `${REPO_ROOT}data/bench-dist`;
const BARE_SERVER = fileURLToPath(new URL('./bare-server.ts', import.meta.url));
const FRONT_SERVER = `${REPO_ROOT}src/cli/serve.mjs`;

export interface RunningServer {
  name: string;
  url: string;
  pid: number;
  stop(): Promise<void>;
}

const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const c of children) c.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    for (const c of children) c.kill('SIGKILL');
    process.exit(130);
  });
}

/**
 * Builds the site with `npx astro build` when dist/server/entry.mjs is missing (always with force),
 * then copies dist/ to data/bench-dist/ (node_modules still resolves from there; the node adapter
 * finds client/ relative to the server entry). Returns the entry to run.
 */
export async function ensureBuild(force: boolean): Promise<string> {
  if (!force && existsSync(ENTRY)) console.log(`  using the existing build ${ENTRY} of ${statSync(ENTRY).mtime.toISOString()}; --build rebuilds it`);
  else await build();
  rmSync(SNAPSHOT, { recursive: true, force: true });
  cpSync(`${REPO_ROOT}dist`, SNAPSHOT, { recursive: true });
  console.log(`  running a copy of it: ${SNAPSHOT}/server/entry.mjs`);
  return `${SNAPSHOT}/server/entry.mjs`;
}

async function build(): Promise<void> {
  console.log(`  building the site: npx astro build`);
  const started = performance.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn('npx', ['astro', 'build'], { cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`astro build exited with code ${code}`))));
  });
  if (!existsSync(ENTRY)) throw new Error(`astro build finished but ${ENTRY} is missing`);
  console.log(`  built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/** Starts a node child and waits until GET `probePath` answers (any status below 500). */
async function startNode(name: string, args: string[], env: Record<string, string>, probePath: string): Promise<RunningServer> {
  const port = await freePort();
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  const log: string[] = [];
  const keep = (chunk: Buffer) => {
    log.push(...chunk.toString().split('\n').filter(Boolean));
    if (log.length > 40) log.splice(0, log.length - 40);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let exited: number | null | undefined;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', (code) => {
      exited = code;
      children.delete(child);
      resolve();
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  const server: RunningServer = {
    name,
    url,
    pid: child.pid!,
    async stop() {
      if (exited !== undefined) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exit;
      clearTimeout(timer);
    },
  };
  await waitUntilAnswering({ name, url, exitCode: () => exited, stop: server.stop, logTail: () => log.join('\n') }, probePath, 200);
  return server;
}

/**
 * The built portal (`entry`, from ensureBuild) on the given PostgreSQL database, run as in
 * production: behind the front server (src/server/http/front.mjs, `npm run serve`).
 */
export async function startPortal(entry: string, databaseUrl: string, env: Record<string, string> = {}): Promise<RunningServer> {
  return startNode('portal', [FRONT_SERVER, entry], { DATABASE_URL: databaseUrl, NODE_ENV: 'production', ...env }, '/');
}

/** A bare node:http server answering every request with the bytes in `bodyFile`. */
export async function startBare(bodyFile: string, contentType: string): Promise<RunningServer> {
  return startNode('bare node:http', ['--import', 'tsx', BARE_SERVER], { BARE_BODY_FILE: bodyFile, BARE_CONTENT_TYPE: contentType }, '/');
}
