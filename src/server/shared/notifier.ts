/**
 * How the receipt SMS of a complaint is written. The default leaves it to the intake statement
 * (ptp_file_complaint writes a 'receipt' message row in the complaint's own statement, so filing
 * stays one round trip); another notifier's queueSms runs inside the complaint's transaction, so a
 * failure to queue rolls the complaint back. Either way the row is only a record: the delivery
 * queue sends it (src/server/messages/).
 */
import type { Db } from '../../../db/client';
import { notificationOutbox } from '../../../db/schema';

export interface OutgoingReceipt {
  complaintId: number;
  phone: string;
  /** The 'receipt' template's parameters. */
  params: { number: string; hint: string };
}

export interface Notifier {
  /** The default only: the intake statement writes the message itself; queueSms is then not called. */
  readonly queuedByIntakeStatement?: true;
  /** Writes the message in `tx`; answers its id for the queue. */
  queueSms(tx: Db, sms: OutgoingReceipt): Promise<number | null | void>;
}

export const outboxNotifier: Notifier = {
  queuedByIntakeStatement: true,
  async queueSms(tx, sms) {
    const [m] = await tx
      .insert(notificationOutbox)
      .values({ complaintId: sms.complaintId, channel: 'sms', template: 'receipt', params: sms.params, recipient: sms.phone })
      .returning({ id: notificationOutbox.id });
    return m?.id ?? null;
  },
};
