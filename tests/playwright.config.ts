// Playwright configuration, kept under tests/ so the top of the repository holds no tool configs.
// npm run test:e2e  =  astro build && playwright test -c tests/playwright.config.ts
//
// The web server runs the built application (dist/) on a fresh PGlite database that is generated
// for this run in a throw-away folder, so the browser tests never touch data/pglite and always see
// the same kind of data: demo institutions, some blacklisted, with pinyin-searchable names.
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, devices } from '@playwright/test';
import { E2E_APP_SECRET } from './e2e/support/app-secret';

// Debian's Chromium: Playwright's own browser download cannot work on this machine.
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (!existsSync(CHROMIUM)) {
  throw new Error(`Chromium not found at ${CHROMIUM}. Install it with: apt-get install -y chromium (or set CHROMIUM_PATH).`);
}

const PORT = Number(process.env.E2E_PORT || 4391);
const BASE_URL = `http://127.0.0.1:${PORT}`;
const root = fileURLToPath(new URL('..', import.meta.url));
// One folder per port: removed before every run, so each run starts from an empty database.
const pgliteDir = join(tmpdir(), `putuo-e2e-pglite-${PORT}`);
// 800 institutions give blacklisted ones, pinyin-searchable names and a street + field
// combination with more than one page of results (the filter spec pages through it).
const DEMO_COUNT = '800';
// The build to serve: dist/ by default; E2E_DIST names another (`astro build --outDir dist-x`),
// so two people can build and test at once without overwriting each other's build.
const DIST = process.env.E2E_DIST || 'dist';

export default defineConfig({
  testDir: './e2e',
  outputDir: join(root, 'test-results'),
  reporter: 'list',
  retries: 0,
  // The machine has two cores: one browser worker each.
  workers: 2,
  forbidOnly: Boolean(process.env.CI),
  // Two cores serve the portal, its database and two browsers at once. The heaviest tests (axe on
  // a staff case page at two widths; several signed-in browsers, each sign-in an argon2 hash)
  // take 15-25 s alone and passed 30 s when both workers ran them together.
  timeout: 60_000,
  // An island hydrates after its script chunks load; with both workers busy that took over 5 s
  // once (the complaint form's institution search), so assertions wait up to 10 s.
  expect: { timeout: 10_000 },
  use: {
    baseURL: BASE_URL,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: { executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-background-networking'] },
      },
    },
  ],
  webServer: {
    // setup migrates the empty database and generates the demo data; then the standalone server
    // (which reads HOST and PORT at run time) serves the build.
    command: `rm -rf '${pgliteDir}' && node --import tsx src/cli/setup.ts && node src/cli/serve.mjs '${DIST}/server/entry.mjs'`,
    cwd: root,
    url: `${BASE_URL}/api/institutions?page=1`,
    env: {
      // Always PGlite, even when the shell has a DATABASE_URL for other work.
      DATABASE_URL: '',
      PGLITE_DIR: pgliteDir,
      DEMO_COUNT,
      DEMO_SEED: '20200403',
      // The browser tests file their own complaints; queues start empty so theirs are on page one.
      DEMO_COMPLAINTS: '0',
      HOST: '127.0.0.1',
      PORT: String(PORT),
      NODE_ENV: 'production',
      // Registered by src/cli/setup.ts for the channel "test"; tests/e2e/open311.spec.ts posts with it.
      OPEN311_BOOTSTRAP_KEY: 'e2e-open311-key-for-tests-only-0123456789',
      // Known to tests/e2e/email-unsubscribe.spec.ts, which signs a digest's unsubscribe link with it.
      APP_SECRET: E2E_APP_SECRET,
    },
    reuseExistingServer: !process.env.CI,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
