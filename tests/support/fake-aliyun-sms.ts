/**
 * A local stand-in for Alibaba Cloud SMS (dysmsapi.aliyuncs.com, SendSms 2017-05-25) that refuses
 * what the real one refuses: a request whose ACS3-HMAC-SHA256 signature does not match the one
 * recomputed with the account's secret, an unknown AccessKey ID, a stale x-acs-date or a reused
 * nonce, a body whose hash is not the signed one; a missing PhoneNumbers, SignName or
 * TemplateCode; a sign name or template code that is not registered; TemplateParam that is not a
 * JSON object of exactly the registered template's variables; a number that is not a mainland
 * mobile. Gateway errors come as HTTP 4xx/5xx, business errors as HTTP 200 with Code ≠ "OK", as
 * Alibaba answers them.
 */
import { createHash, createHmac, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { MAINLAND_MOBILE, startFakeGateway, templateVariables, type FakeGateway } from './fake-sms-gateway';

export interface FakeAliyunOptions {
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  /** Registered template code → its approved wording (${name} marks a variable). */
  templates: Record<string, string>;
}

/** The HTTP status Alibaba answers a code with; business codes (isv., isp.) come with 200. */
const GATEWAY_STATUS: Record<string, number> = {
  SignatureDoesNotMatch: 400,
  IncompleteSignature: 400,
  SignatureNonceUsed: 400,
  'InvalidTimeStamp.Expired': 400,
  'InvalidAccessKeyId.NotFound': 404,
  'InvalidAccessKeyId.Inactive': 400,
  'Throttling.User': 400,
  Throttling: 400,
  'InvalidAction.NotFound': 404,
  MissingPhoneNumbers: 400,
  MissingSignName: 400,
  MissingTemplateCode: 400,
  InternalError: 500,
  ServiceUnavailable: 503,
};

const ALGORITHM = 'ACS3-HMAC-SHA256';

export async function startFakeAliyunSms(options: FakeAliyunOptions): Promise<FakeGateway> {
  const nonces = new Set<string>();
  return startFakeGateway((req, body, core) => {
    const fail = (code: string, message = code) => ({
      status: GATEWAY_STATUS[code] ?? 200,
      body: { Code: code, Message: message, RequestId: randomUUID() },
    });

    const url = new URL(req.url ?? '/', 'http://fake');
    const params = new Map(url.searchParams);
    if (String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
      for (const [k, v] of new URLSearchParams(body.toString('utf8'))) params.set(k, v);
    }

    // Signature V3 (help.aliyun.com/zh/sdk/product-overview/v3-request-structure-and-signature).
    const auth = /^ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([^,]+),Signature=([0-9a-f]+)$/.exec(header(req, 'authorization'));
    if (!auth) return fail('IncompleteSignature', 'The request signature does not conform to Aliyun standards.');
    const [, keyId = '', signedList = '', signature = ''] = auth;
    if (keyId !== options.accessKeyId) return fail('InvalidAccessKeyId.NotFound', 'Specified access key is not found.');
    const signed = signedList.split(';');
    for (const must of ['host', 'x-acs-action', 'x-acs-content-sha256', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-version']) {
      if (!signed.includes(must)) return fail('IncompleteSignature', `${must} is not signed`);
    }
    const payloadHash = sha256(body);
    if (header(req, 'x-acs-content-sha256') !== payloadHash) return fail('SignatureDoesNotMatch', 'x-acs-content-sha256 is not the hash of the body');
    const canonicalRequest = [
      req.method ?? 'POST',
      url.pathname,
      [...params.keys()].sort().map((k) => `${encode(k)}=${encode(params.get(k) ?? '')}`).join('&'),
      signed.map((h) => `${h}:${header(req, h).trim()}\n`).join(''),
      signedList,
      payloadHash,
    ].join('\n');
    const expected = createHmac('sha256', options.accessKeySecret).update(`${ALGORITHM}\n${sha256(canonicalRequest)}`).digest('hex');
    if (expected !== signature) return fail('SignatureDoesNotMatch', 'Specified signature is not matched with our calculation.');
    const date = Date.parse(header(req, 'x-acs-date'));
    if (!Number.isFinite(date) || Math.abs(Date.now() - date) > 15 * 60_000) return fail('InvalidTimeStamp.Expired', 'Specified time stamp or date value is expired.');
    const nonce = header(req, 'x-acs-signature-nonce');
    if (nonces.has(nonce)) return fail('SignatureNonceUsed', 'Specified signature nonce was used already.');
    nonces.add(nonce);
    if (header(req, 'x-acs-action') !== 'SendSms' || header(req, 'x-acs-version') !== '2017-05-25') return fail('InvalidAction.NotFound');

    const scripted = core.takeFailure();
    if (scripted) return fail(scripted);

    const phone = params.get('PhoneNumbers');
    const signName = params.get('SignName');
    const templateCode = params.get('TemplateCode');
    if (!phone) return fail('MissingPhoneNumbers', 'PhoneNumbers is mandatory for this action.');
    if (!signName) return fail('MissingSignName', 'SignName is mandatory for this action.');
    if (!templateCode) return fail('MissingTemplateCode', 'TemplateCode is mandatory for this action.');
    if (!MAINLAND_MOBILE.test(phone)) return fail('isv.MOBILE_NUMBER_ILLEGAL', '非法手机号');
    if (signName !== options.signName) return fail('isv.SMS_SIGNATURE_ILLEGAL', '该账号下找不到对应签名');
    const wording = options.templates[templateCode];
    if (wording === undefined) return fail('isv.SMS_TEMPLATE_ILLEGAL', '该账号下找不到对应模板');
    let values: unknown;
    try {
      values = JSON.parse(params.get('TemplateParam') ?? '{}');
    } catch {
      return fail('isv.INVALID_JSON_PARAM', 'JSON参数不合法，只接受字符串值');
    }
    if (typeof values !== 'object' || values === null || Array.isArray(values)) return fail('isv.INVALID_JSON_PARAM', 'JSON参数不合法，只接受字符串值');
    const given = values as Record<string, unknown>;
    const names = templateVariables(wording);
    if (names.some((n) => !(n in given))) return fail('isv.TEMPLATE_MISSING_PARAMETERS', '模板缺少变量');
    if (Object.keys(given).some((k) => !names.includes(k)) || Object.values(given).some((v) => typeof v !== 'string')) {
      return fail('isv.TEMPLATE_PARAMS_ILLEGAL', '模板变量里包含非法关键字或不是字符串');
    }
    const filled = given as Record<string, string>;
    const bizId = `${Date.now()}${Math.floor(Math.random() * 1e6)}`;
    core.record({
      messageId: params.get('OutId') ?? '',
      phone,
      signName,
      templateCode,
      params: filled,
      text: `【${signName}】${wording.replace(/\$\{(\w+)\}/g, (_m, n: string) => filled[n] ?? '')}`,
    });
    return { status: 200, body: { Code: 'OK', Message: 'OK', BizId: bizId, RequestId: randomUUID() } };
  });
}

function header(req: IncomingMessage, name: string): string {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v.join(',') : (v ?? '');
}

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** RFC 3986 percent-encoding, as Alibaba's canonical query string wants it. */
function encode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
