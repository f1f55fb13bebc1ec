/**
 * What the publishing services share: the outcome shape, who may publish, and the
 * institution lookup. See inspections.ts, lists.ts, draws.ts and warnings.ts.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { institutions } from '../../../db/schema';
import type { FieldError } from '../../domain/shared/form-fields';
import type { DepartmentCode, LegalForm, TrainingField } from '../../domain/shared/reference';
import type { StaffActor } from '../../domain/staff/staff-roles';

export type Outcome<T = undefined> =
  | { kind: 'done'; value: T; message: string }
  | { kind: 'invalid'; errors: FieldError[] }
  | { kind: 'refused'; message: string }
  | { kind: 'not_found' };

export const refused = (message: string): Outcome<never> => ({ kind: 'refused', message });

/** Handlers of a department publish; everyone else is refused before any lookup. */
export function departmentOf(actor: StaffActor): DepartmentCode | null {
  return actor.role === 'handler' && actor.department ? actor.department : null;
}

export async function institutionByCode(db: Db, creditCode: string) {
  const [row] = await db
    .select({ id: institutions.id, name: institutions.name, creditCode: institutions.creditCode, fields: institutions.fields, legalForm: institutions.legalForm })
    .from(institutions)
    .where(eq(institutions.creditCode, creditCode))
    .limit(1);
  return row ? { ...row, fields: row.fields as TrainingField[], legalForm: row.legalForm as LegalForm } : null;
}

