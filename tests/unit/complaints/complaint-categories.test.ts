import { describe, expect, it } from 'vitest';
import { ANSWER_DAYS, CATEGORIES, COMPLAINT_CATEGORIES, isComplaintCategory, type ComplaintCategory } from '../../../src/domain/complaints/complaint-categories';

describe('complaint categories', () => {
  it('has the 22 categories of DOMAIN.md, each with a distinct name and a one-line description', () => {
    expect(COMPLAINT_CATEGORIES).toHaveLength(22);
    expect(Object.keys(CATEGORIES).sort()).toEqual([...COMPLAINT_CATEGORIES].sort());
    expect(new Set(Object.values(CATEGORIES).map((c) => c.name)).size).toBe(22);
    for (const code of COMPLAINT_CATEGORIES) {
      expect(CATEGORIES[code].code).toBe(code);
      expect(CATEGORIES[code].description).toMatch(/^[^\n]{8,60}。$/);
    }
  });

  it.each<{ code: ComplaintCategory; days: number }>([
    { code: 'fire_safety', days: ANSWER_DAYS.urgent },
    { code: 'security', days: ANSWER_DAYS.urgent },
    { code: 'crime', days: ANSWER_DAYS.urgent },
    { code: 'food_safety', days: ANSWER_DAYS.urgent },
    { code: 'hygiene_epidemic', days: ANSWER_DAYS.urgent },
    { code: 'fees_refund', days: ANSWER_DAYS.normal },
    { code: 'prepaid_card', days: ANSWER_DAYS.normal },
    { code: 'other', days: ANSWER_DAYS.coordinated },
  ])('answers $code within $days working days', ({ code, days }) => {
    expect(CATEGORIES[code].answerWorkingDays).toBe(days);
  });

  it('uses only the three default deadlines', () => {
    expect(ANSWER_DAYS).toEqual({ urgent: 3, normal: 5, coordinated: 10 });
    for (const c of Object.values(CATEGORIES)) expect(Object.values(ANSWER_DAYS)).toContain(c.answerWorkingDays);
  });

  it.each([
    ['prepaid_card', true],
    ['other', true],
    ['noise', false],
    ['', false],
    [null, false],
  ])('recognises %j as a category: %s', (value, ok) => {
    expect(isComplaintCategory(value)).toBe(ok);
  });
});
