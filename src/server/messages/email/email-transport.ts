/**
 * The e-mail transport the configuration names (EMAIL_PROVIDER, README "E-mail"), and the options
 * the staff e-mail builders need from the environment. The delivery worker calls these once at
 * start; env() has already refused a smtp provider without a server or a sender.
 */
import type { Env } from '../../../config/env';
import type { StaffEmailOptions } from '../../../domain/messages/staff-emails';
import type { EmailTransport } from '../transport';
import { createLogEmailTransport } from './log';
import { createSmtpTransport, type SmtpSettings } from './smtp';

const DEVELOPMENT_SITE = 'http://localhost:4321';

type EmailEnv = Pick<Env, 'EMAIL_PROVIDER' | 'SMTP_URL' | 'SMTP_HOST' | 'SMTP_PORT' | 'SMTP_SECURE' | 'SMTP_USER' | 'SMTP_PASS' | 'MAIL_FROM' | 'MAIL_UNSUBSCRIBE' | 'PUBLIC_SITE_URL'>;

/** The host every Message-ID ends with: the portal's own, else the sender's domain. */
export function messageIdHost(e: Pick<EmailEnv, 'PUBLIC_SITE_URL' | 'MAIL_FROM'>): string {
  if (e.PUBLIC_SITE_URL) return new URL(e.PUBLIC_SITE_URL).hostname;
  const domain = e.MAIL_FROM?.match(/@([^\s@<>]+)>?\s*$/)?.[1];
  return domain ?? 'localhost';
}

export function smtpSettings(e: EmailEnv): SmtpSettings {
  return {
    url: e.SMTP_URL,
    host: e.SMTP_HOST,
    port: e.SMTP_PORT,
    secure: e.SMTP_SECURE,
    user: e.SMTP_USER,
    pass: e.SMTP_PASS,
    from: e.MAIL_FROM ?? '',
    messageIdHost: messageIdHost(e),
  };
}

/** SMTP when configured so, otherwise the log transport. */
export function createEmailTransport(e: EmailEnv): EmailTransport {
  return e.EMAIL_PROVIDER === 'smtp' ? createSmtpTransport(smtpSettings(e)) : createLogEmailTransport();
}

/** The site's address for links and List-Unsubscribe, and the unsubscribe mailbox if any. */
export function staffEmailOptions(e: Pick<EmailEnv, 'PUBLIC_SITE_URL' | 'MAIL_UNSUBSCRIBE'>): StaffEmailOptions {
  return { siteUrl: e.PUBLIC_SITE_URL ?? DEVELOPMENT_SITE, unsubscribeMailto: e.MAIL_UNSUBSCRIBE };
}
