/**
 * Landlords' verifications of a tenant (plan, section 六(二)). A record keeps the landlord's input,
 * the facts as they stood and the verdict, so it can be shown later exactly as it was. The id is 16
 * random bytes (base64url), never a serial: records cannot be counted or walked through, and the
 * public address adds an HMAC of the id (src/server/verification/verification-id.ts) so an altered one is caught.
 */
import { index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { VerificationFacts, VerificationInput, VerificationResult } from '../../src/domain/verification/verification';
import { institutions } from './institutions';

export const verificationRecords = pgTable(
  'verification_records',
  {
    id: text('id').primaryKey(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Null when no institution answered to the code or licence number given. */
    institutionId: integer('institution_id').references(() => institutions.id, { onDelete: 'set null' }),
    input: jsonb('input').$type<VerificationInput>().notNull(),
    facts: jsonb('facts').$type<VerificationFacts>().notNull(),
    verdict: jsonb('verdict').$type<VerificationResult>().notNull(),
  },
  (t) => [index('verification_records_institution_idx').on(t.institutionId)],
);
