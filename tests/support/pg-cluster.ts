/**
 * PostgreSQL clusters of a test's own, in a temporary folder on a free port: a throw-away primary
 * (initdb) or a streaming replica (pg_basebackup -R), started and stopped with pg_ctl. PostgreSQL
 * refuses to run as root, so when the tests run as root (CI) every server program runs as the
 * `postgres` OS user (runuser) in folders it owns; otherwise as the current user.
 *
 *   const primary = await initCluster({ major });             // initdb + start
 *   const replica = await baseBackupCluster(primary.url, { major });
 *   await replica.stop('fast');
 *   await primary.remove(); await replica.remove();           // stop (immediate) and delete
 */
import { spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './child-server';

/** The folder of PostgreSQL `major`'s programs (Debian: /usr/lib/postgresql/<major>/bin); the newest when not given. */
export function pgBinDir(major?: number): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => /^\d+$/.test(v)).map(Number).sort((a, b) => b - a) : [];
  const chosen = major ?? versions[0];
  if (chosen === undefined || !existsSync(join(root, String(chosen), 'bin', 'pg_ctl'))) {
    throw new Error(`PostgreSQL ${major ?? ''} server programs not found under ${root}/<major>/bin (found: ${versions.join(', ') || 'none'}); install postgresql-${major ?? 15}`);
  }
  return join(root, String(chosen), 'bin');
}

const asRoot = process.getuid?.() === 0;

/** uid and gid of the OS user `postgres` (from /etc/passwd). */
function postgresUser(): { uid: number; gid: number } {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  if (!line) throw new Error('running as root, but there is no OS user "postgres" to run PostgreSQL as (PostgreSQL refuses root)');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

/** A new empty folder the server programs may write in. */
export function serverFolder(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  if (asRoot) {
    const { uid, gid } = postgresUser();
    chownSync(dir, uid, gid);
  }
  return dir;
}

/** Runs a PostgreSQL program (as `postgres` when root); resolves with its output, rejects with it on a non-zero exit. */
export function runPg(program: string, args: string[], o: { timeoutMs?: number; env?: Record<string, string> } = {}): Promise<string> {
  const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', program, ...args]] : [program, args];
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, argv, { cwd: '/', env: { ...process.env, ...o.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => out.push(c));
    const timer = setTimeout(() => child.kill('SIGKILL'), o.timeoutMs ?? 60_000);
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      const text = Buffer.concat(out).toString();
      if (code === 0) resolve(text);
      else reject(new Error(`${[program, ...args].join(' ')} failed (${signal ?? `exit code ${code}`}):\n${text.slice(-3000)}`));
    });
  });
}

export interface Cluster {
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  url: string;
  port: number;
  dataDir: string;
  /** The server's log file. */
  logFile: string;
  /** pg_ctl stop -m <mode>; a no-op when it is not running. */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  /** Stops it (immediate) and deletes its folder; safe to call twice and after a failed start. */
  remove(): Promise<void>;
  /** The last part of its log, for failure messages. */
  logTail(): string;
}

/** Settings of a throw-away test cluster: small, no fsync (nothing here must survive a crash of the machine). */
const TEST_SETTINGS = ['listen_addresses=127.0.0.1', 'fsync=off', 'synchronous_commit=off', 'shared_buffers=32MB', 'max_connections=200', 'wal_level=replica', 'max_wal_senders=4'];

function cluster(bin: string, folder: string, port: number): Cluster {
  const dataDir = join(folder, 'data');
  const logFile = join(folder, 'server.log');
  const running = () => existsSync(join(dataDir, 'postmaster.pid'));
  const stop = async (mode: 'fast' | 'immediate' = 'fast') => {
    if (running()) await runPg(join(bin, 'pg_ctl'), ['-D', dataDir, '-m', mode, '-w', '-t', '30', 'stop']);
  };
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    dataDir,
    logFile,
    stop,
    async remove() {
      try {
        await stop('immediate');
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    },
    logTail: () => (existsSync(logFile) ? readFileSync(logFile, 'utf8').slice(-3000) : '(no log)'),
  };
}

/** Starts the cluster in `c.dataDir` on its port with `settings` (name=value), waiting until it accepts connections. */
export async function startCluster(bin: string, c: Cluster, settings: string[]): Promise<void> {
  const socketDir = join(c.dataDir, '..');
  const options = [`-p ${c.port}`, `-c unix_socket_directories=${socketDir}`, ...settings.map((s) => `-c ${s}`)].join(' ');
  try {
    await runPg(join(bin, 'pg_ctl'), ['-D', c.dataDir, '-l', c.logFile, '-o', options, '-w', '-t', '60', 'start']);
  } catch (e) {
    throw new Error(`${(e as Error).message}\nserver log:\n${c.logTail()}`);
  }
}

/**
 * A new primary: initdb (trust authentication; initdb's pg_hba.conf allows replication
 * connections from 127.0.0.1), started with wal_level=replica on a free port.
 */
export async function initCluster(o: { major?: number; prefix?: string; settings?: string[] } = {}): Promise<Cluster> {
  const bin = pgBinDir(o.major);
  const folder = serverFolder(o.prefix ?? 'ptp-primary-');
  const c = cluster(bin, folder, await freePort());
  try {
    await runPg(join(bin, 'initdb'), ['-D', c.dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
    await startCluster(bin, c, [...TEST_SETTINGS, ...(o.settings ?? [])]);
  } catch (e) {
    await c.remove();
    throw e;
  }
  return c;
}

/**
 * A streaming replica of the server at `sourceUrl` (which must allow replication connections):
 * pg_basebackup -R (standby.signal and primary_conninfo written), WAL streamed during the copy,
 * started as a hot standby on a free port. `major` must be the source's major version.
 */
export async function baseBackupCluster(sourceUrl: string, o: { major?: number; prefix?: string; settings?: string[] } = {}): Promise<Cluster> {
  const bin = pgBinDir(o.major);
  const folder = serverFolder(o.prefix ?? 'ptp-replica-');
  const c = cluster(bin, folder, await freePort());
  try {
    await runPg(join(bin, 'pg_basebackup'), ['-d', sourceUrl, '-D', c.dataDir, '-R', '-X', 'stream', '-c', 'fast', '--no-sync'], { timeoutMs: 120_000 });
    await startCluster(bin, c, [...TEST_SETTINGS, 'hot_standby=on', ...(o.settings ?? [])]);
  } catch (e) {
    await c.remove();
    throw e;
  }
  return c;
}

/** Whether the server at `url` takes a physical replication connection from here (pg_hba.conf allows it). */
export async function allowsReplication(url: string, major?: number): Promise<boolean> {
  const replication = new URL(url);
  replication.searchParams.set('replication', 'true');
  try {
    await runPg(join(pgBinDir(major), 'psql'), ['-X', '-At', '-d', replication.toString(), '-c', 'IDENTIFY_SYSTEM'], { timeoutMs: 10_000 });
    return true;
  } catch {
    return false;
  }
}
