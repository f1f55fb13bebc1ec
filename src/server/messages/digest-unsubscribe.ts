/**
 * Stopping a digest from its e-mail, without signing in (/email/unsubscribe/<token>): the token
 * (unsubscribe-token.ts) names the account and proves the e-mail was sent to its current address.
 * Looking is free; only a POST (the mail client's one-click, or the page's button) changes the
 * choice, so a link scanner that follows the link unsubscribes nobody. Audited as the account's
 * own change, without the address.
 */
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { staffEmailSettings, updateStaffEmailSettings } from '../../../db/queries/staff/staff-email';
import { maskEmail } from '../../domain/messages/message-templates';
import { readFormBody } from '../http/body';
import { appSecret } from '../shared/secret';
import { writeAudit } from '../staff/audit';
import { readUnsubscribeToken, tokenMatches } from './unsubscribe-token';

export type UnsubscribeState =
  /** The link is not one the portal made, or the account's address has changed since. */
  | { kind: 'invalid' }
  | { kind: 'subscribed'; maskedEmail: string }
  | { kind: 'unsubscribed'; maskedEmail: string };

async function account(db: Db, raw: unknown) {
  const token = readUnsubscribeToken(raw);
  if (!token) return null;
  const settings = await staffEmailSettings(db, token.staffId);
  if (!settings?.email || !tokenMatches(await appSecret(db), token, settings.email)) return null;
  return { staffId: token.staffId, email: settings.email, digest: settings.digest };
}

/** What the link's page shows: whether the digest is still on, and to which (masked) address. */
export async function unsubscribeState(db: Db, raw: unknown): Promise<UnsubscribeState> {
  const found = await account(db, raw);
  if (!found) return { kind: 'invalid' };
  return { kind: found.digest === 'digest' ? 'subscribed' : 'unsubscribed', maskedEmail: maskEmail(found.email) };
}

/** Turns the digest off (the address stays, for escalations). Doing it twice is not an error. */
export async function unsubscribeFromDigest(db: Db, raw: unknown): Promise<UnsubscribeState> {
  const found = await account(db, raw);
  if (!found) return { kind: 'invalid' };
  if (found.digest === 'digest') {
    await db.transaction(async (txRaw) => {
      const tx = txRaw as unknown as Db;
      await updateStaffEmailSettings(tx, found.staffId, { email: found.email, digest: 'none' });
      await writeAudit(tx, {
        actor: null,
        action: 'user.email_settings',
        objectType: 'staff_user',
        objectId: found.staffId,
        detail: { digest: 'none', hasEmail: true, via: 'unsubscribe-link' },
      });
    });
  }
  return { kind: 'unsubscribed', maskedEmail: maskEmail(found.email) };
}

/** What RFC 8058 has the mail client post, and the page's own button posts the same. */
const oneClickSchema = z.object({ 'List-Unsubscribe': z.literal('One-Click') });

export type UnsubscribePage = { status: 200 | 400 | 404 | 413; state: UnsubscribeState; error?: string };

/** POST /email/unsubscribe/<token>: the body must be the one-click field; then the digest stops. */
export async function handleUnsubscribePost(db: Db, request: Request, rawToken: unknown): Promise<UnsubscribePage> {
  const body = await readFormBody(request, 1024);
  if (body.kind === 'too_large') return { status: 413, state: await unsubscribeState(db, rawToken), error: '提交的内容过长。' };
  if (body.kind !== 'ok' || !oneClickSchema.safeParse(body.values).success) {
    return { status: 400, state: await unsubscribeState(db, rawToken), error: '请求不是取消订阅的确认（应为 List-Unsubscribe=One-Click），未作更改。' };
  }
  const state = await unsubscribeFromDigest(db, rawToken);
  return { status: state.kind === 'invalid' ? 404 : 200, state };
}
