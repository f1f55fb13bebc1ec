/**
 * The replica's fallback (db/replica.ts) with stand-ins for the two postgres.js clients: a read
 * goes to the replica; when the replica is away it is answered by the primary, and reads stay
 * there for REPLICA_RETRY_MS before the replica is tried again; a query's own error is not hidden.
 */
import type postgres from 'postgres';
import { describe, expect, it, vi } from 'vitest';
import { fallingBack, REPLICA_RETRY_MS, ReplicaHealth, replicaUnreachable } from '../../../db/replica';

/** A stand-in client whose `unsafe` answers like postgres.js (lazy, with .values()) or fails with `fail()`. */
function client(name: string, fail: () => Error | null = () => null) {
  const calls: string[] = [];
  const unsafe = (query: string) => {
    calls.push(query);
    const answer = () => {
      const error = fail();
      return error ? Promise.reject(error) : Promise.resolve([{ from: name }]);
    };
    return { then: (ok: (v: unknown) => unknown, no: (e: unknown) => unknown) => answer().then(ok, no), values: () => answer().then(() => [[name]]) };
  };
  return { sql: { unsafe, options: { parsers: {} } } as unknown as postgres.Sql, calls };
}

const coded = (code: string) => Object.assign(new Error(code), { code });

describe('reads on a replica', () => {
  it('go to the replica while it answers, rows and arrays alike', async () => {
    const replica = client('replica');
    const primary = client('primary');
    const reads = fallingBack(replica.sql, primary.sql, new ReplicaHealth());
    expect(await reads.unsafe('select 1')).toEqual([{ from: 'replica' }]);
    expect(await reads.unsafe('select 2').values()).toEqual([['replica']]);
    expect(primary.calls).toEqual([]);
  });

  it('fall back to the primary when the replica is away, stay there a while, then try it again', async () => {
    let now = 1_000;
    let away: Error | null = coded('ECONNREFUSED');
    const replica = client('replica', () => away);
    const primary = client('primary');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const reads = fallingBack(replica.sql, primary.sql, new ReplicaHealth(() => now));

    expect(await reads.unsafe('select 1')).toEqual([{ from: 'primary' }]);
    expect(await reads.unsafe('select 2')).toEqual([{ from: 'primary' }]);
    expect(replica.calls).toEqual(['select 1']);
    expect(primary.calls).toEqual(['select 1', 'select 2']);

    away = null;
    now += REPLICA_RETRY_MS;
    expect(await reads.unsafe('select 3')).toEqual([{ from: 'replica' }]);
    expect(warn.mock.calls.map((c) => JSON.parse(String(c[0])) as unknown)).toEqual([
      { level: 'warn', event: 'replica.unreachable', code: 'ECONNREFUSED', msg: 'read replica unreachable: public reads go to the primary' },
      { level: 'warn', event: 'replica.answering', msg: 'read replica answering again: public reads go to it' },
    ]);
    warn.mockRestore();
  });

  it("leave a query's own error alone", async () => {
    const replica = client('replica', () => coded('42P01'));
    const primary = client('primary');
    const reads = fallingBack(replica.sql, primary.sql, new ReplicaHealth());
    await expect(reads.unsafe('select * from nowhere')).rejects.toThrow('42P01');
    expect(primary.calls).toEqual([]);
  });

  it.each(['ECONNREFUSED', 'ECONNRESET', 'CONNECTION_CLOSED', 'CONNECT_TIMEOUT', '57P01', '57P03', '08006', '53300', '40001', 'QUERY_TIMEOUT'])('count %s as "the replica is away"', (code) => {
    expect(replicaUnreachable(coded(code))).toBe(true);
  });

  it.each(['42P01', '23505', '25006', '22P02'])('count %s as the query\'s own error', (code) => {
    expect(replicaUnreachable(coded(code))).toBe(false);
  });
});
