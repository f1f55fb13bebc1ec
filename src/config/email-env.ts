/**
 * The e-mail variables of env.ts (README, "E-mail"), kept here so the list stays readable. The
 * SMTP settings are required only when EMAIL_PROVIDER=smtp; the default `log` transport writes a
 * line per message and needs none of them, so development and the demo start without a mail server.
 */
import { z } from 'zod';

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalText = z.preprocess(blank, z.string().trim().optional());
const flag = z
  .enum(['0', '1', 'true', 'false', ''])
  .optional()
  .transform((v) => (v === undefined || v === '' ? undefined : v === '1' || v === 'true'));

export const EMAIL_ENV = {
  EMAIL_PROVIDER: z.preprocess(blank, z.enum(['smtp', 'log'], { error: 'EMAIL_PROVIDER must be smtp or log' }).default('log')),
  /** smtp://user:pass@host:587 or smtps://…:465; takes the place of SMTP_HOST … SMTP_PASS. */
  SMTP_URL: z.preprocess(
    blank,
    z
      .string()
      .trim()
      .refine((v) => /^smtps?:\/\/[^/]/.test(v) && URL.canParse(v), { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
      .optional(),
  ),
  SMTP_HOST: optionalText,
  SMTP_PORT: z.preprocess(blank, z.coerce.number().int().min(1, 'SMTP_PORT must be 1 to 65535').max(65535, 'SMTP_PORT must be 1 to 65535').optional()),
  /** TLS from the first byte (port 465); otherwise STARTTLS is used when the server offers it. */
  SMTP_SECURE: flag,
  SMTP_USER: optionalText,
  SMTP_PASS: z.preprocess(blank, z.string().optional()),
  /** The From line, e.g. "普陀区培训机构平台 <noreply@example.gov.cn>". */
  MAIL_FROM: z.preprocess(
    blank,
    z
      .string()
      .trim()
      .refine((v) => /^[^\s@<>]+@[^\s@<>]+$|<[^\s@<>]+@[^\s@<>]+>$/.test(v), { message: 'MAIL_FROM must be an address or "Name <address>"' })
      .optional(),
  ),
  /** A mailbox that unsubscribes its senders from the digest, added to List-Unsubscribe as mailto. */
  MAIL_UNSUBSCRIBE: z.preprocess(blank, z.email({ error: 'MAIL_UNSUBSCRIBE must be an e-mail address' }).optional()),
  /**
   * The portal's public origin (also read by astro.config.mjs): links in e-mails, and the host of
   * each Message-ID. Defaults to http://localhost:4321 for development.
   */
  PUBLIC_SITE_URL: z.preprocess(
    blank,
    z
      .string()
      .trim()
      .refine((v) => /^https?:\/\//.test(v) && URL.canParse(v), { message: 'PUBLIC_SITE_URL must be an http:// or https:// URL' })
      .optional(),
  ),
};

const emailObject = z.object(EMAIL_ENV);
type EmailValues = z.output<typeof emailObject>;

/** With EMAIL_PROVIDER=smtp: a server (SMTP_URL or SMTP_HOST), a sender, and a user with a password. */
export function checkEmailEnv(v: EmailValues, ctx: z.RefinementCtx): void {
  if (v.EMAIL_PROVIDER !== 'smtp') return;
  const need = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  if (!v.SMTP_URL && !v.SMTP_HOST) need('SMTP_HOST', 'EMAIL_PROVIDER=smtp needs SMTP_URL or SMTP_HOST');
  if (v.SMTP_URL && v.SMTP_HOST) need('SMTP_HOST', 'set SMTP_URL or SMTP_HOST, not both');
  if (!v.MAIL_FROM) need('MAIL_FROM', 'EMAIL_PROVIDER=smtp needs MAIL_FROM, the sender address');
  if (Boolean(v.SMTP_USER) !== Boolean(v.SMTP_PASS)) need(v.SMTP_USER ? 'SMTP_PASS' : 'SMTP_USER', 'SMTP_USER and SMTP_PASS go together');
}
