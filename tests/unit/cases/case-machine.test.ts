/**
 * The case state machine (src/domain/cases/case-machine.ts) as a table: every action, in every state,
 * by every role or relationship to the case. ALLOWED lists each (action, state, actor) that may
 * act and the status it leads to; every other combination of the full cross product must be
 * refused with a message. Then the rules that need more than one line of the table.
 */
import { describe, expect, it } from 'vitest';
import { decide, type CaseAction, type CaseActor, type CaseFacts, type CaseStatus } from '../../../src/domain/cases/case-machine';
import type { StaffActor } from '../../../src/domain/staff/staff-roles';

// ---- actors: a role, or a relationship of a handler to the case ----------------------------

const staff = (s: Partial<StaffActor> & Pick<StaffActor, 'role'>): CaseActor => ({
  kind: 'staff',
  staff: { id: 1, username: s.role, displayName: s.role, department: null, street: null, isManager: false, ...s },
});

/** The case below is led by 区市场监管局 with 区文旅局 assisting, in 长寿路街道; 区房管局 was whistled. */
const ACTORS = {
  dispatcher: staff({ role: 'dispatcher', department: 'grid' }),
  'lead handler': staff({ role: 'handler', department: 'market' }),
  'assisting handler': staff({ role: 'handler', department: 'culture' }),
  'whistled handler': staff({ role: 'handler', department: 'housing' }),
  'other handler': staff({ role: 'handler', department: 'tax' }),
  coordinator: staff({ role: 'coordinator', department: 'edu' }),
  'grid of the street': staff({ role: 'grid', department: 'streets', street: 'changshou' }),
  'grid of another street': staff({ role: 'grid', department: 'streets', street: 'taopu' }),
  supervisor: staff({ role: 'supervisor', department: 'inspectorate' }),
  admin: staff({ role: 'admin' }),
  complainant: { kind: 'complainant' },
} satisfies Record<string, CaseActor>;
type ActorName = keyof typeof ACTORS;

// ---- states -----------------------------------------------------------------------------

const base: CaseFacts = {
  status: 'received',
  pausedFrom: null,
  suggestedLead: 'market',
  suggestedAssisting: ['culture'],
  lead: null,
  assisting: [],
  returns: 0,
  street: 'changshou',
  pendingContributions: [],
  contributed: [],
  // An open whistle naming 区房管局, on every state: reporting in is not tied to the status.
  openWhistles: [{ id: 7, pending: ['housing'] }],
  duplicateTarget: { status: 'accepted', sameCase: false },
};
const routed = { lead: 'market', assisting: ['culture'] } as const;

const STATES = {
  received: { ...base },
  dispatched: { ...base, ...routed, status: 'dispatched', pendingContributions: ['culture'] },
  coordinating: { ...base, status: 'coordinating', returns: 2 },
  'accepted, part pending': { ...base, ...routed, status: 'accepted', pendingContributions: ['culture'] },
  'accepted, part given': { ...base, ...routed, status: 'accepted', contributed: ['culture'] },
  'awaiting info (from received)': { ...base, status: 'awaiting_info', pausedFrom: 'received' },
  'awaiting info (from accepted)': { ...base, ...routed, status: 'awaiting_info', pausedFrom: 'accepted', contributed: ['culture'] },
  answered: { ...base, ...routed, status: 'answered', contributed: ['culture'] },
  closed: { ...base, ...routed, status: 'closed', contributed: ['culture'] },
  merged: { ...base, status: 'merged' },
} satisfies Record<string, CaseFacts>;
type StateName = keyof typeof STATES;

// ---- actions (valid input; only who acts and the state decide) ---------------------------

const ACTIONS = {
  dispatch: { type: 'dispatch', lead: 'market', assisting: ['culture'] },
  mark_duplicate: { type: 'mark_duplicate', of: 'PT-2026-000099' },
  request_info: { type: 'request_info', question: '请提供缴费凭证。' },
  info_received: { type: 'info_received', text: '凭证已上传。' },
  accept: { type: 'accept' },
  return: { type: 'return', reason: '不属于本部门职责。', suggest: 'commerce' },
  contribute: { type: 'contribute', text: '文旅局意见：该机构未登记艺术类项目。' },
  note: { type: 'note', text: '已电话联系机构负责人。' },
  reply: { type: 'reply', text: '经核查，已责令机构按合同退费。' },
  close: { type: 'close', result: 'substantiated' },
  'close (withdrawn)': { type: 'close', result: 'withdrawn' },
  whistle: { type: 'whistle', departments: ['fire'], reportBy: '2026-06-20', note: '群租房内办班，消防通道堵塞。' },
  report_in: { type: 'report_in', whistleId: 7, finding: '已到场核查。' },
} satisfies Record<string, CaseAction>;
type ActionName = keyof typeof ACTIONS;

// ---- the table: everything allowed; all else refused ------------------------------------

type Row = [ActionName, StateName, ActorName, CaseStatus];
const OPEN_STATES: StateName[] = [
  'received',
  'dispatched',
  'coordinating',
  'accepted, part pending',
  'accepted, part given',
  'awaiting info (from received)',
  'awaiting info (from accepted)',
  'answered',
];
const STATUS_OF = (s: StateName) => STATES[s].status as CaseStatus;

const ALLOWED: Row[] = [
  ['dispatch', 'received', 'dispatcher', 'dispatched'],
  ['dispatch', 'coordinating', 'coordinator', 'dispatched'],
  ['mark_duplicate', 'received', 'dispatcher', 'merged'],
  ['request_info', 'received', 'dispatcher', 'awaiting_info'],
  ['request_info', 'accepted, part pending', 'lead handler', 'awaiting_info'],
  ['request_info', 'accepted, part given', 'lead handler', 'awaiting_info'],
  ['info_received', 'awaiting info (from received)', 'complainant', 'received'],
  ['info_received', 'awaiting info (from received)', 'dispatcher', 'received'],
  ['info_received', 'awaiting info (from accepted)', 'complainant', 'accepted'],
  ['info_received', 'awaiting info (from accepted)', 'dispatcher', 'accepted'],
  ['info_received', 'awaiting info (from accepted)', 'lead handler', 'accepted'],
  ['accept', 'dispatched', 'lead handler', 'accepted'],
  ['return', 'dispatched', 'lead handler', 'received'],
  ['return', 'accepted, part pending', 'lead handler', 'received'],
  ['return', 'accepted, part given', 'lead handler', 'received'],
  ['contribute', 'dispatched', 'assisting handler', 'dispatched'],
  ['contribute', 'accepted, part pending', 'assisting handler', 'accepted'],
  ['note', 'accepted, part pending', 'lead handler', 'accepted'],
  ['note', 'accepted, part given', 'lead handler', 'accepted'],
  ['reply', 'accepted, part given', 'lead handler', 'answered'],
  ['close', 'answered', 'lead handler', 'closed'],
  ['close (withdrawn)', 'received', 'dispatcher', 'closed'],
  ['close (withdrawn)', 'awaiting info (from received)', 'dispatcher', 'closed'],
  ['close (withdrawn)', 'awaiting info (from accepted)', 'dispatcher', 'closed'],
  ['close (withdrawn)', 'answered', 'lead handler', 'closed'],
  // The street blows the whistle on any open case of its area; the status does not change.
  ...OPEN_STATES.map((s): Row => ['whistle', s, 'grid of the street', STATUS_OF(s)]),
  // A named department reports in whenever it is still due, whatever the case's status.
  ...(Object.keys(STATES) as StateName[]).map((s): Row => ['report_in', s, 'whistled handler', STATUS_OF(s)]),
];

const key = (a: string, s: string, who: string) => `${a} | ${s} | ${who}`;
const allowed = new Map(ALLOWED.map(([a, s, who, next]) => [key(a, s, who), next]));

const CROSS = (Object.keys(ACTIONS) as ActionName[]).flatMap((action) =>
  (Object.keys(STATES) as StateName[]).flatMap((state) => (Object.keys(ACTORS) as ActorName[]).map((actor) => ({ action, state, actor }))),
);

describe('the case state machine as a table of (action, state, actor) → outcome', () => {
  it('has no duplicate rows in the table of allowed transitions', () => {
    expect(allowed.size).toBe(ALLOWED.length);
  });

  it.each(CROSS.map((c) => ({ ...c, expected: allowed.get(key(c.action, c.state, c.actor)) ?? 'refused' })))(
    '$action on $state by $actor → $expected',
    ({ action, state, actor, expected }) => {
      const d = decide(STATES[state], ACTIONS[action], ACTORS[actor]);
      if (expected === 'refused') {
        expect(d.ok).toBe(false);
        if (!d.ok) expect(d.message.length).toBeGreaterThan(4);
      } else {
        expect(d).toMatchObject({ ok: true, status: expected });
      }
    },
  );

  it('lets the supervisor and the administrator do nothing at all', () => {
    for (const who of ['supervisor', 'admin'] as const) {
      expect(CROSS.filter((c) => c.actor === who).every((c) => !decide(STATES[c.state], ACTIONS[c.action], ACTORS[who]).ok)).toBe(true);
    }
  });
});

describe('rules beyond one line of the table', () => {
  const lead = ACTORS['lead handler'];
  const refusal = (facts: CaseFacts, action: CaseAction, actor: CaseActor) => {
    const d = decide(facts, action, actor);
    return d.ok ? null : d.message;
  };

  it('sends a case returned for the second time to coordination instead of the dispatcher', () => {
    const first = decide({ ...STATES['accepted, part given'], returns: 0 }, ACTIONS.return, lead);
    expect(first).toEqual({ ok: true, status: 'received', toCoordination: false });
    const second = decide({ ...STATES['accepted, part given'], returns: 1 }, ACTIONS.return, lead);
    expect(second).toEqual({ ok: true, status: 'coordinating', toCoordination: true });
    // After coordination the route is final-ish: any further return goes back to coordination.
    expect(decide({ ...STATES.dispatched, returns: 2 }, ACTIONS.return, lead)).toMatchObject({ status: 'coordinating', toCoordination: true });
  });

  it('refuses to name the returning department itself as the one that should handle it', () => {
    expect(refusal(STATES.dispatched, { type: 'return', reason: '不归我们管。', suggest: 'market' }, lead)).toBe('建议的承办部门不能是本部门。');
  });

  it('needs a reason when the dispatch differs from the suggested route', () => {
    const dispatcher = ACTORS.dispatcher;
    const other: CaseAction = { type: 'dispatch', lead: 'commerce', assisting: ['culture'] };
    expect(refusal(STATES.received, other, dispatcher)).toBe('改派的部门与系统建议不同，请填写改派理由。');
    expect(refusal(STATES.received, { ...other, reason: '' }, dispatcher)).toBe('改派的部门与系统建议不同，请填写改派理由。');
    expect(decide(STATES.received, { ...other, reason: '涉及预付卡，由商务委牵头。' }, dispatcher)).toEqual({ ok: true, status: 'dispatched' });
    // Fewer assisting departments is a change too.
    expect(refusal(STATES.received, { type: 'dispatch', lead: 'market', assisting: [] }, dispatcher)).toBe('改派的部门与系统建议不同，请填写改派理由。');
    // The same departments in another order are not.
    expect(decide({ ...STATES.received, suggestedAssisting: ['culture', 'edu'] }, { type: 'dispatch', lead: 'market', assisting: ['edu', 'culture'] }, dispatcher).ok).toBe(true);
  });

  it('refuses a route that makes a dispatching body the lead, or a lead that also assists', () => {
    const dispatcher = ACTORS.dispatcher;
    expect(refusal(STATES.received, { type: 'dispatch', lead: 'petition', assisting: [], reason: '—' }, dispatcher)).toBe('区信访办负责派单，不能作为承办部门。');
    expect(refusal(STATES.received, { type: 'dispatch', lead: 'market', assisting: ['market'], reason: '—' }, dispatcher)).toBe('区市场监管局已是牵头部门，不能同时作为协办部门。');
  });

  it('blocks the reply while an assisting part is pending, naming the department', () => {
    expect(refusal(STATES['accepted, part pending'], ACTIONS.reply, lead)).toContain('协办部门尚未提交意见：区文旅局');
    expect(decide(STATES['accepted, part given'], ACTIONS.reply, lead)).toEqual({ ok: true, status: 'answered' });
  });

  it('refuses to close a case that was never accepted', () => {
    expect(refusal(STATES.dispatched, ACTIONS.close, lead)).toBe('案件尚未签收，不能办结。');
    expect(refusal(STATES['accepted, part given'], ACTIONS.close, lead)).toBe('此案件当前状态为“办理中”，不能办结（请先答复投诉人）。');
  });

  it('refuses to reply to a closed case', () => {
    expect(refusal(STATES.closed, ACTIONS.reply, lead)).toBe('此案件当前状态为“已办结”，不能答复。');
  });

  it('refuses a second part from an assisting department that already gave one', () => {
    expect(refusal(STATES['accepted, part given'], ACTIONS.contribute, ACTORS['assisting handler'])).toBe('本部门已提交过协办意见。');
  });

  it('checks the case a duplicate is merged into', () => {
    const dispatcher = ACTORS.dispatcher;
    const dup = ACTIONS.mark_duplicate;
    expect(refusal({ ...STATES.received, duplicateTarget: null }, dup, dispatcher)).toBe('没有找到编号为 PT-2026-000099 的投诉。');
    expect(refusal({ ...STATES.received, duplicateTarget: { status: 'received', sameCase: true } }, dup, dispatcher)).toBe('不能把案件标记为它自己的重复。');
    expect(refusal({ ...STATES.received, duplicateTarget: { status: 'closed', sameCase: false } }, dup, dispatcher)).toContain('已办结');
    expect(refusal({ ...STATES.received, duplicateTarget: { status: 'merged', sameCase: false } }, dup, dispatcher)).toContain('只能与办理中的投诉合并');
  });

  it('lets only a department still due report in to a whistle', () => {
    const housing = ACTORS['whistled handler'];
    expect(refusal(STATES['accepted, part given'], { ...ACTIONS.report_in, whistleId: 8 }, housing)).toBe('这次吹哨不存在或已全部报到。');
    expect(refusal({ ...STATES.received, openWhistles: [{ id: 7, pending: ['fire'] }] }, ACTIONS.report_in, housing)).toContain('不在这次吹哨的报到名单中');
  });

  it('refuses a whistle from grid staff without a street', () => {
    expect(refusal(STATES.received, ACTIONS.whistle, staff({ role: 'grid', street: null }))).toBe('只有案件所在街镇的网格员可以吹哨。');
  });
});
