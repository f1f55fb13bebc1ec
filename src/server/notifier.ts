/**
 * Notifications to filers (the receipt SMS). Pluggable: the default writes the message to the
 * notification_outbox table inside the complaint's own transaction and logs that it did, without
 * the number; a real SMS gateway would read the outbox and mark rows sent.
 */
import type { Db } from '../../db/client';
import { notificationOutbox } from '../../db/schema';

export interface OutgoingSms {
  complaintId: number;
  phone: string;
  body: string;
}

export interface Notifier {
  queueSms(tx: Db, sms: OutgoingSms): Promise<void>;
}

export const outboxNotifier: Notifier = {
  async queueSms(tx, sms) {
    await tx.insert(notificationOutbox).values({ complaintId: sms.complaintId, channel: 'sms', recipient: sms.phone, body: sms.body });
  },
};
