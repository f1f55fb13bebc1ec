/** The departments' sample files in tests/fixtures/import/, for the import tests in every layer. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The path of tests/fixtures/import/<name> (for a browser's file chooser). */
export const importFixturePath = (name: string): string => fileURLToPath(new URL(`../fixtures/import/${name}`, import.meta.url));

/** The bytes of tests/fixtures/import/<name>. */
export const importFixture = (name: string): Buffer => readFileSync(importFixturePath(name));
