/**
 * The front server's own environment (src/server/http/front.mjs frontSettings): where it listens and how
 * many processes it runs. A wrong value is refused with the variable's name, never guessed at.
 */
import { describe, expect, it } from 'vitest';
import { frontSettings } from '../../../src/server/http/front.mjs';

const PG = 'postgres://postgres@127.0.0.1:5432/putuo';

describe('front server settings', () => {
  it.each([
    [{}, 1],
    [{ DATABASE_URL: PG }, 1],
    [{ DATABASE_URL: PG, WEB_CONCURRENCY: '4' }, 4],
    [{ DATABASE_URL: PG, WEB_CONCURRENCY: ' 2 ' }, 2],
    [{ WEB_CONCURRENCY: '1' }, 1],
    [{ WEB_CONCURRENCY: '' }, 1],
  ])('%j runs %i process(es)', (env, workers) => {
    expect(frontSettings(env)).toMatchObject({ ok: true, workers });
  });

  it('reads how long a stopping process lets requests finish', () => {
    expect(frontSettings({ SHUTDOWN_GRACE_S: '45' })).toMatchObject({ ok: true, env: { SHUTDOWN_GRACE_S: 45 } });
  });

  it('reads the port and host', () => {
    expect(frontSettings({ HOST: '0.0.0.0', PORT: '8080' })).toMatchObject({ ok: true, env: { HOST: '0.0.0.0', PORT: 8080 } });
    expect(frontSettings({ PORT: '' })).toMatchObject({ ok: true, env: {} });
  });

  it.each([
    [{ WEB_CONCURRENCY: '2' }, 'WEB_CONCURRENCY: 2 processes need PostgreSQL (DATABASE_URL); the embedded PGlite database allows one process'],
    [{ DATABASE_URL: PG, WEB_CONCURRENCY: '0' }, 'WEB_CONCURRENCY: must be 1 to 64'],
    [{ DATABASE_URL: PG, WEB_CONCURRENCY: '65' }, 'WEB_CONCURRENCY: must be 1 to 64'],
    [{ DATABASE_URL: PG, WEB_CONCURRENCY: 'two' }, 'WEB_CONCURRENCY: must be a whole number'],
    [{ PORT: '80a' }, 'PORT: must be a whole number'],
    [{ PORT: '65536' }, 'PORT: must be 0 to 65535'],
    [{ PORT: '-1' }, 'PORT: must be a whole number'],
    [{ SHUTDOWN_GRACE_S: '0' }, 'SHUTDOWN_GRACE_S: must be 1 to 600'],
    [{ SHUTDOWN_GRACE_S: '20s' }, 'SHUTDOWN_GRACE_S: must be a whole number'],
  ])('refuses %j: %s', (env, message) => {
    expect(frontSettings(env)).toEqual({ ok: false, message });
  });
});
