/**
 * A fuzz case as an HTTP request to the portal, and its answer: status and content type. Every
 * request names its own client address, carries the portal's Origin (a same-site page's post)
 * and the identity's session cookie, unless the case spoils exactly that.
 */
import { Bytes, type FieldValue } from './bad-values';
import type { FuzzCase } from './cases';
import { jsonDocument, multipart, urlEncoded, type Field } from './encode';
import type { FuzzPortal } from './fuzz-portal';
import type { Plan } from './plans';
import { fillPattern } from './routes';
import { postFormsOf } from './scrape';
import { validValue, type ValidContext } from './valid-values';

export interface Answer {
  status: number;
  contentType: string;
  /** A network failure instead of an answer (the connection reset, a timeout). */
  error?: string;
}

const encodeSegment = (v: string) => (/%[0-9A-Fa-f]{2}/.test(v) ? v : encodeURIComponent(v));
const BOUNDARY = '----fuzzBoundary7MA4YWxkTrZu0gW';

/** The answer to a captcha question in a fresh copy of the form's page ("3 加 4": 7), or null. */
async function freshCaptcha(portal: FuzzPortal, c: FuzzCase, headers: Record<string, string>): Promise<Record<string, string> | null> {
  if (!c.base?.page || !c.base.fields.some(([n]) => n === 'captchaToken')) return null;
  const res = await fetch(portal.url + c.base.page, { headers: { cookie: headers.cookie ?? '', 'x-forwarded-for': headers['x-forwarded-for'] ?? '' } });
  const form = postFormsOf(await res.text(), portal.url + c.base.page).find((f) => f.fields.some((x) => x.name === 'captchaToken'));
  const token = form?.fields.find((x) => x.name === 'captchaToken')?.value;
  if (!token) return null;
  const q = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()) as { a: number; b: number };
  return { captchaToken: token, captchaAnswer: String(q.a + q.b) };
}

/** The fields of the case's body or query: the valid base with the target spoilt. */
function fieldsOf(c: FuzzCase, plan: Plan, valid: ValidContext, captcha: Record<string, string> | null): Field[] {
  const spoilt = c.value !== null && c.kind !== 'header' ? c.value : null;
  if (plan.method === 'GET' || c.method === 'GET' || !c.base) {
    return spoilt !== null ? [[c.target, spoilt]] : [];
  }
  const fields: Field[] = c.base.fields.map(([n, v]) => [n, captcha?.[n] ?? validValue(n, v, valid)]);
  if (spoilt !== null) {
    const at = fields.findIndex(([n]) => n === c.target);
    if (at >= 0) fields[at] = [c.target, spoilt];
    else fields.push([c.target, spoilt]);
  }
  return fields;
}

export interface BuiltRequest {
  url: string;
  init: RequestInit;
}

/** The request a case becomes (reads the form's page again first when it asks a captcha). */
export async function buildRequest(portal: FuzzPortal, plan: Plan, c: FuzzCase, valid: ValidContext): Promise<BuiltRequest> {
  const headers: Record<string, string> = {
    origin: portal.url,
    'x-forwarded-for': `10.${(valid.unique >> 16) & 255}.${(valid.unique >> 8) & 255}.${valid.unique & 255}`,
  };
  if (portal.cookies[c.identity]) headers.cookie = portal.cookies[c.identity];
  if (c.kind === 'header' && c.value !== null) {
    const v = String(c.value);
    if (c.target === 'cookie') headers.cookie = `${headers.cookie ?? ''}; session=${v}`;
    else if (c.target !== 'api_key') headers[c.target] = v;
  }
  const captcha = c.method === 'POST' ? await freshCaptcha(portal, c, headers) : null;
  const fields = fieldsOf(c, plan, valid, captcha);
  let path = fillPattern(plan.route.pattern, c.params.map(encodeSegment));
  const query: Field[] = plan.method === 'GET' ? fields : [];
  if (c.kind === 'header' && c.target === 'api_key') query.push(['api_key', c.value as FieldValue]);
  const search = [c.base?.search?.slice(1), urlEncoded(query)].filter(Boolean).join('&');
  if (search) path += `?${search}`;
  const init: RequestInit = { method: c.method, headers, redirect: 'manual' };
  if (c.method !== 'GET' && c.method !== 'OPTIONS') {
    const variant = c.kind === 'content-type' ? c.target : plan.body === 'json' ? 'json' : 'form';
    const [type, body] = encodeBody(variant, fields);
    if (type) headers['content-type'] = type;
    init.body = body as BodyInit;
  }
  return { url: portal.url + path, init };
}

/** The content type and bytes of a body of `variant`. */
function encodeBody(variant: string, fields: Field[]): [string | null, string | Uint8Array] {
  switch (variant) {
    case 'json':
    case 'as-json': // JSON to a form endpoint
      return ['application/json', jsonDocument(fields)];
    case 'form':
    case 'as-form': // a form to a JSON endpoint
      return ['application/x-www-form-urlencoded', urlEncoded(fields)];
    case 'text/plain':
      return ['text/plain', urlEncoded(fields)];
    case 'none':
      return [null, urlEncoded(fields)];
    case 'multipart':
      return [`multipart/form-data; boundary=${BOUNDARY}`, multipart(fields, BOUNDARY)];
    case 'multipart-broken':
      return [`multipart/form-data; boundary=${BOUNDARY}`, multipart(fields, BOUNDARY, true)];
    case 'xml':
      return ['application/xml', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>'];
    default: // form-gb18030: a form declared as GB18030 with GB18030 bytes in it
      return ['application/x-www-form-urlencoded; charset=gb18030', urlEncoded([...fields, ['x', new Bytes(new Uint8Array([0xd6, 0xd0, 0xce, 0xc4]))]])];
  }
}

/** Sends the request; the body is read and dropped. */
export async function send(req: BuiltRequest, timeoutMs = 30_000): Promise<Answer> {
  try {
    const res = await fetch(req.url, { ...req.init, signal: AbortSignal.timeout(timeoutMs) });
    await res.arrayBuffer();
    return { status: res.status, contentType: res.headers.get('content-type') ?? '' };
  } catch (e) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    return { status: 0, contentType: '', error: `${(e as Error).name}: ${cause?.code ?? cause?.message ?? (e as Error).message}` };
  }
}
