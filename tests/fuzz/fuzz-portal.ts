/**
 * The portal under fuzz: the built app (FUZZ_DIST, default dist/) on a throw-away PGlite database
 * with a small demo data set, started as production starts it (tests/support/portal-process.ts),
 * and signed-in sessions for demo staff accounts of several roles.
 */
import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_STAFF_PASSWORD } from '../../db/seed/staff';
import { REPO_ROOT, runSetup, startPortalProcess, type PortalProcess } from '../support/portal-process';

export const FUZZ_API_KEY = 'fuzz-open311-key-for-tests-only-0123456789';

/** Who sends a request: nobody signed in, or a demo staff account (db/seed/staff.ts). */
export const STAFF_IDENTITIES = ['dispatcher', 'edu-handler', 'grid-changshou', 'supervisor', 'admin'] as const;
export type Identity = 'anonymous' | (typeof STAFF_IDENTITIES)[number];

export interface FuzzPortal {
  process: PortalProcess;
  url: string;
  /** The Cookie header of each signed-in identity ('' for anonymous). */
  cookies: Record<Identity, string>;
  stop(): Promise<void>;
}

/** Starts the built portal in `distDir` with fresh demo data (200 institutions, a few complaints). */
export async function startFuzzPortal(distDir = process.env.FUZZ_DIST || 'dist'): Promise<FuzzPortal> {
  const entry = join(REPO_ROOT, distDir, 'server', 'entry.mjs');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: build first (npx astro build --outDir ${distDir})`);
  const pgliteDir = join(tmpdir(), `putuo-fuzz-pglite-${process.pid}`);
  rmSync(pgliteDir, { recursive: true, force: true });
  const env = {
    DATABASE_URL: '',
    PGLITE_DIR: pgliteDir,
    DEMO_COUNT: '200',
    DEMO_SEED: '20200403',
    DEMO_COMPLAINTS: '8',
    OPEN311_BOOTSTRAP_KEY: FUZZ_API_KEY,
    // Every request names its own address in X-Forwarded-For, so per-address limits (complaints,
    // sign-in) do not end the run's coverage after a handful of requests.
    TRUST_PROXY: '1',
  };
  await runSetup(env);
  const portal = await startPortalProcess(entry, env);
  const cookies = { anonymous: '' } as Record<Identity, string>;
  try {
    for (const who of STAFF_IDENTITIES) cookies[who] = await signIn(portal.url, who);
  } catch (e) {
    await portal.stop();
    throw new Error(`${(e as Error).message}\n${portal.logTail()}`);
  }
  return {
    process: portal,
    url: portal.url,
    cookies,
    async stop() {
      await portal.stop();
      rmSync(pgliteDir, { recursive: true, force: true });
    },
  };
}

/** Signs `username` in with the demo password; returns the Cookie header of the session. */
export async function signIn(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/staff/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base, 'x-forwarded-for': '203.0.113.250' },
    body: new URLSearchParams({ username, password: DEMO_STAFF_PASSWORD, next: '/staff' }).toString(),
  });
  await res.arrayBuffer();
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]!).filter((c) => !c.endsWith('=')).join('; ');
  if (res.status !== 303 || !cookie) throw new Error(`signing in as ${username} answered ${res.status} without a session cookie`);
  return cookie;
}
