/**
 * The life of one demo institution, decided before any row is written: founded → licensed →
 * inspected → listed → warned → suspended or closed. Every row of the institution is derived from
 * this story (db/seed/generate.ts), so no record contradicts another. The rules it keeps (tested
 * in tests/unit/seed/demo-invariants.test.ts):
 *
 * - a licence is issued on or after the day the institution was founded (registered);
 * - licences follow each other without a gap (a renewal is issued the day the old one expires);
 * - an institution whose licence is no longer in force (revoked, or expired and not renewed) is
 *   not operating normally: it was suspended or closed on the day the licence ended;
 * - a closed institution's licence is never in force; a suspended one may keep its licence
 *   (停业整顿: suspended for rectification after a blacklisting);
 * - nothing is inspected on or after the day an institution was suspended or closed (`endOn`).
 */
import { addDays, type IsoDate } from '../../src/domain/shared/dates';
import { EXPIRING_WINDOW_DAYS } from '../../src/domain/registry/licence-state';
import type { OperatingStatus } from '../../src/domain/shared/reference';
import type { LicenceDatesRow } from './licences';
import type { Rng } from './random';

/** The licence state the story gives the current licence on `today`. */
export type StoryLicenceState = 'valid' | 'expiring' | 'expired' | 'revoked';

/** Why an institution stopped operating normally. */
export type EndCause =
  /** Its licence was revoked; suspended or closed that day. */
  | 'revoked'
  /** Its licence expired and was not renewed; suspended or closed the next day. */
  | 'lapsed'
  /**
   * Sanctioned after a failed inspection (and the blacklisting, when there was one): suspended for
   * rectification (停业整顿, licence kept) or closed.
   */
  | 'sanctioned'
  /** Stopped on its own (unlicensed fields only: a licensed one ends by revocation or lapse). */
  | 'voluntary';

/** The dates that decide every row of one institution. */
export interface Story {
  foundedOn: IsoDate;
  status: OperatingStatus;
  /** The day it was suspended or closed; null while operating. */
  endOn: IsoDate | null;
  cause: EndCause | null;
  /** Oldest first; the last is the current licence. Empty: never licensed. */
  licences: LicenceDatesRow[];
}

const REVOCATION_REASONS = [
  '擅自变更办学地址，经责令改正逾期未改正',
  '举办者擅自停止办学且未妥善处理学员退费',
  '超出核定的办学内容招生，情节严重',
  '以欺骗手段取得办学许可',
  '连续两年年度检查不合格',
  '发布虚假招生广告，骗取学员费用',
  '违规预收超过三个月费用，拒不整改',
];

const termDays = (years: number) => years * 365 + Math.floor(years / 4);

/** Days an institution must have existed before the story may end it (first inspections, lists). */
const MIN_LIFE_DAYS = 200;

/**
 * A licensed institution's story. The current licence is placed first (its state on `today` is
 * what the data set must show), earlier licences are chained before it, and the institution is
 * founded a few days to weeks before the first licence was issued.
 */
export function licensedStory(rng: Rng, state: StoryLicenceState, status: OperatingStatus, today: IsoDate): Story {
  const years = rng.chance(0.6) ? 3 : 5;
  const term = termDays(years);
  let expiresOn: IsoDate;
  let revokedOn: IsoDate | null = null;
  if (state === 'valid') expiresOn = addDays(today, rng.int(EXPIRING_WINDOW_DAYS + 1, term - 1));
  else if (state === 'expiring') expiresOn = addDays(today, rng.int(0, EXPIRING_WINDOW_DAYS));
  else if (state === 'expired') expiresOn = addDays(today, -rng.int(2, 3 * 365));
  else expiresOn = addDays(today, rng.int(-2 * 365, term - 1));
  const issuedOn = addDays(expiresOn, -term);
  if (state === 'revoked') {
    // Revoked while in force and not in the future: from half a year after issue to the earlier of
    // the day before expiry and today.
    const lastDay = expiresOn < today ? addDays(expiresOn, -1) : today;
    const firstDay = addDays(issuedOn, 180) < lastDay ? addDays(issuedOn, 180) : lastDay;
    revokedOn = rng.dateBetween(firstDay, lastDay);
  }
  const current: LicenceDatesRow = { issuedOn, expiresOn, revokedOn, revocationReason: revokedOn ? rng.pick(REVOCATION_REASONS) : null };
  const licences = [current];
  // About one in six had a licence before this one, renewed on the day it expired.
  if (rng.chance(0.15)) {
    const y = rng.chance(0.6) ? 3 : 5;
    licences.unshift({ issuedOn: addDays(issuedOn, -termDays(y)), expiresOn: issuedOn, revokedOn: null, revocationReason: null });
  }
  const foundedOn = addDays(licences[0]!.issuedOn, -rng.int(0, 25));

  let endOn: IsoDate | null = null;
  let cause: EndCause | null = null;
  if (state === 'revoked') {
    [endOn, cause] = [revokedOn, 'revoked'];
  } else if (state === 'expired') {
    [endOn, cause] = [addDays(expiresOn, 1), 'lapsed'];
  } else if (status !== 'operating') {
    // Suspended while the licence is in force: 停业整顿 after a failed inspection (closed needs
    // the licence to have ended, see pickStoryState).
    const from = addDays(foundedOn, MIN_LIFE_DAYS);
    endOn = rng.dateBetween(from < today ? from : today, today);
    cause = 'sanctioned';
  }
  return { foundedOn, status: endOn ? status : 'operating', endOn, cause, licences };
}

/** An unlicensed institution's story: founded some years ago, possibly stopped since. */
export function unlicensedStory(rng: Rng, status: OperatingStatus, black: boolean, today: IsoDate): Story {
  // Skewed towards recent years: many small studios are young.
  const years = rng.weighted([
    { weight: 40, value: 3 },
    { weight: 35, value: 8 },
    { weight: 25, value: 15 },
  ]);
  const foundedOn = addDays(today, -rng.int(20, years * 365));
  if (status === 'operating') return { foundedOn, status, endOn: null, cause: null, licences: [] };
  const from = addDays(foundedOn, MIN_LIFE_DAYS);
  if (from >= today) return { foundedOn, status: 'operating', endOn: null, cause: null, licences: [] };
  return { foundedOn, status, endOn: rng.dateBetween(from, addDays(today, -1)), cause: black ? 'sanctioned' : 'voluntary', licences: [] };
}

/**
 * The state of the current licence that fits the operating status: an operating institution holds
 * a licence in force; a closed one's licence was revoked or has expired; a suspended one's may be
 * either (停业整顿 keeps the licence).
 */
export function pickStoryState(rng: Rng, status: OperatingStatus): StoryLicenceState {
  if (status === 'operating') return rng.chance(0.91) ? 'valid' : 'expiring';
  if (status === 'closed') return rng.chance(0.55) ? 'expired' : 'revoked';
  return rng.weighted([
    { weight: 35, value: 'revoked' as const },
    { weight: 25, value: 'expired' as const },
    { weight: 40, value: 'valid' as const },
  ]);
}

/** The operating status a showcase licence state needs (see SHOWCASE_STATES in generate.ts). */
export function statusForState(state: StoryLicenceState, status: OperatingStatus): OperatingStatus {
  if (state === 'valid' || state === 'expiring') return status === 'closed' ? 'operating' : status;
  return status === 'operating' ? 'suspended' : status;
}

/** Whether one of the licences is in force on `day` (issued, not expired, not revoked). */
export function licenceInForceOn(licences: readonly LicenceDatesRow[], day: IsoDate): boolean {
  return licences.some((l) => l.issuedOn <= day && day <= l.expiresOn && (l.revokedOn == null || day < l.revokedOn));
}

/** The last day the institution can be inspected: the day before it stopped, and a week before today. */
export function lastActiveDay(story: Story, today: IsoDate): IsoDate {
  const weekAgo = addDays(today, -7);
  return story.endOn && addDays(story.endOn, -1) < weekAgo ? addDays(story.endOn, -1) : weekAgo;
}
