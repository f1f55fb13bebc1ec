/**
 * The backup and its restore drill, as an operator runs them (deploy/backup/, README "Backups and
 * restore"): a database made by the portal's own start-up step (migrations, demo institutions and
 * complaints) is dumped by pg-backup.sh into a temporary folder; restore-drill.sh restores the
 * newest dump into a scratch database, migrates it, counts its rows and drops it. The counts it
 * reports must be the source's, table by table. Asked to (DRILL_PORTAL_PORT), it also serves the
 * restored database with the built portal (dist-drill/) and requires GET /readyz to say "ready".
 * A corrupt dump and a truncated one make the drill fail with a message that says so, and leave
 * no scratch database behind. Retention removes old dumps but keeps the newest few.
 *
 * PostgreSQL only (TEST_DATABASE_URL): the scripts run pg_dump, pg_restore and psql against a real
 * server. The database, the scratch databases and the folder are removed in afterAll.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, copyFileSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../support/child-server';
import { pgBinDir } from '../../support/pg-cluster';
import { buildSite, REPO_ROOT, runSetup } from '../../support/portal-process';
import { freshDatabase, type OwnDatabase } from '../../support/postgres-admin';

const ADMIN_URL = process.env.TEST_DATABASE_URL?.trim() || undefined;
const BACKUP = join(REPO_ROOT, 'deploy/backup/pg-backup.sh');
const DRILL = join(REPO_ROOT, 'deploy/backup/restore-drill.sh');

const NAME = ADMIN_URL ? 'nightly backup and restore drill [postgres]' : 'nightly backup and restore drill [postgres] — skipped: set TEST_DATABASE_URL (the scripts run pg_dump and pg_restore against a real server)';
if (!ADMIN_URL) console.info(`tests/integration/ops/backup-restore.db.test.ts: ${NAME.split(' — ')[1]}`);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a deploy script with bash and `env` added to this process's environment. */
function script(path: string, env: Record<string, string>, args: string[] = []): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [path, ...args], { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() }));
  });
}

/** "table=rows" lines the drill prints, as a map. */
function reportedCounts(stdout: string): Map<string, number> {
  return new Map([...stdout.matchAll(/^restore-drill: rows ([a-z0-9_]+)=(\d+)$/gm)].map((m) => [m[1]!, Number(m[2])]));
}

describe.skipIf(!ADMIN_URL)(NAME, () => {
  const suffix = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const drillDb = (n: number) => `ptp_test_drill_${suffix}_${n}`;
  let database: OwnDatabase | undefined;
  let folder = '';
  let env: Record<string, string> = {};
  let admin: postgres.Sql | undefined;
  let source = new Map<string, number>();
  let built: Promise<string>;

  beforeAll(async () => {
    built = buildSite('dist-drill');
    built.catch(() => {});
    admin = postgres(ADMIN_URL!, { max: 1, onnotice: () => {} });
    const [version] = await admin<{ n: string }[]>`select current_setting('server_version_num') as n`;
    database = await freshDatabase(ADMIN_URL!, `ptp_test_backup_${suffix}`);
    // What `npm start` makes: migrations, reference data, demo institutions, complaints moved along.
    await runSetup({ DATABASE_URL: database.url, DEMO_COUNT: '30', DEMO_COMPLAINTS: '6' });
    folder = mkdtempSync(join(tmpdir(), 'ptp-backups-'));
    // pg_dump must be at least the server's version: the programs of the server's major version.
    env = { PG_BIN: pgBinDir(Math.floor(Number(version!.n) / 10000)), BACKUP_DIR: folder, DRILL_ADMIN_URL: ADMIN_URL!, PORTAL_DIR: REPO_ROOT };
    const sql = postgres(database.url, { max: 1, onnotice: () => {} });
    try {
      const tables = await sql<{ t: string }[]>`select c.relname as t from pg_class c join pg_namespace s on s.oid = c.relnamespace where s.nspname = 'public' and c.relkind in ('r', 'p')`;
      for (const { t } of tables) source.set(t, Number((await sql.unsafe(`select count(*)::int as n from public."${t}"`))[0]!.n));
    } finally {
      await sql.end();
    }
  }, 120_000);

  afterAll(async () => {
    try {
      for (let n = 1; n <= 4; n++) await admin?.unsafe(`drop database if exists "${drillDb(n)}" with (force)`);
      await admin?.end();
      await database?.drop();
    } finally {
      if (folder) rmSync(folder, { recursive: true, force: true });
    }
  }, 60_000);

  const scratchExists = async (name: string) => (await admin!<{ n: number }[]>`select count(*)::int as n from pg_database where datname = ${name}`)[0]!.n > 0;

  it('dumps the database, and the drill restores it with the same rows, migrated, then drops it', async () => {
    expect(source.get('institutions')).toBe(30);
    expect(source.get('complaints')).toBe(6);

    const backup = await script(BACKUP, { ...env, DATABASE_URL: database!.url });
    expect(backup.code, backup.stderr).toBe(0);
    const dump = backup.stdout.trim().split('\n').at(-1)!;
    expect(dump).toMatch(new RegExp(`^${folder}/putuo-\\d{8}T\\d{6}Z\\.dump$`));
    expect(readdirSync(folder)).toEqual([dump.slice(folder.length + 1)]);

    const drill = await script(DRILL, { ...env, DRILL_DB: drillDb(1) });
    expect(drill.code, `${drill.stdout}\n${drill.stderr}`).toBe(0);
    expect(drill.stdout).toContain(`dump ${dump}`);
    expect(drill.stdout).toMatch(/the dump holds (\d+) of this release's \1 migrations/);
    expect(drill.stdout).toMatch(/restore-drill: OK: .* 30 institutions/);
    expect(Object.fromEntries(reportedCounts(drill.stdout))).toEqual(Object.fromEntries(source));
    expect(await scratchExists(drillDb(1)), 'the scratch database is dropped').toBe(false);
  }, 90_000);

  it('with DRILL_PORTAL_PORT, serves the restored database with the built portal, which says it is ready', async () => {
    const port = await freePort();
    const drill = await script(DRILL, { ...env, DRILL_DB: drillDb(4), DRILL_PORTAL_PORT: String(port), PORTAL_ENTRY: await built });
    expect(drill.code, `${drill.stdout}\n${drill.stderr}`).toBe(0);
    expect(drill.stdout).toMatch(/restore-drill: ready: \{"status":"ready","checks":\{"database":"ok","migrations":"ok"/);
    expect(await scratchExists(drillDb(4))).toBe(false);
    // The portal it started is gone with it.
    await expect(fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2000) })).rejects.toThrow();
  }, 120_000);

  it('fails, saying why, on a corrupt or a truncated dump, and leaves no scratch database', async () => {
    const [dump] = readdirSync(folder).filter((f) => f.endsWith('.dump'));
    const good = join(folder, dump!);
    const size = statSync(good).size;

    const corrupt = join(folder, 'corrupt.bin');
    copyFileSync(good, corrupt);
    const fd = openSync(corrupt, 'r+');
    writeSync(fd, randomBytes(4096), 0, 4096, Math.floor(size * 0.6));
    writeSync(fd, Buffer.from('NOTADUMP'), 0, 8, 0);
    closeSync(fd);
    const truncated = join(folder, 'truncated.bin');
    writeFileSync(truncated, readFileSync(good).subarray(0, Math.floor(size / 2)));

    for (const [file, n] of [
      [corrupt, 2],
      [truncated, 3],
    ] as const) {
      const drill = await script(DRILL, { ...env, DRILL_DB: drillDb(n) }, [file]);
      expect(drill.code, drill.stdout).not.toBe(0);
      expect(drill.stderr).toMatch(new RegExp(`restore-drill: FAILED: .*${file}.*(corrupt or truncated|could not restore)`));
      expect(drill.stdout).not.toContain('restore-drill: OK');
      expect(await scratchExists(drillDb(n))).toBe(false);
    }
  }, 60_000);

  it('keeps the newest dumps and removes the ones past the retention days', async () => {
    const day = 24 * 3600;
    const now = Date.now() / 1000;
    const old = ['putuo-20200101T000000Z.dump', 'putuo-20200102T000000Z.dump', 'putuo-20200103T000000Z.dump'];
    old.forEach((name, i) => {
      writeFileSync(join(folder, name), 'old');
      utimesSync(join(folder, name), now - (30 - i) * day, now - (30 - i) * day);
    });
    // Three dumps 28-30 days old, and the real one: keep 14 days but at least 3 files.
    const backup = await script(BACKUP, { ...env, DATABASE_URL: database!.url, BACKUP_KEEP_DAYS: '14', BACKUP_KEEP_MIN: '3' });
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toContain('5 dumps in');
    expect(backup.stdout).toContain('2 older than 14 days removed');
    // The two new dumps, and the newest of the old ones (the third newest file).
    expect(existsSync(join(folder, old[2]!))).toBe(true);
    expect(existsSync(join(folder, old[0]!))).toBe(false);
    expect(existsSync(join(folder, old[1]!))).toBe(false);
    expect(readdirSync(folder).filter((f) => f.endsWith('.dump'))).toHaveLength(3);

    const refused = await script(BACKUP, { ...env, DATABASE_URL: database!.url, BACKUP_KEEP_DAYS: 'two weeks' });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain("pg-backup: BACKUP_KEEP_DAYS must be a whole number of days, not 'two weeks'");
  }, 60_000);
});
