/**
 * The accepted spellings of each enumeration in import files: the Chinese label the portal shows
 * (src/domain/shared/official-terms.ts, src/domain/shared/reference.ts) first, then what registers and spreadsheets also
 * write. The English key is always accepted as well (cells.ts).
 */
import { OFFICIAL_TERMS } from '../shared/official-terms';
import {
  DELIVERY_MODES,
  DEPARTMENT_CODES,
  DEPARTMENTS,
  ENTRY_PATHS,
  FIELDS,
  INSPECTION_ITEMS,
  INSPECTION_KINDS,
  INSPECTION_RESULTS,
  LEGAL_FORMS,
  OPERATING_STATUSES,
  STREET_CODES,
  STREETS,
  TRAINING_FIELDS,
  type DeliveryMode,
  type DepartmentCode,
  type EntryPath,
  type InspectionItem,
  type InspectionKind,
  type InspectionResult,
  type LegalForm,
  type OperatingStatus,
  type StreetCode,
  type TrainingField,
} from '../shared/reference';
import type { Spellings } from './cells';

function spellingsOf<T extends string>(codes: readonly T[], names: (code: T) => readonly [string, ...string[]]): Spellings<T> {
  return Object.fromEntries(codes.map((code) => [code, names(code)])) as Spellings<T>;
}

/** The label of each value, then the extra spellings given. */
function labelled<T extends string>(codes: readonly T[], labels: Record<T, string>, extra: Partial<Record<T, readonly string[]>> = {}): Spellings<T> {
  return spellingsOf(codes, (code) => [labels[code], ...(extra[code] ?? [])]);
}

/** The ten streets and towns, by name. */
export const STREET_SPELLINGS: Spellings<StreetCode> = labelled(STREET_CODES, STREETS);

/** Departments by full name, and without the leading 区 / 区委 (教育局, 网信办). */
export const DEPARTMENT_SPELLINGS: Spellings<DepartmentCode> = spellingsOf(DEPARTMENT_CODES, (code) => {
  const name = DEPARTMENTS[code].name;
  return [name, name.replace(/^区委?/, '')];
});

/** 托育 first: the full name 托育（婴幼儿早期发展指导） reads badly inside a message's list. */
export const FIELD_SPELLINGS: Spellings<TrainingField> = spellingsOf(TRAINING_FIELDS, (code) =>
  code === 'infant_care' ? ['托育', FIELDS[code].name, '婴幼儿早期发展指导'] : [FIELDS[code].name],
);

export const LEGAL_FORM_SPELLINGS: Spellings<LegalForm> = labelled(LEGAL_FORMS, OFFICIAL_TERMS.legalForm, { for_profit: ['营利'], non_profit: ['非营利'] });

export const ENTRY_PATH_SPELLINGS: Spellings<EntryPath> = labelled(ENTRY_PATHS, OFFICIAL_TERMS.entryPath, { licence: ['许可'] });

/** 存续 / 在业 and 注销 are how the business registry words these. */
export const OPERATING_SPELLINGS: Spellings<OperatingStatus> = labelled(OPERATING_STATUSES, OFFICIAL_TERMS.operating, {
  operating: ['经营', '正常', '存续', '在业', '开业'],
  suspended: ['歇业', '暂停营业'],
  closed: ['已注销', '注销', '已关闭', '关闭'],
});

export const DELIVERY_SPELLINGS: Spellings<DeliveryMode> = labelled(DELIVERY_MODES, OFFICIAL_TERMS.delivery, {
  both: ['线上线下', '线上+线下', '线下和线上'],
});

export const INSPECTION_KIND_SPELLINGS: Spellings<InspectionKind> = labelled(INSPECTION_KINDS, OFFICIAL_TERMS.inspectionKind, {
  regular: ['定期', '日常检查'],
  double_random: ['双随机'],
  special: ['专项'],
});

export const INSPECTION_ITEM_SPELLINGS: Spellings<InspectionItem> = labelled(INSPECTION_ITEMS, OFFICIAL_TERMS.inspectionItem, {
  programmes: ['培训内容', '培训项目'],
  promised_service: ['服务质量', '承诺服务质量'],
});

export const INSPECTION_RESULT_SPELLINGS: Spellings<InspectionResult> = labelled(INSPECTION_RESULTS, OFFICIAL_TERMS.inspectionResult, {
  rectify: ['限期整改', '整改'],
});
