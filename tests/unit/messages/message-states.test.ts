/** The delivery states as staff pages show them, and which of them an administrator may queue again. */
import { describe, expect, it } from 'vitest';
import {
  CLAIMABLE_STATES,
  MESSAGE_CHANNEL_LABELS,
  MESSAGE_STATE_LABELS,
  MESSAGE_STATE_TONES,
  MESSAGE_STATES,
  mayRequeue,
  nextAttemptDelaySeconds,
} from '../../../src/domain/messages/message-states';

describe('message states', () => {
  it('names every state in Chinese, each differently, with a tone', () => {
    for (const s of MESSAGE_STATES) {
      expect(MESSAGE_STATE_LABELS[s]).toMatch(/[\u4e00-\u9fff]/);
      expect(MESSAGE_STATE_TONES[s]).toBeDefined();
    }
    expect(new Set(Object.values(MESSAGE_STATE_LABELS)).size).toBe(MESSAGE_STATES.length);
    expect(MESSAGE_STATE_TONES.dead).toBe('bad');
    expect(MESSAGE_STATE_TONES.delivered).toBe('good');
    expect(MESSAGE_CHANNEL_LABELS).toEqual({ sms: '短信', email: '邮件' });
  });

  it.each(MESSAGE_STATES.map((s) => [s, s === 'dead'] as const))('%s may be queued again: %s', (state, expected) => {
    expect(mayRequeue(state)).toBe(expected);
  });

  it('a worker takes queued and failed messages, never delivered or dead ones', () => {
    expect([...CLAIMABLE_STATES].sort()).toEqual(['failed', 'queued']);
  });

  it('the retry delay grows exponentially and stops at the maximum', () => {
    const delays = [0, 1, 2, 3, 4].map((n) => nextAttemptDelaySeconds(30, n, 3600));
    for (let i = 1; i < delays.length; i++) expect(delays[i]).toBeGreaterThan(delays[i - 1]!);
    expect(nextAttemptDelaySeconds(30, 1, 3600)).toBe(45);
    expect(nextAttemptDelaySeconds(30, 40, 3600)).toBe(3600);
  });
});
