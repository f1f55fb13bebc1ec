/**
 * The e-mail transport for development and the demo (EMAIL_PROVIDER=log, the default): one JSON
 * line per message on standard output, the address masked, and the message counted as delivered.
 * The body is left out: the subject and the template say what was sent, and a log is no mailbox.
 */
import { maskEmail } from '../../../domain/messages/message-templates';
import type { EmailTransport, OutgoingEmail, SendOutcome } from '../transport';

/** A line writer; standard output unless a test passes its own. */
export type LineWriter = (line: string) => void;

const stdout: LineWriter = (line) => process.stdout.write(`${line}\n`);

export function createLogEmailTransport(write: LineWriter = stdout, now: () => Date = () => new Date()): EmailTransport {
  return {
    name: 'log',
    async send(email: OutgoingEmail): Promise<SendOutcome> {
      write(
        JSON.stringify({
          at: now().toISOString(),
          channel: 'email',
          transport: 'log',
          messageId: email.messageId,
          template: email.template,
          to: maskEmail(email.to),
          subject: email.subject,
          listUnsubscribe: email.headers?.['List-Unsubscribe'] !== undefined,
        }),
      );
      return { kind: 'delivered', providerId: `log:${email.messageId}` };
    },
  };
}
