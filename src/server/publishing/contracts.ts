/**
 * Model contracts (示范合同, plan, section 六(一)): the bodies that issue them here, 区教育局 and
 * 区市场监管局, replace a contract's file and edit its key clauses. Each change is audited and
 * announced, so /contracts and the download show it at once on every server process.
 */
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { announceChange } from '../../../db/queries/shared/change-notices';
import { contractFiles, modelContracts } from '../../../db/schema';
import { checkContractFile, CONTRACT_CLAUSE_FIELDS, contractClausesSchema } from '../../domain/publishing/contract-upload';
import { parseForm } from '../../domain/publishing/publishing-forms';
import type { DepartmentCode } from '../../domain/shared/reference';
import type { StaffActor } from '../../domain/staff/staff-roles';
import { writeAudit } from '../staff/audit';
import { departmentOf, refused, type Outcome } from './common';

/** The departments that issue model contracts in the district: education and market regulation. */
export const CONTRACT_ISSUERS: readonly DepartmentCode[] = ['edu', 'market'];

export function mayEditContracts(actor: StaffActor): boolean {
  const d = departmentOf(actor);
  return d !== null && CONTRACT_ISSUERS.includes(d);
}

async function contractByCode(db: Db, code: string) {
  const [row] = await db.select({ id: modelContracts.id, code: modelContracts.code }).from(modelContracts).where(eq(modelContracts.code, code)).limit(1);
  return row ?? null;
}

/** Stores `bytes` as the contract's file (replacing an earlier upload) after checking its type and size. */
export async function replaceContractFile(db: Db, actor: StaffActor, code: string, file: { name: string; bytes: Uint8Array }): Promise<Outcome<{ fileName: string }>> {
  if (!mayEditContracts(actor)) return refused('只有区教育局和区市场监管局的承办人可以更新示范合同。');
  const contract = await contractByCode(db, code);
  if (!contract) return { kind: 'not_found' };
  const checked = checkContractFile(file.name, file.bytes);
  if (!checked.ok) return { kind: 'invalid', errors: [{ field: 'file', message: checked.message }] };
  const sha256 = createHash('sha256').update(file.bytes).digest('hex');
  const values = { fileName: checked.fileName, mediaType: checked.mediaType, content: file.bytes, sha256, uploadedBy: actor.id, uploadedAt: new Date() };
  await db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    await tx.insert(contractFiles).values({ contractId: contract.id, ...values }).onConflictDoUpdate({ target: contractFiles.contractId, set: values });
    await writeAudit(tx, { actor, action: 'contract.file', objectType: 'model_contract', objectId: contract.code, detail: { fileName: checked.fileName, mediaType: checked.mediaType, bytes: file.bytes.byteLength, sha256 } });
    await announceChange(tx, ['contracts']);
  });
  return { kind: 'done', value: { fileName: checked.fileName }, message: `已上传“${checked.fileName}”，“示范合同”页面即时提供新文件下载。` };
}

/** Replaces the contract's refund rule, fee supervision line and key clauses. */
export async function updateContractClauses(db: Db, actor: StaffActor, code: string, input: unknown): Promise<Outcome> {
  if (!mayEditContracts(actor)) return refused('只有区教育局和区市场监管局的承办人可以更新示范合同。');
  const contract = await contractByCode(db, code);
  if (!contract) return { kind: 'not_found' };
  const parsed = parseForm(contractClausesSchema, CONTRACT_CLAUSE_FIELDS, input);
  if (!parsed.ok) return { kind: 'invalid', errors: parsed.errors };
  await db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    await tx.update(modelContracts).set(parsed.value).where(eq(modelContracts.id, contract.id));
    await writeAudit(tx, { actor, action: 'contract.clauses', objectType: 'model_contract', objectId: contract.code, detail: { clauses: parsed.value.keyClauses.length } });
    await announceChange(tx, ['contracts']);
  });
  return { kind: 'done', value: undefined, message: '合同要点已更新，“示范合同”页面即时显示。' };
}
