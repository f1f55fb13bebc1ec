import { describe, expect, it } from 'vitest';
import { describeChanges, describeEventData, formatFieldValue } from '../../../src/domain/cases/case-event-format';

describe('internal timeline in words', () => {
  it('shows each changed field as before → after, in words, and leaves out unchanged ones', () => {
    const changes = describeChanges(
      { status: 'received', lead: null, assisting: [], returns: 1 },
      { status: 'dispatched', lead: 'culture', assisting: ['commerce'], returns: 1 },
    );
    expect(changes.map((c) => `${c.label}：${c.before} → ${c.after}`)).toEqual([
      '状态：已受理，等待派单 → 已派单，等待部门签收',
      '牵头部门：— → 区文旅局',
      '协办部门：无 → 区商务委',
    ]);
  });

  it('formats dates, instants, results and flags', () => {
    expect(formatFieldValue('dueOn', '2026-12-04')).toBe('2026年12月4日');
    expect(formatFieldValue('closedAt', '2026-11-28T06:05:00.000Z')).toBe('2026年11月28日 14:05');
    expect(formatFieldValue('result', 'substantiated')).toBe('属实');
    expect(formatFieldValue('answeredOnTime', false)).toBe('否');
  });

  it('says why a route differs from the suggestion, and why a case came back', () => {
    expect(describeEventData('dispatched', { lead: 'culture', assisting: [], reason: '艺术类机构', suggested: { lead: 'market', assisting: ['culture'] } })).toEqual([
      '牵头：区文旅局；协办：无',
      '与系统建议不同（建议牵头：区市场监管局；协办：区文旅局）',
      '改派理由：艺术类机构',
    ]);
    expect(describeEventData('returned', { department: 'market', reason: '不属于本局职责', suggest: 'culture' })).toEqual([
      '退回部门：区市场监管局',
      '退回理由：不属于本局职责',
      '建议承办：区文旅局',
    ]);
  });
});
