/** Risk warnings (plan, section 六(四)): drafted, previewed, published and withdrawn by a department. */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { announceChange } from '../../../db/queries/shared/change-notices';
import { institutions, riskWarnings, warningDrafts, warningInstitutions } from '../../../db/schema';
import type { IsoDate } from '../../domain/shared/dates';
import { parseForm, WARNING_FIELDS, warningDraftSchema } from '../../domain/publishing/publishing-forms';
import type { StaffActor } from '../../domain/staff/staff-roles';
import { writeAudit } from '../staff/audit';
import { institutionTag } from '../../domain/shared/cache-tags';
import { departmentOf, refused, type Outcome } from './common';

/** Saves a new risk warning draft (or replaces an unpublished one of the department). */
export async function saveWarningDraft(db: Db, actor: StaffActor, draftId: number | null, input: unknown): Promise<Outcome<{ id: number }>> {
  const department = departmentOf(actor);
  if (!department) return refused('只有部门承办人可以撰写风险警示。');
  const parsed = parseForm(warningDraftSchema, WARNING_FIELDS, input);
  if (!parsed.ok) return { kind: 'invalid', errors: parsed.errors };
  const f = parsed.value;
  const found = f.institutions.length
    ? await db.select({ id: institutions.id, code: institutions.creditCode }).from(institutions).where(inArray(institutions.creditCode, f.institutions))
    : [];
  const missing = f.institutions.filter((c) => !found.some((x) => x.code === c));
  if (missing.length) return { kind: 'invalid', errors: [{ field: 'institutions', message: `本平台没有收录以下机构：${missing.join('、')}。` }] };
  const values = { title: f.title, body: f.body, severity: f.severity, institutionIds: found.map((x) => x.id), department, updatedAt: new Date() };
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    let id = draftId;
    if (id === null) {
      const [row] = await tx.insert(warningDrafts).values({ ...values, createdBy: actor.id }).returning({ id: warningDrafts.id });
      id = row!.id;
    } else {
      const changed = await tx
        .update(warningDrafts)
        .set(values)
        .where(and(eq(warningDrafts.id, id), eq(warningDrafts.department, department), isNull(warningDrafts.warningId)))
        .returning({ id: warningDrafts.id });
      if (changed.length === 0) return { kind: 'not_found' } as const;
    }
    await writeAudit(tx, { actor, action: 'warning.draft', objectType: 'warning_draft', objectId: String(id), detail: { title: f.title } });
    return { kind: 'done', value: { id }, message: '草稿已保存。可预览后发布。' } as const;
  });
}

/** Publishes a draft as a public risk warning, dated today; it appears in the feed at once. */
export async function publishWarning(db: Db, actor: StaffActor, draftId: number, today: IsoDate): Promise<Outcome<{ warningId: number }>> {
  const department = departmentOf(actor);
  if (!department) return refused('只有部门承办人可以发布风险警示。');
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const [d] = await tx.select().from(warningDrafts).where(and(eq(warningDrafts.id, draftId), eq(warningDrafts.department, department))).for('update').limit(1);
    if (!d) return { kind: 'not_found' } as const;
    if (d.warningId) return refused('这条警示已经发布。');
    const [w] = await tx.insert(riskWarnings).values({ title: d.title, body: d.body, severity: d.severity, publishedOn: today }).returning({ id: riskWarnings.id });
    if (d.institutionIds.length) await tx.insert(warningInstitutions).values(d.institutionIds.map((institutionId) => ({ warningId: w!.id, institutionId })));
    await tx.update(warningDrafts).set({ warningId: w!.id }).where(eq(warningDrafts.id, draftId));
    const codes = d.institutionIds.length ? await tx.select({ code: institutions.creditCode }).from(institutions).where(inArray(institutions.id, d.institutionIds)) : [];
    await writeAudit(tx, { actor, action: 'warning.publish', objectType: 'risk_warning', objectId: String(w!.id), detail: { draft: draftId } });
    await announceChange(tx, ['warnings', 'registry', ...codes.map((c) => institutionTag(c.code))]);
    return { kind: 'done', value: { warningId: w!.id }, message: '风险警示已发布。' } as const;
  });
}

/** Withdraws a published warning of the department from today on. */
export async function withdrawWarning(db: Db, actor: StaffActor, warningId: number, today: IsoDate): Promise<Outcome> {
  const department = departmentOf(actor);
  if (!department) return refused('只有部门承办人可以撤回风险警示。');
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const [d] = await tx.select().from(warningDrafts).where(and(eq(warningDrafts.warningId, warningId), eq(warningDrafts.department, department))).limit(1);
    if (!d) return { kind: 'not_found' } as const;
    const changed = await tx
      .update(riskWarnings)
      .set({ withdrawnOn: today, updatedAt: new Date() })
      .where(and(eq(riskWarnings.id, warningId), isNull(riskWarnings.withdrawnOn)))
      .returning({ id: riskWarnings.id });
    if (changed.length === 0) return refused('这条警示已经撤回。');
    await writeAudit(tx, { actor, action: 'warning.withdraw', objectType: 'risk_warning', objectId: String(warningId), detail: {} });
    await announceChange(tx, ['warnings', 'registry']);
    return { kind: 'done', value: undefined, message: '风险警示已撤回，公众页面不再显示。' } as const;
  });
}
