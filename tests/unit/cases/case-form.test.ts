/**
 * Reading staff case forms (src/domain/cases/case-form.ts) and deriving the rules' facts from stored
 * rows (src/domain/cases/case-facts.ts): strings and repeated fields in, one message per field out;
 * a part past its sub-deadline no longer blocks the reply; the actions a page should offer.
 */
import { describe, expect, it } from 'vitest';
import { allowedActions, caseFacts, type CaseRecord } from '../../../src/domain/cases/case-facts';
import { parseCaseAction } from '../../../src/domain/cases/case-form';
import type { CaseActor } from '../../../src/domain/cases/case-machine';
import { toFormData } from '../../support/forms';

describe('parseCaseAction', () => {
  it('reads one assisting department sent as a plain string, and none sent as an empty one', () => {
    expect(parseCaseAction({ type: 'dispatch', lead: 'market', assisting: 'edu', reason: '' })).toEqual({
      ok: true,
      value: { type: 'dispatch', lead: 'market', assisting: ['edu'], reason: undefined },
    });
    expect(parseCaseAction({ type: 'dispatch', lead: 'market', assisting: '' })).toMatchObject({ ok: true, value: { assisting: [] } });
    expect(parseCaseAction({ type: 'dispatch', lead: 'market' })).toMatchObject({ ok: true, value: { assisting: [] } });
  });

  it('keeps every value of a repeated field of a browser form', () => {
    const form = toFormData({ type: 'whistle', departments: ['fire', 'housing'], reportBy: '2026-06-20', note: '群租房内办班。' });
    expect(parseCaseAction(form)).toMatchObject({ ok: true, value: { departments: ['fire', 'housing'] } });
  });

  it('reads numbers sent as strings and treats empty optional numbers as absent', () => {
    expect(parseCaseAction({ type: 'close', result: 'substantiated', inspectionId: '12', listDecisionId: '' })).toEqual({
      ok: true,
      value: { type: 'close', result: 'substantiated', inspectionId: 12, listDecisionId: undefined },
    });
  });

  it.each([
    { input: {}, errors: [{ field: 'type', message: '请选择要办理的操作。' }] },
    { input: { type: 'delete' }, errors: [{ field: 'type', message: '请选择要办理的操作。' }] },
    { input: 'type=accept', errors: [{ field: 'form', message: '提交的内容不是案件办理表单。' }] },
    { input: { type: 'reply', text: '   ' }, errors: [{ field: 'text', message: '请填写答复内容。' }] },
    { input: { type: 'return', reason: '', suggest: 'nobody' }, errors: [{ field: 'reason', message: '请填写退回理由。' }, { field: 'suggest', message: '请从列表中选择部门。' }] },
    { input: { type: 'dispatch', lead: '', assisting: ['edu', 'x'] }, errors: [{ field: 'lead', message: '请从列表中选择部门。' }, { field: 'assisting', message: '请从列表中选择部门。' }] },
    { input: { type: 'whistle', departments: '', reportBy: '6/20', note: '' }, errors: [
      { field: 'departments', message: '请至少选择一个需要报到的部门。' },
      { field: 'reportBy', message: '请按“年-月-日”填写日期。' },
      { field: 'note', message: '请填写吹哨事由。' },
    ] },
    { input: { type: 'close', result: 'maybe', inspectionId: 'abc' }, errors: [{ field: 'result', message: '请选择办理结果。' }, { field: 'inspectionId', message: '检查记录编号应为正整数。' }] },
    { input: { type: 'report_in', whistleId: '', finding: 'x' }, errors: [{ field: 'whistleId', message: '请选择要报到的吹哨事项。' }] },
  ])('reports $errors.0.field for $input', ({ input, errors }) => {
    expect(parseCaseAction(input)).toEqual({ ok: false, errors });
  });
});

const record: CaseRecord = {
  status: 'accepted',
  pausedFrom: null,
  routeLead: 'market',
  routeAssisting: ['edu', 'culture'],
  lead: 'market',
  assisting: ['edu', 'culture'],
  returns: 0,
  coordination: false,
  street: 'changshou',
};

describe('caseFacts', () => {
  it('counts a missing part as pending only until its sub-deadline, and only for current assisting departments', () => {
    const facts = caseFacts(
      record,
      [
        { department: 'edu', dueOn: '2026-06-18', text: null },
        { department: 'culture', dueOn: '2026-06-12', text: null },
        // Given before the case was returned and re-routed without 区体育局.
        { department: 'sports', dueOn: '2026-06-01', text: '旧意见' },
      ],
      [{ id: 3, reports: [{ department: 'fire', reportedAt: null }, { department: 'housing', reportedAt: new Date() }] }, { id: 4, reports: [{ department: 'fire', reportedAt: new Date() }] }],
      '2026-06-15',
    );
    expect(facts.pendingContributions).toEqual(['edu']);
    expect(facts.contributed).toEqual([]);
    expect(facts.openWhistles).toEqual([{ id: 3, pending: ['fire'] }]);
  });
});

describe('allowedActions', () => {
  const handler = (department: 'market' | 'edu'): CaseActor => ({
    kind: 'staff',
    staff: { id: 1, username: 'u', displayName: 'u', role: 'handler', department, street: null, isManager: false },
  });

  it('offers the lead what it can do now, and the reply only once no part is pending', () => {
    const pending = caseFacts(record, [{ department: 'edu', dueOn: '2026-06-18', text: null }], [], '2026-06-15');
    expect(allowedActions(pending, handler('market'), '2026-06-15')).toEqual(['request_info', 'return', 'note']);
    const given = caseFacts(record, [{ department: 'edu', dueOn: '2026-06-18', text: '已核查' }], [], '2026-06-15');
    expect(allowedActions(given, handler('market'), '2026-06-15')).toEqual(['request_info', 'return', 'note', 'reply']);
    expect(allowedActions(pending, handler('edu'), '2026-06-15')).toEqual(['contribute']);
  });

  it('offers the dispatcher dispatch, duplicate, request for information and withdrawal on a new case', () => {
    const facts = caseFacts({ ...record, status: 'received', lead: null, assisting: [] }, [], [], '2026-06-15');
    const dispatcher: CaseActor = { kind: 'staff', staff: { id: 2, username: 'd', displayName: 'd', role: 'dispatcher', department: 'grid', street: null, isManager: false } };
    expect(allowedActions(facts, dispatcher, '2026-06-15')).toEqual(['dispatch', 'mark_duplicate', 'request_info', 'close']);
  });
});
