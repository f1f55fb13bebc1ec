/**
 * Alibaba Cloud SMS through its SDK (@alicloud/dysmsapi20170525, OpenAPI signature V3
 * ACS3-HMAC-SHA256): one SendSms call per message, with the approved sign name, the template code
 * the console gave, the template's parameters as JSON, and the portal's message id as OutId.
 *
 * The SDK's own retries stay off (it retries only when asked): the delivery worker retries with
 * backoff and keeps the count. Alibaba's SendSms is not idempotent (its API reference says so);
 * OutId comes back in delivery receipts (SmsReport), which is how a duplicate could be traced.
 */
import * as dysmsapi from '@alicloud/dysmsapi20170525';
import { $OpenApiUtil } from '@alicloud/openapi-core';
import { classifyAliyunSmsError, transportFailure } from '../../../domain/messages/sms-error-codes';
import { TEMPLATES, type SmsTemplate } from '../../../domain/messages/message-templates';
import type { OutgoingSms, SendOutcome, SmsTransport } from '../transport';

export interface AliyunSmsConfig {
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  /** The template code (SMS_123456789) Alibaba gave each registered template. */
  templateCodes: Record<SmsTemplate, string>;
  /** Default https://dysmsapi.aliyuncs.com. */
  endpoint?: string;
  /** Connect and read timeout each, in milliseconds (default 5000; Alibaba advises at least 1000). */
  timeoutMs?: number;
}

// The package is CommonJS with `exports.default = Client`: Node's ESM import of it gives the
// module object as the default, so the class sits one level down.
type ClientClass = typeof dysmsapi.default;
const DysmsapiClient: ClientClass = (dysmsapi.default as unknown as { default?: ClientClass }).default ?? dysmsapi.default;

/** The SDK's error for an HTTP error answer (ClientError, ServerError, ThrottlingError). */
interface GatewayError {
  code?: unknown;
  statusCode?: unknown;
  message?: unknown;
}

export function createAliyunSmsTransport(config: AliyunSmsConfig): SmsTransport {
  const endpoint = new URL(config.endpoint ?? 'https://dysmsapi.aliyuncs.com');
  const timeout = config.timeoutMs ?? 5000;
  const client = new DysmsapiClient(
    new $OpenApiUtil.Config({
      accessKeyId: config.accessKeyId,
      accessKeySecret: config.accessKeySecret,
      endpoint: endpoint.host,
      protocol: endpoint.protocol.replace(':', ''),
      connectTimeout: timeout,
      readTimeout: timeout,
    }),
  );

  return {
    name: 'aliyun',
    async send(sms: OutgoingSms): Promise<SendOutcome> {
      const request = new dysmsapi.SendSmsRequest({
        phoneNumbers: sms.phone,
        signName: config.signName,
        templateCode: config.templateCodes[sms.template],
        templateParam: JSON.stringify(templateParam(sms)),
        outId: sms.messageId,
      });
      try {
        const response = await client.sendSms(request);
        const body = response.body;
        if (body?.code === 'OK') return { kind: 'delivered', ...(body.bizId ? { providerId: body.bizId } : {}) };
        return classifyAliyunSmsError(String(body?.code ?? 'EmptyAnswer'));
      } catch (error) {
        const e = (error ?? {}) as GatewayError;
        if (typeof e.statusCode === 'number' && typeof e.code === 'string') return classifyAliyunSmsError(e.code, e.statusCode);
        return transportFailure(String(e.message ?? error));
      }
    },
  };
}

/** The template's parameters by name, in its order; a name the caller left out stays out (the gateway refuses). */
function templateParam(sms: OutgoingSms): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of TEMPLATES[sms.template].params) {
    const value = sms.params[name];
    if (value !== undefined) out[name] = value;
  }
  return out;
}
