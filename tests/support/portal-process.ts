/**
 * The built portal as a real server process, for tests that must kill it (SIGKILL) and start it
 * again: a private build folder, the start-up step (`src/cli/setup.ts`) and the server itself, each a
 * child process of the test. Every child still running when this process exits is killed.
 *
 *   const entry = await buildSite('dist-durability');         // builds only when sources changed
 *   await runSetup({ DATABASE_URL: url, DEMO_COUNT: '50', OPEN311_BOOTSTRAP_KEY: key });
 *   const portal = await startPortalProcess(entry, { DATABASE_URL: url });
 *   portal.kill('SIGKILL'); await portal.exited;
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, waitUntilAnswering } from './child-server';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const c of children) c.kill('SIGKILL');
});

/** Newest modification time (ms) of the files that go into a build. */
function newestSource(): number {
  let newest = 0;
  const visit = (path: string) => {
    const st = statSync(path, { throwIfNoEntry: false });
    if (!st) return;
    if (st.isDirectory()) {
      for (const name of readdirSync(path)) visit(join(path, name));
    } else if (st.mtimeMs > newest) newest = st.mtimeMs;
  };
  for (const p of ['src', 'db', 'public', 'astro.config.mjs', 'package.json', 'package-lock.json', 'tsconfig.json']) visit(join(REPO_ROOT, p));
  return newest;
}

/**
 * Builds the site into `<repo>/<outDir>` (`npx astro build --outDir`) unless a build there is newer
 * than every source file; returns the server entry to run. A private folder, so a build of dist/
 * started elsewhere meanwhile cannot change the server under test.
 */
export async function buildSite(outDir: string): Promise<string> {
  const dir = join(REPO_ROOT, outDir);
  const entry = join(dir, 'server', 'entry.mjs');
  const stamp = join(dir, '.built-at');
  const stampTime = statSync(stamp, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  if (existsSync(entry) && stampTime > newestSource()) return entry;
  const started = performance.now();
  const startedAt = new Date();
  const log: string[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    // The pinned Node runs astro's own bin (what `npx astro build` runs).
    const child = spawn(process.execPath, [join(REPO_ROOT, 'node_modules/astro/bin/astro.mjs'), 'build', '--outDir', outDir], {
      cwd: REPO_ROOT,
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => log.push(chunk.toString());
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (code !== 0 || !existsSync(entry)) throw new Error(`npx astro build --outDir ${outDir} failed (exit code ${code}):\n${log.join('').slice(-4000)}`);
  // Dated when the build started: a source saved during the build makes the next run build again.
  writeFileSync(stamp, startedAt.toISOString());
  utimesSync(stamp, startedAt, startedAt);
  console.info(`built the site into ${outDir}/ in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return entry;
}

/** Runs the start-up step (`node --import tsx src/cli/setup.ts`) with `env`; rejects with its output on failure. */
export async function runSetup(env: Record<string, string>): Promise<void> {
  const log: string[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/setup.ts'], { cwd: REPO_ROOT, env: { ...process.env, DEMO_COMPLAINTS: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    const keep = (chunk: Buffer) => log.push(chunk.toString());
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    child.once('error', reject);
    child.once('exit', (c) => {
      children.delete(child);
      resolve(c);
    });
  });
  if (code !== 0) throw new Error(`src/cli/setup.ts exited with code ${code}:\n${log.join('').slice(-4000)}`);
}

export interface PortalProcess {
  url: string;
  pid: number;
  /** Resolves with the exit code (null when killed by a signal) once the process has ended. */
  exited: Promise<number | null>;
  readonly running: boolean;
  /** Sends a signal (no-op when the process has ended). */
  kill(signal: NodeJS.Signals): void;
  /** SIGTERM, SIGKILL after 5 s; resolves when the process has ended. */
  stop(): Promise<void>;
  /** The last lines the server wrote (stdout and stderr), for failure messages. */
  logTail(): string;
  /** Everything the server wrote, to check that no personal data reaches the logs. */
  output(): string;
  /** Process ids of its worker processes (WEB_CONCURRENCY > 1), read from /proc; [] with one process. */
  workerPids(): number[];
}

/** Process ids whose parent is `pid` (Linux /proc). */
export function childPids(pid: number): number[] {
  const found: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // pid (comm) state ppid ...; comm may hold spaces and parentheses: read after the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) found.push(Number(name));
    } catch {
      // the process ended meanwhile
    }
  }
  return found;
}

/** Whether process `pid` still exists (a zombie counts as gone). */
export function processAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/**
 * Starts the portal as production runs it, `node src/cli/serve.mjs <entry>`, on a free port with
 * `env` (NODE_ENV=production; WEB_CONCURRENCY for several processes) and waits until GET
 * `probePath` answers below 500. Throws with the server's output if it exits or does not answer
 * within 60 s.
 */
export async function startPortalProcess(entry: string, env: Record<string, string>, probePath = '/open311/v2/services.json'): Promise<PortalProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(REPO_ROOT, 'src/cli/serve.mjs'), entry], {
    cwd: REPO_ROOT,
    env: { ...process.env, NODE_ENV: 'production', ...env, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  const lines: string[] = [];
  const everything: string[] = [];
  const keep = (chunk: Buffer) => {
    everything.push(chunk.toString());
    lines.push(...chunk.toString().split('\n').filter(Boolean));
    if (lines.length > 60) lines.splice(0, lines.length - 60);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let running = true;
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      running = false;
      children.delete(child);
      resolve(code);
    }),
  );
  const portal: PortalProcess = {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    exited,
    get running() {
      return running;
    },
    kill(signal) {
      if (running) child.kill(signal);
    },
    async stop() {
      if (!running) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
    logTail: () => lines.join('\n'),
    output: () => everything.join(''),
    workerPids: () => childPids(child.pid!),
  };
  await waitUntilAnswering({ name: 'the portal', url: portal.url, exitCode: () => (running ? undefined : child.exitCode), stop: portal.stop, logTail: portal.logTail }, probePath, 100);
  return portal;
}
