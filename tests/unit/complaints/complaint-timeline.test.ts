import { describe, expect, it } from 'vitest';
import { publicTimeline } from '../../../src/domain/complaints/complaint-timeline';

const at = new Date('2026-11-02T02:00:00Z');

describe('public timeline', () => {
  it('names departments, not people, and says the result', () => {
    const lines = publicTimeline([
      { kind: 'received', at, note: null, data: {} },
      { kind: 'dispatched', at, note: null, data: { lead: 'market', assisting: ['edu'], actor: '张三' } },
      { kind: 'reply', at, note: '已责令退费。', data: { department: 'market' } },
      { kind: 'closed', at, note: null, data: { result: 'substantiated' } },
    ]);
    expect(lines.map((l) => l.title)).toEqual(['投诉已受理', '已派至区市场监管局办理', '区市场监管局答复', '已办结']);
    expect(lines[1]!.detail).toBe('协办部门：区教育局');
    expect(lines[2]!.detail).toBe('已责令退费。');
    expect(lines[3]!.detail).toBe('办理结果：属实');
    expect(JSON.stringify(lines)).not.toContain('张三');
  });

  it('keeps an event of an unknown kind instead of dropping it', () => {
    const [line] = publicTimeline([{ kind: 'future_kind', at, note: '说明', data: {} }]);
    expect(line).toEqual({ at, title: '办理进展', detail: '说明' });
  });
});
