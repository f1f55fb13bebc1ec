/**
 * Mainland mobile numbers, the one contact the complaint form requires. Kept apart from
 * complaint-form.ts (which needs zod) so the form's island can check a number as it is typed
 * without shipping the schema to the browser.
 */

/** Drops spaces, hyphens, brackets and a +86 / 0086 / 86 prefix; full-width digits become ASCII. */
export function normaliseMobile(input: string): string {
  const compact = input.normalize('NFKC').replace(/[\s\-()（）]/g, '');
  return compact.replace(/^(\+86|0086|86(?=\d{11}$))/, '');
}

/** 11 digits starting 13-19. */
export const MOBILE = /^1[3-9]\d{9}$/;

export const MOBILE_MESSAGE = '手机号码应为11位中国大陆手机号，例如 13812345678。';

/** True when the input, once normalised, is a mainland mobile number. */
export function isMobile(input: string): boolean {
  return MOBILE.test(normaliseMobile(input));
}
