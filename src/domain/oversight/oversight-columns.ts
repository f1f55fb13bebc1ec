/**
 * The columns of the oversight figures, named once: the dashboard's tables and the CSV export
 * (/staff/oversight.csv) take their headers and cell texts from here, so a downloaded row reads
 * exactly like the row on the page.
 */
import type { IsoDate } from '../shared/dates';
import { spreadsheetSafe } from '../registry/open-data';
import { formatDays, formatShare, type GroupStats, type Oversight, type OversightRow } from './oversight';

export interface OversightColumn {
  key: keyof GroupStats;
  header: string;
  /** What the figure means, for the page's explanation list. */
  description: string;
}

export const OVERSIGHT_COLUMNS: readonly OversightColumn[] = [
  { key: 'received', header: '受理', description: '所选期间受理的投诉件数（按受理日期）。' },
  { key: 'answered', header: '已答复', description: '已答复投诉人的件数，含超期答复。' },
  { key: 'answeredOnTime', header: '按期答复', description: '在答复期限内（含期限当天）答复的件数。' },
  { key: 'due', header: '应答复', description: '期限已到、应当答复的件数：已答复的，加上目前超期未答复的。' },
  { key: 'onTimeShare', header: '按期答复率', description: '按期答复 ÷ 应答复。' },
  { key: 'overdue', header: '目前超期', description: '今天仍未答复且已过期限的件数；等待投诉人补充信息的暂停计时，不算超期。' },
  { key: 'medianWorkingDays', header: '答复用时中位数（工作日）', description: '从受理到答复的工作日数的中位数（受理当天答复为 0），按法定节假日和调休安排计算，含等待投诉人补充信息的时间。' },
  { key: 'returned', header: '退回', description: '部门行：本部门退回过的案件数；其他行：被退回过的案件数。' },
  { key: 'open', header: '未办结', description: '尚未办结的件数，含已答复未办结的。' },
];

/** The text of a figure, as the table and the CSV show it. */
export function cellText(stats: GroupStats, key: keyof GroupStats): string {
  if (key === 'onTimeShare') return formatShare(stats.onTimeShare);
  if (key === 'medianWorkingDays') return formatDays(stats.medianWorkingDays);
  return String(stats[key]);
}

export const GROUP_NAMES = { department: '部门', street: '街镇', district: '全区' } as const;
export type OversightGroup = keyof typeof GROUP_NAMES;

/** The CSV's rows, header first: every department, every street, then the district. */
export function oversightCsvRows(o: Oversight): string[][] {
  const header = ['分组', '名称', ...OVERSIGHT_COLUMNS.map((c) => c.header), '受理日期自', '受理日期至', '统计日期'];
  const line = (group: OversightGroup, name: string, stats: GroupStats) => [
    GROUP_NAMES[group],
    spreadsheetSafe(name),
    // An empty cell, not a dash, where there is no figure: spreadsheets then leave it out of sums.
    ...OVERSIGHT_COLUMNS.map((c) => cellText(stats, c.key).replace(/^—$/, '')),
    o.period.from,
    o.period.to,
    o.today,
  ];
  return [
    header,
    ...o.departments.map((r: OversightRow) => line('department', r.name, r)),
    ...o.streets.map((r: OversightRow) => line('street', r.name, r)),
    line('district', '普陀区', o.total),
  ];
}

/** putuo-oversight-20260101-20260615.csv */
export function oversightCsvName(from: IsoDate, to: IsoDate): string {
  return `putuo-oversight-${from.replaceAll('-', '')}-${to.replaceAll('-', '')}.csv`;
}
