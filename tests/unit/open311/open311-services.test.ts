/** The Open311 service catalogue (services.json, services/<code>.json): pure data, no database. */
import { describe, expect, it } from 'vitest';
import { CATEGORIES, COMPLAINT_CATEGORIES } from '../../../src/domain/complaints/complaint-categories';
import { STREETS, STREET_CODES } from '../../../src/domain/shared/reference';
import { serviceDefinitionJson, servicesJson } from '../../../src/server/open311/open311-services';
import { serviceDefinitionProblems, servicesProblems } from '../../fixtures/open311-conformance';

describe('Open311 service catalogue', () => {
  it('lists the 22 categories as services with every required field', () => {
    const services = servicesJson();
    expect(services).toHaveLength(22);
    expect(servicesProblems(services)).toEqual([]);
    expect(services.map((s) => s.service_code)).toEqual([...COMPLAINT_CATEGORIES]);
    for (const s of services) {
      expect(s.service_name).toBe(CATEGORIES[s.service_code].name);
      expect(s).toMatchObject({ metadata: true, type: 'realtime' });
      expect(s.group).toMatch(/\p{Script=Han}/u);
    }
    expect(services.find((s) => s.service_code === 'labour')?.keywords).toContain('欠薪');
  });

  it('defines the attributes of every service, the streets with keys and names', () => {
    for (const code of COMPLAINT_CATEGORIES) expect(serviceDefinitionProblems(serviceDefinitionJson(code))).toEqual([]);
    const { attributes } = serviceDefinitionJson('fees_refund');
    expect(attributes.map((a) => a.code)).toEqual([
      'credit_code', 'institution_name', 'street', 'occurred_on', 'money_yuan', 'people_affected', 'filer_role', 'consent_to_contact', 'idempotency_key',
    ]);
    const street = attributes.find((a) => a.code === 'street')!;
    expect(street.datatype).toBe('singlevaluelist');
    expect(street.values).toEqual(STREET_CODES.map((key) => ({ key, name: STREETS[key] })));
    expect(attributes.find((a) => a.code === 'occurred_on')).toMatchObject({ datatype: 'datetime', required: true });
  });
});
