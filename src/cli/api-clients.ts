/**
 * `npm run api-client -- <command>`: the registered channels that may post complaints through
 * Open311 (README, "Open311 GeoReport v2").
 *
 *   add --name "12345 热线" --channel hotline   registers a client and prints its new key ONCE
 *   list                                        id, channel, name, active, created (never keys)
 *   disable --id N                              the key stops working at once; it cannot be revived
 *
 * Works on the database named by the environment (DATABASE_URL, else PGlite at PGLITE_DIR; PGlite
 * allows one process, so stop the server first). Exit codes: 0 done, 1 failure, 2 bad command line.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { apiKeyHash, generateApiKey } from '../server/open311/api-keys';
import { env } from '../config/env';
import { getDb } from '../../db/client';
import { migrate } from '../../db/migrate';
import { addApiClient, disableApiClient, listApiClients } from '../../db/queries/open311/open311';

const USAGE = `Usage: npm run api-client -- add --name NAME --channel CHANNEL
       npm run api-client -- list
       npm run api-client -- disable --id N

  --name NAME        who uses the key, e.g. "12345 热线" (1-100 characters)
  --channel CHANNEL  a short code for the channel: a-z, 0-9, _ and - (e.g. hotline, petition)
  --id N             the client's id, as shown by list`;

const commandSchema = z.discriminatedUnion('command', [
  z.object({
    command: z.literal('add'),
    name: z.string({ error: 'add needs --name' }).trim().min(1, '--name must not be empty').max(100, '--name must be at most 100 characters'),
    channel: z.string({ error: 'add needs --channel' }).regex(/^[a-z0-9_-]{1,32}$/, '--channel must be 1-32 characters of a-z, 0-9, _ and -'),
  }),
  z.object({ command: z.literal('list') }),
  z.object({
    command: z.literal('disable'),
    id: z
      .string({ error: 'disable needs --id' })
      .regex(/^\d{1,9}$/, '--id must be a whole number')
      .transform(Number),
  }),
  z.object({ command: z.literal('help') }),
], { error: (iss) => (iss.code === 'invalid_union' ? 'the command must be add, list or disable' : undefined) });
export type Command = z.infer<typeof commandSchema>;

function fail(message: string): never {
  console.error(`api-client: ${message}\n\n${USAGE}`);
  process.exit(2);
}

const OPTIONS = {
  name: { type: 'string' },
  channel: { type: 'string' },
  id: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function readArgv(argv: string[]) {
  try {
    return parseArgs({ args: argv, strict: true, allowPositionals: true, options: OPTIONS });
  } catch (e) {
    fail((e as Error).message);
  }
}

/** Parses argv; prints what is wrong and exits with code 2 on a bad command line. */
export function parseCli(argv: string[]): Command {
  const { values, positionals } = readArgv(argv);
  if (values.help || positionals.length === 0) return { command: 'help' };
  if (positionals.length > 1) fail(`one command at a time, got: ${positionals.join(' ')}`);
  const result = commandSchema.safeParse({ command: positionals[0], ...values });
  if (!result.success) fail(result.error.issues.map((i) => i.message).join('; '));
  return result.data;
}

async function main(): Promise<void> {
  const command = parseCli(process.argv.slice(2));
  if (command.command === 'help') {
    console.log(USAGE);
    return;
  }
  const handle = await getDb();
  try {
    console.error(`api-client: ${handle.driver === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `PGlite at ${env().PGLITE_DIR}`}`);
    await migrate(handle);
    switch (command.command) {
      case 'add': {
        const key = generateApiKey();
        const client = await addApiClient(handle.db, { name: command.name, channel: command.channel, keyHash: apiKeyHash(key) });
        console.error(`api-client: registered #${client.id} "${client.name}" (channel ${client.channel}). The key is shown once; only its hash is kept:`);
        // The key alone on stdout, so scripts can capture it: KEY=$(npm run -s api-client -- add ...)
        console.log(key);
        break;
      }
      case 'list': {
        const clients = await listApiClients(handle.db);
        if (clients.length === 0) console.log('no API clients registered');
        for (const c of clients) {
          console.log([`#${c.id}`, c.channel, c.active ? 'active' : 'disabled', c.createdAt.toISOString(), c.name].join('\t'));
        }
        break;
      }
      case 'disable': {
        if (!(await disableApiClient(handle.db, command.id))) {
          console.error(`api-client: there is no client #${command.id}`);
          process.exitCode = 1;
          return;
        }
        console.log(`api-client: client #${command.id} disabled; its key no longer works`);
        break;
      }
    }
  } finally {
    await handle.close();
  }
}

main().catch((e: unknown) => {
  console.error('api-client failed:', e instanceof Error ? (e.stack ?? e.message) : e);
  process.exitCode = 1;
});
