import { describe, expect, it } from 'vitest';
import { lenientQueueQuery, parseQueueQuery } from '../../../src/domain/cases/staff-queue-query';

const q = (s: string) => new URLSearchParams(s);

describe('queue address', () => {
  it('defaults by role: the supervisor, who acts on nothing, starts on every case', () => {
    expect(lenientQueueQuery(q(''), 'dispatcher')).toEqual({ view: 'todo', page: 1 });
    expect(lenientQueueQuery(q(''), 'supervisor')).toEqual({ view: 'all', page: 1 });
  });

  it('the page falls back to the default for each bad value, silently', () => {
    expect(lenientQueueQuery(q('view=bogus&page=x'), 'handler')).toEqual({ view: 'todo', page: 1 });
    expect(lenientQueueQuery(q('view=closed&page=0'), 'handler')).toEqual({ view: 'closed', page: 1 });
    expect(lenientQueueQuery(q('view=all&page=3'), 'handler')).toEqual({ view: 'all', page: 3 });
    expect(lenientQueueQuery(q('page=99999'), 'handler')).toEqual({ view: 'todo', page: 1 });
  });

  it('the API says what is wrong with each parameter', () => {
    expect(parseQueueQuery(q('view=all&page=2'), 'grid')).toEqual({ ok: true, value: { view: 'all', page: 2 } });
    const bad = parseQueueQuery(q('view=bogus&page=1.5'), 'grid');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors.map((e) => e.field)).toEqual(['view', 'page']);
  });
});
