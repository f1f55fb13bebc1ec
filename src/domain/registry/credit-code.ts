/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character alphabet (digits and upper-case
 * letters without I, O, Z, S, V); the last is a check character over the first 17 (weights 3^i mod 31).
 */
import { z } from 'zod';

export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type CreditCodeProblem =
  | { kind: 'empty' }
  | { kind: 'length'; length: number }
  | { kind: 'character'; position: number; character: string }
  | { kind: 'check'; expected: string; actual: string };

/** Upper-cases, turns full-width characters into ASCII and drops spaces and hyphens people type. */
export function normaliseCreditCode(input: string): string {
  return input
    .normalize('NFKC')
    .replace(/[\s\-]/g, '')
    .toUpperCase();
}

/** The check character for the first 17 characters, or null if one of them is outside the alphabet. */
export function checkCharacter(first17: string): string | null {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_CODE_ALPHABET.indexOf(first17[i] ?? '');
    if (value < 0) return null;
    sum += value * WEIGHTS[i]!;
  }
  const check = (31 - (sum % 31)) % 31;
  return CREDIT_CODE_ALPHABET[check]!;
}

/** Says exactly what is wrong with a code, or returns null when it is valid. */
export function creditCodeProblem(input: string): CreditCodeProblem | null {
  const code = normaliseCreditCode(input);
  if (code.length === 0) return { kind: 'empty' };
  for (let i = 0; i < code.length; i++) {
    const c = code[i]!;
    if (!CREDIT_CODE_ALPHABET.includes(c)) return { kind: 'character', position: i + 1, character: c };
  }
  if (code.length !== 18) return { kind: 'length', length: code.length };
  const expected = checkCharacter(code.slice(0, 17))!;
  if (expected !== code[17]) return { kind: 'check', expected, actual: code[17]! };
  return null;
}

export function isValidCreditCode(input: string): boolean {
  return creditCodeProblem(input) === null;
}

/** Builds a valid code from its first 17 characters (used by the demo generator and tests). */
export function withCheckCharacter(first17: string): string {
  const check = checkCharacter(first17);
  if (check === null || first17.length !== 17) throw new Error(`not a credit code body: ${first17}`);
  return first17 + check;
}

/** Human-readable explanation in Chinese, used by the not-found page and form messages. */
export function describeCreditCodeProblem(p: CreditCodeProblem): string {
  switch (p.kind) {
    case 'empty':
      return '请输入18位统一社会信用代码。';
    case 'length':
      return `统一社会信用代码应为18位，您输入的是${p.length}位。`;
    case 'character':
      return `第${p.position}位的“${p.character}”不可能出现在统一社会信用代码中（代码只含数字和除 I、O、Z、S、V 以外的大写字母）。`;
    case 'check':
      return `校验位不符：按前17位计算，第18位应为“${p.expected}”，而不是“${p.actual}”。请核对是否抄错。`;
  }
}

/** zod schema: accepts loose input (spaces, lower case, full-width) and yields the canonical code. */
export const creditCodeSchema = z
  .string()
  .transform(normaliseCreditCode)
  .superRefine((code, ctx) => {
    const problem = creditCodeProblem(code);
    if (problem) ctx.addIssue({ code: 'custom', message: describeCreditCodeProblem(problem) });
  });
