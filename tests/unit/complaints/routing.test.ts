import { describe, expect, it } from 'vitest';
import { CATEGORIES, COMPLAINT_CATEGORIES } from '../../../src/domain/complaints/complaint-categories';
import { DEPARTMENT_CODES, FIELDS, LEGAL_FORMS, TRAINING_FIELDS, type LegalForm, type TrainingField } from '../../../src/domain/shared/reference';
import { route, type RoutingInput } from '../../../src/domain/complaints/routing';
import { CURRENT_ROUTING_VERSION, ROUTING_TABLES, amendRoutingTable } from '../../../src/domain/complaints/routing-table';
import { DOMAIN_TABLE_CASES, INSTITUTION_CASES, type RoutingCase } from '../../fixtures/routing-cases';

const expectRoute = ({ input, lead, assisting, inform, coordinatedBy }: RoutingCase) => {
  const r = route(input);
  expect({ lead: r.lead, assisting: r.assisting, inform: r.inform, coordinatedBy: r.coordinatedBy }).toEqual({
    lead,
    assisting,
    inform,
    coordinatedBy: coordinatedBy ?? null,
  });
  expect(r.tableVersion).toBe(CURRENT_ROUTING_VERSION);
};

describe('route: DOMAIN.md’s routing table, row by row', () => {
  it('has a case for every category', () => {
    expect(new Set(DOMAIN_TABLE_CASES.map((c) => c.input.category))).toEqual(new Set(COMPLAINT_CATEGORIES));
  });

  it.each(DOMAIN_TABLE_CASES)('$why', expectRoute);
});

describe('route: what is known about the institution', () => {
  it.each(INSTITUTION_CASES)('$why', expectRoute);
});

/** Every combination the form can produce: 22 categories × field sets × legal forms × prepaid. */
function* allInputs(): Generator<RoutingInput> {
  const fieldSets: TrainingField[][] = [[], ...TRAINING_FIELDS.map((f) => [f]), ['culture_edu', 'arts'], ['vocational', 'culture_edu'], ['infant_care', 'sports'], [...TRAINING_FIELDS]];
  const forms: (LegalForm | null)[] = [...LEGAL_FORMS, null];
  for (const category of COMPLAINT_CATEGORIES)
    for (const fields of fieldSets)
      for (const legalForm of forms) for (const prepaidMoneyInvolved of [false, true]) yield { category, fields, legalForm, prepaidMoneyInvolved };
}

describe('route: invariants over every input', () => {
  const routes = [...allInputs()].map((input) => ({ input, r: route(input) }));

  it('never lets a department both lead and assist, and lists each department once', () => {
    for (const { input, r } of routes) {
      const all = [r.lead, ...r.assisting, ...r.inform];
      expect(new Set(all).size, JSON.stringify(input)).toBe(all.length);
      for (const d of all) expect(DEPARTMENT_CODES).toContain(d);
    }
  });

  it('gives every route a reason that cites the plan', () => {
    for (const { input, r } of routes) {
      expect(r.reasons.length, JSON.stringify(input)).toBeGreaterThan(0);
      expect(r.reasons.some((reason) => /第[四五]部分/.test(reason)), JSON.stringify(input)).toBe(true);
      expect(new Set(r.reasons).size).toBe(r.reasons.length);
    }
  });

  it('always involves the field leads: as lead, assisting or informed', () => {
    for (const { input, r } of routes) {
      const involved = new Set([r.lead, ...r.assisting, ...r.inform]);
      for (const f of input.fields) for (const d of [FIELDS[f].lead, ...FIELDS[f].coLead]) expect(involved.has(d), JSON.stringify(input)).toBe(true);
    }
  });

  it('lets 区教育局 coordinate only as lead', () => {
    for (const { r } of routes) if (r.coordinatedBy) expect(r.lead).toBe('edu');
  });

  it('answers the same input the same way', () => {
    const input: RoutingInput = { category: 'prepaid_card', fields: ['infant_care'], legalForm: 'for_profit' };
    expect(route(input)).toEqual(route(input));
  });
});

describe('route: reasons', () => {
  it('cites the section that gives 区市场监管局 the fees', () => {
    expect(route({ category: 'fees_refund', fields: ['arts'], legalForm: 'for_profit' }).reasons).toContain('区市场监管局负责规范收费（第四部分（二）4）');
  });

  it('says why 区教育局 coordinates', () => {
    const r = route({ category: 'training_content', fields: ['arts', 'sports'], legalForm: null });
    expect(r.reasons.join('\n')).toContain('机构跨文化艺术辅导、体育指导等类别');
    expect(r.reasons.join('\n')).toContain('第五部分（四）');
    expect(route({ category: 'unlicensed', fields: [], legalForm: null }).reasons.join('\n')).toContain('机构类别不明');
  });

  it('names the departments it informs', () => {
    const r = route({ category: 'food_safety', fields: ['infant_care'], legalForm: 'for_profit' });
    expect(r.reasons.at(-1)).toBe('派遣时通报机构所属类别的行业主管部门（第四部分（十九）2）：区教育局、区卫生健康委');
  });

  it('mentions prepaid money only when it is involved', () => {
    const input: RoutingInput = { category: 'crime', fields: ['sports'], legalForm: 'for_profit' };
    expect(route(input).reasons.join('\n')).not.toContain('区商务委');
    expect(route({ ...input, prepaidMoneyInvolved: true }).reasons.join('\n')).toContain('区商务委协同处置');
  });
});

describe('routing tables are versioned data', () => {
  const current = ROUTING_TABLES[CURRENT_ROUTING_VERSION]!;

  it('has a rule for every category in every published table', () => {
    for (const table of Object.values(ROUTING_TABLES)) {
      expect(Object.keys(table.rules).sort()).toEqual([...COMPLAINT_CATEGORIES].sort());
      expect(table.version).toMatch(/^\d{4}-\d{2}-\d{2}\.\d+$/);
    }
    expect(Object.keys(CATEGORIES).sort()).toEqual([...COMPLAINT_CATEGORIES].sort());
  });

  it('freezes published tables so nobody rewrites a past rule', () => {
    expect(Object.isFrozen(current)).toBe(true);
    expect(Object.isFrozen(current.rules.fees_refund.assisting)).toBe(true);
    expect(() => {
      (current.rules.fees_refund as { lead: string }).lead = 'edu';
    }).toThrow(TypeError);
  });

  it('keeps answering an old version the old way after a rule changes', () => {
    // A test-only amendment: suppose fee disputes move to 区商务委 from 2027, with 区市场监管局 assisting.
    const amended = amendRoutingTable(current, {
      version: '2027-01-01.1',
      adoptedOn: '2027-01-01',
      source: 'test only',
      rules: { fees_refund: { lead: 'commerce', assisting: ['market', 'field_lead'], reasons: ['test only'] } },
    });
    const tables = { ...ROUTING_TABLES, [amended.version]: amended };
    const input: RoutingInput = { category: 'fees_refund', fields: ['sports'], legalForm: 'for_profit' };

    const before = route(input, CURRENT_ROUTING_VERSION, tables);
    const after = route(input, '2027-01-01.1', tables);
    expect([before.lead, before.assisting, before.tableVersion]).toEqual(['market', ['sports'], '2020-04-03.1']);
    expect([after.lead, after.assisting, after.tableVersion]).toEqual(['commerce', ['market', 'sports'], '2027-01-01.1']);
    // Other rules carry over unchanged, and the old table is untouched.
    expect(route({ ...input, category: 'fire_safety' }, '2027-01-01.1', tables).lead).toBe('fire');
    expect(current.rules.fees_refund.lead).toBe('market');
  });

  it('refuses to amend a table without a new version', () => {
    expect(() => amendRoutingTable(current, { version: current.version, adoptedOn: '2027-01-01', source: 'x' })).toThrow(/new version/);
  });

  it('refuses a version that was never published', () => {
    expect(() => route({ category: 'other', fields: [], legalForm: null }, '1999-01-01.1')).toThrow(/unknown routing table version: 1999-01-01.1/);
  });
});
