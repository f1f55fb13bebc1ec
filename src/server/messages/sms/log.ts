/**
 * The transport for development and the demo: no gateway, one JSON line per message with the
 * number masked to its last four digits (README, "Personal data") and the wording the filer would
 * have received, and the message counts as delivered.
 */
import { maskPhone, renderTemplate, type TemplateParams } from '../../../domain/messages/message-templates';
import type { OutgoingSms, SendOutcome, SmsTransport } from '../transport';

export type LineWriter = (line: string) => void;

export function createLogSmsTransport(write: LineWriter = (line) => process.stdout.write(`${line}\n`)): SmsTransport {
  return {
    name: 'log',
    async send(sms: OutgoingSms): Promise<SendOutcome> {
      write(
        JSON.stringify({
          channel: 'sms',
          transport: 'log',
          messageId: sms.messageId,
          to: maskPhone(sms.phone),
          template: sms.template,
          text: renderTemplate(sms.template, sms.params as TemplateParams<typeof sms.template>),
        }),
      );
      return { kind: 'delivered', providerId: `log-${sms.messageId}` };
    },
  };
}
