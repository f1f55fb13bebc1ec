/**
 * Open data (section 七(四) of the plan: information disclosure): the public registry as downloadable
 * datasets. Each dataset names its columns once; the CSV header, the JSON keys and the
 * documentation page all come from here. Values are plain strings, dates as YYYY-MM-DD, lists
 * joined with "、" in CSV (arrays in JSON), enumerations as their Chinese names in CSV and as codes
 * in JSON (so programs get stable codes and spreadsheets read naturally): a column's `kind` says
 * which names it takes (src/server/registry/open-data-format.ts looks them up).
 */

export const OPEN_DATA_LICENCE = {
  name: 'CC BY 4.0（知识共享 署名 4.0 国际）',
  id: 'CC-BY-4.0',
  url: 'https://creativecommons.org/licenses/by/4.0/deed.zh-hans',
  attribution: '普陀区培训机构公示与投诉平台',
} as const;

export const OPEN_DATASETS = ['institutions', 'licences', 'inspections', 'list-decisions'] as const;
export type OpenDataset = (typeof OPEN_DATASETS)[number];
export const OPEN_FORMATS = ['csv', 'json'] as const;
export type OpenFormat = (typeof OPEN_FORMATS)[number];

/** Coded values and the label group that names them in CSV. */
export type OpenColumnKind =
  | 'field' | 'department' | 'street' | 'legalForm' | 'entryPath' | 'operating' | 'delivery'
  | 'listStatus' | 'list' | 'licenceState' | 'inspectionKind' | 'inspectionItem' | 'inspectionResult';

export interface OpenColumn {
  key: string;
  header: string;
  description: string;
  kind?: OpenColumnKind;
}

export interface OpenDatasetInfo {
  id: OpenDataset;
  title: string;
  description: string;
  columns: readonly OpenColumn[];
}

const col = (key: string, header: string, description: string, kind?: OpenColumnKind): OpenColumn => ({ key, header, description, kind });

export const DATASETS: Record<OpenDataset, OpenDatasetInfo> = {
  institutions: {
    id: 'institutions',
    title: '培训机构名录',
    description: '平台收录的全部培训机构，含当前黑白名单状态和许可证状态（按生成之日计算）。',
    columns: [
      col('creditCode', '统一社会信用代码', '18 位，GB 32100-2015'),
      col('name', '机构名称', ''),
      col('formerNames', '曾用名', '多个以“、”分隔'),
      col('fields', '培训领域', '文化教育、职业技能、文化艺术辅导、体育指导、科技创新、托育', 'field'),
      col('legalForm', '法人类型', '营利性 / 非营利性', 'legalForm'),
      col('entryPath', '准入方式', '行政许可 / 登记备案 / 登记', 'entryPath'),
      col('registrationAuthority', '登记机关', '', 'department'),
      col('supervisingDepartment', '行业主管部门', '', 'department'),
      col('address', '地址', ''),
      col('street', '街镇', '普陀区十个街道、镇之一', 'street'),
      col('phone', '联系电话', '机构公开的电话'),
      col('operatingStatus', '经营状态', '正常经营 / 停业 / 已注销或关闭', 'operating'),
      col('delivery', '线上线下', '线下 / 线上 / 线上和线下', 'delivery'),
      col('registeredOn', '登记日期', 'YYYY-MM-DD'),
      col('listStatus', '名单状态', '白名单 / 黑名单 / 未列入名单（生成之日）', 'listStatus'),
      col('licenceState', '许可证状态', '有效 / 90天内到期 / 已过期 / 已吊销 / 无许可证（生成之日）', 'licenceState'),
      col('asOf', '信息日期', '登记信息最近一次核实的日期'),
    ],
  },
  licences: {
    id: 'licences',
    title: '办学许可证',
    description: '机构的办学许可证，含办学内容、地址和有效期。',
    columns: [
      col('number', '许可证编号', ''),
      col('creditCode', '统一社会信用代码', '持证机构'),
      col('institutionName', '机构名称', ''),
      col('issuingAuthority', '发证机关', '', 'department'),
      col('issuedOn', '发证日期', 'YYYY-MM-DD'),
      col('expiresOn', '有效期至', 'YYYY-MM-DD'),
      col('scope', '办学内容', ''),
      col('address', '办学地址', ''),
      col('revokedOn', '吊销日期', '未吊销为空'),
      col('state', '状态', '有效 / 90天内到期 / 已过期 / 已吊销（生成之日）', 'licenceState'),
      col('asOf', '信息日期', ''),
    ],
  },
  inspections: {
    id: 'inspections',
    title: '检查结果',
    description: '已公开的检查结果（经部门第二人审核后公开）。',
    columns: [
      col('creditCode', '统一社会信用代码', '被检查机构'),
      col('institutionName', '机构名称', ''),
      col('inspectedOn', '检查日期', 'YYYY-MM-DD'),
      col('kind', '检查类型', '定期检查 / “双随机”检查 / 专项检查', 'inspectionKind'),
      col('department', '检查部门', '', 'department'),
      col('checkedItems', '检查内容', '多个以“、”分隔', 'inspectionItem'),
      col('findings', '检查发现', ''),
      col('result', '检查结果', '合格 / 责令整改 / 不合格', 'inspectionResult'),
      col('rectifyBy', '整改期限', '无需整改为空'),
      col('rectificationOutcome', '整改结果', ''),
      col('publishedOn', '公开日期', 'YYYY-MM-DD'),
    ],
  },
  'list-decisions': {
    id: 'list-decisions',
    title: '黑白名单决定',
    description: '列入和移出黑名单、白名单的全部决定，含理由、依据和决定部门。',
    columns: [
      col('creditCode', '统一社会信用代码', ''),
      col('institutionName', '机构名称', ''),
      col('list', '名单', '白名单 / 黑名单', 'list'),
      col('reason', '理由', ''),
      col('legalBasis', '依据', ''),
      col('department', '决定部门', '', 'department'),
      col('effectiveOn', '生效日期', 'YYYY-MM-DD'),
      col('removedOn', '移出日期', '仍在名单中为空'),
      col('removalReason', '移出理由', ''),
    ],
  },
};

export type OpenRow = Record<string, string | string[] | null>;

/**
 * A spreadsheet treats a cell starting with = + - @ (or a tab / carriage return) as a formula; a
 * leading apostrophe makes it text (OWASP "CSV injection"). Only text cells from free-text fields
 * can start that way; dates and codes never do.
 */
export function spreadsheetSafe(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** The CSV cells of a row, in column order; `name` turns a coded value into its Chinese name. */
export function csvCells(info: OpenDatasetInfo, row: OpenRow, name: (kind: OpenColumnKind, code: string) => string): string[] {
  return info.columns.map((c) => {
    const v = row[c.key];
    if (v === null || v === undefined) return '';
    const named = (x: string) => (c.kind ? name(c.kind, x) : x);
    return spreadsheetSafe(Array.isArray(v) ? v.map(named).join('、') : named(v));
  });
}

export const isOpenDataset = (v: string): v is OpenDataset => (OPEN_DATASETS as readonly string[]).includes(v);
export const isOpenFormat = (v: string): v is OpenFormat => (OPEN_FORMATS as readonly string[]).includes(v);
