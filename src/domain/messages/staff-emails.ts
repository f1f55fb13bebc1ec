/**
 * The three e-mails staff receive (EMAIL_TEMPLATES): an overdue escalation, the daily digest of a
 * department's waiting cases and the notice of a password change. Each is built from the
 * template's parameters only, so what the queue stores (template + params) is enough to build the
 * message again on a retry. The lead sentence is the template's registered wording
 * (message-templates.ts), so the e-mail, the staff message list and the log say the same thing.
 * Pure: the preference page's address and the unsubscribe mailbox are passed in.
 */
import { z } from 'zod';
import { STAFF_EMAIL_PATH } from '../staff/staff-email';
import { renderHtml, renderText, safeHttpUrl, type EmailBody } from './email-html';
import { renderTemplate, TEMPLATES, type EmailTemplate, type TemplateParams } from './message-templates';

export interface StaffEmailContent {
  subject: string;
  text: string;
  html: string;
  /** Extra headers: List-Unsubscribe and List-Unsubscribe-Post on the digest. */
  headers?: Record<string, string>;
}

export interface StaffEmailOptions {
  /** The portal's public origin, e.g. https://px.putuo.gov.cn (PUBLIC_SITE_URL). */
  siteUrl: string;
  /** A mailbox that unsubscribes whoever writes to it (MAIL_UNSUBSCRIBE), if the district has one. */
  unsubscribeMailto?: string | undefined;
}

const NO_REPLY = '本邮件由系统自动发送，请勿直接回复。';

/** A parameter placed in a header line: line breaks would start a new header, so they become spaces. */
const oneLine = (value: string) => value.replace(/[\r\n]+/g, ' ').trim();

/** The page where a person chooses digest or none; the unsubscribe link of every digest. */
export function preferenceUrl(siteUrl: string): string {
  return new URL(STAFF_EMAIL_PATH, siteUrl).href;
}

/**
 * RFC 2369 List-Unsubscribe and, for an https link, RFC 8058 List-Unsubscribe-Post (one-click:
 * the mail client POSTs "List-Unsubscribe=One-Click" to the link, which stops this account's
 * digest without a sign-in). RFC 8058 allows one-click only over HTTPS, so a development site on
 * http gets the link without the Post header. The district's unsubscribe mailbox, if any, follows.
 */
export function listUnsubscribeHeaders(unsubscribeLink: string, opts: StaffEmailOptions): Record<string, string> {
  const targets = [`<${unsubscribeLink}>`];
  if (opts.unsubscribeMailto) targets.push(`<mailto:${opts.unsubscribeMailto}?subject=${encodeURIComponent('unsubscribe')}>`);
  const headers: Record<string, string> = { 'List-Unsubscribe': targets.join(', ') };
  if (unsubscribeLink.startsWith('https:')) headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
  return headers;
}

function content(subject: string, body: EmailBody): Pick<StaffEmailContent, 'subject' | 'text' | 'html'> {
  return { subject: oneLine(subject), text: renderText(body), html: renderHtml(body) };
}

/** To a department's manager or a supervisor: a case is past its reply deadline. */
export function overdueEscalationEmail(p: TemplateParams<'overdue_escalation'>): StaffEmailContent {
  return content(`【超期提醒】投诉${p.number}已超过答复期限`, {
    heading: `投诉${p.number}已超过答复期限`,
    blocks: [
      { kind: 'text', text: renderTemplate('overdue_escalation', { ...p, link: '' }) },
      { kind: 'link', text: '打开案件页面', href: p.link },
    ],
    footer: `您收到这封邮件，是因为您负责督促${p.department}的投诉办理。${NO_REPLY}`,
  });
}

/** To each person of a department who chose the digest: how many cases wait, how many are overdue. */
export function dailyDigestEmail(p: TemplateParams<'daily_digest'>, opts: StaffEmailOptions): StaffEmailContent {
  const overdue = Number(p.overdue) > 0 ? { kind: 'text' as const, text: `请优先处理已超期的${p.overdue}件。` } : null;
  return {
    ...content(`【每日待办】${p.department}：待办${p.waiting}件，超期${p.overdue}件`, {
      heading: `${p.department}今日待办`,
      blocks: [
        { kind: 'text', text: renderTemplate('daily_digest', { ...p, link: '' }) },
        ...(overdue ? [overdue] : []),
        { kind: 'link', text: '打开待办队列', href: p.link },
        { kind: 'link', text: '不再接收每日摘要（无需登录）', href: p.unsubscribe },
      ],
      footer: `您在平台上选择了接收每日待办摘要。不想再收到，可打开上面的“不再接收”链接，或在“邮件提醒”页面更改：${preferenceUrl(opts.siteUrl)}。${NO_REPLY}`,
    }),
    headers: listUnsubscribeHeaders(p.unsubscribe, opts),
  };
}

/** To the account's own address after its password changed, so a change by someone else is noticed. */
export function passwordChangedEmail(p: TemplateParams<'password_changed'>): StaffEmailContent {
  return content('【账号安全】您的平台密码已更改', {
    heading: '您的密码已更改',
    blocks: [
      { kind: 'text', text: renderTemplate('password_changed', p) },
      { kind: 'note', text: '更改密码后，该账号在其他设备上的登录已全部退出。' },
    ],
    footer: `此邮件发往账号登记的电子邮箱。${NO_REPLY}`,
  });
}

/** Every parameter a template names, as a non-empty string; a link must be an http(s) address. */
function paramsSchema(template: EmailTemplate) {
  const names = TEMPLATES[template].params as readonly string[];
  const shape = Object.fromEntries(
    names.map((n) => [n, n === 'link' || n === 'unsubscribe' ? z.string().refine((v) => safeHttpUrl(v) !== null, 'must be an http(s) address') : z.string().trim().min(1, 'must not be empty')]),
  );
  return z.object(shape);
}

export type BuiltEmail = { ok: true; email: StaffEmailContent } | { ok: false; reason: string };

/**
 * The e-mail for a stored template and its parameters, as the delivery worker reads them from the
 * queue (untyped). Missing or empty parameters are a reason to give up, never an e-mail with holes.
 */
export function buildStaffEmail(template: EmailTemplate, params: unknown, opts: StaffEmailOptions): BuiltEmail {
  const parsed = paramsSchema(template).safeParse(params);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'params'} ${i.message}`);
    return { ok: false, reason: `invalid parameters for ${template}: ${problems.join('; ')}` };
  }
  const p = parsed.data as Record<string, string>;
  switch (template) {
    case 'overdue_escalation':
      return { ok: true, email: overdueEscalationEmail(p as TemplateParams<'overdue_escalation'>) };
    case 'daily_digest':
      return { ok: true, email: dailyDigestEmail(p as TemplateParams<'daily_digest'>, opts) };
    case 'password_changed':
      return { ok: true, email: passwordChangedEmail(p as TemplateParams<'password_changed'>) };
  }
}
