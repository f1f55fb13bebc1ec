import { describe, expect, it } from 'vitest';
import { inspectableItems, listRemitOf, mayDecideList, mayInspect, type RemitInstitution } from '../../../src/domain/publishing/remit';
import { DEPARTMENT_CODES, LEGAL_FORMS, TRAINING_FIELDS, type DepartmentCode } from '../../../src/domain/shared/reference';

const tutoring: RemitInstitution = { fields: ['culture_edu'], legalForm: 'for_profit' };
const sportsClub: RemitInstitution = { fields: ['sports'], legalForm: 'non_profit' };
const nursery: RemitInstitution = { fields: ['infant_care'], legalForm: 'for_profit' };
const ALL = ['premises_safety', 'programmes', 'staff_qualifications', 'promised_service'];

describe('who may inspect an institution', () => {
  it.each<[string, DepartmentCode, RemitInstitution, string[]]>([
    ['the sector lead, everything', 'edu', tutoring, ALL],
    ['another sector lead, nothing', 'sports', tutoring, []],
    ['the co-lead of infant care, everything', 'health', nursery, ALL],
    ['the registration authority of a for-profit, everything', 'market', tutoring, ALL],
    ['the registration authority of a non-profit, everything', 'civil', sportsClub, ALL],
    ['civil affairs, not a for-profit', 'civil', tutoring, []],
    ['fire brigade, premises safety only', 'fire', sportsClub, ['premises_safety']],
    ['human resources, staff qualifications at any institution', 'hrss', tutoring, ['staff_qualifications']],
    ['the grid centre, nothing', 'grid', tutoring, []],
    ['the inspectorate, nothing', 'inspectorate', tutoring, []],
    ['the streets, nothing', 'streets', tutoring, []],
  ])('%s', (_why, dept, inst, items) => {
    expect([...inspectableItems(dept, inst)].sort()).toEqual([...items].sort());
  });

  it('refuses items outside the duty and names them', () => {
    expect(mayInspect('fire', tutoring, ['premises_safety', 'programmes'])).toEqual({ ok: false, message: '本部门对该机构的检查职责不包括：培训项目内容。' });
    expect(mayInspect('sports', tutoring, ['premises_safety'])).toEqual({ ok: false, message: '该机构不在本部门的检查职责范围内。' });
    expect(mayInspect('edu', tutoring, ['programmes'])).toEqual({ ok: true });
  });
});

describe('who may decide on the lists', () => {
  it.each<[DepartmentCode, RemitInstitution, boolean]>([
    ['edu', tutoring, true],
    ['market', tutoring, true],
    ['fire', tutoring, false],
    ['sports', sportsClub, true],
    ['civil', sportsClub, true],
    ['market', sportsClub, false],
    ['edu', nursery, true],
    ['health', nursery, true],
    ['grid', tutoring, false],
  ])('%s on %o: %s', (dept, inst, ok) => {
    expect(mayDecideList(dept, inst).ok).toBe(ok);
  });
});

describe('the list remit as a query filters it', () => {
  it('agrees with mayDecideList for every department, field and legal form', () => {
    for (const dept of DEPARTMENT_CODES) {
      const { fields, legalForms } = listRemitOf(dept);
      for (const field of TRAINING_FIELDS) {
        for (const legalForm of LEGAL_FORMS) {
          const byFilter = fields.includes(field) || legalForms.includes(legalForm);
          expect(byFilter, `${dept} ${field} ${legalForm}`).toBe(mayDecideList(dept, { fields: [field], legalForm }).ok);
        }
      }
    }
  });

  it('names the fields led and the legal forms registered', () => {
    expect(listRemitOf('edu')).toEqual({ fields: ['culture_edu', 'infant_care'], legalForms: [] });
    expect(listRemitOf('market')).toEqual({ fields: [], legalForms: ['for_profit'] });
    expect(listRemitOf('fire')).toEqual({ fields: [], legalForms: [] });
  });
});
