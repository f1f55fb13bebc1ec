/**
 * Files a complaint from a validated form: the one path shared by the web form, Open311 and the
 * grid staff's patrol reports (src/domain/complaints/patrol-report.ts: no contact, the street as filer).
 * Order matters: a replay of an already acknowledged post is answered first (it must never be
 * refused by a rate limit), then the limits are counted, then the complaint is written in one
 * statement (db/queries/complaints/complaints.ts fileComplaint). The receipt exists only after commit.
 */
import { createHmac } from 'node:crypto';
import type { Db } from '../../../db/client';
import { fileComplaint, intakeLookup } from '../../../db/queries/complaints/complaints';
import { hitRateLimit } from '../../../db/queries/shared/rate-limits';
import { slidingWindow } from '../../domain/shared/sliding-window';
import { suggestCategory } from '../../domain/complaints/category-suggest';
import { CATEGORIES } from '../../domain/complaints/complaint-categories';
import type { ComplaintForm } from '../../domain/complaints/complaint-form';
import type { IsoDate } from '../../domain/shared/dates';
import type { FieldError } from '../../domain/shared/form-fields';
import { isPatrolReport, PATROL_FILER_ROLE, type PatrolReport } from '../../domain/complaints/patrol-report';
import type { LegalForm, TrainingField } from '../../domain/shared/reference';
import { route } from '../../domain/complaints/routing';
import { formatAccessCode, generateAccessCode } from '../../domain/complaints/tracking';
import { deadlineWithPauses } from '../../domain/shared/working-days';
import { outboxNotifier, type Notifier } from '../shared/notifier';
import { enqueueDeliveries } from '../messages/message-queue';
import { isDatabaseUnreachable, writeOutcome } from '../shared/database-errors';
import { log } from '../shared/log.mjs';
import { metrics } from '../shared/metrics.mjs';
import { hmac, sha256 } from '../shared/secret';

/** Per address: 10 complaints in any hour; per phone number: 5 in any 24 hours (sliding windows, portal defaults). */
export const LIMITS = { perIpHour: 10, perPhoneDay: 5 } as const;

export type IntakeOutcome =
  /** `lead` and `dueOn`: the complaint's lead department and due day as they are now. */
  | { kind: 'accepted'; replay: boolean; trackingNumber: string; accessCode: string; lead: string; dueOn: IsoDate }
  | { kind: 'invalid'; errors: FieldError[] }
  | { kind: 'conflict' }
  | { kind: 'rate_limited'; retryAfter: number }
  /** The registered channel's API key (IntakeOptions.apiKeyHash) is unknown or disabled. */
  | { kind: 'key_refused' }
  /**
   * The database was out of reach. `filed`: 'no' when nothing can have been written (tell the
   * person it was not submitted), 'unknown' when the filing statement may have committed with its
   * answer lost (tell them to send the same form again: the idempotency key makes that safe).
   */
  | { kind: 'unavailable'; filed: 'no' | 'unknown' };

export interface IntakeOptions {
  db: Db;
  secret: string;
  today: IsoDate;
  channel: 'web' | 'open311' | 'patrol';
  /** Client address for the per-address limit; null for registered API channels (e.g. 12345). */
  ip: string | null;
  /** Registered channels file for many callers: no per-phone limit. */
  limitPhone: boolean;
  /**
   * A registered channel's API key hash (Open311): checked in the same read as the idempotency key
   * and the institution, one round trip fewer per post; an unknown or disabled key files nothing
   * and answers nothing else, not even a replay.
   */
  apiKeyHash?: string;
  notifier?: Notifier;
}

/**
 * The access code of a complaint is derived from its idempotency key under the secret, so a
 * replayed post shows the same receipt without the code ever being stored.
 */
export function accessCodeFor(secret: string, idempotencyKey: string): string {
  let counter = 0;
  return generateAccessCode((bytes) => {
    const block = createHmac('sha256', secret).update(`access-code\u0000${idempotencyKey}\u0000${counter++}`).digest();
    bytes.set(block.subarray(0, bytes.length));
    return bytes;
  });
}

/** The access-code hint of the receipt SMS: the code's last four characters. */
export const receiptHint = (code: string) => code.replace(/[^0-9A-Za-z]/g, '').slice(-4);

export const accessCodeHash = (secret: string, code: string) => hmac(secret, 'access-code-hash', code);

/** A stable digest of what was submitted (not the key), to tell a retry from a different post. */
export function payloadHash(form: ComplaintForm | PatrolReport): string {
  const { idempotencyKey: _key, ...content } = form;
  return sha256(JSON.stringify(withSortedKeys(content)));
}

/**
 * The same value with every object's keys in sorted order, so the digest does not depend on the
 * order fields were parsed in. (Sorted once up front: a JSON.stringify replacer doing the same is
 * called for every value and cost several times more. The text, and so every stored hash, is the
 * same either way.)
 */
function withSortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withSortedKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) out[key] = withSortedKeys((value as Record<string, unknown>)[key]);
  return out;
}

/**
 * Database errors quote the failed query's parameters, which here include the filer's phone and
 * name; an error thrown out of intake says only what failed, so no log line can carry them.
 */
/** Raised when the filing statement failed because the database was out of reach. */
class FilingUnreachable extends Error {
  constructor(readonly filed: 'no' | 'unknown') {
    super('complaint intake: the database was out of reach while filing');
  }
}

async function fileComplaintWithoutLeaks(...args: Parameters<typeof fileComplaint>): ReturnType<typeof fileComplaint> {
  try {
    return await fileComplaint(...args);
  } catch (e) {
    if (isDatabaseUnreachable(e)) throw new FilingUnreachable(writeOutcome(e));
    // An error the server answered with: the one statement was rolled back. Its message may quote
    // the parameters (the description, the phone): only the code goes on.
    const code = (e as { cause?: { code?: string }; code?: string }).cause?.code ?? (e as { code?: string }).code ?? 'unknown';
    throw new Error(`complaint intake failed in the database (code ${code}); nothing was committed`);
  }
}

/**
 * Files a complaint, or a patrol report (channel 'patrol' only): the same checks, routing, deadline
 * and exactly-once write; a patrol report has no contact (so no per-phone limit and no receipt
 * SMS), takes the street of its filer and records the filing account.
 */
export async function submitComplaint(form: ComplaintForm | PatrolReport, o: IntakeOptions): Promise<IntakeOutcome> {
  try {
    return await submitOnce(form, o);
  } catch (e) {
    if (e instanceof FilingUnreachable) return { kind: 'unavailable', filed: e.filed };
    // The reads before filing (idempotency key, institution, rate limits): nothing was written.
    if (isDatabaseUnreachable(e)) return { kind: 'unavailable', filed: 'no' };
    throw e;
  }
}

async function submitOnce(form: ComplaintForm | PatrolReport, o: IntakeOptions): Promise<IntakeOutcome> {
  const patrol = isPatrolReport(form) ? form : null;
  const publicForm = isPatrolReport(form) ? null : form;
  if ((patrol !== null) !== (o.channel === 'patrol')) throw new Error('a patrol report is filed on the patrol channel, and only a patrol report');
  const accessCode = accessCodeFor(o.secret, form.idempotencyKey);
  const hash = payloadHash(form);
  const accepted = (c: { trackingNumber: string; lead: string; dueOn: string }, replay: boolean): IntakeOutcome => ({
    kind: 'accepted',
    replay,
    trackingNumber: c.trackingNumber,
    accessCode: formatAccessCode(accessCode),
    lead: c.lead,
    dueOn: c.dueOn as IsoDate,
  });

  const reads = await intakeLookup(o.db, form.idempotencyKey, form.institution.kind === 'listed' ? form.institution.creditCode : null, o.apiKeyHash ?? null);
  if (o.apiKeyHash !== undefined && reads.channelActive !== true) return { kind: 'key_refused' };
  const { earlier, institution: found } = reads;
  if (earlier) return earlier.payloadHash === hash ? accepted(earlier, true) : { kind: 'conflict' };

  let institution: { id: number; fields: string[]; legalForm: string; street: string } | null = null;
  if (form.institution.kind === 'listed') {
    if (!found) {
      return {
        kind: 'invalid',
        errors: [{ field: 'creditCode', message: `本平台没有收录代码为 ${form.institution.creditCode} 的机构。请核对代码，或勾选“机构不在名录中”后填写机构名称和地址。` }],
      };
    }
    institution = found;
  }

  if (o.ip !== null) {
    const byIp = await hitRateLimit(o.db, `complaint:ip:${hmac(o.secret, 'rate-ip', o.ip)}`, slidingWindow(LIMITS.perIpHour, 3600));
    if (!byIp.allowed) return { kind: 'rate_limited', retryAfter: byIp.retryAfter };
  }
  if (o.limitPhone && publicForm) {
    const byPhone = await hitRateLimit(o.db, `complaint:phone:${hmac(o.secret, 'rate-phone', publicForm.phone)}`, slidingWindow(LIMITS.perPhoneDay, 86_400));
    if (!byPhone.allowed) return { kind: 'rate_limited', retryAfter: byPhone.retryAfter };
  }

  const suggestion = suggestCategory(form.description);
  const r = route({
    category: form.category,
    fields: (institution?.fields ?? []) as TrainingField[],
    legalForm: (institution?.legalForm as LegalForm | undefined) ?? null,
    prepaidMoneyInvolved: form.category === 'prepaid_card' || (publicForm?.moneyYuan ?? 0) > 0,
  });
  const deadline = deadlineWithPauses(o.today, CATEGORIES[form.category].answerWorkingDays);
  const notListed = form.institution.kind === 'not_listed' ? form.institution : null;
  const notifier = o.notifier ?? outboxNotifier;

  const result = await fileComplaintWithoutLeaks(
    o.db,
    {
      idempotencyKey: form.idempotencyKey,
      payloadHash: hash,
      accessCodeHash: accessCodeHash(o.secret, accessCode),
      channel: o.channel,
      institutionId: institution?.id ?? null,
      notListedName: notListed?.name ?? null,
      notListedAddress: notListed?.address ?? null,
      // The case's street decides which grid staff see it: the institution's, or the one
      // given; a patrol report's is where the grid staff found it, their own street.
      street: patrol?.filer.street ?? notListed?.street ?? institution?.street ?? null,
      category: form.category,
      suggestedCategory: suggestion.top?.category ?? null,
      description: form.description,
      occurredOn: form.occurredOn ?? null,
      moneyYuan: publicForm?.moneyYuan ?? null,
      peopleAffected: form.peopleAffected ?? null,
      filerRole: publicForm?.filerRole ?? PATROL_FILER_ROLE,
      receivedOn: o.today,
      dueOn: deadline.due,
      route: { version: r.tableVersion, lead: r.lead, assisting: r.assisting, inform: r.inform, reasons: r.reasons, coordinatedBy: r.coordinatedBy },
      contact: publicForm ? { phone: publicForm.phone, name: publicForm.name ?? null, consentToContact: publicForm.consentToContact } : null,
      filedBy: patrol?.filer.staffId ?? null,
      // The SMS names only the code's last four characters: the whole code is shown once, on the
      // receipt page, and a text message may be read by someone else on the phone's lock screen.
      receiptHint: receiptHint(accessCode),
    },
    notifier.queuedByIntakeStatement ? 'outbox' : (tx, sms) => notifier.queueSms(tx, sms),
  );
  if (result.kind === 'conflict') return { kind: 'conflict' };
  // Committed: the receipt goes to the delivery queue. Not awaited, so intake costs what it did; if
  // this process dies first, the relay job finds the queued message (src/server/messages/schedules.ts).
  if (result.kind === 'created' && result.messageId !== null) enqueueDeliveries([result.messageId]);
  // Logged after commit, with the number only: never the phone, name or code.
  if (result.kind === 'created') {
    metrics.complaintsFiled.inc({ channel: o.channel });
    log.info({ event: 'complaint.received', trackingNumber: result.trackingNumber, channel: o.channel }, `complaint ${result.trackingNumber} received via ${o.channel}${publicForm ? '; receipt SMS queued' : ''}`);
  }
  return accepted(result, result.kind === 'replayed');
}
