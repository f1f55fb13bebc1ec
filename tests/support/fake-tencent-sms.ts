/**
 * A local stand-in for Tencent Cloud SMS (sms.tencentcloudapi.com, SendSms 2021-01-11) that
 * refuses what the real one refuses: a TC3-HMAC-SHA256 signature that does not match the one
 * recomputed with the account's SecretKey, an unknown SecretId, a timestamp more than five minutes
 * off or a credential date that is not its day; a missing PhoneNumberSet, SmsSdkAppId or
 * TemplateId; an unknown SdkAppId, a sign name or template id that is not registered, a
 * TemplateParamSet whose length is not the template's number of variables; a number that is not
 * +86 and a mainland mobile. Tencent answers everything with HTTP 200: a whole request's failure
 * in Response.Error, one number's in its SendStatusSet entry.
 *
 * The SDK names the signed service after the endpoint's first label ("sms" for the real host);
 * pointed at 127.0.0.1 it signs "127", so the fake accepts the first label of the Host it was
 * called at, and signs the host without its port, as the SDK does.
 */
import { createHash, createHmac, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { MAINLAND_MOBILE, startFakeGateway, templateVariables, type FakeGateway } from './fake-sms-gateway';

export interface FakeTencentOptions {
  secretId: string;
  secretKey: string;
  sdkAppId: string;
  signName: string;
  /** Registered template id → its approved wording (${name} marks a variable, {1}{2}… at Tencent). */
  templates: Record<string, string>;
}

/** Codes Tencent reports per number, in SendStatusSet, rather than for the whole request. */
const PER_NUMBER = /^(LimitExceeded\.PhoneNumber|InvalidParameterValue\.IncorrectPhoneNumber|FailedOperation\.(InsufficientBalanceInSmsPackage|PhoneNumberInBlacklist))/;
const REGIONS = ['ap-guangzhou', 'ap-beijing', 'ap-nanjing'];

export async function startFakeTencentSms(options: FakeTencentOptions): Promise<FakeGateway> {
  return startFakeGateway((req, body, core) => {
    const requestId = randomUUID();
    const fail = (code: string, message = code) => ({ status: 200, body: { Response: { Error: { Code: code, Message: message }, RequestId: requestId } } });

    // TC3-HMAC-SHA256 (cloud.tencent.com/document/api/382/52072).
    const auth = /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/([^/]+)\/tc3_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(header(req, 'authorization'));
    if (!auth) return fail('AuthFailure.InvalidAuthorization', 'Authorization 不符合腾讯云标准');
    const [, secretId = '', date = '', service = '', signedList = '', signature = ''] = auth;
    if (secretId !== options.secretId) return fail('AuthFailure.SecretIdNotFound', 'The SecretId is not found');
    const host = header(req, 'host').replace(/:\d+$/, '').toLowerCase();
    if (service !== 'sms' && service !== host.split('.')[0]) return fail('AuthFailure.SignatureFailure', 'service in the credential scope is not sms');
    const timestamp = Number(header(req, 'x-tc-timestamp'));
    if (!Number.isInteger(timestamp) || Math.abs(Date.now() / 1000 - timestamp) > 300) return fail('AuthFailure.SignatureExpire', 'Signature expired');
    if (new Date(timestamp * 1000).toISOString().slice(0, 10) !== date) return fail('AuthFailure.SignatureFailure', 'credential date is not the day of the timestamp');
    const signed = signedList.split(';');
    if (!signed.includes('host') || !signed.includes('content-type')) return fail('AuthFailure.SignatureFailure', 'host and content-type must be signed');
    const canonicalRequest = [
      req.method ?? 'POST',
      new URL(req.url ?? '/', 'http://fake').pathname,
      new URL(req.url ?? '/', 'http://fake').search.slice(1),
      signed.map((h) => `${h}:${(h === 'host' ? host : header(req, h)).trim().toLowerCase()}\n`).join(''),
      signedList,
      sha256(body),
    ].join('\n');
    const stringToSign = ['TC3-HMAC-SHA256', String(timestamp), `${date}/${service}/tc3_request`, sha256(canonicalRequest)].join('\n');
    const kDate = hmac(`TC3${options.secretKey}`, date);
    const kSigning = hmac(hmac(kDate, service), 'tc3_request');
    if (createHmac('sha256', kSigning).update(stringToSign).digest('hex') !== signature) {
      return fail('AuthFailure.SignatureFailure', 'The provided credentials could not be validated. Please check your signature is correct.');
    }
    if (header(req, 'x-tc-action') !== 'SendSms') return fail('InvalidAction');
    if (header(req, 'x-tc-version') !== '2021-01-11') return fail('NoSuchVersion');
    if (!REGIONS.includes(header(req, 'x-tc-region'))) return fail('UnsupportedRegion', 'The action does not support this region');

    let input: Record<string, unknown>;
    try {
      input = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    } catch {
      return fail('FailedOperation.JsonParseFail');
    }
    const phones = input.PhoneNumberSet;
    if (!Array.isArray(phones) || phones.length === 0) return fail('MissingParameter', 'PhoneNumberSet is required');
    if (!input.SmsSdkAppId) return fail('MissingParameter', 'SmsSdkAppId is required');
    if (!input.TemplateId) return fail('MissingParameter', 'TemplateId is required');

    const scripted = core.takeFailure();
    if (scripted && !PER_NUMBER.test(scripted)) return fail(scripted);

    if (input.SmsSdkAppId !== options.sdkAppId) return fail('InvalidParameterValue.SdkAppIdNotExist', 'SdkAppId 不存在');
    if (input.SignName !== options.signName) return fail('FailedOperation.SignatureIncorrectOrUnapproved', '签名未审批或格式错误');
    const wording = options.templates[String(input.TemplateId)];
    if (wording === undefined) return fail('FailedOperation.TemplateUnapprovedOrNotExist', '模板未审批或不存在');
    const values = Array.isArray(input.TemplateParamSet) ? input.TemplateParamSet : [];
    const names = templateVariables(wording);
    if (values.length !== names.length || values.some((v) => typeof v !== 'string')) {
      return fail('FailedOperation.TemplateParamSetNotMatchApprovedTemplate', '请求内容与审核通过的模板内容不匹配');
    }
    const sessionContext = typeof input.SessionContext === 'string' ? input.SessionContext : '';

    const SendStatusSet = phones.map((raw: unknown) => {
      const phone = String(raw);
      const status = (Code: string, Message: string) => ({ SerialNo: '', PhoneNumber: phone, Fee: 0, SessionContext: sessionContext, Code, Message, IsoCode: 'CN' });
      if (scripted) return status(scripted, scripted);
      const local = phone.replace(/^(\+86|0086|86)(?=\d{11}$)/, '');
      if (!MAINLAND_MOBILE.test(local)) return status('InvalidParameterValue.IncorrectPhoneNumber', '手机号格式错误');
      core.record({
        messageId: sessionContext,
        phone: local,
        signName: String(input.SignName),
        templateCode: String(input.TemplateId),
        params: values as string[],
        text: `【${String(input.SignName)}】${names.reduce((text, name, i) => text.replace(`\${${name}}`, String(values[i])), wording)}`,
      });
      return { ...status('Ok', 'send success'), SerialNo: randomUUID(), Fee: 1 };
    });
    return { status: 200, body: { Response: { SendStatusSet, RequestId: requestId } } };
  });
}

function header(req: IncomingMessage, name: string): string {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v.join(',') : (v ?? '');
}

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data).digest();
}
