import { gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app.js';
import { cacheControlFor } from '../../src/server/static-files.js';
import { fakeDatabase, makeTempDir, removeDir, writeFiles } from './helpers.js';

const INDEX_HTML =
  '<!doctype html><html><head><title>Ngõ Số</title></head><body><div id="root"></div></body></html>';
const BIG_SCRIPT = `console.log(${JSON.stringify('ngõ số '.repeat(2000))});`;

describe('static files', () => {
  let distDir: string;
  let app: FastifyInstance;

  beforeAll(async () => {
    distDir = await makeTempDir('dist');
    await writeFiles(distDir, {
      'index.html': INDEX_HTML,
      'sw.js': 'self.addEventListener("fetch", () => {});',
      'registerSW.js': 'navigator.serviceWorker.register("/sw.js");',
      'workbox-1a2b3c.js': '/* workbox */',
      'manifest.webmanifest': '{"name":"Ngõ Số"}',
      'assets/app-abc123.js': BIG_SCRIPT,
      'icon.png': 'not really a png',
    });
    app = buildServer({ db: fakeDatabase(), distDir });
    await app.ready();
  });

  afterAll(async () => {
    await app.close();
    await removeDir(distDir);
  });

  it.each([
    ['/', 'no-cache'],
    ['/index.html', 'no-cache'],
    ['/sw.js', 'no-cache'],
    ['/registerSW.js', 'no-cache'],
    ['/workbox-1a2b3c.js', 'no-cache'],
    ['/manifest.webmanifest', 'no-cache'],
    ['/assets/app-abc123.js', 'public, max-age=31536000, immutable'],
    ['/icon.png', 'public, max-age=86400'],
  ])('GET %s → Cache-Control: %s', async (url, cacheControl) => {
    const res = await app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe(cacheControl);
  });

  it('serves index.html for a deep link so the SPA can route it', async () => {
    const res = await app.inject({ method: 'GET', url: '/v/abc/h/def?tab=2' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.body).toBe(INDEX_HTML);
  });

  it('a missing file is a 404, never index.html', async () => {
    const res = await app.inject({ method: 'GET', url: '/assets/app-gone999.js' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
  });

  it('a non-GET outside /api is a 404 JSON error', async () => {
    const res = await app.inject({ method: 'POST', url: '/v/abc' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
  });

  it('compresses text responses', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/assets/app-abc123.js',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(res.rawPayload).toString()).toBe(BIG_SCRIPT);
  });

  it('prefers brotli when offered', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/assets/app-abc123.js',
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(res.headers['content-encoding']).toBe('br');
  });

  it('answers 503 app_not_built for navigations when dist is missing', async () => {
    const bare = buildServer({ db: fakeDatabase(), distDir: `${distDir}-missing` });
    const res = await bare.inject({ method: 'GET', url: '/v/abc' });
    expect(res.statusCode).toBe(503);
    expect(res.json().error.code).toBe('app_not_built');
    await bare.close();
  });
});

describe('cacheControlFor', () => {
  it.each([
    ['index.html', 'no-cache'],
    ['offline.html', 'no-cache'],
    ['assets/index-DxYz12.css', 'public, max-age=31536000, immutable'],
    ['assets/nested/sw.js', 'no-cache'],
    ['icons/icon-192.png', 'public, max-age=86400'],
    ['robots.txt', 'public, max-age=86400'],
  ])('%s → %s', (path, expected) => {
    expect(cacheControlFor(path)).toBe(expected);
  });
});
