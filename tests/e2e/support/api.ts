/**
 * Finding test data through the public JSON API. The demo data is generated, so the specs never
 * hard-code a name or a code: they ask the API for "a blacklisted institution" and then check what
 * a user sees for it in the browser.
 */
import { expect, type APIRequestContext } from '@playwright/test';

export interface InstitutionSummary {
  creditCode: string;
  name: string;
  formerNames: string[];
  fields: string[];
  street: string;
  streetName: string;
  listStatus: 'white' | 'black' | 'none';
  url: string;
}

export interface InstitutionList {
  total: number;
  page: number;
  pageSize: number;
  pages: number;
  items: InstitutionSummary[];
}

export interface ListDecision {
  list: 'white' | 'black';
  reason: string;
  legalBasis: string;
  effectiveOn: string;
  removedOn: string | null;
}

export interface InstitutionProfile {
  creditCode: string;
  name: string;
  listStatus: 'white' | 'black' | 'none';
  listDecisions: ListDecision[];
}

/** GET /api/institutions with these filters; fails the test when the API does not answer 200. */
export async function listInstitutions(request: APIRequestContext, params: Record<string, string> = {}): Promise<InstitutionList> {
  const res = await request.get('/api/institutions', { params });
  expect(res.status(), `GET /api/institutions?${new URLSearchParams(params)}`).toBe(200);
  return (await res.json()) as InstitutionList;
}

/** GET /api/institutions/<code>: the profile and the day the API computed it for. */
export async function getProfile(request: APIRequestContext, code: string): Promise<{ asOf: string; institution: InstitutionProfile }> {
  const res = await request.get(`/api/institutions/${code}`);
  expect(res.status(), `GET /api/institutions/${code}`).toBe(200);
  return (await res.json()) as { asOf: string; institution: InstitutionProfile };
}

/** The first institution on the black list (there is always one in the e2e data set). */
export async function aBlacklistedInstitution(request: APIRequestContext): Promise<InstitutionSummary> {
  const { items } = await listInstitutions(request, { status: 'black', sort: 'name' });
  expect(items.length, 'the e2e data set should hold blacklisted institutions').toBeGreaterThan(0);
  return items[0]!;
}

/** An institution on neither list. */
export async function anUnlistedInstitution(request: APIRequestContext): Promise<InstitutionSummary> {
  const { items } = await listInstitutions(request, { status: 'none', operating: 'operating', sort: 'name' });
  expect(items.length, 'the e2e data set should hold unlisted institutions').toBeGreaterThan(0);
  return items[0]!;
}

/** The black-list decision in force on `today` (the one the profile banner shows). */
export function blackDecisionInForce(decisions: ListDecision[], today: string): ListDecision | undefined {
  return decisions.find((d) => d.list === 'black' && d.effectiveOn <= today && (d.removedOn === null || d.removedOn > today));
}
