import { describe, expect, it } from 'vitest';
import { decisionInForce, listStatus, type ListDecisionDates, type ListStatus } from '../../../src/domain/registry/list-status';

const TODAY = '2026-06-15';

const white = (effectiveOn: string, removedOn: string | null = null): ListDecisionDates => ({ list: 'white', effectiveOn, removedOn });
const black = (effectiveOn: string, removedOn: string | null = null): ListDecisionDates => ({ list: 'black', effectiveOn, removedOn });

describe('decisionInForce', () => {
  it.each<{ why: string; decision: ListDecisionDates; inForce: boolean }>([
    { why: 'effective last year, never removed', decision: white('2025-03-01'), inForce: true },
    { why: 'effective today', decision: black(TODAY), inForce: true },
    { why: 'effective tomorrow', decision: black('2026-06-16'), inForce: false },
    { why: 'removed yesterday', decision: black('2025-03-01', '2026-06-14'), inForce: false },
    { why: 'removed today', decision: black('2025-03-01', TODAY), inForce: false },
    { why: 'removal takes effect tomorrow', decision: black('2025-03-01', '2026-06-16'), inForce: true },
  ])('$why: $inForce', ({ decision, inForce }) => {
    expect(decisionInForce(decision, TODAY)).toBe(inForce);
  });
});

describe('listStatus', () => {
  it.each<{ why: string; decisions: ListDecisionDates[]; status: ListStatus }>([
    { why: 'no decision', decisions: [], status: 'none' },
    { why: 'on the whitelist', decisions: [white('2025-03-01')], status: 'white' },
    { why: 'on the blacklist', decisions: [black('2025-03-01')], status: 'black' },
    { why: 'black outranks white', decisions: [white('2024-01-01'), black('2026-02-01')], status: 'black' },
    { why: 'black outranks a later white', decisions: [black('2024-01-01'), white('2026-02-01')], status: 'black' },
    { why: 'blacklist removed, whitelist stays', decisions: [white('2024-01-01'), black('2025-01-01', '2026-01-01')], status: 'white' },
    { why: 'all decisions removed', decisions: [white('2024-01-01', '2025-01-01'), black('2025-02-01', '2026-01-01')], status: 'none' },
    { why: 'blacklisting from tomorrow', decisions: [white('2024-01-01'), black('2026-06-16')], status: 'white' },
    { why: 'whitelisting from next month', decisions: [white('2026-07-01')], status: 'none' },
    { why: 'blacklist removed today', decisions: [black('2025-01-01', TODAY)], status: 'none' },
    { why: 'blacklisted again after a removal', decisions: [black('2024-01-01', '2025-01-01'), black('2026-03-01')], status: 'black' },
  ])('$why: $status', ({ decisions, status }) => {
    expect(listStatus(decisions, TODAY)).toBe(status);
    expect(listStatus([...decisions].reverse(), TODAY)).toBe(status);
  });
});
