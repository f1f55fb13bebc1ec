/** The retry-or-give-up tables (src/domain/messages/sms-error-codes.ts), as data. */
import { describe, expect, it } from 'vitest';
import { classifyAliyunSmsError, classifyTencentSmsError, transportFailure } from '../../../src/domain/messages/sms-error-codes';

describe('SMS error codes', () => {
  it.each([
    ['isv.BUSINESS_LIMIT_CONTROL', undefined, 'retry'],
    ['Throttling.User', 400, 'retry'],
    ['Throttling.Whatever', 400, 'retry'],
    ['ServiceUnavailable', 503, 'retry'],
    ['isp.SOMETHING_NEW', undefined, 'retry'],
    ['SomeNewServerError', 502, 'retry'],
    ['isv.MOBILE_NUMBER_ILLEGAL', undefined, 'give_up'],
    ['isv.AMOUNT_NOT_ENOUGH', undefined, 'give_up'],
    ['isv.SMS_TEMPLATE_ILLEGAL', undefined, 'give_up'],
    ['isv.TEMPLATE_MISSING_PARAMETERS', undefined, 'give_up'],
    ['SignatureDoesNotMatch', 400, 'give_up'],
    ['InvalidAccessKeyId.NotFound', 404, 'give_up'],
    ['isv.SOMETHING_NEW', undefined, 'give_up'],
    ['SomeNewClientError', 400, 'give_up'],
    ['NeverSeen', undefined, 'retry'],
  ] as const)('Alibaba %s (HTTP %s) → %s', (code, status, kind) => {
    expect(classifyAliyunSmsError(code, status)).toEqual({ kind, reason: expect.stringMatching(new RegExp(`^${code.replace(/\./g, '\\.')}: .+`)) });
  });

  it.each([
    ['LimitExceeded.PhoneNumberDailyLimit', 'retry'],
    ['LimitExceeded.PhoneNumberThirtySecondLimit', 'retry'],
    ['LimitExceeded.SomethingNew', 'retry'],
    ['LimitExceeded.PhoneNumberCountLimit', 'give_up'],
    ['InternalError.Timeout', 'retry'],
    ['InternalError.SomethingNew', 'retry'],
    ['RequestLimitExceeded.IPLimitExceeded', 'retry'],
    ['FailedOperation.InsufficientBalanceInSmsPackage', 'give_up'],
    ['InvalidParameterValue.IncorrectPhoneNumber', 'give_up'],
    ['FailedOperation.TemplateIncorrectOrUnapproved', 'give_up'],
    ['FailedOperation.SomethingNew', 'give_up'],
    ['AuthFailure.SignatureFailure', 'give_up'],
    ['AuthFailure.SomethingNew', 'give_up'],
    ['NeverSeen', 'retry'],
  ] as const)('Tencent %s → %s', (code, kind) => {
    expect(classifyTencentSmsError(code)).toEqual({ kind, reason: expect.stringContaining(`${code}: `) });
  });

  it('retries when no answer came', () => {
    expect(transportFailure('ECONNREFUSED')).toEqual({ kind: 'retry', reason: 'network: ECONNREFUSED' });
  });
});
