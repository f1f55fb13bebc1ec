import { describe, expect, it } from 'vitest';
import {
  CREDIT_CODE_ALPHABET,
  checkCharacter,
  creditCodeProblem,
  creditCodeSchema,
  describeCreditCodeProblem,
  isValidCreditCode,
  normaliseCreditCode,
  withCheckCharacter,
} from '../../../src/domain/registry/credit-code';
import { INVALID_CREDIT_CODES, LOOSE_CREDIT_CODES, VALID_CREDIT_CODES } from '../../fixtures/credit-codes';

describe('credit code alphabet', () => {
  it('has 31 characters: digits and upper-case letters without I, O, Z, S, V', () => {
    expect(CREDIT_CODE_ALPHABET).toHaveLength(31);
    expect(new Set(CREDIT_CODE_ALPHABET).size).toBe(31);
    for (const c of 'IOZSV') expect(CREDIT_CODE_ALPHABET).not.toContain(c);
  });
});

describe('creditCodeProblem', () => {
  it.each(VALID_CREDIT_CODES)('accepts %s', (code) => {
    expect(creditCodeProblem(code)).toBeNull();
    expect(isValidCreditCode(code)).toBe(true);
  });

  it.each(LOOSE_CREDIT_CODES)('accepts $why ($input) as $canonical', ({ input, canonical }) => {
    expect(normaliseCreditCode(input)).toBe(canonical);
    expect(isValidCreditCode(input)).toBe(true);
  });

  it.each(INVALID_CREDIT_CODES)('refuses $input: $why', ({ input, problem }) => {
    expect(creditCodeProblem(input)).toEqual(problem);
    expect(isValidCreditCode(input)).toBe(false);
  });

  it('catches every change of a single character', () => {
    // The check is a weighted sum mod 31 with weights prime to 31, so one wrong character always shows.
    for (const code of VALID_CREDIT_CODES) {
      for (let i = 0; i < 18; i++) {
        for (const c of CREDIT_CODE_ALPHABET) {
          if (c === code[i]) continue;
          const typo = code.slice(0, i) + c + code.slice(i + 1);
          expect(isValidCreditCode(typo), typo).toBe(false);
        }
      }
    }
  });

  it('catches every swap of two different neighbours in the first 17 characters', () => {
    for (const code of VALID_CREDIT_CODES) {
      for (let i = 0; i + 1 < 17; i++) {
        if (code[i] === code[i + 1]) continue;
        const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
        expect(isValidCreditCode(swapped), swapped).toBe(false);
      }
    }
  });
});

describe('describeCreditCodeProblem', () => {
  it.each([
    { problem: { kind: 'empty' } as const, says: ['18位'] },
    { problem: { kind: 'length', length: 17 } as const, says: ['18位', '17位'] },
    { problem: { kind: 'character', position: 9, character: 'I' } as const, says: ['第9位', '“I”'] },
    { problem: { kind: 'check', expected: '3', actual: 'Z' } as const, says: ['第18位应为“3”', '“Z”'] },
  ])('names what is wrong: $problem.kind', ({ problem, says }) => {
    const message = describeCreditCodeProblem(problem);
    for (const part of says) expect(message).toContain(part);
  });
});

describe('withCheckCharacter', () => {
  it.each(VALID_CREDIT_CODES)('rebuilds %s from its first 17 characters', (code) => {
    expect(withCheckCharacter(code.slice(0, 17))).toBe(code);
    expect(checkCharacter(code.slice(0, 17))).toBe(code[17]);
  });

  it.each(['91310107MA1G0ABC', '91310107MA1G0ABC12', '91310107MA1G0AIC1', ''])('refuses the body %j', (body) => {
    expect(() => withCheckCharacter(body)).toThrow(/not a credit code body/);
  });

  it('makes codes that the validator accepts', () => {
    for (const body of ['91310107000000000', '52310107YYYYYYYYY', '1131010712345678A']) {
      expect(isValidCreditCode(withCheckCharacter(body))).toBe(true);
    }
  });
});

describe('creditCodeSchema', () => {
  it.each(LOOSE_CREDIT_CODES)('yields the canonical code for $why', ({ input, canonical }) => {
    const result = creditCodeSchema.safeParse(input);
    expect(result.success && result.data).toBe(canonical);
  });

  it('yields one message naming the expected check character', () => {
    const result = creditCodeSchema.safeParse('91350100M000100Y42');
    expect(result.success).toBe(false);
    expect(result.error?.issues).toHaveLength(1);
    expect(result.error?.issues[0]?.message).toContain('应为“3”');
  });

  it.each(INVALID_CREDIT_CODES)('refuses $input with the message for $problem.kind', ({ input, problem }) => {
    const result = creditCodeSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toEqual([describeCreditCodeProblem(problem)]);
  });

  it('refuses what is not a string', () => {
    expect(creditCodeSchema.safeParse(91350100).success).toBe(false);
  });
});
