/** Import of departments' CSV files: the pure part, no database. */
export { MAX_IMPORT_BYTES, sha256Hex, validateImport, type FileFacts, type ImportCheck, type ValidateOptions } from './validate';
export { IMPORT_KINDS, IMPORT_KIND_DEFINITIONS, isImportKind, type ImportKind, type ImportRecords, type Lined } from './kinds';
export type { InspectionRecord, InstitutionRecord, LicenceRecord } from './kinds';
export { encodingName, IMPORT_ENCODINGS, type EncodingChoice } from './decode';
export { linesWithProblems, sortProblems, type ImportProblem } from './problems';
export { englishKey, type ColumnDoc, type ImportContext } from './columns';
