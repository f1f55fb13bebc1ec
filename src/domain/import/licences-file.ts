/**
 * 办学许可证 files: one row per licence, upserted by 许可证编号, each naming its institution by
 * 统一社会信用代码 (which must be in the registry or in the same import: checked by the database
 * layer, db/queries/import/imports.ts).
 */
import { z } from 'zod';
import { DEPARTMENTS } from '../shared/reference';
import { choice, creditCodeCell, optionalDate, optionalText, requiredDate, requiredText } from './cells';
import type { ColumnDoc, ImportContext, KindDefinition } from './columns';
import { withRules } from './row-rules';
import { DEPARTMENT_SPELLINGS } from './spellings';

const cells = z.object({
  number: requiredText(60),
  creditCode: creditCodeCell,
  issuingAuthority: choice('发证机关', DEPARTMENT_SPELLINGS),
  issuedOn: requiredDate,
  expiresOn: requiredDate,
  scope: requiredText(500),
  address: requiredText(200),
  revokedOn: optionalDate,
  revocationReason: optionalText(500),
  asOf: optionalDate,
});
type Cells = z.output<typeof cells>;
type Prop = keyof Cells;

export const LICENCE_COLUMNS: readonly ColumnDoc<Prop>[] = [
  { prop: 'number', header: '许可证编号', aliases: ['证书编号', '许可证号'], required: true, meaning: '办学许可证编号，导入时按它新增或更新', format: '文字，至多60字，照证书原样填写', example: '教民13101077000101号' },
  { prop: 'creditCode', header: '统一社会信用代码', aliases: ['信用代码', '社会信用代码'], required: true, meaning: '持证机构；须已在登记库中，或在同一次导入的机构文件中', format: '18位，校验位须正确', example: '91310107MA1GKP0015' },
  { prop: 'issuingAuthority', header: '发证机关', required: true, meaning: '发证的部门；以部门账号导入时须为本部门', format: '部门名称（区教育局、区人社局，也可写 教育局）或代码（edu、hrss）', example: '区教育局' },
  { prop: 'issuedOn', header: '发证日期', required: true, meaning: '许可证生效日期', format: 'YYYY-MM-DD 或 YYYY/M/D，不晚于今天', example: '2023-09-01' },
  { prop: 'expiresOn', header: '有效期至', aliases: ['有效期限', '到期日期'], required: true, meaning: '许可证有效期的最后一天', format: 'YYYY-MM-DD 或 YYYY/M/D，须晚于发证日期', example: '2028-08-31' },
  { prop: 'scope', header: '办学内容', aliases: ['许可范围', '办学范围'], required: true, meaning: '许可的培训项目', format: '文字，至多500字', example: '外语培训（英语听说、少儿英语）' },
  { prop: 'address', header: '办学地址', aliases: ['地址'], required: true, meaning: '许可证上核定的办学地址', format: '文字，至多200字', example: '上海市普陀区长寿路218号3楼' },
  { prop: 'revokedOn', header: '吊销日期', required: false, meaning: '被吊销时填写', format: 'YYYY-MM-DD 或 YYYY/M/D，不早于发证日期；填写时须同时填写吊销原因', example: '' },
  { prop: 'revocationReason', header: '吊销原因', required: false, meaning: '公开页面显示的吊销原因', format: '文字，至多500字', example: '' },
  { prop: 'asOf', header: '信息日期', aliases: ['数据日期', '更新日期'], required: false, meaning: '这些信息核实的日期；不填为导入当天', format: 'YYYY-MM-DD 或 YYYY/M/D，不晚于今天', example: '2026-11-20' },
];

function rowSchema(ctx: ImportContext) {
  return withRules(cells, [
    { uses: ['issuedOn'], report: 'issuedOn', check: (r) => (r.issuedOn > ctx.today ? `发证日期不能晚于今天（${ctx.today}）。` : null) },
    {
      uses: ['issuedOn', 'expiresOn'],
      report: 'expiresOn',
      check: (r) => (r.expiresOn <= r.issuedOn ? `有效期至（${r.expiresOn}）须晚于发证日期（${r.issuedOn}）。` : null),
    },
    {
      uses: ['issuedOn', 'revokedOn'],
      report: 'revokedOn',
      check: (r) => (r.revokedOn !== null && r.revokedOn < r.issuedOn ? `吊销日期（${r.revokedOn}）早于发证日期（${r.issuedOn}）。` : null),
    },
    { uses: ['revokedOn'], report: 'revokedOn', check: (r) => (r.revokedOn !== null && r.revokedOn > ctx.today ? `吊销日期不能晚于今天（${ctx.today}）。` : null) },
    {
      uses: ['revokedOn', 'revocationReason'],
      report: 'revocationReason',
      check: (r) => (r.revokedOn !== null && r.revocationReason === null ? '填写了吊销日期时，须填写吊销原因。' : null),
    },
    {
      uses: ['revokedOn', 'revocationReason'],
      report: 'revokedOn',
      check: (r) => (r.revokedOn === null && r.revocationReason !== null ? '填写了吊销原因时，须填写吊销日期。' : null),
    },
    { uses: ['asOf'], report: 'asOf', check: (r) => (r.asOf !== null && r.asOf > ctx.today ? `信息日期不能晚于今天（${ctx.today}）。` : null) },
    {
      // A department's handler imports the licences their department issued, no other.
      uses: ['issuingAuthority'],
      report: 'issuingAuthority',
      check: (r) => (ctx.department !== null && r.issuingAuthority !== ctx.department ? `只能导入本部门（${DEPARTMENTS[ctx.department].name}）发放的许可证。` : null),
    },
  ]);
}

export type LicenceRecord = z.output<ReturnType<typeof rowSchema>>;

export const LICENCES_FILE: KindDefinition<Prop, LicenceRecord> = {
  name: '办学许可证',
  columns: LICENCE_COLUMNS,
  key: 'number',
  keyOf: (cell) => cell,
  rowSchema,
};
