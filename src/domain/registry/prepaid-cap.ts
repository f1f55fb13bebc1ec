/**
 * The prepaid cap of 沪府规〔2019〕43号: a training institution may not charge in advance for more
 * than 3 months or 60 class hours, and never more than 5,000 yuan at a time.
 */
export const PREPAID_CAP = { months: 3, hours: 60, yuan: 5000 } as const;

export interface PrepaidTerms {
  prepaidCapMonths: number;
  prepaidCapHours: number;
  prepaidCapYuan: number;
}

/** True when the institution's own promise allows more than the rule does. */
export function exceedsPrepaidCap(p: PrepaidTerms): boolean {
  return p.prepaidCapMonths > PREPAID_CAP.months || p.prepaidCapHours > PREPAID_CAP.hours || p.prepaidCapYuan > PREPAID_CAP.yuan;
}
