// Vitest configuration, kept under tests/ so the top of the repository holds no tool configs.
// Two projects, named by what they need (STYLE.md habit 5):
//   unit  tests/unit/**/*.test.ts               pure domain code, no database, milliseconds;
//   db    tests/integration/**/*.db.test.ts     a real database: PGlite always, and PostgreSQL too
//                                              when TEST_DATABASE_URL is set (tests/support/db-harness.ts);
//   fuzz  tests/fuzz/**/*.fuzz.ts               the built portal as a child process, under generated
//                                              bad input for about two minutes (tests/fuzz/).
// npm run test:unit  =  vitest run --config tests/vitest.config.ts --project unit
import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';

// Globs below are relative to the repository root, not to this file's folder.
const root = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  root,
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', 'tests/fuzz/**/*.test.ts', 'tests/architecture.test.ts'],
          exclude: [...configDefaults.exclude, '**/*.db.test.ts'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'db',
          include: ['tests/integration/**/*.db.test.ts'],
          environment: 'node',
          // Starting PGlite and creating a PostgreSQL database take seconds, not milliseconds.
          hookTimeout: 60_000,
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'fuzz',
          include: ['tests/fuzz/**/*.fuzz.ts'],
          environment: 'node',
          // About two minutes of fuzzing (FUZZ_SECONDS), start-up included, and room to stop.
          testTimeout: 300_000,
        },
      },
    ],
  },
});
