/**
 * Public tracking (src/pages/complaints/track.astro) on the server: number + access code, posted,
 * never in a URL, open the redacted timeline. An unknown number and a wrong code get the same
 * answer, and failures are throttled per address and per number from that address
 * (src/domain/complaints/tracking-limits.ts), so numbers cannot be enumerated and codes cannot be
 * guessed, while a stranger's guesses on a number never hold up the complainant at another address.
 *
 * While the case waits for the complainant (awaiting_info), the same page takes their answer: the
 * answer is posted with the number and code again, which pass the very same checks (throttle, then
 * the code) before addInfoFromComplainant is asked; nothing about the case is said before that.
 */
import type { Db } from '../../../db/client';
import { complaintForTracking, publicTimeline as loadEvents } from '../../../db/queries/complaints/complaints';
import { hitRateLimit, rateLimitHits, recordRateLimitHit, refundRateLimitHit } from '../../../db/queries/shared/rate-limits';
import { reached } from '../../domain/shared/sliding-window';
import { TRACKING_LIMITS } from '../../domain/complaints/tracking-limits';
import { publicTimeline, type TimelineEntry } from '../../domain/complaints/complaint-timeline';
import { formValues } from '../../domain/shared/form-fields';
import { normaliseAccessCode, parseTrackingForm } from '../../domain/complaints/tracking';
import { t } from '../../i18n';
import { addInfoFromComplainant } from '../cases/case-actions';
import { clientIp } from '../http/client-ip';
import { accessCodeHash } from './complaint-intake';
import { readFormBody } from '../http/body';
import { appSecret, hmac, safeEqual } from '../shared/secret';

/** The complainant's answer is at most 4000 characters: ~36 KB url-encoded. */
const BODY_LIMIT = 64 * 1024;

/** The form field of the complainant's answer, and the value of `intent` that sends it. */
export const INFO_FIELD = 'info';
export const ADD_INFO = 'add_info';

export type Found = NonNullable<Awaited<ReturnType<typeof complaintForTracking>>>;

export interface TrackingView {
  status: number;
  errors: { field?: string; message: string }[];
  /** The number as typed, to show it again. */
  numberValue: string;
  found: Found | null;
  timeline: TimelineEntry[];
  /** The code as stored, kept in the answer form so the answer is checked like the lookup. */
  code: string;
  /** The answer as typed, kept when it comes back with an error. */
  infoValue: string;
  /** Shown above the case after the answer was taken. */
  notice: string | null;
  /** While awaiting_info: the latest request for information, as the department wrote it. */
  question: string | null;
}

const empty = (): TrackingView => ({ status: 200, errors: [], numberValue: '', found: null, timeline: [], code: '', infoValue: '', notice: null, question: null });

const publicEvents = async (db: Db, complaintId: number) =>
  (await loadEvents(db, complaintId)).map((e) => ({ ...e, data: (e.data ?? {}) as Record<string, unknown> }));

/**
 * What this page shows of a complaint's timeline, for the staff case page's preview: the same
 * events through the same redaction. The caller has already checked that its reader may see the case.
 */
export async function publicTimelinePreview(db: Db, trackingNumber: string): Promise<TimelineEntry[]> {
  const c = await complaintForTracking(db, trackingNumber);
  return c ? publicTimeline(await publicEvents(db, c.id)) : [];
}

async function timelineOf(db: Db, found: Found): Promise<Pick<TrackingView, 'timeline' | 'question'>> {
  const events = await publicEvents(db, found.id);
  const asked = found.status === 'awaiting_info' ? events.filter((e) => e.kind === 'info_requested').at(-1) : undefined;
  return { timeline: publicTimeline(events), question: asked?.note ?? null };
}

/** A POST to the tracking page: a lookup, or a lookup with the complainant's answer. */
export async function handleTrackingPost(db: Db, request: Request, clientAddress: string, today: string, now = new Date()): Promise<TrackingView> {
  const view = empty();
  const body = await readFormBody(request, BODY_LIMIT);
  const values = body.kind === 'ok' || body.kind === 'bad_text' ? body.values : {};
  if (body.kind === 'too_large') return { ...view, status: 413, errors: [{ message: '提交的内容过长（补充的信息不能超过 4000 个字），请缩短后再试。' }] };
  const parsed = parseTrackingForm(formValues(values));
  view.numberValue = String(values.number ?? '').slice(0, 40);
  view.infoValue = String(values[INFO_FIELD] ?? '');
  if (body.kind === 'bad_text') return { ...view, status: 400, errors: [{ field: body.field, message: body.message }] };
  if (!parsed.ok) return { ...view, status: 400, errors: parsed.errors.map((e) => ({ field: e.field, message: e.message })) };

  const secret = await appSecret(db);
  const addressHash = hmac(secret, 'rate-ip', clientIp(request, clientAddress));
  const numberKey = `track:number:${hmac(secret, 'rate-number', parsed.value.number)}`;
  const addressKey = `track:ip:${addressHash}`;
  const pairKey = `${numberKey}:ip:${addressHash}`;
  // Each lookup is logged against this address before the code is checked, so parallel guesses
  // count too; one that opens the case is taken back. Other addresses' failures never refuse it.
  const { attackCeiling } = TRACKING_LIMITS;
  const underAttack = reached(await rateLimitHits(db, numberKey, attackCeiling.windowSeconds, now), now.getTime(), attackCeiling.windowSeconds, attackCeiling.limit);
  const byIp = await hitRateLimit(db, addressKey, TRACKING_LIMITS.perAddress, now);
  const byPair = byIp.allowed ? await hitRateLimit(db, pairKey, underAttack ? TRACKING_LIMITS.perNumberAddressUnderAttack : TRACKING_LIMITS.perNumberAddress, now) : byIp;
  if (!byIp.allowed || !byPair.allowed) {
    if (byIp.allowed) await refundRateLimitHit(db, addressKey, now);
    const wait = byIp.allowed ? byPair.retryAfter : byIp.retryAfter;
    return { ...view, status: 429, errors: [{ message: t('track.throttled', { minutes: Math.ceil(wait / 60) }) }] };
  }
  const candidate = await complaintForTracking(db, parsed.value.number);
  const code = normaliseAccessCode(parsed.value.code);
  if (!candidate || !safeEqual(accessCodeHash(secret, code), candidate.accessCodeHash)) {
    await recordRateLimitHit(db, numberKey, { windowSeconds: attackCeiling.windowSeconds, keep: attackCeiling.limit }, now);
    return { ...view, status: 404, errors: [{ message: t('track.not_found') }] };
  }
  await refundRateLimitHit(db, addressKey, now);
  await refundRateLimitHit(db, pairKey, now);

  let found: Found = candidate;
  if (values.intent === ADD_INFO) {
    const outcome = await addInfoFromComplainant(db, candidate.trackingNumber, view.infoValue, today);
    if (outcome.kind === 'done') {
      view.notice = '已收到您补充的信息，处理部门将继续办理。';
      view.infoValue = '';
      found = (await complaintForTracking(db, candidate.trackingNumber)) ?? candidate;
    } else if (outcome.kind === 'invalid') {
      view.status = 400;
      view.errors = outcome.errors.map((e) => ({ field: INFO_FIELD, message: e.message }));
    } else {
      // Already answered (a second post, or a refresh): say so without changing anything.
      view.status = 409;
      view.errors = [{ message: '这件投诉目前不需要补充信息（如您刚刚已提交，信息已经收到）。' }];
    }
  }
  return { ...view, found, code, ...(await timelineOf(db, found)) };
}
