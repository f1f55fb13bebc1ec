/**
 * POST /open311/v2/requests.json: a registered channel (the 12345 hotline, ...) files a complaint.
 * The steps, each with its own answer: size (413), content type (415), api_key (401 missing, 403
 * refused), idempotency key and form (400), then submitComplaint, the one intake path shared with
 * the web form (201 created, 200 replay, 409 the key was used for other content).
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../../db/client';
import { parseComplaintForm } from '../../domain/complaints/complaint-form';
import type { IsoDate } from '../../domain/shared/dates';
import { idempotencyKeyFrom, open311Errors, open311ToComplaintInput } from '../../domain/open311/open311-request';
import { checkApiKey, presentedKey } from './api-keys';
import { submitComplaint } from '../complaints/complaint-intake';
import { RETRY_AFTER_SECONDS } from '../http/api-errors';
import { readFormBody } from '../http/body';
import { json } from '../http/json';
import type { Notifier } from '../shared/notifier';
import { open311Error, postedJson, serviceNotice } from './open311-shapes';

/** A complaint is a few kilobytes; 64 KB leaves room for a 4,000-character description. */
export const OPEN311_BODY_LIMIT = 64 * 1024;

export interface Open311PostOptions {
  db: Db;
  secret: string;
  today: IsoDate;
  notifier?: Notifier;
}

export async function postServiceRequest(request: Request, o: Open311PostOptions): Promise<Response> {
  const body = await readFormBody(request, OPEN311_BODY_LIMIT);
  if (body.kind === 'too_large') return open311Error(413, `请求体超过 ${OPEN311_BODY_LIMIT / 1024} KB 的上限。`);
  if (body.kind === 'unsupported') {
    return open311Error(415, `不支持的内容类型 ${body.contentType.slice(0, 80)}：请以 application/x-www-form-urlencoded（或 multipart/form-data）提交。`);
  }
  if (body.kind === 'malformed') return open311Error(400, '请求体不是有效的 multipart/form-data。');
  if (body.kind === 'bad_text') return open311Error(400, `${body.field}：${body.message}`);
  const params = body.values;

  // The Open311 swagger declares api_key "in: query"; most clients send it in the body.
  const rawKey = params.api_key ?? new URL(request.url).searchParams.get('api_key');
  const presented = presentedKey(rawKey);
  if (presented.kind === 'missing') return open311Error(401, 'api_key：缺少 API 密钥。提交投诉需要平台登记的渠道密钥。');
  const refused = () => open311Error(403, 'api_key：API 密钥无效或已停用。');
  if (presented.kind === 'refused') return refused();

  // A valid post has its key checked in intake's own read (one round trip); an invalid one asks
  // the database here, so that a refused key is told so before anything about the form.
  const invalid = async (answer: Response) => ((await checkApiKey(o.db, rawKey)).ok ? answer : refused());
  const idempotency = idempotencyKeyFrom(params['attribute[idempotency_key]'], request.headers.get('idempotency-key'), randomUUID);
  if (!idempotency.ok) return invalid(json([idempotency.error], 400));
  const parsed = parseComplaintForm(open311ToComplaintInput({ ...params, 'attribute[idempotency_key]': idempotency.key }), o.today);
  if (!parsed.ok) return invalid(json(open311Errors(parsed.errors), 400));

  const outcome = await submitComplaint(parsed.value, {
    db: o.db,
    secret: o.secret,
    today: o.today,
    channel: 'open311',
    ip: null,
    limitPhone: false,
    notifier: o.notifier,
    apiKeyHash: presented.hash,
  });
  switch (outcome.kind) {
    case 'key_refused':
      return refused();
    case 'unavailable':
      return open311Error(
        503,
        outcome.filed === 'no'
          ? '服务暂时不可用（数据库暂时无法访问），投诉尚未提交，请几秒后重试。'
          : '服务暂时不可用，无法确认投诉是否已经提交：请几秒后用同一 attribute[idempotency_key] 原样重试，不会重复受理；如已受理，会返回原编号。',
        { 'Retry-After': String(RETRY_AFTER_SECONDS) },
      );
    case 'invalid':
      return json(open311Errors(outcome.errors), 400);
    case 'conflict':
      return open311Error(409, 'attribute[idempotency_key]：这个编号已用于另一份内容不同的投诉；新的投诉请使用新的编号。');
    case 'rate_limited':
      // Registered channels are not rate-limited today (ip: null, limitPhone: false); kept for completeness.
      return open311Error(429, '提交过于频繁，请稍后再试。', { 'Retry-After': String(outcome.retryAfter) });
    case 'accepted': {
      const notice = `投诉已受理。${serviceNotice({ routeLead: outcome.lead, dueOn: outcome.dueOn })}`;
      const body = postedJson(outcome.trackingNumber, outcome.accessCode, notice);
      if (outcome.replay) return json(body, 200);
      return json(body, 201, { Location: `/open311/v2/requests/${outcome.trackingNumber}.json` });
    }
  }
}
