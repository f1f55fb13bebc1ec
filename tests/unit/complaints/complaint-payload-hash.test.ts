/**
 * The payload hash tells a retry of a complaint post (same content, same key: the same receipt)
 * from a different post under a used key (409). It is stored with every complaint, so it must not
 * change between releases: a retry that crosses an upgrade is still the same post.
 */
import { describe, expect, it } from 'vitest';
import type { ComplaintForm } from '../../../src/domain/complaints/complaint-form';
import { payloadHash } from '../../../src/server/complaints/complaint-intake';

const FORM = {
  institution: { kind: 'not_listed', street: 'zhenru', name: '某培训点', address: '真如路1号' },
  category: 'prepaid_card',
  description: '老板跑路了',
  occurredOn: '2026-11-20',
  moneyYuan: 20000,
  filerRole: 'parent',
  phone: '13912345678',
  consentToContact: true,
  name: undefined,
  idempotencyKey: '6f1c2a0e-3b7d-4c55-9a7e-2d8f6b1e4c90',
} as unknown as ComplaintForm;

describe('payloadHash', () => {
  it('is the digest stored by earlier releases for the same content', () => {
    // Computed by the release that filed with JSON.stringify and a key-sorting replacer.
    expect(payloadHash(FORM)).toBe('37ce641c2d6f0fb055fd20db7bd887a1651d05707f9e03af0f16bd24e634ea6e');
  });

  it('ignores the idempotency key and the order of fields, at every level', () => {
    const { institution, ...rest } = FORM;
    const reordered = Object.fromEntries(Object.entries({ ...rest, institution: Object.fromEntries(Object.entries(institution).reverse()) }).reverse());
    expect(payloadHash({ ...reordered, idempotencyKey: 'another-key' } as unknown as ComplaintForm)).toBe(payloadHash(FORM));
  });

  it('changes with any content', () => {
    expect(payloadHash({ ...FORM, moneyYuan: 20001 })).not.toBe(payloadHash(FORM));
    expect(payloadHash({ ...FORM, institution: { ...FORM.institution, name: '另一培训点' } } as ComplaintForm)).not.toBe(payloadHash(FORM));
  });
});
