/**
 * Tencent Cloud SMS through its SDK (tencentcloud-sdk-nodejs-sms, API 2021-01-11, signature
 * TC3-HMAC-SHA256): one SendSms call per message, with the application's SdkAppId, the approved
 * sign name, the template id, the parameters as a list in the template's order, and the portal's
 * message id as SessionContext (which Tencent returns in the answer and in delivery receipts).
 *
 * A whole request can fail (Response.Error: bad keys, throttled API) or one number can (its
 * SendStatusSet entry: invalid number, its daily limit, no balance); both codes go through the
 * same table. Tencent's SendSms is not idempotent either: the worker decides when to retry.
 */
import * as tencentSms from 'tencentcloud-sdk-nodejs-sms';
import { classifyTencentSmsError, transportFailure } from '../../../domain/messages/sms-error-codes';
import { TEMPLATES, type SmsTemplate } from '../../../domain/messages/message-templates';
import type { OutgoingSms, SendOutcome, SmsTransport } from '../transport';

export interface TencentSmsConfig {
  secretId: string;
  secretKey: string;
  /** The SMS application's SdkAppId (1400…). */
  sdkAppId: string;
  signName: string;
  /** The template id Tencent gave each registered template. */
  templateIds: Record<SmsTemplate, string>;
  /** ap-guangzhou, ap-beijing or ap-nanjing. */
  region: string;
  /** Default https://sms.tencentcloudapi.com. */
  endpoint?: string;
  /** Whole request, in milliseconds (default 5000). */
  timeoutMs?: number;
}

const SmsClient = tencentSms.sms.v20210111.Client;

/** TencentCloudSDKHttpException: `code` when the API answered an error, `httpCode` for a bad HTTP status, neither when no answer came. */
interface SdkError {
  code?: unknown;
  httpCode?: unknown;
  message?: unknown;
}

export function createTencentSmsTransport(config: TencentSmsConfig): SmsTransport {
  const endpoint = new URL(config.endpoint ?? 'https://sms.tencentcloudapi.com');
  const client = new SmsClient({
    credential: { secretId: config.secretId, secretKey: config.secretKey },
    region: config.region,
    profile: {
      httpProfile: {
        endpoint: endpoint.host,
        protocol: `${endpoint.protocol}//`,
        reqMethod: 'POST',
        // The SDK takes seconds.
        reqTimeout: (config.timeoutMs ?? 5000) / 1000,
      },
    },
  });

  return {
    name: 'tencent',
    async send(sms: OutgoingSms): Promise<SendOutcome> {
      try {
        const answer = await client.SendSms({
          PhoneNumberSet: [`+86${sms.phone}`],
          SmsSdkAppId: config.sdkAppId,
          SignName: config.signName,
          TemplateId: config.templateIds[sms.template],
          // A missing parameter is sent as missing (the list is shorter), so the gateway refuses it.
          TemplateParamSet: TEMPLATES[sms.template].params.flatMap((name) => (sms.params[name] === undefined ? [] : [sms.params[name]])),
          SessionContext: sms.messageId,
        });
        const status = answer.SendStatusSet?.[0];
        if (!status) return { kind: 'retry', reason: 'EmptyAnswer: 应答中没有发送状态' };
        if (status.Code === 'Ok') return { kind: 'delivered', ...(status.SerialNo ? { providerId: status.SerialNo } : {}) };
        return classifyTencentSmsError(status.Code ?? 'EmptyCode');
      } catch (error) {
        const e = (error ?? {}) as SdkError;
        if (typeof e.code === 'string' && e.code) return classifyTencentSmsError(e.code);
        if (typeof e.httpCode === 'number') {
          return e.httpCode >= 500 || e.httpCode === 429
            ? { kind: 'retry', reason: `HTTP ${e.httpCode}: 网关错误` }
            : { kind: 'give_up', reason: `HTTP ${e.httpCode}: 请求被拒绝` };
        }
        return transportFailure(String(e.message ?? error));
      }
    },
  };
}
