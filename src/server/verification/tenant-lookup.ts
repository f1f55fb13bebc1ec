/**
 * Turns the tenant as the landlord named it into the tenant a record is made for, for /verify and
 * POST /api/verifications alike. A credit code is used as typed (an unknown one makes a record that
 * says so, as before); a licence number is looked up, and when no licence has it the text is
 * searched as a name or address instead ("金沙江路1000弄5号" reads like a licence number); a name
 * or address is searched in the registry. A search verifies at once only when it is certain
 * (certainMatch); otherwise the landlord picks from the list, or is told nothing was found.
 */
import type { Db } from '../../../db/client';
import { findInstitutionsByNameOrAddress } from '../../../db/queries/registry/institutions';
import { tenantCreditCode } from '../../../db/queries/verification/verifications';
import type { IsoDate } from '../../domain/shared/dates';
import type { VerificationInput } from '../../domain/verification/verification';
import type { VerificationRequest } from '../../domain/verification/verification-form';
import { certainMatch, TENANT_CHOICES, type TenantCandidate } from '../../domain/verification/tenant-search';

export type TenantResolution =
  /** Ready to judge: the tenant is a credit code or a licence number the registry knows. */
  | { kind: 'resolved'; input: VerificationInput }
  /** Several institutions (or one not named exactly) answer to the text: the landlord picks one. */
  | { kind: 'choose'; text: string; candidates: TenantCandidate[]; more: boolean }
  /** No institution answers to the name or address. */
  | { kind: 'none'; text: string };

/** Resolves the tenant of a parsed verification request. */
export async function resolveTenant(db: Db, request: VerificationRequest, today: IsoDate): Promise<TenantResolution> {
  const { tenant } = request;
  if (tenant.kind === 'credit_code') return { kind: 'resolved', input: { ...request, tenant } };
  if (tenant.kind === 'licence_number') {
    if (await tenantCreditCode(db, tenant)) return { kind: 'resolved', input: { ...request, tenant } };
    const found = await findInstitutionsByNameOrAddress(db, tenant.number, today, TENANT_CHOICES);
    // A number no licence has, and no address either: judged as before, a record of "not found".
    if (!found.items.length) return { kind: 'resolved', input: { ...request, tenant } };
    return { kind: 'choose', text: tenant.number, candidates: found.items.map(candidate), more: found.more };
  }
  const found = await findInstitutionsByNameOrAddress(db, tenant.text, today, TENANT_CHOICES);
  if (!found.items.length) return { kind: 'none', text: tenant.text };
  const certain = found.more ? null : certainMatch(tenant.text, found.items);
  if (certain) return { kind: 'resolved', input: { ...request, tenant: { kind: 'credit_code', code: certain.creditCode } } };
  return { kind: 'choose', text: tenant.text, candidates: found.items.map(candidate), more: found.more };
}

function candidate(r: TenantCandidate): TenantCandidate {
  return {
    creditCode: r.creditCode,
    name: r.name,
    address: r.address,
    street: r.street,
    fields: r.fields,
    operatingStatus: r.operatingStatus,
    licenceState: r.licenceState,
    listStatus: r.listStatus,
  };
}
