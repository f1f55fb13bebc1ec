/**
 * The public JSON shapes of the registry API. Field names here are a promise to API users
 * (documented in the README): add fields, never rename or remove them.
 */
import { contractReadHref } from '../../domain/publishing/contract-texts';
import type { InstitutionProfile, InstitutionSummary } from '../../../db/queries/registry/institutions';
import { licenceState } from '../../domain/registry/licence-state';
import { departmentName, fieldName, streetName } from '../../i18n/labels';

export function summaryJson(r: InstitutionSummary) {
  return {
    creditCode: r.creditCode,
    name: r.name,
    formerNames: r.formerNames,
    fields: r.fields,
    fieldNames: r.fields.map(fieldName),
    street: r.street,
    streetName: streetName(r.street),
    address: r.address,
    legalForm: r.legalForm,
    operatingStatus: r.operatingStatus,
    delivery: r.delivery,
    listStatus: r.listStatus,
    licenceState: r.licenceState,
    asOf: r.asOf,
    url: `/institutions/${r.creditCode}`,
  };
}

export function profileJson(p: InstitutionProfile, today: string) {
  const i = p.institution;
  return {
    creditCode: i.creditCode,
    name: i.name,
    formerNames: i.formerNames,
    fields: i.fields,
    fieldNames: i.fields.map(fieldName),
    legalForm: i.legalForm,
    entryPath: i.entryPath,
    registrationAuthority: { code: i.registrationAuthority, name: departmentName(i.registrationAuthority) },
    supervisingDepartment: { code: i.supervisingDepartment, name: departmentName(i.supervisingDepartment) },
    address: i.address,
    street: i.street,
    streetName: streetName(i.street),
    phone: i.phone,
    operatingStatus: i.operatingStatus,
    delivery: i.delivery,
    registeredOn: i.registeredOn,
    asOf: i.asOf,
    listStatus: p.listStatus,
    licenceState: p.licenceState,
    licences: p.licences.map((l) => ({
      number: l.number,
      issuingAuthority: { code: l.issuingAuthority, name: departmentName(l.issuingAuthority) },
      issuedOn: l.issuedOn,
      expiresOn: l.expiresOn,
      revokedOn: l.revokedOn,
      revocationReason: l.revocationReason,
      scope: l.scope,
      address: l.address,
      state: licenceState(l, today),
      asOf: l.asOf,
    })),
    promise: p.promise && {
      fees: p.promise.fees,
      chargingMethod: p.promise.chargingMethod,
      prepaidCap: { months: p.promise.prepaidCapMonths, classHours: p.promise.prepaidCapHours, yuan: p.promise.prepaidCapYuan },
      refundPolicy: p.promise.refundPolicy,
      classEndTime: p.promise.classEndTime,
      staffStatement: p.promise.staffStatement,
      madeOn: p.promise.madeOn,
    },
    fundSupervision: p.fund && {
      custodyKind: p.fund.custodyKind,
      custodianBank: p.fund.custodianBank,
      performanceBond: p.fund.bondInsurer ? { insurer: p.fund.bondInsurer, policy: p.fund.bondPolicy, coverYuan: p.fund.bondCoverYuan } : null,
      prepaidCardFiling: p.fund.prepaidCardFiling,
      thirdPartyAudit: p.fund.thirdPartyAudit,
      asOf: p.fund.asOf,
    },
    inspections: p.inspections.map((x) => ({
      date: x.inspectedOn,
      kind: x.kind,
      department: { code: x.department, name: departmentName(x.department) },
      checkedItems: x.checkedItems,
      findings: x.findings,
      result: x.result,
      rectifyBy: x.rectifyBy,
      rectificationOutcome: x.rectificationOutcome,
    })),
    listDecisions: p.decisions.map((d) => ({
      list: d.list,
      reason: d.reason,
      legalBasis: d.legalBasis,
      department: { code: d.department, name: departmentName(d.department) },
      effectiveOn: d.effectiveOn,
      removedOn: d.removedOn,
      removalReason: d.removalReason,
    })),
    warnings: p.warnings.map((w) => ({ id: w.id, title: w.title, severity: w.severity, publishedOn: w.publishedOn, url: `/warnings#warning-${w.id}` })),
    modelContracts: p.contracts.map((c) => ({ code: c.code, title: c.title, url: contractReadHref(c.code) })),
    url: `/institutions/${i.creditCode}`,
  };
}
