// Failing fast while the database is away: the query deadline (db/query-deadline.ts) and what a
// failed database call means for the person waiting (src/server/shared/database-errors.ts).
import { describe, expect, it } from 'vitest';
import type postgres from 'postgres';
import { QUERY_TIMEOUT, withQueryDeadline } from '../../../db/query-deadline';
import { isDatabaseUnreachable, writeOutcome } from '../../../src/server/shared/database-errors';

/** A stand-in for postgres.js: queries are lazy thenables that answer after `answerMs` (never when null). */
function fakeClient(answerMs: number | null) {
  const sent: string[] = [];
  const query = (text: string) => {
    const q = {
      values: () => q,
      then(onFulfilled?: (v: unknown) => unknown, onRejected?: (e: unknown) => unknown) {
        sent.push(text);
        return new Promise((resolve) => {
          if (answerMs !== null) setTimeout(() => resolve([{ text }]), answerMs);
        }).then(onFulfilled, onRejected);
      },
    };
    return q;
  };
  const client = {
    unsafe: (text: string) => query(text),
    begin: async (fn: (scoped: unknown) => unknown) => {
      if (answerMs === null) return new Promise(() => {});
      await new Promise((r) => setTimeout(r, answerMs));
      return fn(client);
    },
  };
  return { client: client as unknown as postgres.Sql, sent };
}

describe('query deadline', () => {
  it('answers as the database does when it answers in time, through .values() too', async () => {
    const { client } = fakeClient(5);
    const sql = withQueryDeadline(client, 200);
    expect(await sql.unsafe('select 1')).toEqual([{ text: 'select 1' }]);
    expect(await sql.unsafe('select 2').values()).toEqual([{ text: 'select 2' }]);
  });

  it('rejects with QUERY_TIMEOUT when the database does not answer in time', async () => {
    const { client } = fakeClient(null);
    const started = Date.now();
    await expect(withQueryDeadline(client, 80).unsafe('select 1')).rejects.toMatchObject({ code: QUERY_TIMEOUT });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('a transaction that cannot get its connection in time rejects, and its work never runs', async () => {
    const { client } = fakeClient(null);
    let ran = false;
    await expect(
      withQueryDeadline(client, 80).begin(async () => {
        ran = true;
      }),
    ).rejects.toMatchObject({ code: QUERY_TIMEOUT });
    expect(ran).toBe(false);
  });

  it('a transaction that started may take longer than the deadline in all (a staff import)', async () => {
    const { client } = fakeClient(5);
    const sql = withQueryDeadline(client, 60);
    const result = await sql.begin(async (tx) => {
      for (let i = 0; i < 4; i++) await tx.unsafe(`insert ${i}`);
      return 'done';
    });
    expect(result).toBe('done');
  });

  it('0 leaves the client as it was (command-line tools)', () => {
    const { client } = fakeClient(5);
    expect(withQueryDeadline(client, 0)).toBe(client);
  });
});

describe('what a failed database call means', () => {
  const err = (code: string) => Object.assign(new Error(code), { code });
  it('connection failures and the deadline are "out of reach"; a server error is not', () => {
    for (const code of ['ECONNREFUSED', 'CONNECT_TIMEOUT', 'CONNECTION_CLOSED', 'QUERY_TIMEOUT', '57P01']) expect(isDatabaseUnreachable(err(code))).toBe(true);
    expect(isDatabaseUnreachable(err('23505'))).toBe(false);
    expect(isDatabaseUnreachable(new Error('Failed query', { cause: err('ECONNRESET') }))).toBe(true);
  });

  it('a write is known not to have happened only when no connection was made', () => {
    expect(writeOutcome(err('ECONNREFUSED'))).toBe('no');
    expect(writeOutcome(new Error('Failed query', { cause: err('CONNECT_TIMEOUT') }))).toBe('no');
    expect(writeOutcome(err('CONNECTION_CLOSED'))).toBe('unknown');
    expect(writeOutcome(err('QUERY_TIMEOUT'))).toBe('unknown');
  });
});
