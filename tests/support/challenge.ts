/**
 * The captcha solved as a person would without JavaScript: a fresh arithmetic question
 * (src/server/complaints/captcha.ts) with its right answer, read from the signed token's body.
 */
import { newArithmeticQuestion } from '../../src/server/complaints/captcha';

export function solved(secret: string, now = new Date()): { questionToken: string; answer: string } {
  const { token } = newArithmeticQuestion(secret, now);
  const { a, b } = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8')) as { a: number; b: number };
  return { questionToken: token, answer: String(a + b) };
}
