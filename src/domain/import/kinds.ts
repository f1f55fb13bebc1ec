/** The three kinds of import file and the record each row becomes. */
import type { KindDefinition } from './columns';
import { INSPECTIONS_FILE, type InspectionRecord } from './inspections-file';
import { INSTITUTIONS_FILE, type InstitutionRecord } from './institutions-file';
import { LICENCES_FILE, type LicenceRecord } from './licences-file';

/** In the order a combined import applies them: institutions before what refers to them. */
export const IMPORT_KINDS = ['institutions', 'licences', 'inspections'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export interface ImportRecords {
  institutions: InstitutionRecord;
  licences: LicenceRecord;
  inspections: InspectionRecord;
}

/** A parsed row and the line of the file it came from (the header is line 1). */
export type Lined<T> = T & { line: number };

export const IMPORT_KIND_DEFINITIONS: { [K in ImportKind]: KindDefinition<string, ImportRecords[K]> } = {
  institutions: INSTITUTIONS_FILE,
  licences: LICENCES_FILE,
  inspections: INSPECTIONS_FILE,
};

export function isImportKind(value: string): value is ImportKind {
  return (IMPORT_KINDS as readonly string[]).includes(value);
}

export type { InspectionRecord, InstitutionRecord, LicenceRecord };
