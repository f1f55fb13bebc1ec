/**
 * The Tencent Cloud SMS adapter against a local fake of its HTTP API (tests/support/fake-tencent-sms.ts),
 * through the real SDK: the TC3 signature, the fields, the template's parameter count and the
 * phone are checked as Tencent checks them, and each real error code becomes retry or give up.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TEMPLATES, type SmsTemplate } from '../../../src/domain/messages/message-templates';
import { createTencentSmsTransport, type TencentSmsConfig } from '../../../src/server/messages/sms/tencent';
import { startFakeTencentSms } from '../../support/fake-tencent-sms';
import type { FakeGateway } from '../../support/fake-sms-gateway';

const ids: Record<SmsTemplate, string> = { receipt: '2100001', status_changed: '2100002', reply_ready: '2100003' };
const account = { secretId: 'AKIDtestSecretId0123', secretKey: 'test-secret-key-0123456789', sdkAppId: '1400006666', signName: '普陀区教育局' };

let fake: FakeGateway;
let config: TencentSmsConfig;

beforeAll(async () => {
  fake = await startFakeTencentSms({
    ...account,
    templates: Object.fromEntries(Object.entries(ids).map(([t, id]) => [id, TEMPLATES[t as SmsTemplate].text])),
  });
  config = { ...account, templateIds: ids, region: 'ap-guangzhou', endpoint: fake.url, timeoutMs: 1000 };
});
afterAll(() => fake.close());

let n = 0;
beforeEach(() => {
  n += 1;
});
const receipt = (over: Partial<{ phone: string; params: Record<string, string> }> = {}) => ({
  messageId: `msg-tencent-${n}`,
  phone: '13812345678',
  template: 'receipt' as const,
  params: { number: 'PT20260512-0042', hint: '7Q' },
  ...over,
});

describe('Tencent Cloud SMS adapter', () => {
  it('sends the receipt template, signed, parameters in the template order, the messageId as SessionContext', async () => {
    const outcome = await createTencentSmsTransport(config).send(receipt());
    expect(outcome).toMatchObject({ kind: 'delivered', providerId: expect.any(String) });
    const got = fake.inbox.get(`msg-tencent-${n}`);
    expect(got).toMatchObject({ phone: '13812345678', signName: account.signName, templateCode: '2100001', params: ['PT20260512-0042', '7Q'] });
    expect(got?.text).toBe('【普陀区教育局】您的投诉已受理，编号PT20260512-0042，查询码尾号7Q。可在普陀区培训机构公示与投诉平台查询办理进度。');
  });

  it('sends the status-change template with its two parameters in order', async () => {
    const sms = { messageId: `s-${n}`, phone: '15900001111', template: 'status_changed' as const, params: { status: '已答复', number: 'PT9' } };
    expect((await createTencentSmsTransport(config).send(sms)).kind).toBe('delivered');
    expect(fake.inbox.get(`s-${n}`)?.params).toEqual(['PT9', '已答复']);
  });

  it('is refused by the signature check with a wrong SecretKey, and gives up', async () => {
    const before = fake.accepted.length;
    const outcome = await createTencentSmsTransport({ ...config, secretKey: 'not-the-key' }).send(receipt());
    expect(outcome).toEqual({ kind: 'give_up', reason: expect.stringContaining('AuthFailure.SignatureFailure') });
    expect(fake.accepted.length).toBe(before);
  });

  it('gives up when the fake finds the number invalid, a parameter missing, or the template unregistered', async () => {
    const t = createTencentSmsTransport(config);
    expect(await t.send(receipt({ phone: '2381234567' }))).toMatchObject({ kind: 'give_up', reason: expect.stringContaining('InvalidParameterValue.IncorrectPhoneNumber') });
    expect(await t.send(receipt({ params: { number: 'PT1' } }))).toMatchObject({
      kind: 'give_up',
      reason: expect.stringContaining('FailedOperation.TemplateParamSetNotMatchApprovedTemplate'),
    });
    const unregistered = createTencentSmsTransport({ ...config, templateIds: { ...ids, receipt: '999' } });
    expect(await unregistered.send(receipt())).toMatchObject({ kind: 'give_up', reason: expect.stringContaining('FailedOperation.TemplateUnapprovedOrNotExist') });
    const otherApp = createTencentSmsTransport({ ...config, sdkAppId: '1400000000' });
    expect(await otherApp.send(receipt())).toMatchObject({ kind: 'give_up', reason: expect.stringContaining('InvalidParameterValue.SdkAppIdNotExist') });
  });

  it.each([
    ['LimitExceeded.PhoneNumberDailyLimit', 'retry'],
    ['LimitExceeded.PhoneNumberThirtySecondLimit', 'retry'],
    ['LimitExceeded.DeliveryFrequencyLimit', 'retry'],
    ['RequestLimitExceeded', 'retry'],
    ['InternalError.Timeout', 'retry'],
    ['InternalError.OtherError', 'retry'],
    ['FailedOperation.InsufficientBalanceInSmsPackage', 'give_up'],
    ['InvalidParameterValue.IncorrectPhoneNumber', 'give_up'],
    ['FailedOperation.TemplateIncorrectOrUnapproved', 'give_up'],
    ['FailedOperation.SignatureIncorrectOrUnapproved', 'give_up'],
    ['FailedOperation.PhoneNumberInBlacklist', 'give_up'],
    ['AuthFailure.SignatureFailure', 'give_up'],
    ['AuthFailure.SecretIdNotFound', 'give_up'],
  ])('maps the gateway answering %s to %s', async (code, kind) => {
    fake.failNext(code);
    const outcome = await createTencentSmsTransport(config).send(receipt());
    expect(outcome).toEqual({ kind, reason: expect.stringContaining(code) });
    expect(fake.inbox.has(`msg-tencent-${n}`)).toBe(false);
  });

  it('retries after a timeout, and the next attempt reaches the phone once', async () => {
    fake.stallNext();
    const t = createTencentSmsTransport({ ...config, timeoutMs: 300 });
    expect(await t.send(receipt())).toMatchObject({ kind: 'retry', reason: expect.stringMatching(/^network: /) });
    expect((await t.send(receipt())).kind).toBe('delivered');
    expect(fake.accepted.filter((s) => s.messageId === `msg-tencent-${n}`)).toHaveLength(1);
  });

  it('retries when nothing listens at the endpoint', async () => {
    const outcome = await createTencentSmsTransport({ ...config, endpoint: 'http://127.0.0.1:9' }).send(receipt());
    expect(outcome).toMatchObject({ kind: 'retry', reason: expect.stringMatching(/^network: /) });
  });
});
