import { describe, expect, it } from 'vitest';
import { COMPLAINT_CATEGORIES } from '../../../src/domain/complaints/complaint-categories';
import {
  REPLY_TEMPLATES,
  categoriesWithoutTemplate,
  fillReplyTemplate,
  openPlaceholders,
  replyTemplateIdSchema,
  templateById,
  templatesFor,
} from '../../../src/domain/cases/reply-templates';

describe('reply templates', () => {
  it('cover every one of the 22 categories, with unique ids', () => {
    expect(categoriesWithoutTemplate()).toEqual([]);
    expect(new Set(REPLY_TEMPLATES.map((t) => t.id)).size).toBe(REPLY_TEMPLATES.length);
    for (const c of COMPLAINT_CATEGORIES) expect(templatesFor(c)[0]!.category).toBe(c);
  });

  it('offer the category’s own templates first, then the general ones', () => {
    const ids = templatesFor('fees_refund').map((t) => t.id);
    expect(ids.slice(0, 2)).toEqual(['fees-refund', 'fees-refund-mediation']);
    expect(ids).toContain('general-not-substantiated');
    expect(templatesFor('other').every((t) => t.category === 'other')).toBe(true);
  });

  it('fill the number and the institution, and leave the rest for the handler', () => {
    const text = fillReplyTemplate(templateById('fire-safety')!, { institution: '某某艺术培训', trackingNumber: 'PT-2026-000123' });
    expect(text).toContain('关于某某艺术培训的问题（受理编号PT-2026-000123）');
    expect(openPlaceholders(text)).toEqual(['【调查日期】', '【隐患内容】', '【整改期限】']);
    const unlisted = fillReplyTemplate(templateById('fire-safety')!, { institution: null, trackingNumber: 'PT-2026-000123' });
    expect(openPlaceholders(unlisted)[0]).toBe('【机构名称】');
  });

  it('accept only known ids from the address', () => {
    expect(replyTemplateIdSchema.safeParse('labour').success).toBe(true);
    expect(replyTemplateIdSchema.safeParse('../etc').success).toBe(false);
  });
});
