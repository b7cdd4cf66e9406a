import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app.js';
import { ApiError } from '../../src/server/errors.js';
import { fakeDatabase } from './helpers.js';

const BODY_LIMIT = 1024;

describe('API errors', () => {
  let app: FastifyInstance;

  beforeAll(async () => {
    app = buildServer({ db: fakeDatabase(), distDir: '/nonexistent', bodyLimit: BODY_LIMIT });
    // Test-only routes, registered the way real API plugins are, to exercise the shared error handler.
    app.register(
      async (api) => {
        api.post('/echo', async (request) => ({ received: request.body }));
        api.get('/teapot', async () => {
          throw new ApiError(409, 'stale_write', 'Someone else changed this first.');
        });
        api.get('/boom', async () => {
          throw new Error('secret internal detail');
        });
      },
      { prefix: '/api/test' },
    );
    await app.ready();
  });

  afterAll(async () => {
    await app.close();
  });

  it.each(['GET', 'POST', 'DELETE'] as const)(
    '%s on an unknown /api route is a 404 JSON error',
    async (method) => {
      const res = await app.inject({ method, url: '/api/nope/deeper?x=1' });
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.json()).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
    },
  );

  it('a valid JSON body reaches the route', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/test/echo', payload: { a: 1 } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ received: { a: 1 } });
  });

  it('malformed JSON is a 400 bad_json, not a 500', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/test/echo',
      headers: { 'content-type': 'application/json' },
      payload: '{"a": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: { code: 'bad_json', message: expect.any(String) } });
  });

  it('an empty JSON body is a 400 bad_json', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/test/echo',
      headers: { 'content-type': 'application/json' },
      payload: '',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('bad_json');
  });

  it('a body over the limit is a 413 payload_too_large', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/test/echo',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ pad: 'x'.repeat(BODY_LIMIT) }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('payload_too_large');
  });

  it('an unsupported content type is a 415 JSON error', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/test/echo',
      headers: { 'content-type': 'application/x-unknown' },
      payload: 'hello',
    });
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('unsupported_media_type');
  });

  it('ApiError keeps its status and code', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/test/teapot' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toEqual({
      error: { code: 'stale_write', message: 'Someone else changed this first.' },
    });
  });

  it('unexpected errors are a 500 JSON error that hides internals', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/test/boom' });
    expect(res.statusCode).toBe(500);
    expect(res.json().error.code).toBe('internal_error');
    expect(res.body).not.toContain('secret internal detail');
  });
});
