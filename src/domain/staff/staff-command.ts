/**
 * The command line of `npm run staff` (src/cli/staff.ts), read and checked: which command, with
 * which flags, and each problem said in the flag's own name. Pure, so it is tested without a
 * database or a process.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { USERNAME_PATTERN } from './staff-account';

const username = z.string({ error: 'needs --username' }).regex(USERNAME_PATTERN, '--username must be 3-32 characters of a-z, 0-9, ".", "_" and "-"');
const commandSchema = z.discriminatedUnion(
  'command',
  [
    z.object({
      command: z.literal('add'),
      username: z.string({ error: 'add needs --username' }),
      name: z.string({ error: 'add needs --name' }),
      role: z.string({ error: 'add needs --role' }),
      department: z.string().optional(),
      street: z.string().optional(),
      manager: z.boolean().default(false),
      'password-stdin': z.boolean().default(false),
    }),
    z.object({ command: z.literal('list') }),
    z.object({ command: z.literal('disable'), username }),
    z.object({ command: z.literal('enable'), username }),
    z.object({ command: z.literal('reset-password'), username, 'password-stdin': z.boolean().default(false) }),
    z.object({ command: z.literal('help') }),
  ],
  { error: (iss) => (iss.code === 'invalid_union' ? 'the command must be add, list, disable, enable or reset-password' : undefined) },
);
export type Command = z.infer<typeof commandSchema>;

const OPTIONS = {
  username: { type: 'string' },
  name: { type: 'string' },
  role: { type: 'string' },
  department: { type: 'string' },
  street: { type: 'string' },
  manager: { type: 'boolean' },
  'password-stdin': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The command line read, or what is wrong with it. */
export function readCommand(argv: string[]): { ok: true; command: Command } | { ok: false; message: string } {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, strict: true, allowPositionals: true, options: OPTIONS });
  } catch (e) {
    return { ok: false, message: (e as Error).message };
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length === 0) return { ok: true, command: { command: 'help' } };
  if (positionals.length > 1) return { ok: false, message: `one command at a time, got: ${positionals.join(' ')}` };
  const result = commandSchema.safeParse({ command: positionals[0], ...values });
  if (!result.success) return { ok: false, message: result.error.issues.map((i) => i.message).join('; ') };
  return { ok: true, command: result.data };
}

/** The form field each account rule is about, as the command line names it. */
const FLAG_OF: Record<string, string> = { username: '--username', displayName: '--name', role: '--role', department: '--department', street: '--street', isManager: '--manager', password: 'password' };

/** The account rules' errors, one line per flag. */
export function describeErrors(errors: { field: string; message: string }[]): string {
  return errors.map((e) => `  ${FLAG_OF[e.field] ?? e.field}: ${e.message}`).join('\n');
}

