/**
 * Databases of their own for tests and the bench on a PostgreSQL server: created through an
 * administrator's URL (TEST_DATABASE_URL, or the bench's), and dropped WITH (FORCE) (PostgreSQL
 * 13+), which also ends connections a failed test may have left open.
 */
import postgres from 'postgres';

/** Runs `run` on one connection to `adminUrl`, always closed afterwards. */
async function withAdmin(adminUrl: string, run: (sql: postgres.Sql) => Promise<unknown>): Promise<void> {
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await run(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** The URL of database `name` on the server `adminUrl` points at. */
export function databaseUrlFor(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export interface OwnDatabase {
  url: string;
  drop: () => Promise<void>;
}

/** Checked, so that the name needs no quoting rules beyond double quotes. */
function checkedName(name: string): string {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`database name ${name} must be [a-z0-9_]`);
  return name;
}

const dropper = (adminUrl: string, name: string) => () => withAdmin(adminUrl, (sql) => sql.unsafe(`drop database if exists "${name}" with (force)`));

/** Creates the empty database `name` (lower case, [a-z0-9_]) next to the one `adminUrl` names; returns its URL and how to drop it. */
export async function createDatabase(adminUrl: string, name: string): Promise<OwnDatabase> {
  await withAdmin(adminUrl, (sql) => sql.unsafe(`create database "${checkedName(name)}"`));
  return { url: databaseUrlFor(adminUrl, name), drop: dropper(adminUrl, name) };
}

/** Like createDatabase, dropping an earlier database of that name first (a fixed name, reused run after run). */
export async function freshDatabase(adminUrl: string, name: string): Promise<OwnDatabase> {
  await dropper(adminUrl, checkedName(name))();
  return createDatabase(adminUrl, name);
}
