/**
 * Writes public/contracts/<code>.txt, the full text of each model contract (src/domain/publishing/contract-texts). The files are committed; run this
 * again (`npx tsx src/cli/write-contracts.ts`) after changing a model contract.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { contractFileText, MODEL_CONTRACTS } from '../../db/seed/contracts';

const dir = fileURLToPath(new URL('../../public/contracts/', import.meta.url));
mkdirSync(dir, { recursive: true });
for (const c of MODEL_CONTRACTS) {
  writeFileSync(`${dir}${c.fileName}`, contractFileText(c), 'utf8');
  console.log(`wrote public/contracts/${c.fileName}`);
}
