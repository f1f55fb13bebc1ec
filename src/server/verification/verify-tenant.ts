/**
 * What /verify and POST /api/verifications share: the rate limit per client address, and making a
 * record (the facts of the day, the verdict on them, stored under a random id, returned with its
 * signed public id). Input arrives already parsed by src/domain/verification/verification-form.ts.
 */
import type { Db } from '../../../db/client';
import { hitRateLimit, type LimitResult } from '../../../db/queries/shared/rate-limits';
import { insertVerificationRecord, tenantCreditCode, verificationFacts } from '../../../db/queries/verification/verifications';
import type { IsoDate } from '../../domain/shared/dates';
import { slidingWindow } from '../../domain/shared/sliding-window';
import { evaluateVerification, type VerificationFacts, type VerificationInput, type VerificationResult } from '../../domain/verification/verification';
import { hmac } from '../shared/secret';
import { newRecordId, publicRecordId } from './verification-id';

/**
 * Verifications per client address in any hour (a sliding window), form and API together: ample for a landlord or a
 * property manager checking tenants one by one, too few to copy the registry through this door.
 */
export const VERIFY_LIMIT_PER_HOUR = 60;

/**
 * The largest body read, form or JSON: a verification is a few hundred bytes (at most 200
 * characters of address and 200 of training, src/domain/verification/verification-form.ts, about
 * 4 KB url-encoded); 16 KB leaves room for any honest client, and a larger body is refused (413)
 * before it is read.
 */
export const VERIFY_BODY_LIMIT = 16 * 1024;

/** Counts one verification from `ip` (hashed with the secret: no address is stored). */
export function hitVerificationLimit(db: Db, secret: string, ip: string, limit = VERIFY_LIMIT_PER_HOUR, now = new Date()): Promise<LimitResult> {
  return hitRateLimit(db, `verify:ip:${hmac(secret, 'rate-ip', ip)}`, slidingWindow(limit, 3600), now);
}

export interface CreatedVerification {
  publicId: string;
  createdAt: Date;
  facts: VerificationFacts;
  result: VerificationResult;
}

/** Judges the tenant on today's facts and keeps the record. */
export async function createVerification(db: Db, secret: string, input: VerificationInput, today: IsoDate): Promise<CreatedVerification> {
  const code = await tenantCreditCode(db, input.tenant);
  const { institutionId, facts } = await verificationFacts(db, code, today);
  const result = evaluateVerification(facts, input);
  const { id, createdAt } = await insertVerificationRecord(db, { id: newRecordId(), institutionId, input, facts, verdict: result });
  return { publicId: publicRecordId(secret, id), createdAt, facts, result };
}

/** The same input judged again on today's facts: what would the landlord see if they checked now. */
export async function reverify(db: Db, facts: VerificationFacts, input: VerificationInput, today: IsoDate) {
  const current = await verificationFacts(db, facts.institution?.creditCode ?? (await tenantCreditCode(db, input.tenant)), today);
  return { facts: current.facts, result: evaluateVerification(current.facts, input) };
}
