import { describe, expect, it } from 'vitest';
import {
  DEPARTMENTS,
  DEPARTMENT_CODES,
  FIELDS,
  REGISTRATION_AUTHORITY,
  STREETS,
  STREET_CODES,
  TRAINING_FIELDS,
  entryPathFor,
  supervisingDepartment,
  type DepartmentCode,
  type EntryPath,
  type TrainingField,
} from '../../../src/domain/shared/reference';

describe('the plan’s reference lists', () => {
  it('has 21 responsible bodies, each under its own code with a distinct name', () => {
    expect(DEPARTMENT_CODES).toHaveLength(21);
    expect(new Set(DEPARTMENT_CODES).size).toBe(21);
    expect(Object.keys(DEPARTMENTS).sort()).toEqual([...DEPARTMENT_CODES].sort());
    for (const code of DEPARTMENT_CODES) {
      expect(DEPARTMENTS[code].code).toBe(code);
      expect(DEPARTMENTS[code].duties.length).toBeGreaterThan(0);
    }
    expect(new Set(Object.values(DEPARTMENTS).map((d) => d.name)).size).toBe(21);
  });

  it('has ten streets and towns with distinct names', () => {
    expect(STREET_CODES).toHaveLength(10);
    expect(Object.keys(STREETS).sort()).toEqual([...STREET_CODES].sort());
    expect(new Set(Object.values(STREETS)).size).toBe(10);
    for (const name of Object.values(STREETS)) expect(name).toMatch(/(街道|镇)$/);
  });

  it('has six training fields whose leads are known departments', () => {
    expect(TRAINING_FIELDS).toHaveLength(6);
    for (const field of TRAINING_FIELDS) {
      expect(FIELDS[field].code).toBe(field);
      for (const d of [FIELDS[field].lead, ...FIELDS[field].coLead]) expect(DEPARTMENT_CODES).toContain(d);
    }
  });

  it('registers for-profit institutions with 区市场监管局 and non-profit ones with 区民政局', () => {
    expect(DEPARTMENTS[REGISTRATION_AUTHORITY.for_profit].name).toBe('区市场监管局');
    expect(DEPARTMENTS[REGISTRATION_AUTHORITY.non_profit].name).toBe('区民政局');
  });
});

describe('supervisingDepartment', () => {
  it.each<{ fields: TrainingField[]; department: DepartmentCode; name: string }>([
    { fields: ['culture_edu'], department: 'edu', name: '区教育局' },
    { fields: ['vocational'], department: 'hrss', name: '区人社局' },
    { fields: ['arts'], department: 'culture', name: '区文旅局' },
    { fields: ['sports'], department: 'sports', name: '区体育局' },
    { fields: ['sci_tech'], department: 'sci', name: '区科委' },
    { fields: ['infant_care'], department: 'edu', name: '区教育局' },
    // Two fields with one lead stay with that lead; fields with different leads go to 区教育局.
    { fields: ['culture_edu', 'infant_care'], department: 'edu', name: '区教育局' },
    { fields: ['arts', 'arts'], department: 'culture', name: '区文旅局' },
    { fields: ['arts', 'sports'], department: 'edu', name: '区教育局' },
    { fields: ['vocational', 'sci_tech'], department: 'edu', name: '区教育局' },
    { fields: [], department: 'edu', name: '区教育局' },
  ])('$fields -> $name', ({ fields, department, name }) => {
    expect(supervisingDepartment(fields)).toBe(department);
    expect(DEPARTMENTS[supervisingDepartment(fields)].name).toBe(name);
  });
});

describe('entryPathFor', () => {
  it.each<{ fields: TrainingField[]; path: EntryPath }>([
    // Section 五(一): 文化教育 and 职业技能 need a licence, 托育 is filed, the rest register.
    { fields: ['culture_edu'], path: 'licence' },
    { fields: ['vocational'], path: 'licence' },
    { fields: ['infant_care'], path: 'filing' },
    { fields: ['arts'], path: 'registration' },
    { fields: ['sports'], path: 'registration' },
    { fields: ['sci_tech'], path: 'registration' },
    { fields: ['arts', 'infant_care'], path: 'filing' },
    { fields: ['infant_care', 'culture_edu'], path: 'licence' },
    { fields: ['sports', 'vocational'], path: 'licence' },
  ])('$fields -> $path', ({ fields, path }) => {
    expect(entryPathFor(fields)).toBe(path);
  });
});
