/** The checked environment (src/config/env.ts): defaults, and a refusal that names the variable. */
import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../../src/config/env';

describe('environment', () => {
  it('uses a pool of 4 PostgreSQL connections unless told otherwise', () => {
    expect(parseEnv({}).DATABASE_POOL_SIZE).toBe(4);
    expect(parseEnv({ DATABASE_POOL_SIZE: '' }).DATABASE_POOL_SIZE).toBe(4);
    expect(parseEnv({ DATABASE_POOL_SIZE: ' 12 ' }).DATABASE_POOL_SIZE).toBe(12);
  });

  it('gives every query of the web server 1.5 s by default; 0 turns the deadline off', () => {
    expect(parseEnv({}).DATABASE_QUERY_TIMEOUT_MS).toBe(1500);
    expect(parseEnv({ DATABASE_QUERY_TIMEOUT_MS: '0' }).DATABASE_QUERY_TIMEOUT_MS).toBe(0);
    expect(() => parseEnv({ DATABASE_QUERY_TIMEOUT_MS: '1.5s' })).toThrow('DATABASE_QUERY_TIMEOUT_MS: must be a whole number of milliseconds from 0 to 600000');
  });

  it.each(['0', '101', 'ten', '4.5', '-1'])('refuses DATABASE_POOL_SIZE=%s, naming it', (value) => {
    expect(() => parseEnv({ DATABASE_POOL_SIZE: value })).toThrow('DATABASE_POOL_SIZE: must be a whole number from 1 to 100');
  });

  it('refuses a DATABASE_URL that is not a postgres:// URL', () => {
    expect(() => parseEnv({ DATABASE_URL: 'mysql://x' })).toThrow('DATABASE_URL must be a postgres:// or postgresql:// URL');
    expect(parseEnv({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });
});
