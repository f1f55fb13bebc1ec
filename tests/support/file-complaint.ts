/**
 * Filing a complaint as the web form does, for tests about what happens to it afterwards (cases,
 * oversight): through the form's parser and the public intake, with no rate limit, so a scenario
 * can file as many as it needs.
 */
import type { Db } from '../../db/client';
import { parseComplaintForm } from '../../src/domain/complaints/complaint-form';
import type { IsoDate } from '../../src/domain/shared/dates';
import { submitComplaint } from '../../src/server/complaints/complaint-intake';

/** Files the complaint `values` describe on `today`; throws unless it is accepted, and returns its tracking number. */
export async function fileWebComplaint(db: Db, secret: string, today: IsoDate, values: Record<string, string>): Promise<string> {
  const parsed = parseComplaintForm(values, today);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const outcome = await submitComplaint(parsed.value, { db, secret, today, channel: 'web', ip: null, limitPhone: false });
  if (outcome.kind !== 'accepted') throw new Error(outcome.kind);
  return outcome.trackingNumber;
}
