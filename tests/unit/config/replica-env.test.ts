/** DATABASE_REPLICA_URL (src/config/env.ts): a postgres:// URL, and only beside DATABASE_URL. */
import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../../src/config/env';

const PRIMARY = 'postgres://portal@db1.internal:5432/putuo';
const REPLICA = 'postgres://portal@db2.internal:5432/putuo';

describe('DATABASE_REPLICA_URL', () => {
  it('is optional, and blank means none', () => {
    expect(parseEnv({ DATABASE_URL: PRIMARY }).DATABASE_REPLICA_URL).toBeUndefined();
    expect(parseEnv({ DATABASE_URL: PRIMARY, DATABASE_REPLICA_URL: '  ' }).DATABASE_REPLICA_URL).toBeUndefined();
  });

  it('takes a postgres:// or postgresql:// URL beside DATABASE_URL', () => {
    expect(parseEnv({ DATABASE_URL: PRIMARY, DATABASE_REPLICA_URL: ` ${REPLICA} ` }).DATABASE_REPLICA_URL).toBe(REPLICA);
    expect(parseEnv({ DATABASE_URL: PRIMARY, DATABASE_REPLICA_URL: 'postgresql://db2/putuo' }).DATABASE_REPLICA_URL).toBe('postgresql://db2/putuo');
  });

  it('refuses another scheme, naming the variable', () => {
    expect(() => parseEnv({ DATABASE_URL: PRIMARY, DATABASE_REPLICA_URL: 'mysql://db2/putuo' })).toThrow('DATABASE_REPLICA_URL: DATABASE_REPLICA_URL must be a postgres:// or postgresql:// URL');
  });

  it('refuses a replica without DATABASE_URL: PGlite has no replicas', () => {
    expect(() => parseEnv({ DATABASE_REPLICA_URL: REPLICA })).toThrow('DATABASE_REPLICA_URL: DATABASE_REPLICA_URL needs DATABASE_URL');
  });
});
