/**
 * `npm run staff -- <command>`: staff accounts from the command line, for the first
 * administrator of a new installation and for scripts. The same rules as the administrator's page
 * (src/domain/staff/staff-account.ts) and the same audit log (actor "system").
 *
 *   add --username U --name 显示名 --role ROLE [--department D] [--street S] [--manager] [--password-stdin]
 *   list
 *   disable --username U          ends every session of the account at once
 *   enable --username U
 *   reset-password --username U [--password-stdin]
 *
 * Without --password-stdin a strong password is generated and printed once, alone on stdout (so
 * `PW=$(npm run -s staff -- add ...)` captures it); a password is never printed otherwise. Works on
 * the database named by the environment (DATABASE_URL, else PGlite at PGLITE_DIR; PGlite allows
 * one process, so stop the server first). Exit codes: 0 done, 1 failure, 2 bad command line.
 */
import { describePlacement, parsePasswordReset, parseStaffAccount } from '../domain/staff/staff-account';
import { DEPARTMENT_CODES, STREET_CODES } from '../domain/shared/reference';
import { STAFF_ROLES } from '../domain/staff/staff-roles';
import { env } from '../config/env';
import { describeErrors, readCommand } from '../domain/staff/staff-command';
import { generatePassword } from '../server/staff/passwords';
import { createStaffAccount, resetStaffPassword, setStaffDisabled } from '../server/staff/staff-accounts';
import { getDb } from '../../db/client';
import { migrate } from '../../db/migrate';
import { listStaffUsers, staffUserByUsername } from '../../db/queries/staff/staff';
import { seedReference } from '../../db/seed/reference';

const USAGE = `Usage: npm run staff -- add --username U --name NAME --role ROLE [--department D] [--street S] [--manager] [--password-stdin]
       npm run staff -- list
       npm run staff -- disable --username U
       npm run staff -- enable --username U
       npm run staff -- reset-password --username U [--password-stdin]

  --username U       sign-in name: 3-32 characters of a-z, 0-9, ".", "_" and "-"
  --name NAME        display name, usually the person's name (显示名称)
  --role ROLE        ${STAFF_ROLES.join(', ')}
  --department D     dispatcher: grid or petition; handler: the department (e.g. edu, market);
                     coordinator, supervisor and grid may leave it out; admin has none
                     codes: ${DEPARTMENT_CODES.join(', ')}
  --street S         grid staff only: ${STREET_CODES.join(', ')}
  --manager          the department's manager (handler, coordinator): gets overdue escalations
  --password-stdin   read the password from standard input instead of generating one`;

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) console.error('staff: type the password, then Enter and Ctrl-D:');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  // One final line break is the end of the line, not part of the password.
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

function fail(message: string): never {
  console.error(`staff: ${message}\n\n${USAGE}`);
  process.exit(2);
}

async function main(): Promise<void> {
  const read = readCommand(process.argv.slice(2));
  if (!read.ok) fail(read.message);
  const command = read.command;
  if (command.command === 'help') {
    console.log(USAGE);
    return;
  }
  // Validate before opening the database: a typo costs nothing.
  let password: string | null = null;
  let generated = false;
  if (command.command === 'add' || command.command === 'reset-password') {
    generated = !command['password-stdin'];
    password = generated ? generatePassword() : await readStdin();
  }
  const account =
    command.command === 'add'
      ? parseStaffAccount({ username: command.username, displayName: command.name, role: command.role, department: command.department, street: command.street, isManager: command.manager, password })
      : null;
  if (account && !account.ok) {
    console.error(`staff: the account was not created:\n${describeErrors(account.errors)}`);
    process.exit(2);
  }

  const handle = await getDb();
  try {
    console.error(`staff: ${handle.driver === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `PGlite at ${env().PGLITE_DIR}`}`);
    await migrate(handle);
    await seedReference(handle.db);
    const { db } = handle;
    if (command.command === 'list') {
      const users = await listStaffUsers(db);
      if (users.length === 0) console.log('no staff accounts');
      for (const u of users) {
        const p = describePlacement(u);
        console.log([`#${u.id}`, u.username, u.disabled ? 'disabled' : 'active', u.role, p.body ?? '-', u.displayName].join('\t'));
      }
      return;
    }
    if (command.command === 'add' && account?.ok) {
      const result = await createStaffAccount(db, null, account.value);
      if (result.kind !== 'done') {
        console.error(`staff: the account was not created:\n${describeErrors(result.kind === 'invalid' ? result.errors.map((e) => ({ field: e.field, message: e.message })) : [])}`);
        process.exitCode = 1;
        return;
      }
      console.error(`staff: created #${result.user.id} ${result.user.username} (${describePlacement(result.user).role}).`);
      if (generated) {
        console.error('staff: its password is shown once below; only its hash is kept:');
        console.log(password);
      }
      return;
    }
    const user = await staffUserByUsername(db, command.username);
    if (!user) {
      console.error(`staff: there is no account "${command.username}"`);
      process.exitCode = 1;
      return;
    }
    if (command.command === 'reset-password') {
      const checked = parsePasswordReset({ password }, user.username);
      if (!checked.ok) {
        console.error(`staff: the password was not changed:\n${describeErrors(checked.errors)}`);
        process.exitCode = 2;
        return;
      }
      await resetStaffPassword(db, null, user.id, checked.value);
      console.error(`staff: new password set for ${user.username}; its sessions have ended.`);
      if (generated) {
        console.error('staff: the new password is shown once below:');
        console.log(password);
      }
      return;
    }
    const result = await setStaffDisabled(db, null, user.id, command.command === 'disable');
    if (result.kind === 'done' && !result.changed) console.log(`staff: ${user.username} was already ${command.command}d`);
    else console.log(`staff: ${user.username} ${command.command}d${command.command === 'disable' ? '; its sessions have ended' : ''}`);
  } finally {
    await handle.close();
  }
}

main().catch((e: unknown) => {
  console.error('staff failed:', e instanceof Error ? (e.stack ?? e.message) : e);
  process.exitCode = 1;
});
