/**
 * How wrong guesses at public tracking are slowed (src/server/complaints/complaint-tracking.ts),
 * so that a stranger's guesses slow the stranger and never the complainant. Only failures count
 * (an unknown number or a wrong code; a lookup that opens the case is taken back), and they count
 * per address and per number *from that address*: ten wrong codes on a number from one address
 * hold up that address on that number, nobody else. The code is checked whenever the address's
 * budget allows, so the right number and code always open the case from an address that has not
 * spent its own budget.
 *
 * A number guessed at from many addresses (far more than a person mistypes: 300 failures a day)
 * is "under attack": each address then gets 3 wrong codes an hour on it instead of 10. The right
 * code still opens it, from anywhere.
 */
import { slidingWindow } from '../shared/sliding-window';

const HOUR = 3600;

export const TRACKING_LIMITS = {
  /** Failures from one address, whatever the numbers: 30 an hour (enumeration of numbers). */
  perAddress: slidingWindow(30, HOUR),
  /** Failures on one number from one address: 10 an hour. */
  perNumberAddress: slidingWindow(10, HOUR),
  /** The same, while the number is under attack: 3 an hour. */
  perNumberAddressUnderAttack: slidingWindow(3, HOUR),
  /** Failures on one number from every address together that put it under attack. */
  attackCeiling: { limit: 300, windowSeconds: 24 * HOUR },
} as const;
