/**
 * What a transport (an SMS gateway adapter, SMTP) promises the delivery worker: it tries one send
 * and says what happened, in three words the worker acts on. Errors of the provider are mapped by
 * each adapter (a throttled or failing gateway → retry; an invalid number, a template not approved,
 * no balance → give up with the reason), so the worker never reads a provider's error codes.
 *
 * `messageId` is the portal's own id of the message. It is passed to the gateway (Alibaba's OutId,
 * Tencent's SessionContext, the SMTP Message-ID) so that a retry after a lost answer can be
 * recognised and a phone does not get the same message twice.
 */
import type { EmailTemplate, SmsTemplate } from '../../domain/messages/message-templates';

export type SendOutcome =
  | { kind: 'delivered'; providerId?: string }
  /** Worth trying again later (throttled, timeout, the gateway's own failure). */
  | { kind: 'retry'; reason: string }
  /** Will never work as it is (invalid number, template not approved, no balance, bad credentials). */
  | { kind: 'give_up'; reason: string };

export interface OutgoingSms {
  messageId: string;
  /** Mainland mobile number, 11 digits. */
  phone: string;
  template: SmsTemplate;
  params: Record<string, string>;
}

export interface SmsTransport {
  readonly name: 'aliyun' | 'tencent' | 'log';
  send(sms: OutgoingSms): Promise<SendOutcome>;
}

export interface OutgoingEmail {
  messageId: string;
  to: string;
  template: EmailTemplate;
  subject: string;
  text: string;
  html: string;
  /** Extra headers, e.g. List-Unsubscribe on digests. */
  headers?: Record<string, string>;
}

export interface EmailTransport {
  readonly name: 'smtp' | 'log';
  send(email: OutgoingEmail): Promise<SendOutcome>;
}
