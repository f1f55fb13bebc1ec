/**
 * 机构 files: one row per institution, upserted by 统一社会信用代码. The registration authority
 * (from the legal form), the supervising department (from the fields) and the search columns are
 * derived on write, never read from the file; the entry path is derived when left empty.
 */
import { z } from 'zod';
import { normaliseCreditCode } from '../registry/credit-code';
import { entryPathFor } from '../shared/reference';
import { choice, choices, creditCodeCell, optionalChoice, optionalDate, optionalText, requiredDate, requiredText, textList } from './cells';
import type { ColumnDoc, ImportContext, KindDefinition } from './columns';
import { withRules } from './row-rules';
import {
  DELIVERY_SPELLINGS,
  ENTRY_PATH_SPELLINGS,
  FIELD_SPELLINGS,
  LEGAL_FORM_SPELLINGS,
  OPERATING_SPELLINGS,
  STREET_SPELLINGS,
} from './spellings';

const cells = z.object({
  creditCode: creditCodeCell,
  name: requiredText(100),
  formerNames: textList(100),
  fields: choices('培训类别', FIELD_SPELLINGS, true),
  legalForm: choice('法人类型', LEGAL_FORM_SPELLINGS),
  entryPath: optionalChoice('准入方式', ENTRY_PATH_SPELLINGS),
  address: requiredText(200),
  street: choice('街镇', STREET_SPELLINGS),
  phone: optionalText(40),
  operatingStatus: choice('经营状态', OPERATING_SPELLINGS, 'operating'),
  delivery: choice('授课方式', DELIVERY_SPELLINGS, 'offline'),
  registeredOn: requiredDate,
  asOf: optionalDate,
});
type Cells = z.output<typeof cells>;
type Prop = keyof Cells;

export const INSTITUTION_COLUMNS: readonly ColumnDoc<Prop>[] = [
  { prop: 'creditCode', header: '统一社会信用代码', aliases: ['信用代码', '社会信用代码'], required: true, meaning: '机构的统一社会信用代码，导入时按它新增或更新', format: '18位，校验位须正确；大小写、空格不限', example: '91310107MA1GKP0015' },
  { prop: 'name', header: '机构名称', aliases: ['名称', '单位名称'], required: true, meaning: '登记的机构全称', format: '文字，至多100字', example: '上海普陀启明外语培训有限公司' },
  { prop: 'formerNames', header: '曾用名', required: false, meaning: '以前用过的名称，供搜索', format: '多个用“、”分隔', example: '上海启明英语培训中心' },
  { prop: 'fields', header: '培训类别', aliases: ['培训类型', '类别'], required: true, meaning: '培训领域，决定行业主管部门', format: '文化教育、职业技能、文化艺术辅导、体育指导、科技创新、托育；多个用“、”分隔', example: '文化教育、体育指导' },
  { prop: 'legalForm', header: '法人类型', aliases: ['机构性质', '法人性质'], required: true, meaning: '决定登记机关（营利性：区市场监管局；非营利性：区民政局）', format: '营利性、非营利性', example: '非营利性' },
  { prop: 'entryPath', header: '准入方式', required: false, meaning: '行政许可、登记备案或登记；不填时按培训类别推定', format: '行政许可、登记备案、登记', example: '行政许可' },
  { prop: 'address', header: '办学地址', aliases: ['地址', '经营地址', '注册地址'], required: true, meaning: '实际办学地址', format: '文字，至多200字', example: '上海市普陀区长寿路218号3楼' },
  { prop: 'street', header: '所属街镇', aliases: ['街镇', '街道'], required: true, meaning: '办学地址所在街镇（网格巡查单位）', format: '十个街镇的名称（如 长寿路街道、长征镇）或代码（changshou）', example: '长寿路街道' },
  { prop: 'phone', header: '联系电话', aliases: ['电话'], required: false, meaning: '对外公开的联系电话', format: '文字，至多40字', example: '021-62310001' },
  { prop: 'operatingStatus', header: '经营状态', aliases: ['状态'], required: false, meaning: '不填为正常经营', format: '正常经营、停业、已注销/关闭（也认 存续、在业、歇业、注销）', example: '正常经营' },
  { prop: 'delivery', header: '授课方式', required: false, meaning: '不填为线下', format: '线下、线上、线上和线下', example: '线下' },
  { prop: 'registeredOn', header: '登记日期', aliases: ['成立日期', '注册日期'], required: true, meaning: '取得营业执照或登记证书的日期', format: 'YYYY-MM-DD 或 YYYY/M/D，不晚于今天', example: '2019/6/18' },
  { prop: 'asOf', header: '信息日期', aliases: ['数据日期', '更新日期'], required: false, meaning: '这些信息核实的日期，公开页面显示为“信息截至”；不填为导入当天', format: 'YYYY-MM-DD 或 YYYY/M/D，不晚于今天', example: '2026-11-20' },
];

function rowSchema(ctx: ImportContext) {
  return withRules(cells, [
    { uses: ['registeredOn'], report: 'registeredOn', check: (r) => (r.registeredOn > ctx.today ? `登记日期不能晚于今天（${ctx.today}）。` : null) },
    { uses: ['asOf'], report: 'asOf', check: (r) => (r.asOf !== null && r.asOf > ctx.today ? `信息日期不能晚于今天（${ctx.today}）。` : null) },
    {
      uses: ['asOf', 'registeredOn'],
      report: 'asOf',
      check: (r) => (r.asOf !== null && r.asOf < r.registeredOn ? `信息日期（${r.asOf}）早于登记日期（${r.registeredOn}）。` : null),
    },
  ]).transform((r) => ({ ...r, entryPath: r.entryPath ?? entryPathFor(r.fields) }));
}

export type InstitutionRecord = z.output<ReturnType<typeof rowSchema>>;

export const INSTITUTIONS_FILE: KindDefinition<Prop, InstitutionRecord> = {
  name: '机构',
  columns: INSTITUTION_COLUMNS,
  key: 'creditCode',
  keyOf: normaliseCreditCode,
  rowSchema,
};
