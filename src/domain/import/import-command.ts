/**
 * The command line of `npm run import` (src/cli/import.ts), read and checked: each --kind with its
 * file, the options, and each problem said in the flag's own name. Pure: today is a parameter.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ISO_DATE, type IsoDate } from '../shared/dates';
import { choice } from './cells';
import { IMPORT_ENCODINGS, IMPORT_KINDS } from './';
import { DEPARTMENT_SPELLINGS } from './spellings';

const argsSchema = z.object({
  files: z
    .array(z.object({ kind: z.enum(IMPORT_KINDS, { error: (i) => `--kind must be one of ${IMPORT_KINDS.join(', ')}, not "${String(i.input)}"` }), path: z.string() }))
    .min(1, 'name at least one file: --kind institutions file.csv'),
  dryRun: z.boolean(),
  encoding: z.enum(IMPORT_ENCODINGS, { error: () => `--encoding must be one of ${IMPORT_ENCODINGS.join(', ')}` }),
  department: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined) return null;
      const parsed = choice('部门', DEPARTMENT_SPELLINGS).safeParse(v.trim());
      if (!parsed.success) ctx.addIssue({ code: 'custom', message: `--department: unknown department "${v}"` });
      return parsed.success ? parsed.data : z.NEVER;
    }),
  today: z.string().regex(ISO_DATE, '--today must be a date like 2026-03-25'),
});
export type ImportCommand = z.infer<typeof argsSchema>;

/** The command line read, or what is wrong with it. `today` is the default of --today. */
export function readImportCommand(argv: string[], today: IsoDate): { ok: true; command: ImportCommand | 'help' } | { ok: false; message: string } {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: {
        kind: { type: 'string', multiple: true },
        'dry-run': { type: 'boolean', default: false },
        encoding: { type: 'string', default: 'auto' },
        department: { type: 'string' },
        today: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    return { ok: false, message: (e as Error).message };
  }
  const { values, positionals } = parsed;
  if (values.help) return { ok: true, command: 'help' };
  const kinds = values.kind ?? [];
  // Each --kind goes with the file in the same position: --kind a x.csv --kind b y.csv.
  if (kinds.length !== positionals.length) return { ok: false, message: `give one --kind per file (got ${kinds.length} --kind for ${positionals.length} file(s))` };
  const result = argsSchema.safeParse({
    files: kinds.map((kind, i) => ({ kind, path: positionals[i] })),
    dryRun: values['dry-run'],
    encoding: values.encoding,
    department: values.department,
    today: values.today ?? today,
  });
  if (!result.success) return { ok: false, message: result.error.issues.map((i) => i.message).join('; ') };
  return { ok: true, command: result.data };
}
