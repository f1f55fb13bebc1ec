/**
 * The black/white list status of an institution is derived from its list decisions (plan, section
 * 五(三)2: lists are updated as inspection results come in). A decision places the institution on a
 * list from its effective date until it is removed.
 */
import type { IsoDate } from '../shared/dates';

export const LISTS = ['white', 'black'] as const;
export type ListKind = (typeof LISTS)[number];
export type ListStatus = ListKind | 'none';

export interface ListDecisionDates {
  list: ListKind;
  effectiveOn: IsoDate;
  removedOn: IsoDate | null;
}

/** Is this decision in force on the given day? */
export function decisionInForce(d: ListDecisionDates, today: IsoDate): boolean {
  return d.effectiveOn <= today && (d.removedOn === null || d.removedOn > today);
}

/** Current status: the blacklist outranks the whitelist, since a parent must see the warning first. */
export function listStatus(decisions: ListDecisionDates[], today: IsoDate): ListStatus {
  const active = decisions.filter((d) => decisionInForce(d, today));
  if (active.some((d) => d.list === 'black')) return 'black';
  if (active.some((d) => d.list === 'white')) return 'white';
  return 'none';
}
