/**
 * The verification aggregate: finding the tenant a landlord named, the facts of the day that the
 * verdict is judged on (VerificationFacts, a snapshot kept with the record), and the records.
 */
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { IsoDate } from '../../../src/domain/shared/dates';
import { normaliseLicenceNumber } from '../../../src/domain/registry/search';
import type { TenantRef, VerificationFacts, VerificationInput, VerificationResult } from '../../../src/domain/verification/verification';
import type { Db } from '../../client';
import { complaints, institutions, licences, verificationRecords } from '../../schema';
import { getInstitutionProfile } from '../registry/institutions';

/** The credit code of the institution the landlord named, or null when none answers to it. */
export async function tenantCreditCode(db: Db, tenant: TenantRef): Promise<string | null> {
  if (tenant.kind === 'credit_code') return tenant.code;
  const [row] = await db
    .select({ code: institutions.creditCode })
    .from(licences)
    .innerJoin(institutions, eq(institutions.id, licences.institutionId))
    .where(eq(licences.numberNorm, normaliseLicenceNumber(tenant.number)))
    .limit(1);
  return row?.code ?? null;
}

/**
 * Complaints found substantiated or partly substantiated whose case is not closed: what a landlord
 * should know is still open against the tenant. Closed cases show in the public statistics instead.
 */
export async function unresolvedSubstantiatedComplaints(db: Db, institutionId: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(complaints)
    .where(and(eq(complaints.institutionId, institutionId), inArray(complaints.result, ['substantiated', 'partly_substantiated']), ne(complaints.status, 'closed')));
  return Number(row?.n ?? 0);
}

/** The facts the verdict is judged on, as they stand on `today`, with the institution's id. */
export async function verificationFacts(db: Db, creditCode: string | null, today: IsoDate): Promise<{ institutionId: number | null; facts: VerificationFacts }> {
  const empty: VerificationFacts = { asOf: today, institution: null, licences: [], decisions: [], warnings: [], unresolvedSubstantiatedComplaints: 0, fund: null };
  const profile = creditCode ? await getInstitutionProfile(db, creditCode, today) : null;
  if (!profile) return { institutionId: null, facts: empty };
  const i = profile.institution;
  const f = profile.fund;
  return {
    institutionId: i.id,
    facts: {
      asOf: today,
      institution: {
        creditCode: i.creditCode,
        name: i.name,
        fields: i.fields,
        legalForm: i.legalForm,
        entryPath: i.entryPath,
        registrationAuthority: i.registrationAuthority,
        address: i.address,
        operatingStatus: i.operatingStatus,
        registeredOn: i.registeredOn,
        asOf: i.asOf,
      },
      licences: profile.licences.map((l) => ({
        number: l.number,
        issuingAuthority: l.issuingAuthority,
        issuedOn: l.issuedOn,
        expiresOn: l.expiresOn,
        revokedOn: l.revokedOn,
        revocationReason: l.revocationReason,
        scope: l.scope,
        address: l.address,
      })),
      decisions: profile.decisions.map((d) => ({ list: d.list, reason: d.reason, department: d.department, effectiveOn: d.effectiveOn, removedOn: d.removedOn })),
      warnings: profile.warnings.map((w) => ({ id: w.id, title: w.title, severity: w.severity, publishedOn: w.publishedOn })),
      unresolvedSubstantiatedComplaints: await unresolvedSubstantiatedComplaints(db, i.id),
      fund: f && {
        custodyKind: f.custodyKind,
        custodianBank: f.custodianBank,
        bondInsurer: f.bondInsurer,
        bondCoverYuan: f.bondCoverYuan,
        prepaidCardFiling: f.prepaidCardFiling,
        asOf: f.asOf,
      },
    },
  };
}

export interface NewVerificationRecord {
  id: string;
  institutionId: number | null;
  input: VerificationInput;
  facts: VerificationFacts;
  verdict: VerificationResult;
}

export async function insertVerificationRecord(db: Db, record: NewVerificationRecord): Promise<{ id: string; createdAt: Date }> {
  const [row] = await db.insert(verificationRecords).values(record).returning({ id: verificationRecords.id, createdAt: verificationRecords.createdAt });
  return row!;
}

/** A record by its (unsigned) id, or null. */
export async function getVerificationRecord(db: Db, id: string) {
  const [row] = await db.select().from(verificationRecords).where(eq(verificationRecords.id, id)).limit(1);
  return row ?? null;
}

export type VerificationRecord = NonNullable<Awaited<ReturnType<typeof getVerificationRecord>>>;
