/**
 * The Caddyfile that docs/OPERATIONS.md recommends (deploy/Caddyfile), run as it is by Debian's
 * `caddy` in front of the real server (issue 16, item 1). Only environment variables change: a
 * local name with Caddy's internal CA (`NGOSO_CA=internal`, the LAN-only setup; a public domain's
 * Let's Encrypt certificate needs the internet), high ports, no admin endpoint, and Caddy's data in
 * a temporary folder. A phone's request through Caddy over HTTPS must reach the app with HSTS, the
 * server must see the forwarded https and the phone's own address, and a forged header must not
 * get through.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildServer } from '../../src/server/app.js';
import { projectRoot } from '../../src/server/project.js';
import { STRICT_TRANSPORT_SECURITY } from '../../src/server/security-headers.js';
import { freePort } from '../e2e/global-setup.js';
import { backendsForFile, makeTempDir, openTestDatabase, removeDir, type TestDatabase } from './helpers.js';
import { ask, TEST_TITLE, writeTestApp } from './tls-helpers.js';

const CADDYFILE = join(projectRoot, 'deploy', 'Caddyfile');
const SITE = 'ngoso.home.arpa';

describe.each(backendsForFile('caddy.test.ts'))(
  'deploy/Caddyfile in front of the server on $kind',
  (backend) => {
    let dir: string;
    let database: TestDatabase;
    let app: FastifyInstance;
    let caddy: ChildProcess;
    let caddyLog = '';
    let httpsPort: number;
    let httpPort: number;
    let rootPem = '';

    const overHttps = (path: string, headers: Record<string, string> = {}) =>
      ask(httpsPort, {
        path,
        headers: { host: `${SITE}:${httpsPort}`, ...headers },
        tls: { name: SITE, ca: rootPem },
      });

    beforeAll(async () => {
      dir = await makeTempDir('caddy');
      const distDir = join(dir, 'dist');
      await writeTestApp(distDir);
      database = await openTestDatabase(backend, 'caddy');
      // As OPERATIONS.md says to start it: on this machine only, trusting the proxy beside it.
      app = buildServer({ db: database.db, distDir, trustProxy: '127.0.0.1' });
      app.register(
        async (api) => {
          api.get('/seen', async (request) => ({
            protocol: request.protocol,
            ip: request.ip,
            host: request.hostname,
          }));
        },
        { prefix: '/api/test' },
      );
      await app.listen({ port: 0, host: '127.0.0.1' });
      const upstream = (app.server.address() as AddressInfo).port;

      httpsPort = await freePort();
      httpPort = await freePort();
      const xdg = join(dir, 'caddy-home');
      caddy = spawn('caddy', ['run', '--config', CADDYFILE, '--adapter', 'caddyfile'], {
        env: {
          PATH: process.env.PATH,
          HOME: xdg,
          XDG_DATA_HOME: join(xdg, 'data'),
          XDG_CONFIG_HOME: join(xdg, 'config'),
          NGOSO_SITE: SITE,
          NGOSO_CA: 'internal',
          NGOSO_UPSTREAM: `127.0.0.1:${upstream}`,
          CADDY_HTTP_PORT: String(httpPort),
          CADDY_HTTPS_PORT: String(httpsPort),
          CADDY_ADMIN: 'off',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      caddy.stdout?.on('data', (chunk: Buffer) => {
        caddyLog += chunk.toString();
      });
      caddy.stderr?.on('data', (chunk: Buffer) => {
        caddyLog += chunk.toString();
      });
      const rootFile = join(xdg, 'data', 'caddy', 'pki', 'authorities', 'local', 'root.crt');
      // Caddy makes its root, then the site's certificate, after it starts: ready when a request
      // that trusts only that root is answered.
      await vi
        .waitFor(
          async () => {
            expect(caddy.exitCode).toBeNull();
            rootPem = await readFile(rootFile, 'utf8');
            expect((await overHttps('/api/health')).status).toBe(200);
          },
          { timeout: 120_000, interval: 100 },
        )
        .catch((error: unknown) => {
          throw new Error(
            `Caddy did not answer over HTTPS: ${(error as Error).message}\nCaddy's log:\n${caddyLog}`,
          );
        });
    });

    afterAll(async () => {
      if (caddy && caddy.exitCode === null) {
        const exited = new Promise((resolve) => caddy.once('exit', resolve));
        caddy.kill('SIGTERM');
        await exited;
      }
      await app?.close();
      await database?.dispose();
      await removeDir(dir);
    });

    it('brings a request over HTTPS to the app, which answers with HSTS', async () => {
      const page = await overHttps('/');
      expect(page.status).toBe(200);
      expect(page.body).toContain(TEST_TITLE);
      expect(page.headers['strict-transport-security']).toBe(STRICT_TRANSPORT_SECURITY);
      expect(page.headers['content-security-policy']).toContain("default-src 'self'");

      const health = await overHttps('/api/health');
      expect(JSON.parse(health.body)).toMatchObject({ ok: true, db: backend.kind });
      expect(health.headers['strict-transport-security']).toBe(STRICT_TRANSPORT_SECURITY);
    });

    it('lets the server see https, the host and the phone’s address, and drops what a phone forges', async () => {
      const seen = await overHttps('/api/test/seen', {
        'x-forwarded-proto': 'http',
        'x-forwarded-for': '203.0.113.9',
      });
      expect(JSON.parse(seen.body)).toEqual({ protocol: 'https', ip: '127.0.0.1', host: SITE });
    });

    it('redirects plain HTTP to HTTPS with the same path', async () => {
      const answer = await ask(httpPort, { path: '/v/thon-1?tab=round', headers: { host: SITE } });
      expect(answer.status).toBe(308);
      // Caddy 2.6 leaves out a non-standard HTTPS port here; on 443 there is none to leave out.
      expect(answer.headers.location).toMatch(/^https:\/\/ngoso\.home\.arpa(:\d+)?\/v\/thon-1\?tab=round$/);
    });
  },
);

describe('docs/OPERATIONS.md', () => {
  it('quotes deploy/Caddyfile exactly as it is, so the tested file is the documented one', async () => {
    const doc = await readFile(join(projectRoot, 'docs', 'OPERATIONS.md'), 'utf8');
    const quoted = /```caddyfile\n([\s\S]*?)\n *```/.exec(doc)?.[1];
    expect(quoted).toBeDefined();
    // The quote sits in a numbered step, indented by three spaces.
    const unindented = (quoted ?? '').replace(/^ {3}/gm, '');
    expect(`${unindented}\n`).toBe(await readFile(CADDYFILE, 'utf8'));
  });
});
