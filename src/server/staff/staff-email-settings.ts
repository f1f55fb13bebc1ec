/**
 * A person sets their own e-mail address and digest choice (/staff/email). Only their own: the
 * account is the signed-in actor, never a form field. The change is audited with the choice and
 * whether an address is set, never the address itself (audit.ts: identifiers and codes only).
 */
import type { AstroCookies } from 'astro';
import type { Db } from '../../../db/client';
import { updateStaffEmailSettings } from '../../../db/queries/staff/staff-email';
import type { FieldError } from '../../domain/shared/form-fields';
import { parseStaffEmailSettings, STAFF_EMAIL_PATH } from '../../domain/staff/staff-email';
import type { StaffActor } from '../../domain/staff/staff-roles';
import { readFormBody } from '../http/body';
import { setFlash } from '../http/flash';
import { appSecret } from '../shared/secret';
import { writeAudit } from './audit';
import { isHttpsRequest } from './staff-session';

export type EmailSettingsOutcome = { kind: 'saved' } | { kind: 'invalid'; errors: FieldError[]; values: Record<string, unknown> };

/** Checks the form and stores it on the actor's own account, with its audit entry. */
export async function saveOwnEmailSettings(db: Db, actor: StaffActor, input: Record<string, unknown>): Promise<EmailSettingsOutcome> {
  const parsed = parseStaffEmailSettings(input);
  if (!parsed.ok) return { kind: 'invalid', errors: parsed.errors, values: input };
  await db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    await updateStaffEmailSettings(tx, actor.id, parsed.value);
    await writeAudit(tx, {
      actor,
      action: 'user.email_settings',
      objectType: 'staff_user',
      objectId: actor.id,
      detail: { digest: parsed.value.digest, hasEmail: parsed.value.email !== null },
    });
  });
  return { kind: 'saved' };
}

export type EmailSettingsPostResult =
  | { kind: 'redirect'; location: string }
  | { kind: 'form'; status: 400 | 413; errors: FieldError[]; values: Record<string, unknown> };

/** POST /staff/email: saved and back to the page with a message (post/redirect/get), or the form again. */
export async function handleEmailSettingsPost(ctx: { request: Request; cookies: AstroCookies; locals: App.Locals }, actor: StaffActor): Promise<EmailSettingsPostResult> {
  const body = await readFormBody(ctx.request, 4 * 1024);
  if (body.kind === 'too_large') return { kind: 'form', status: 413, errors: [{ field: 'form', message: '提交的内容过长。' }], values: {} };
  if (body.kind === 'bad_text') return { kind: 'form', status: 400, errors: [{ field: body.field, message: body.message }], values: body.values };
  if (body.kind !== 'ok') return { kind: 'form', status: 400, errors: [{ field: 'form', message: '无法读取提交的表单，请重新填写。' }], values: {} };
  const { db } = ctx.locals;
  const outcome = await saveOwnEmailSettings(db, actor, body.values);
  if (outcome.kind === 'invalid') return { kind: 'form', status: 400, errors: outcome.errors, values: outcome.values };
  setFlash(ctx.cookies, await appSecret(db), isHttpsRequest(ctx.request), { kind: 'success', message: '邮件提醒设置已保存。' });
  return { kind: 'redirect', location: STAFF_EMAIL_PATH };
}
