/**
 * What the portal does with each error code of an SMS gateway: try again later, or give up with
 * the reason. Pure tables, read by the adapters in src/server/messages/sms/ so that the worker
 * never sees a provider's codes (src/server/messages/transport.ts).
 *
 * The codes are the providers' own: Alibaba Cloud SMS "API错误码" (help.aliyun.com/document_detail/101346)
 * and its OpenAPI gateway errors (SignatureDoesNotMatch, InvalidAccessKeyId.*, Throttling.*,
 * ServiceUnavailable); Tencent Cloud SMS "错误码" (cloud.tencent.com/document/api/382/52075), where a
 * whole request fails with Response.Error.Code and one number fails with SendStatusSet[].Code.
 *
 * A limit that lifts with time (per-number frequency, a daily quota, throttling) is a retry: the
 * worker's backoff waits, and a message that keeps failing ends dead with the reason. Something
 * only a person can fix (a wrong number, no balance, a template or sign not approved, wrong keys)
 * is give up. A code in neither table is a retry, so that a new transient code costs a few attempts
 * rather than a lost message; the worker's attempt limit bounds it.
 */

export type SmsErrorAction = 'retry' | 'give_up';

export interface SmsErrorRule {
  action: SmsErrorAction;
  /** Why, in words for the administrator's message list. */
  reason: string;
}

export interface SmsErrorVerdict {
  kind: SmsErrorAction;
  /** "<code>: <reason>", stored with the failed message. */
  reason: string;
}

const retry = (reason: string): SmsErrorRule => ({ action: 'retry', reason });
const giveUp = (reason: string): SmsErrorRule => ({ action: 'give_up', reason });

/** Alibaba Cloud SMS (dysmsapi 2017-05-25), exact codes. */
export const ALIYUN_SMS_ERRORS: Readonly<Record<string, SmsErrorRule>> = {
  // Throttled: lifts with time.
  'isv.BUSINESS_LIMIT_CONTROL': retry('触发业务流控（同一号码发送频率上限）'),
  'isv.DAY_LIMIT_CONTROL': retry('触发日发送限额'),
  Throttling: retry('接口限流'),
  'Throttling.User': retry('接口限流（用户）'),
  'Throttling.Api': retry('接口限流（接口）'),
  ServiceUnavailable: retry('服务暂不可用'),
  InternalError: retry('服务内部错误'),
  'isp.SYSTEM_ERROR': retry('系统错误'),
  'isp.GATEWAY_ERROR': retry('运营商网关错误'),
  // The number.
  'isv.MOBILE_NUMBER_ILLEGAL': giveUp('手机号码格式错误'),
  'isv.MOBILE_COUNT_OVER_LIMIT': giveUp('手机号码数量超过限制'),
  'isv.BLACK_KEY_CONTROL_LIMIT': giveUp('号码或内容被列入黑名单'),
  'isv.DOMESTIC_NUMBER_NOT_SUPPORTED': giveUp('模板不支持发送境内号码'),
  // Money and account.
  'isv.AMOUNT_NOT_ENOUGH': giveUp('账户余额不足'),
  'isv.OUT_OF_SERVICE': giveUp('业务停机（余额不足）'),
  'isv.MONTH_LIMIT_CONTROL': giveUp('触发月发送限额'),
  'isv.ACCOUNT_NOT_EXISTS': giveUp('账户不存在'),
  'isv.ACCOUNT_ABNORMAL': giveUp('账户异常'),
  'isv.PRODUCT_UN_SUBSCRIPT': giveUp('未开通短信服务'),
  'isv.PRODUCT_UNSUBSCRIBE': giveUp('产品未开通'),
  'isv.DENY_IP_RANGE': giveUp('源 IP 所在地区被禁用'),
  'isp.RAM_PERMISSION_DENY': giveUp('RAM 权限不足'),
  // Template and sign: registered, approved, filled.
  'isv.SMS_TEMPLATE_ILLEGAL': giveUp('模板不存在或未审核通过'),
  'isv.TEMPLATE_MISSING_PARAMETERS': giveUp('模板缺少变量'),
  'isv.TEMPLATE_PARAMS_ILLEGAL': giveUp('模板变量内容不合规'),
  'isv.INVALID_JSON_PARAM': giveUp('模板变量不是合法的 JSON'),
  'isv.INVALID_PARAMETERS': giveUp('参数错误'),
  'isv.PARAM_LENGTH_LIMIT': giveUp('变量长度超过限制'),
  'isv.SMS_SIGNATURE_ILLEGAL': giveUp('签名不存在或未审核通过'),
  'isv.SMS_SIGN_ILLEGAL': giveUp('签名禁止使用'),
  'isv.SIGN_STATE_ILLEGAL': giveUp('签名状态不可用'),
  'isv.SMS_SIGNATURE_SCENE_ILLEGAL': giveUp('签名和模板类型不一致'),
  'isv.SMS_CONTENT_ILLEGAL': giveUp('短信内容包含禁止发送内容'),
  MissingPhoneNumbers: giveUp('缺少手机号码'),
  MissingSignName: giveUp('缺少签名'),
  MissingTemplateCode: giveUp('缺少模板代码'),
  // Credentials.
  SignatureDoesNotMatch: giveUp('请求签名不符（AccessKey Secret 错误）'),
  'InvalidAccessKeyId.NotFound': giveUp('AccessKey ID 不存在'),
  'InvalidAccessKeyId.Inactive': giveUp('AccessKey 已禁用'),
  IncompleteSignature: giveUp('签名不完整'),
  SignatureNonceUsed: retry('签名随机数重复'),
  InvalidTimeStamp: giveUp('请求时间与服务器时间相差过大'),
  'InvalidTimeStamp.Expired': giveUp('请求时间已过期'),
};

/** Tencent Cloud SMS (2021-01-11), exact codes; prefixes below catch the rest of a family. */
export const TENCENT_SMS_ERRORS: Readonly<Record<string, SmsErrorRule>> = {
  // Limits that lift with time.
  'LimitExceeded.PhoneNumberThirtySecondLimit': retry('同一号码 30 秒内发送超限'),
  'LimitExceeded.PhoneNumberOneHourLimit': retry('同一号码 1 小时内发送超限'),
  'LimitExceeded.PhoneNumberDailyLimit': retry('同一号码日发送超限'),
  'LimitExceeded.PhoneNumberSameContentDailyLimit': retry('同一号码同内容日发送超限'),
  'LimitExceeded.DeliveryFrequencyLimit': retry('命中频率限制策略'),
  'LimitExceeded.AppDailyLimit': retry('应用日发送超限'),
  'LimitExceeded.DailyLimit': retry('日发送超限'),
  'LimitExceeded.PhoneNumberCountLimit': giveUp('单次请求号码数超过限制'),
  RequestLimitExceeded: retry('请求次数超过频率限制'),
  'InternalError.Timeout': retry('下发短信超时'),
  'InternalError.OtherError': retry('其他内部错误'),
  'InternalError.RequestTimeException': giveUp('请求时间与服务器时间相差过大'),
  'InternalError.SigVerificationFail': giveUp('后端校验 Sig 失败'),
  InternalError: retry('内部错误'),
  // The number.
  'InvalidParameterValue.IncorrectPhoneNumber': giveUp('手机号格式错误'),
  'FailedOperation.PhoneNumberParseFail': giveUp('号码解析失败'),
  'FailedOperation.PhoneNumberInBlacklist': giveUp('手机号在免打扰名单中'),
  'UnsupportedOperation.ContainDomesticAndInternationalPhoneNumber': giveUp('境内外号码混发'),
  // Money.
  'FailedOperation.InsufficientBalanceInSmsPackage': giveUp('套餐包余量不足'),
  // Template and sign.
  'FailedOperation.TemplateIncorrectOrUnapproved': giveUp('模板未审批或内容不匹配'),
  'FailedOperation.SignatureIncorrectOrUnapproved': giveUp('签名未审批或格式错误'),
  'FailedOperation.TemplateUnapprovedOrNotExist': giveUp('模板未审批或不存在'),
  'FailedOperation.TemplateParamSetNotMatchApprovedTemplate': giveUp('模板变量个数与审核通过的模板不一致'),
  'FailedOperation.ContainSensitiveWord': giveUp('短信内容含敏感词'),
  'InvalidParameterValue.TemplateParameterFormatError': giveUp('模板变量格式错误'),
  'InvalidParameterValue.TemplateParameterLengthLimit': giveUp('模板变量长度超过限制'),
  'InvalidParameterValue.ContentLengthLimit': giveUp('短信内容太长'),
  'InvalidParameterValue.SdkAppIdNotExist': giveUp('SdkAppId 不存在'),
  'UnauthorizedOperation.SmsSdkAppIdVerifyFail': giveUp('SdkAppId 校验失败'),
  // Credentials.
  'AuthFailure.SignatureFailure': giveUp('请求签名错误（SecretKey 错误）'),
  'AuthFailure.SecretIdNotFound': giveUp('SecretId 不存在'),
  'AuthFailure.SignatureExpire': giveUp('签名过期（本机时间不准）'),
  'AuthFailure.InvalidSecretId': giveUp('SecretId 非法'),
  'AuthFailure.UnauthorizedOperation': giveUp('请求未授权'),
};

/** A family of Tencent codes ("AuthFailure.*") and what to do with its unlisted members. */
export const TENCENT_SMS_ERROR_FAMILIES: Readonly<Record<string, SmsErrorRule>> = {
  AuthFailure: giveUp('鉴权失败'),
  FailedOperation: giveUp('操作失败'),
  InvalidParameter: giveUp('参数错误'),
  InvalidParameterValue: giveUp('参数取值错误'),
  MissingParameter: giveUp('缺少参数'),
  UnauthorizedOperation: giveUp('未授权操作'),
  UnsupportedOperation: giveUp('不支持的操作'),
  InternalError: retry('内部错误'),
  LimitExceeded: retry('超过频率或配额限制'),
  RequestLimitExceeded: retry('请求次数超过频率限制'),
  ResourceUnavailable: retry('资源暂不可用'),
};

function verdict(code: string, rule: SmsErrorRule): SmsErrorVerdict {
  return { kind: rule.action, reason: `${code}: ${rule.reason}` };
}

/**
 * Alibaba: the code of a SendSms answer whose Code is not "OK", or of the gateway's error answer.
 * `httpStatus`, when the gateway answered with an error status, decides unlisted codes: 5xx and 429
 * retry, other 4xx give up (the request itself is wrong). An unlisted `isp.*` (platform) retries,
 * an unlisted `isv.*` (the caller's setup) gives up.
 */
export function classifyAliyunSmsError(code: string, httpStatus?: number): SmsErrorVerdict {
  const rule = ALIYUN_SMS_ERRORS[code];
  if (rule) return verdict(code, rule);
  if (code.startsWith('Throttling')) return verdict(code, retry('接口限流'));
  if (code.startsWith('isp.')) return verdict(code, retry('平台错误'));
  if (code.startsWith('isv.')) return verdict(code, giveUp('请求被拒绝'));
  if (httpStatus !== undefined) {
    if (httpStatus >= 500 || httpStatus === 429) return verdict(code, retry(`网关错误 HTTP ${httpStatus}`));
    if (httpStatus >= 400) return verdict(code, giveUp(`请求被拒绝 HTTP ${httpStatus}`));
  }
  return verdict(code, retry('未知错误码'));
}

/** Tencent: the code of Response.Error or of a SendStatusSet entry that is not "Ok". */
export function classifyTencentSmsError(code: string): SmsErrorVerdict {
  const rule = TENCENT_SMS_ERRORS[code];
  if (rule) return verdict(code, rule);
  const family = TENCENT_SMS_ERROR_FAMILIES[code.split('.')[0] ?? ''];
  if (family) return verdict(code, family);
  return verdict(code, retry('未知错误码'));
}

/** No answer (timeout, refused connection, reset): the send may or may not have happened; retry. */
export function transportFailure(detail: string): SmsErrorVerdict {
  return { kind: 'retry', reason: `network: ${detail}` };
}
