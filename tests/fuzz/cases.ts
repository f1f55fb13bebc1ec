/**
 * One fuzz case: a plan, who sends it, what is spoilt and how, as a fast-check arbitrary; and the
 * request it becomes. Everything random comes from fast-check, so a case is reproduced from its
 * seed (fc.sample(fc.noBias(caseArbitrary(...)), { seed, numRuns: 1 })).
 */
import fc from 'fast-check';
import { badValue, bogusSegment, FIELD_KINDS, JsonValue, type FieldKind, type FieldValue } from './bad-values';
import type { Identity } from './fuzz-portal';
import type { Base, Plan } from './plans';
import { METHODS } from './routes';
import { validValue, type ValidContext } from './valid-values';

export const REQUEST_KINDS = ['content-type', 'header', 'param', 'method'] as const;
export type CaseKind = FieldKind | (typeof REQUEST_KINDS)[number];
export const ALL_KINDS: readonly CaseKind[] = [...FIELD_KINDS, ...REQUEST_KINDS];

export const CONTENT_TYPE_VARIANTS = ['as-json', 'as-form', 'text/plain', 'none', 'multipart', 'multipart-broken', 'xml', 'form-gb18030'] as const;
export const HEADER_TARGETS = ['idempotency-key', 'x-forwarded-for', 'api_key', 'origin', 'cookie', 'accept'] as const;

export interface FuzzCase {
  kind: CaseKind;
  identity: Identity;
  method: string;
  params: string[];
  base: Base | null;
  /** The field, query name, header or content-type variant spoilt. */
  target: string;
  value: FieldValue | null;
}

/** Odd but sendable header values (fetch refuses control characters in headers themselves). */
const ODD_HEADER = fc.constantFrom('', '-1', '0', 'a'.repeat(8000), 'null', '999.999.999.999', '::1, ::ffff:1.2.3.4', ',,,', 'unknown', '"><script>', 'äöÿ', '%00', '00000000-0000-0000-0000-000000000000', 'x'.repeat(300));

/** What a sweep holds fixed instead of leaving it to fast-check. */
export interface Fixed {
  base?: Base | null;
  target?: string;
  identity?: Identity;
}

/** A case of `kind` for `plan`; `valid` gives the valid value a field starts from. */
export function caseArbitrary(plan: Plan, kind: CaseKind, valid: ValidContext, fixed: Fixed = {}): fc.Arbitrary<FuzzCase> {
  const base = fixed.base !== undefined ? fc.constant(fixed.base) : plan.bases.length ? fc.constantFrom(...plan.bases) : fc.constant(null);
  return base.chain((b) => {
    // Mostly the form's own viewer (the right role), now and then anybody (the wrong one).
    const identity = fixed.identity ? fc.constant(fixed.identity)
      : b?.identity && plan.identities.includes(b.identity)
      ? fc.oneof({ weight: 3, arbitrary: fc.constant(b.identity) }, { weight: 1, arbitrary: fc.constantFrom(...plan.identities) })
      : fc.constantFrom(...plan.identities);
    const realParams = b?.params ? fc.constant(b.params) : plan.params.length ? fc.constantFrom(...plan.params) : fc.constant(null);
    const params = realParams.chain((real) => {
      const n = plan.route.params.length;
      if (kind === 'param' || !real) return fc.array(bogusSegment, { minLength: n, maxLength: n });
      return fc.constant(real);
    });
    const fieldNames = plan.method === 'GET' ? plan.queryNames : b?.fields.length ? [...new Set([...b.fields.map(([n]) => n), ...b.unticked])] : ['q'];
    const target: fc.Arbitrary<string> =
      fixed.target !== undefined ? fc.constant(fixed.target)
      : kind === 'content-type' ? fc.constantFrom(...CONTENT_TYPE_VARIANTS)
      : kind === 'header' ? fc.constantFrom(...HEADER_TARGETS)
      : kind === 'method' ? fc.constantFrom(...[...METHODS, 'PATCH', 'OPTIONS'].filter((m) => !plan.route.methods.includes(m as never)))
      : kind === 'param' ? fc.constant(plan.route.params.join(',') || '-')
      : fc.constantFrom(...fieldNames);
    return fc.record({ identity, params, target }).chain(({ identity: who, params: p, target: t }) => {
      const page = b?.fields.find(([n]) => n === t)?.[1] ?? '';
      const value: fc.Arbitrary<FieldValue | null> =
        (FIELD_KINDS as readonly string[]).includes(kind) ? badValue(kind as FieldKind, validValue(t, page, valid))
        : kind === 'header' ? ODD_HEADER
        : fc.constant(null);
      return value.map((v) => ({ kind, identity: who, method: kind === 'method' ? t : plan.method, params: p, base: b, target: t, value: v }));
    });
  });
}

/** A short, printable account of the spoilt value, for the failure list. */
export function describeValue(v: FieldValue | null): string {
  if (v === null) return '';
  const s = v instanceof JsonValue ? `json ${v}` : String(v);
  const shown = s.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return shown.length > 60 ? `${shown.slice(0, 40)}…(${s.length} chars)` : shown;
}
