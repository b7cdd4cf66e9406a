import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app.js';
import type { Database } from '../../src/server/db.js';
import { readPackageVersion } from '../../src/server/project.js';
import { backendsForFile, fakeDatabase, openTestDatabase, type TestDatabase } from './helpers.js';

describe.each(backendsForFile('health'))('on $kind', (backend) => {
  let database: TestDatabase;
  let db: Database;
  let app: FastifyInstance;

  beforeAll(async () => {
    database = await openTestDatabase(backend, 'health');
    db = database.db;
    app = buildServer({ db, distDir: '/nonexistent' });
    await app.ready();
  });

  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  it('opens the expected backend', () => {
    expect(db.kind).toBe(backend.kind);
  });

  it('GET /api/health answers ok with the backend and the package version', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.json()).toEqual({
      ok: true,
      db: backend.kind,
      version: readPackageVersion(),
      uptimeSeconds: expect.any(Number),
      dbMs: expect.any(Number),
    });
  });

  it('runs parameterised queries', async () => {
    const { rows } = await db.query<{ n: number; s: string }>('select $1::int as n, $2::text as s', [
      41,
      'ngõ',
    ]);
    expect(rows).toEqual([{ n: 41, s: 'ngõ' }]);
  });

  // Last on purpose: dispose closes again, which must be harmless.
  it('close is idempotent', async () => {
    await db.close();
    await expect(db.close()).resolves.toBeUndefined();
  });
});

describe('when the database fails', () => {
  it('GET /api/health answers 503 db_unavailable', async () => {
    const db = fakeDatabase({
      kind: 'postgres',
      query: async () => {
        throw new Error('connection refused');
      },
    });
    const app = buildServer({ db, distDir: '/nonexistent' });
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ ok: false, db: 'postgres', error: { code: 'db_unavailable' } });
    await app.close();
  });

  it('GET /api/health answers 503 db_timeout when the database never answers', async () => {
    // A query stuck behind a lock or a dead connection: the monitor must get an answer, not a hang.
    const db = fakeDatabase({ query: () => new Promise(() => undefined) });
    const app = buildServer({ db, distDir: '/nonexistent', healthTimeoutMs: 50 });
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({
      ok: false,
      db: 'pglite',
      version: readPackageVersion(),
      uptimeSeconds: expect.any(Number),
      error: { code: 'db_timeout', message: 'The database did not answer within 50 ms.' },
    });
    await app.close();
  });
});
