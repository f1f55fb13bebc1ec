/**
 * The two forms of the staff upload page (/staff/import): the file with its kind and encoding (a
 * dry run), then the confirmation, which names the checked file by its SHA-256 only.
 */
import { z } from 'zod';
import { IMPORT_ENCODINGS } from './decode';
import { IMPORT_KINDS } from './kinds';

export const uploadFormSchema = z.object({
  kind: z.enum(IMPORT_KINDS, { error: '请选择导入类型：机构、办学许可证或检查记录。' }),
  encoding: z.enum(IMPORT_ENCODINGS, { error: '请选择文件编码。' }).default('auto'),
});

export const confirmFormSchema = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/, '确认请求无效，请重新上传文件。'),
});

/** Names of the choices, in the order of the select. */
export const KIND_CHOICES = [
  { value: 'institutions', label: '机构' },
  { value: 'licences', label: '办学许可证' },
  { value: 'inspections', label: '检查记录' },
] as const;

export const ENCODING_CHOICES = [
  { value: 'auto', label: '自动识别（UTF-8 或 GB18030）' },
  { value: 'utf8', label: 'UTF-8' },
  { value: 'gb18030', label: 'GB18030 / GBK（表格软件在中文系统上另存的普通 CSV）' },
] as const;
