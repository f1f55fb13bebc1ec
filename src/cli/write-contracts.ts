/**
 * Writes public/contracts/<code>.txt from db/seed/contracts.ts. The files are committed; run this
 * again (`npx tsx src/cli/write-contracts.ts`) after changing a model contract.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { contractSummaryText, MODEL_CONTRACTS } from '../../db/seed/contracts';

const dir = fileURLToPath(new URL('../../public/contracts/', import.meta.url));
mkdirSync(dir, { recursive: true });
for (const c of MODEL_CONTRACTS) {
  writeFileSync(`${dir}${c.fileName}`, contractSummaryText(c), 'utf8');
  console.log(`wrote public/contracts/${c.fileName}`);
}
