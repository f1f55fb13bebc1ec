/**
 * 检查记录 files: one row per inspection, upserted by 检查编号, each naming its institution by
 * 统一社会信用代码. They are written as records of the importing department: a handler can import
 * only its own department's inspections; an administrator or the CLI names the department in the
 * 检查部门 column. 是否公开 asks for publication: the result still waits for a second person of the
 * department to approve it (four eyes), so an import never publishes anything itself.
 */
import { z } from 'zod';
import { DEPARTMENTS, type DepartmentCode } from '../shared/reference';
import { choice, choices, creditCodeCell, optionalChoice, optionalDate, optionalText, requiredDate, requiredText, textList, yesNo } from './cells';
import type { ColumnDoc, ImportContext, KindDefinition } from './columns';
import { withRules } from './row-rules';
import { DEPARTMENT_SPELLINGS, INSPECTION_ITEM_SPELLINGS, INSPECTION_KIND_SPELLINGS, INSPECTION_RESULT_SPELLINGS } from './spellings';

const cells = z.object({
  reference: requiredText(60),
  creditCode: creditCodeCell,
  inspectedOn: requiredDate,
  kind: choice('检查类型', INSPECTION_KIND_SPELLINGS),
  department: optionalChoice('检查部门', DEPARTMENT_SPELLINGS),
  inspectors: textList(40),
  checkedItems: choices('检查事项', INSPECTION_ITEM_SPELLINGS, true),
  findings: requiredText(2000),
  result: choice('检查结果', INSPECTION_RESULT_SPELLINGS),
  rectifyBy: optionalDate,
  rectificationOutcome: optionalText(1000),
  followedUpOn: optionalDate,
  published: yesNo(true),
});
type Cells = z.output<typeof cells>;
type Prop = keyof Cells;

export const INSPECTION_COLUMNS: readonly ColumnDoc<Prop>[] = [
  { prop: 'reference', header: '检查编号', aliases: ['编号'], required: true, meaning: '部门给这次检查的编号，导入时按它新增或更新', format: '文字，至多60字，全区唯一', example: '普教检〔2026〕001号' },
  { prop: 'creditCode', header: '统一社会信用代码', aliases: ['信用代码', '社会信用代码'], required: true, meaning: '被检查机构；须已在登记库中，或在同一次导入的机构文件中', format: '18位，校验位须正确', example: '91310107MA1GKP0015' },
  { prop: 'inspectedOn', header: '检查日期', required: true, meaning: '实施检查的日期', format: 'YYYY-MM-DD 或 YYYY/M/D，不晚于今天', example: '2026-10-12' },
  { prop: 'kind', header: '检查类型', aliases: ['检查方式'], required: true, meaning: '定期、“双随机”或专项检查', format: '定期检查、双随机检查、专项检查', example: '双随机检查' },
  { prop: 'department', header: '检查部门', aliases: ['实施部门'], required: false, meaning: '实施检查的部门；以部门账号导入时不填即为本部门，填写时须为本部门', format: '部门名称或代码', example: '区教育局' },
  { prop: 'inspectors', header: '检查人员', required: false, meaning: '执法检查人员', format: '多个用“、”分隔', example: '王敏、李强' },
  { prop: 'checkedItems', header: '检查事项', aliases: ['检查内容'], required: true, meaning: '检查了哪些方面', format: '场所安全、培训项目内容、人员资质、承诺的服务质量；多个用“、”分隔', example: '场所安全、人员资质' },
  { prop: 'findings', header: '检查情况', aliases: ['检查发现', '发现问题'], required: true, meaning: '公开的检查结果说明', format: '文字，至多2000字', example: '经检查，消防通道畅通，……未发现问题。' },
  { prop: 'result', header: '检查结果', aliases: ['结论'], required: true, meaning: '检查结论', format: '合格、责令整改、不合格', example: '合格' },
  { prop: 'rectifyBy', header: '整改期限', required: false, meaning: '责令整改时的期限；结果为“责令整改”时必填', format: 'YYYY-MM-DD 或 YYYY/M/D，不早于检查日期', example: '2026/10/3' },
  { prop: 'rectificationOutcome', header: '整改结果', aliases: ['整改情况'], required: false, meaning: '复查后的整改情况', format: '文字，至多1000字', example: '已按期完成整改，复查合格。' },
  { prop: 'followedUpOn', header: '复查日期', required: false, meaning: '复查的日期', format: 'YYYY-MM-DD 或 YYYY/M/D，不早于检查日期', example: '2026/10/8' },
  { prop: 'published', header: '是否公开', required: false, meaning: '是否申请公开检查结果；“是”的记录导入后等待本部门另一人审核后公开', format: '是、否；不填为“是”', example: '是' },
];

function rowSchema(ctx: ImportContext) {
  const own = ctx.department;
  return withRules(cells, [
    { uses: ['inspectedOn'], report: 'inspectedOn', check: (r) => (r.inspectedOn > ctx.today ? `检查日期不能晚于今天（${ctx.today}）。` : null) },
    {
      uses: ['inspectedOn', 'rectifyBy'],
      report: 'rectifyBy',
      check: (r) => (r.rectifyBy !== null && r.rectifyBy < r.inspectedOn ? `整改期限（${r.rectifyBy}）早于检查日期（${r.inspectedOn}）。` : null),
    },
    {
      uses: ['result', 'rectifyBy'],
      report: 'rectifyBy',
      check: (r) => (r.result === 'rectify' && r.rectifyBy === null ? '检查结果为“责令整改”时，须填写整改期限。' : null),
    },
    {
      uses: ['inspectedOn', 'followedUpOn'],
      report: 'followedUpOn',
      check: (r) => (r.followedUpOn !== null && r.followedUpOn < r.inspectedOn ? `复查日期（${r.followedUpOn}）早于检查日期（${r.inspectedOn}）。` : null),
    },
    {
      uses: ['followedUpOn'],
      report: 'followedUpOn',
      check: (r) => (r.followedUpOn !== null && r.followedUpOn > ctx.today ? `复查日期不能晚于今天（${ctx.today}）。` : null),
    },
    {
      uses: ['department'],
      report: 'department',
      check: (r) => {
        if (r.department === null && own === null) return '请填写检查部门（以部门账号导入时可不填，即为本部门）。';
        if (r.department !== null && own !== null && r.department !== own) return `只能导入本部门（${DEPARTMENTS[own].name}）的检查记录。`;
        return null;
      },
    },
  ]).transform((r, tctx) => {
    const department: DepartmentCode | null = r.department ?? own;
    // Unreachable (the rule above reported it and a transform runs only on a clean row); narrows the type.
    if (department === null) {
      tctx.addIssue({ code: 'custom', path: ['department'], message: '请填写检查部门。' });
      return z.NEVER;
    }
    return { ...r, department };
  });
}

export type InspectionRecord = z.output<ReturnType<typeof rowSchema>>;

export const INSPECTIONS_FILE: KindDefinition<Prop, InspectionRecord> = {
  name: '检查记录',
  columns: INSPECTION_COLUMNS,
  key: 'reference',
  keyOf: (cell) => cell,
  rowSchema,
};
