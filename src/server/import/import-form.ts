/**
 * The staff upload page (/staff/import) on the server. Step 1, "check": the file is validated
 * (src/domain/import) and dry-run against the database; the page shows the error table, or what
 * would change and a confirm button, the file being kept server-side (db/queries/import/pending-imports.ts). Step 2,
 * "confirm": the kept file is validated again and imported in one transaction, then
 * post/redirect/get with a one-time message.
 */
import type { AstroCookies } from 'astro';
import { importFiles, importPart, type ImportCounts } from '../../../db/queries/import/imports';
import { keepPendingImport, takePendingImport } from '../../../db/queries/import/pending-imports';
import { fieldErrors, FORM_LEVEL, type FieldError } from '../../domain/shared/form-fields';
import {
  encodingName,
  IMPORT_KIND_DEFINITIONS,
  MAX_IMPORT_BYTES,
  validateImport,
  type FileFacts,
  type ImportKind,
  type ImportProblem,
} from '../../domain/import';
import { confirmFormSchema, uploadFormSchema } from '../../domain/import/upload-form';
import type { StaffActor } from '../../domain/staff/staff-roles';
import { setFlash } from '../http/flash';
import { readFormData } from '../http/body';
import { appSecret } from '../shared/secret';
import { isHttpsRequest } from '../staff/staff-session';

export const IMPORT_PATH = '/staff/import';

/** The file and the form's few other fields; multipart boundaries take a few hundred bytes. */
const BODY_LIMIT = MAX_IMPORT_BYTES + 64 * 1024;
const FIELD_ORDER = ['kind', 'encoding', 'file'];

export interface CheckedFile {
  name: string;
  kind: ImportKind;
  rows: number;
  /** "UTF-8（带 BOM）", "GB18030（GBK）", or null when it could not be read. */
  encoding: string | null;
  ignoredColumns: string[];
}

export interface ImportPageState {
  values: { kind?: string; encoding?: string };
  errors: FieldError[];
  file?: CheckedFile;
  /** The error table: nothing was imported. */
  problems?: ImportProblem[];
  /** The dry run passed: what the import will do, and the key of the kept file. */
  plan?: { counts: ImportCounts; sha256: string };
}

export type ImportPostResult = { kind: 'redirect'; location: string } | { kind: 'page'; status: 200 | 400 | 413; state: ImportPageState };

export interface FormContext {
  request: Request;
  cookies: AstroCookies;
  locals: App.Locals;
}


/** The upload (multipart) or the confirm form (url-encoded); anything else cannot be read. */
async function readForm(request: Request): Promise<FormData | 'too_large' | 'malformed' | { field: string; message: string }> {
  const body = await readFormData(request, BODY_LIMIT);
  if (body.kind === 'ok') return body.form;
  if (body.kind === 'bad_text') return { field: body.field, message: body.message };
  return body.kind === 'too_large' ? 'too_large' : 'malformed';
}

const text = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === 'string' ? v : undefined;
};

/** A file name fit for the page and the audit log: no folders, at most 200 characters. */
function cleanName(name: string): string {
  return (name.split(/[\\/]/).pop() ?? '').slice(0, 200) || '(未命名文件)';
}

/** Handlers import for their department; an administrator for none (the file names it). */
const departmentOf = (actor: StaffActor) => (actor.role === 'handler' ? actor.department : null);

function describeFile(name: string, facts: FileFacts<ImportKind>): CheckedFile {
  return {
    name,
    kind: facts.kind,
    rows: facts.rows,
    encoding: facts.encoding ? encodingName({ encoding: facts.encoding, bom: facts.bom }) : null,
    ignoredColumns: facts.ignoredColumns,
  };
}

function page(status: 200 | 400 | 413, state: ImportPageState): ImportPostResult {
  return { kind: 'page', status, state };
}

/** POST /staff/import: `intent` is check (a file) or confirm (the checked file's SHA-256). */
export async function handleImportPost(ctx: FormContext, actor: StaffActor): Promise<ImportPostResult> {
  const form = await readForm(ctx.request);
  if (form === 'too_large') {
    return page(413, { values: {}, errors: [{ field: 'file', message: `文件超过 ${MAX_IMPORT_BYTES / 1024 / 1024} MB 的上限，请拆分成几个文件分别导入。` }] });
  }
  if (form === 'malformed') return page(400, { values: {}, errors: [{ field: FORM_LEVEL, message: '无法读取提交的表单，请重新上传文件。' }] });
  if (!(form instanceof FormData)) return page(400, { values: {}, errors: [form] });
  return text(form, 'intent') === 'confirm' ? confirm(ctx, actor, form) : check(ctx, actor, form);
}

async function check(ctx: FormContext, actor: StaffActor, form: FormData): Promise<ImportPostResult> {
  const values = { kind: text(form, 'kind'), encoding: text(form, 'encoding') };
  const parsed = uploadFormSchema.safeParse({ kind: values.kind, encoding: values.encoding || undefined });
  const errors = parsed.success ? [] : fieldErrors(parsed.error.issues, FIELD_ORDER);
  const file = form.get('file');
  // A form sent without choosing a file carries an empty part with no name.
  if (!(file instanceof File) || (file.size === 0 && file.name === '')) errors.push({ field: 'file', message: '请选择要导入的 CSV 文件。' });
  if (!parsed.success || errors.length > 0 || !(file instanceof File)) return page(400, { values, errors });

  const { kind, encoding } = parsed.data;
  const bytes = new Uint8Array(await file.arrayBuffer());
  const name = cleanName(file.name);
  const result = validateImport(kind, bytes, { encoding, today: ctx.locals.today, department: departmentOf(actor) });
  const checked = describeFile(name, result);
  if (!result.ok) return page(400, { values, errors: [], file: checked, problems: result.problems });

  const dry = await importFiles(ctx.locals.db, [importPart(result, name)], { actorId: actor.id, actorName: actor.username, dryRun: true, today: ctx.locals.today });
  if (!dry.ok) return page(400, { values, errors: [], file: checked, problems: dry.files.flatMap((f) => f.problems) });
  await keepPendingImport(ctx.locals.db, { staffId: actor.id, kind, encoding, fileName: name, sha256: result.sha256, bytes });
  return page(200, { values, errors: [], file: checked, plan: { counts: dry.parts[0]!.counts, sha256: result.sha256 } });
}

async function confirm(ctx: FormContext, actor: StaffActor, form: FormData): Promise<ImportPostResult> {
  const parsed = confirmFormSchema.safeParse({ sha256: text(form, 'sha256') });
  const upload = parsed.success ? await takePendingImport(ctx.locals.db, actor.id, parsed.data.sha256) : null;
  if (!upload) {
    return page(400, {
      values: {},
      errors: [{ field: 'file', message: '没有找到待导入的文件：检查结果只保留 30 分钟，确认导入后即失效。请重新选择文件并检查。' }],
    });
  }
  const values = { kind: upload.kind, encoding: upload.encoding };
  // Validated again: the rules may depend on the day, and the records are not kept between steps.
  const result = validateImport(upload.kind, upload.bytes, { encoding: upload.encoding, today: ctx.locals.today, department: departmentOf(actor) });
  const checked = describeFile(upload.fileName, result);
  if (!result.ok) return page(400, { values, errors: [], file: checked, problems: result.problems });
  const outcome = await importFiles(ctx.locals.db, [importPart(result, upload.fileName)], {
    actorId: actor.id,
    actorName: actor.username,
    dryRun: false,
    today: ctx.locals.today,
  });
  // The database changed since the dry run (another import, say): nothing was written.
  if (!outcome.ok) return page(400, { values, errors: [], file: checked, problems: outcome.files.flatMap((f) => f.problems) });

  const c = outcome.parts[0]!.counts;
  const waiting = upload.kind === 'inspections' && c.inserted + c.updated > 0 ? '检查记录不会直接公开：标为公开的记录须经本部门另一人审核。' : '';
  const message = `已导入“${upload.fileName}”（${IMPORT_KIND_DEFINITIONS[upload.kind].name}，${c.rows} 行）：新增 ${c.inserted} 条，更新 ${c.updated} 条，未变 ${c.unchanged} 条。${waiting}`;
  setFlash(ctx.cookies, await appSecret(ctx.locals.db), isHttpsRequest(ctx.request), { kind: 'success', message });
  return { kind: 'redirect', location: IMPORT_PATH };
}
