/**
 * Notifications to filers (the receipt SMS) and to staff (overdue escalations). Pluggable: the
 * default writes the message to the notification_outbox table inside the complaint's own
 * transaction and logs that it did, without the number; a real SMS gateway would read the outbox
 * and mark rows sent. Another notifier's queueSms runs inside the complaint's transaction too, so
 * a failure to queue rolls the complaint back.
 */
import type { Db } from '../../../db/client';
import { notificationOutbox } from '../../../db/schema';

export interface OutgoingSms {
  complaintId: number;
  phone: string;
  body: string;
}

export interface Notifier {
  /**
   * The default only: the intake statement (ptp_file_complaint) writes the outbox row itself, so
   * filing a complaint stays one round trip; queueSms is then not called for the receipt.
   */
  readonly queuedByIntakeStatement?: true;
  queueSms(tx: Db, sms: OutgoingSms): Promise<void>;
}

export const outboxNotifier: Notifier = {
  queuedByIntakeStatement: true,
  async queueSms(tx, sms) {
    await tx.insert(notificationOutbox).values({ complaintId: sms.complaintId, channel: 'sms', recipient: sms.phone, body: sms.body });
  },
};

/** A message to a staff account (an overdue case raised to its supervisors and managers); recipient is the username. */
export interface StaffMessage {
  complaintId: number;
  recipient: string;
  body: string;
}

export interface StaffNotifier {
  queueStaff(tx: Db, message: StaffMessage): Promise<void>;
}

/** Writes staff messages to the same outbox, channel 'staff'; a mail or app gateway would read them. */
export const outboxStaffNotifier: StaffNotifier = {
  async queueStaff(tx, m) {
    await tx.insert(notificationOutbox).values({ complaintId: m.complaintId, channel: 'staff', recipient: m.recipient, body: m.body });
  },
};
