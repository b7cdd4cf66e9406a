import { connect } from 'node:net';
import { gunzipSync } from 'node:zlib';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app.js';
import {
  CONTENT_SECURITY_POLICY,
  FALLBACK_SECURITY_HEADERS,
  STRICT_TRANSPORT_SECURITY,
} from '../../src/server/security-headers.js';
import { bearer, createUser, login, startAuthHarness } from './auth-harness.js';
import { backendsForFile, fakeDatabase, makeTempDir, removeDir, writeFiles } from './helpers.js';

// Written out on purpose rather than imported: loosening the policy must fail this test.
const EXPECTED_CSP =
  "default-src 'self';script-src 'self';script-src-attr 'none';style-src 'self';img-src 'self';" +
  "font-src 'self';connect-src 'self';manifest-src 'self';worker-src 'self';frame-src 'none';" +
  "object-src 'none';base-uri 'self';form-action 'self';frame-ancestors 'none'";

const DENIED_FEATURES = ['camera', 'microphone', 'geolocation', 'payment', 'usb', 'serial'];

/** Every header the policy promises on every answer (issue 14, kind 7). */
function expectSecurityHeaders(res: LightMyRequestResponse | { headers: Record<string, unknown> }) {
  const h = res.headers;
  expect(h['content-security-policy']).toBe(EXPECTED_CSP);
  expect(h['x-content-type-options']).toBe('nosniff');
  expect(h['referrer-policy']).toBe('no-referrer');
  expect(h['x-frame-options']).toBe('DENY');
  expect(h['cross-origin-opener-policy']).toBe('same-origin');
  expect(h['cross-origin-resource-policy']).toBe('same-origin');
  const permissions = String(h['permissions-policy']);
  for (const feature of DENIED_FEATURES) expect(permissions).toContain(`${feature}=()`);
  // Plain HTTP: HSTS would lock browsers out of http://127.0.0.1 for a year.
  expect(h['strict-transport-security']).toBeUndefined();
  expect(h['x-powered-by']).toBeUndefined();
}

describe('the Content-Security-Policy', () => {
  it('is the one documented, with nothing inline, no eval and no framing', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(EXPECTED_CSP);
    const directives = new Map(
      CONTENT_SECURITY_POLICY.split(';').map((d) => {
        const [name = '', ...sources] = d.trim().split(/\s+/);
        return [name, sources] as const;
      }),
    );
    for (const sources of directives.values()) {
      expect(sources).not.toContain("'unsafe-inline'");
      expect(sources).not.toContain("'unsafe-eval'");
      expect(sources).not.toContain('*');
      expect(sources).not.toContain('data:');
    }
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
  });
});

describe('security headers on every answer', () => {
  let distDir: string;
  let app: FastifyInstance;

  beforeAll(async () => {
    distDir = await makeTempDir('dist');
    await writeFiles(distDir, {
      'index.html': '<!doctype html><html><head><title>Ngõ Số</title></head><body></body></html>',
      'sw.js': 'importScripts("workbox-1a2b3c.js");',
      'workbox-1a2b3c.js': '/* workbox */',
      'manifest.webmanifest': '{"name":"Ngõ Số"}',
      'assets/index-abc123.js': `console.log(${JSON.stringify('ngõ số '.repeat(2000))});`,
      'assets/index-abc123.css': 'body { margin: 0 }',
      'icons/icon-192.png': 'not really a png',
    });
    app = buildServer({ db: fakeDatabase(), distDir });
    app.register(
      async (api) => {
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
    await removeDir(distDir);
  });

  it.each([
    ['API JSON', 'GET', '/api/health', 200],
    ['API 401', 'GET', '/api/me', 401],
    ['API 400 (invalid body)', 'POST', '/api/auth/login', 400],
    ['API 404', 'GET', '/api/nope', 404],
    ['API 500', 'GET', '/api/test/boom', 500],
    ['index.html at /', 'GET', '/', 200],
    ['index.html by name', 'GET', '/index.html', 200],
    ['HEAD of index.html', 'HEAD', '/', 200],
    ['a hashed script', 'GET', '/assets/index-abc123.js', 200],
    ['a hashed stylesheet', 'GET', '/assets/index-abc123.css', 200],
    ['the service worker', 'GET', '/sw.js', 200],
    ['a script the service worker imports', 'GET', '/workbox-1a2b3c.js', 200],
    ['the manifest', 'GET', '/manifest.webmanifest', 200],
    ['an icon', 'GET', '/icons/icon-192.png', 200],
    ['the SPA fallback (deep link)', 'GET', '/v/abc/h/def?tab=2', 200],
    ['a missing file', 'GET', '/assets/gone-999.js', 404],
    ['a non-GET outside /api', 'POST', '/v/abc', 404],
    ['a bad percent-encoding in the API', 'GET', '/api/%c0%ae', 400],
    ['a bad percent-encoding in a page', 'GET', '/v/%c0%ae', 400],
    ['an over-long path parameter', 'GET', `/api/admin/users/${'a'.repeat(200)}`, 404],
  ] as const)('%s (%s %s → %i)', async (_name, method, url, status) => {
    const res = await app.inject({ method, url });
    expect(res.statusCode).toBe(status);
    expectSecurityHeaders(res);
    if (status >= 400) {
      expect(res.json()).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
    }
  });

  it('a bad percent-encoding is a 400 bad_url in the shared error shape', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/%c0%ae' });
    expect(res.json().error.code).toBe('bad_url');
  });

  it('the answers no hook reaches carry exactly what helmet writes everywhere else', async () => {
    const res = await app.inject({ method: 'GET', url: '/' });
    for (const [name, value] of Object.entries(FALLBACK_SECURITY_HEADERS)) {
      expect(res.headers[name], name).toBe(value);
    }
  });

  it('compression still works under the headers', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/assets/index-abc123.js',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(res.rawPayload).toString()).toContain('ngõ số');
    expectSecurityHeaders(res);
  });

  it('a client cannot claim HTTPS to get HSTS when no proxy is trusted', async () => {
    const res = await app.inject({ method: 'GET', url: '/', headers: { 'x-forwarded-proto': 'https' } });
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('a request Node cannot parse (headers too large) is a 431 JSON error with the headers', async () => {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      let received = '';
      socket.on('data', (chunk) => {
        received += chunk.toString('utf8');
      });
      socket.on('close', () => resolve(received));
      socket.on('error', reject);
      socket.write(`GET / HTTP/1.1\r\nhost: x\r\nx-big: ${'a'.repeat(64 * 1024)}\r\n\r\n`);
    });
    const [head = '', body = ''] = raw.split('\r\n\r\n');
    const [statusLine = '', ...headerLines] = head.split('\r\n');
    expect(statusLine).toBe('HTTP/1.1 431 Request Header Fields Too Large');
    const headers = Object.fromEntries(
      headerLines.map((line) => {
        const colon = line.indexOf(':');
        return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()];
      }),
    );
    expectSecurityHeaders({ headers });
    expect(JSON.parse(body)).toEqual({ error: { code: 'headers_too_large', message: expect.any(String) } });
  });
});

describe('security headers on a refusal by the rate limits', () => {
  it.each([
    ['an API route', '/api/health'],
    ['a page', '/v/abc'],
    ['an unknown API path', '/api/nope'],
  ])('a 429 on %s carries them', async (_name, url) => {
    const app = buildServer({
      db: fakeDatabase(),
      distDir: '/nonexistent',
      rateLimits: { perAddress: { max: 1, windowMs: 60_000 } },
    });
    try {
      await app.ready();
      await app.inject({ method: 'GET', url });
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(429);
      expect(res.headers['retry-after']).toBeDefined();
      expectSecurityHeaders(res);
    } finally {
      await app.close();
    }
  });
});

describe('HSTS behind a trusted HTTPS proxy', () => {
  let app: FastifyInstance;

  beforeAll(async () => {
    app = buildServer({ db: fakeDatabase(), distDir: '/nonexistent', trustProxy: '127.0.0.1' });
    await app.ready();
  });

  afterAll(async () => {
    await app.close();
  });

  // Not on a bad percent-encoding: Fastify answers it before building a proxy-aware request. HSTS
  // is remembered by the browser from any one answer, so the rare answer without it costs nothing.
  it.each([
    ['/api/health', 200],
    ['/api/me', 401],
    ['/api/nope', 404],
  ])('is sent on %s when the proxy says the request came over HTTPS', async (url, status) => {
    const res = await app.inject({
      method: 'GET',
      url,
      remoteAddress: '127.0.0.1',
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(res.statusCode).toBe(status);
    expect(res.headers['strict-transport-security']).toBe(STRICT_TRANSPORT_SECURITY);
    expect(res.headers['content-security-policy']).toBe(EXPECTED_CSP);
  });

  it('is not sent when the proxy says plain HTTP', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/health',
      remoteAddress: '127.0.0.1',
      headers: { 'x-forwarded-proto': 'http' },
    });
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('is not sent when someone other than the proxy claims HTTPS', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/health',
      remoteAddress: '203.0.113.9',
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });
});

describe.each(backendsForFile('security-headers'))(
  'security headers with a real database, on $kind',
  (backend) => {
    it('a login, an authenticated answer and a refused login all carry them', async () => {
      const harness = await startAuthHarness(backend, 'security_headers');
      try {
        await createUser(harness.db, { username: 'can.bo.xa', role: 'commune' });
        const ok = await login(harness.app, 'can.bo.xa');
        expect(ok.statusCode).toBe(200);
        expectSecurityHeaders(ok);
        const me = await harness.app.inject({
          method: 'GET',
          url: '/api/me',
          headers: bearer(ok.json().token),
        });
        expect(me.statusCode).toBe(200);
        expectSecurityHeaders(me);
        const refused = await login(harness.app, 'can.bo.xa', 'sai-mật-khẩu-rồi');
        expect(refused.statusCode).toBe(401);
        expectSecurityHeaders(refused);
      } finally {
        await harness.close();
      }
    });
  },
);
