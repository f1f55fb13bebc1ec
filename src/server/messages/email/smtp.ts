/**
 * E-mail through an SMTP server with nodemailer: one connection per message (staff get tens of
 * e-mails a day, not thousands, so a pool would only hold idle connections open). The answer is
 * read into the three outcomes the worker acts on (transport.ts): the server took the message; try
 * again later (a 4xx reply, a refused or dropped connection, a timeout); or give up with the reason
 * (a 5xx reply such as 550 mailbox unavailable or 553 address not allowed, refused credentials).
 *
 * The Message-ID is the portal's message id at the portal's host, so a message sent again after a
 * lost answer carries the same Message-ID and mail servers and clients can recognise the copy.
 */
import nodemailer from 'nodemailer';
import { maskEmail } from '../../../domain/messages/message-templates';
import type { EmailTransport, OutgoingEmail, SendOutcome } from '../transport';

export interface SmtpSettings {
  /** smtp:// or smtps:// URL with credentials; otherwise host, port, secure, user and pass. */
  url?: string | undefined;
  host?: string | undefined;
  port?: number | undefined;
  secure?: boolean | undefined;
  user?: string | undefined;
  pass?: string | undefined;
  from: string;
  /** The right-hand side of every Message-ID: the portal's host name. */
  messageIdHost: string;
  /** Milliseconds; tests shorten them. */
  timeouts?: { connection?: number; greeting?: number; socket?: number };
  /** Test servers use self-signed certificates. */
  allowSelfSigned?: boolean;
}

/**
 * The worker holds a job while it waits, so a silent server must not keep it for nodemailer's
 * default two minutes: ten seconds to connect and be greeted is plenty for a server nearby.
 */
const DEFAULT_TIMEOUTS = { connection: 10_000, greeting: 10_000, socket: 60_000 };

/** `<id@host>`; an id outside the characters a Message-ID allows unquoted is encoded, never dropped. */
export function messageIdHeader(messageId: string, host: string): string {
  const local = /^[A-Za-z0-9._-]+$/.test(messageId) ? messageId : encodeURIComponent(messageId).replace(/%/g, '=');
  return `<${local}@${host}>`;
}

/** Addresses in a server's reply ("550 5.1.1 <zhang@…>: unknown user") masked, as logs may show them. */
export function maskAddresses(text: string): string {
  return text.replace(/[^\s<>"'(),;:@]+@[A-Za-z0-9.-]+/g, (a) => maskEmail(a));
}

interface SmtpError {
  code?: string;
  originalCode?: string;
  responseCode?: number;
  response?: string;
  command?: string;
  message?: string;
}

/** Connection troubles: the server may well be there again in a minute. */
const TRANSIENT_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'EPROXY', 'ETLS', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH']);
/** Our own configuration or message is wrong: the same send will fail the same way. */
const PERMANENT_CODES = new Set(['EAUTH', 'ENOAUTH', 'ECONFIG', 'EENVELOPE', 'EMESSAGE', 'EREQUIRETLS', 'EMAXRECIPIENTS']);

/**
 * A nodemailer error as an outcome. The SMTP reply code decides when there is one (RFC 5321 §4.2.1:
 * 4yz is a transient failure, 5yz a permanent one); without a reply, the error's kind does. An
 * error of no known kind is retried: the worker's attempt limit turns it into dead with the reason.
 */
export function smtpOutcome(error: unknown): SendOutcome {
  const e = (error ?? {}) as SmtpError;
  const code = e.originalCode && TRANSIENT_CODES.has(e.originalCode) ? e.originalCode : e.code;
  const what = e.responseCode ? `SMTP ${e.responseCode}${e.command ? ` after ${e.command}` : ''}: ${e.response ?? e.message ?? ''}` : `${code ?? 'error'}: ${e.message ?? String(error)}`;
  const reason = maskAddresses(what.replace(/\s+/g, ' ').trim()).slice(0, 500);
  if (typeof e.responseCode === 'number' && e.responseCode >= 400 && e.responseCode < 600) {
    return e.responseCode >= 500 ? { kind: 'give_up', reason } : { kind: 'retry', reason };
  }
  if (code && PERMANENT_CODES.has(code)) return { kind: 'give_up', reason };
  return { kind: 'retry', reason };
}

/** The nodemailer options for the settings: a URL as given, or the separate fields. */
function transportOptions(s: SmtpSettings) {
  const t = { ...DEFAULT_TIMEOUTS, ...s.timeouts };
  const common = {
    connectionTimeout: t.connection,
    greetingTimeout: t.greeting,
    socketTimeout: t.socket,
    tls: s.allowSelfSigned ? { rejectUnauthorized: false } : undefined,
  };
  if (s.url) {
    const url = new URL(s.url);
    return {
      ...common,
      host: url.hostname,
      port: url.port ? Number(url.port) : url.protocol === 'smtps:' ? 465 : 587,
      secure: url.protocol === 'smtps:',
      auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
    };
  }
  const secure = s.secure ?? s.port === 465;
  return { ...common, host: s.host, port: s.port ?? (secure ? 465 : 587), secure, auth: s.user ? { user: s.user, pass: s.pass ?? '' } : undefined };
}

/** An EmailTransport over SMTP. */
export function createSmtpTransport(settings: SmtpSettings): EmailTransport {
  const mailer = nodemailer.createTransport(transportOptions(settings));
  return {
    name: 'smtp',
    async send(email: OutgoingEmail): Promise<SendOutcome> {
      const messageId = messageIdHeader(email.messageId, settings.messageIdHost);
      try {
        const info = await mailer.sendMail({
          from: settings.from,
          to: email.to,
          subject: email.subject,
          text: email.text,
          html: email.html,
          messageId,
          headers: email.headers,
          // No remote content, no attachments by path or URL: the bodies are the portal's own text.
          disableFileAccess: true,
          disableUrlAccess: true,
        });
        if (info.rejected.length > 0) return { kind: 'give_up', reason: maskAddresses(`recipient rejected: ${info.response}`) };
        return { kind: 'delivered', providerId: messageId };
      } catch (error) {
        return smtpOutcome(error);
      }
    },
  };
}
