/**
 * HTTPS served by the server itself (issue 16, item 1): the settings and their errors, certificate
 * files that cannot be served, and a real server on a real port answering over TLS, redirecting
 * plain HTTP, and taking renewed certificates from disk without a restart.
 */
import { execFile, spawn } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app.js';
import { readConfig, type TlsSettings } from '../../src/server/config.js';
import { projectRoot } from '../../src/server/project.js';
import { STRICT_TRANSPORT_SECURITY } from '../../src/server/security-headers.js';
import {
  CertificateError,
  httpsLocation,
  listenHttpRedirect,
  loadCertificate,
} from '../../src/server/tls.js';
import {
  backendsForFile,
  makeTempDir,
  openTestDatabase,
  removeDir,
  type TestDatabase,
  writeFiles,
} from './helpers.js';
import {
  ask,
  makeTestRoot,
  replaceFile,
  type ServerCertificate,
  TEST_TITLE,
  type TestRoot,
  writeTestApp,
} from './tls-helpers.js';

const NAME = 'ngoso.test';

describe('the TLS settings', () => {
  it('keep plain HTTP on PORT 8080 when neither TLS_CERT nor TLS_KEY is set', () => {
    const config = readConfig({});
    expect(config.port).toBe(8080);
    expect(config.tls).toBeUndefined();
  });

  it('serve HTTPS on 8443 and redirect from 8080 by default, HTTP_PORT=off for no redirect', () => {
    const on = readConfig({ TLS_CERT: '/etc/ngo-so/cert.pem', TLS_KEY: '/etc/ngo-so/key.pem' });
    expect(on.port).toBe(8443);
    expect(on.tls).toEqual({
      certFile: '/etc/ngo-so/cert.pem',
      keyFile: '/etc/ngo-so/key.pem',
      httpPort: 8080,
    });
    const off = readConfig({ TLS_CERT: 'c.pem', TLS_KEY: 'k.pem', PORT: '443', HTTP_PORT: 'off' });
    expect(off.port).toBe(443);
    expect(off.tls?.httpPort).toBeUndefined();
  });

  it('refuse one of the pair without the other, naming the missing one', () => {
    expect(() => readConfig({ TLS_CERT: 'c.pem' })).toThrow(
      'TLS_CERT is set but TLS_KEY is not: set both (the certificate and its private key, PEM files) to serve HTTPS, or neither for plain HTTP.',
    );
    expect(() => readConfig({ TLS_KEY: 'k.pem', TLS_CERT: '  ' })).toThrow(
      'TLS_KEY is set but TLS_CERT is not',
    );
  });

  it('refuse HTTP_PORT without TLS, a port that is not one, and HTTP_PORT equal to PORT', () => {
    expect(() => readConfig({ HTTP_PORT: '8081' })).toThrow(
      'HTTP_PORT is only used with TLS_CERT and TLS_KEY',
    );
    const pair = { TLS_CERT: 'c.pem', TLS_KEY: 'k.pem' };
    expect(() => readConfig({ ...pair, HTTP_PORT: '80a' })).toThrow(
      'HTTP_PORT must be an integer between 0 and 65535, got "80a".',
    );
    expect(() => readConfig({ ...pair, PORT: '8080' })).toThrow('HTTP_PORT and PORT are both 8080');
  });
});

describe('certificate files that cannot be served', () => {
  let dir: string;
  let good: ServerCertificate;
  let other: ServerCertificate;

  beforeAll(async () => {
    dir = await makeTempDir('tls-bad');
    const root = await makeTestRoot(dir);
    good = await root.issue('good', [NAME]);
    other = await root.issue('other', [NAME]);
    await mkdir(join(dir, 'folder'));
    await writeFiles(dir, {
      'garbage.pem': 'not a certificate at all\n',
      'damaged.pem': '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n',
      'damaged.key': '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n',
    });
  });

  afterAll(async () => {
    await removeDir(dir);
  });

  const cases: Array<[string, () => TlsSettings, RegExp]> = [
    [
      'a missing file',
      () => ({ certFile: join(dir, 'nowhere.pem'), keyFile: good.keyFile, httpPort: undefined }),
      /^TLS_CERT \(.*nowhere\.pem\) cannot be read: no such file\.$/,
    ],
    [
      'a folder',
      () => ({ certFile: good.certFile, keyFile: join(dir, 'folder'), httpPort: undefined }),
      /^TLS_KEY \(.*folder\) cannot be read: it is a folder, not a file\.$/,
    ],
    [
      'a file that is not PEM',
      () => ({ certFile: join(dir, 'garbage.pem'), keyFile: good.keyFile, httpPort: undefined }),
      /^TLS_CERT \(.*garbage\.pem\) holds no PEM certificate \(a text file starting with -----BEGIN CERTIFICATE-----\)\.$/,
    ],
    [
      'the two files swapped',
      () => ({ certFile: good.keyFile, keyFile: good.certFile, httpPort: undefined }),
      /holds no PEM certificate .* It holds a private key: are TLS_CERT and TLS_KEY swapped\?$/,
    ],
    [
      'a damaged certificate',
      () => ({ certFile: join(dir, 'damaged.pem'), keyFile: good.keyFile, httpPort: undefined }),
      /^TLS_CERT \(.*damaged\.pem\) holds a damaged certificate that cannot be read\.$/,
    ],
    [
      'a damaged key',
      () => ({ certFile: good.certFile, keyFile: join(dir, 'damaged.key'), httpPort: undefined }),
      /^TLS_KEY \(.*damaged\.key\) holds a damaged private key that cannot be read\.$/,
    ],
    [
      'the key of another certificate',
      () => ({ certFile: good.certFile, keyFile: other.keyFile, httpPort: undefined }),
      /^TLS_KEY \(.*other\.key\) is not the private key of the certificate in TLS_CERT \(.*good\.pem\)\.$/,
    ],
  ];

  it.each(cases)('refuses %s with a plain sentence naming the variable and the file', (_, files, message) => {
    const attempt = () => loadCertificate(files());
    expect(attempt).toThrow(CertificateError);
    expect(attempt).toThrow(message);
  });

  it('refuses a key encrypted with a passphrase', async () => {
    const encrypted = join(dir, 'encrypted.key');
    await new Promise<void>((resolve, reject) =>
      execFile(
        'openssl',
        ['pkey', '-in', good.keyFile, '-aes256', '-passout', 'pass:secret', '-out', encrypted],
        (error) => (error ? reject(error) : resolve()),
      ),
    );
    expect(() =>
      loadCertificate({ certFile: good.certFile, keyFile: encrypted, httpPort: undefined }),
    ).toThrow(
      /^TLS_KEY \(.*encrypted\.key\) is encrypted with a passphrase; give the server an unencrypted key readable only by its user\.$/,
    );
  });

  it('makes `npm start` exit before doing anything, with the sentence and no stack trace', async () => {
    const dataDir = join(dir, 'data');
    const child = spawn(process.execPath, ['--import', 'tsx', join('src', 'server', 'start.ts')], {
      cwd: projectRoot,
      env: { PATH: process.env.PATH, TLS_CERT: good.certFile, TLS_KEY: other.keyFile, DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(
      `Ngõ Số cannot start: TLS_KEY (${other.keyFile}) is not the private key of the certificate in TLS_CERT (${good.certFile}).`,
    );
    expect(stdout).toBe('');
    // Refused before the build, the database and the port: nothing was created.
    await expect(stat(dataDir)).rejects.toThrow(/ENOENT/);
  });
});

describe('the redirect target', () => {
  it('keeps the host the client named and the whole path, on the HTTPS port', () => {
    expect(httpsLocation('ngoso.test:8080', '/v/1/h/2?tab=visits', 8443)).toBe(
      'https://ngoso.test:8443/v/1/h/2?tab=visits',
    );
    expect(httpsLocation('NgoSo.Example.vn', '/', 443)).toBe('https://ngoso.example.vn/');
    expect(httpsLocation('192.168.1.10:80', '/api/health', 443)).toBe('https://192.168.1.10/api/health');
    expect(httpsLocation('[fd00::1]:8080', '/x', 8443)).toBe('https://[fd00::1]:8443/x');
  });

  it('never leads elsewhere: an absolute target keeps only its path, a bad Host gets none', () => {
    expect(httpsLocation('ngoso.test', 'http://elsewhere.example/steal?x=1', 443)).toBe(
      'https://ngoso.test/steal?x=1',
    );
    expect(httpsLocation('ngoso.test', '//elsewhere.example/x', 443)).toBe(
      'https://ngoso.test//elsewhere.example/x',
    );
    expect(httpsLocation('ngoso.test', '*', 443)).toBe('https://ngoso.test/');
    for (const host of [undefined, '', 'user@elsewhere.example', 'ngoso.test/x', 'a b', 'ngoso.test:80:81']) {
      expect(httpsLocation(host, '/', 443)).toBeUndefined();
    }
  });
});

function portOf(server: { address(): AddressInfo | string | null }): number {
  return (server.address() as AddressInfo).port;
}

describe.each(backendsForFile('tls.test.ts'))('HTTPS served by the server on $kind', (backend) => {
  let dir: string;
  let root: TestRoot;
  let files: TlsSettings;
  let database: TestDatabase;
  let app: FastifyInstance;
  let redirect: Server;
  let httpsPort: number;
  let httpPort: number;
  const log: Array<{ level: number; msg: string }> = [];

  /** A GET over HTTPS, trusting only the test root, as a phone with it installed. */
  const overHttps = (path: string) => ask(httpsPort, { path, tls: { name: NAME, ca: root.certPem } });
  const overHttp = (path: string, host: string, method = 'GET', body?: string) =>
    ask(httpPort, { path, method, headers: { host }, ...(body ? { body } : {}) });

  /** The fingerprint of the certificate a new connection is given. */
  function servedFingerprint(): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = tlsConnect(
        { host: '127.0.0.1', port: httpsPort, servername: NAME, ca: root.certPem },
        () => {
          resolve(socket.getPeerX509Certificate()?.fingerprint256 ?? '');
          socket.end();
        },
      );
      socket.on('error', reject);
    });
  }

  const fingerprintOf = (certificate: ServerCertificate) =>
    new X509Certificate(certificate.certPem).fingerprint256;
  const warnings = () => log.filter((line) => line.level === 40).map((line) => line.msg);

  beforeAll(async () => {
    dir = await makeTempDir('tls');
    root = await makeTestRoot(dir);
    const first = await root.issue('first', [NAME, '127.0.0.1']);
    // The files the server is given, renewed in place below as certbot or acme.sh would.
    files = { certFile: join(dir, 'live-cert.pem'), keyFile: join(dir, 'live-key.pem'), httpPort: 0 };
    await writeFile(files.certFile, first.certPem);
    await writeFile(files.keyFile, first.keyPem);
    const distDir = join(dir, 'dist');
    await writeTestApp(distDir);
    database = await openTestDatabase(backend, 'tls');
    app = buildServer({
      db: database.db,
      distDir,
      logStream: { write: (line: string) => void log.push(JSON.parse(line)) },
      tls: { files, certificate: loadCertificate(files), checkIntervalMs: 50 },
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    httpsPort = portOf(app.server);
    redirect = await listenHttpRedirect({ host: '127.0.0.1', port: 0, httpsPort });
    httpPort = portOf(redirect);
  });

  afterAll(async () => {
    redirect?.close();
    await app?.close();
    await database?.dispose();
    await removeDir(dir);
  });

  it('answers the app and the API over HTTPS with its certificate, HSTS on every answer', async () => {
    const page = await overHttps('/');
    expect(page.status).toBe(200);
    expect(page.body).toContain(TEST_TITLE);
    expect(page.headers['strict-transport-security']).toBe(STRICT_TRANSPORT_SECURITY);

    const health = await overHttps('/api/health');
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toMatchObject({ ok: true, db: backend.kind });
    expect(health.headers['strict-transport-security']).toBe(STRICT_TRANSPORT_SECURITY);

    const missing = await overHttps('/api/nothing-here');
    expect(missing.status).toBe(404);
    expect(missing.headers['strict-transport-security']).toBe(STRICT_TRANSPORT_SECURITY);
  });

  it('sends HSTS on the raw answer to a request that is not HTTP, over TLS', async () => {
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = tlsConnect(
        { host: '127.0.0.1', port: httpsPort, servername: NAME, ca: root.certPem },
        () => {
          socket.write('NOT HTTP AT ALL\r\n\r\n');
        },
      );
      let text = '';
      socket.on('data', (chunk: Buffer) => {
        text += chunk.toString();
      });
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer.toLowerCase()).toContain(
      `strict-transport-security: ${STRICT_TRANSPORT_SECURITY}`.toLowerCase(),
    );
  });

  it('redirects every plain-HTTP request with 308 to the same host and path over HTTPS, and serves nothing', async () => {
    const deepLink = await overHttp('/v/thon-1/h/abc?tab=visits', `${NAME}:${httpPort}`);
    expect(deepLink.status).toBe(308);
    expect(deepLink.headers.location).toBe(`https://${NAME}:${httpsPort}/v/thon-1/h/abc?tab=visits`);
    expect(deepLink.headers['strict-transport-security']).toBeUndefined();
    expect(deepLink.headers['content-security-policy']).toBeDefined();

    // 308, not 301: a phone's push repeated at the new address stays a POST with its body.
    const push = await overHttp('/api/sync/push', `192.168.1.10:${httpPort}`, 'POST', '{"changes":[]}');
    expect(push.status).toBe(308);
    expect(push.headers.location).toBe(`https://192.168.1.10:${httpsPort}/api/sync/push`);

    const health = await overHttp('/api/health', 'localhost');
    expect(health.status).toBe(308);
    expect(health.body).not.toContain('"ok"');
  });

  it('answers a request without a usable Host with a JSON 400', async () => {
    const bad = await overHttp('/', 'elsewhere.example/path');
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toEqual({
      error: {
        code: 'bad_request',
        message: 'A Host header is required: open this server by its https:// address.',
      },
    });
  });

  it('serves a certificate renewed on disk to new connections, without a restart', async () => {
    const renewed = await root.issue('renewed', [NAME, '127.0.0.1']);
    expect(await servedFingerprint()).not.toBe(fingerprintOf(renewed));
    await replaceFile(files.keyFile, renewed.keyPem);
    await replaceFile(files.certFile, renewed.certPem);
    await expect.poll(servedFingerprint, { timeout: 60_000, interval: 50 }).toBe(fingerprintOf(renewed));
    expect(log.some((line) => line.msg === 'TLS certificate reloaded from disk')).toBe(true);
    expect((await overHttps('/api/health')).status).toBe(200);
  });

  it('keeps the previous certificate when a renewal cannot be used, and takes the next good one', async () => {
    const served = await servedFingerprint();
    const before = warnings().length;

    await replaceFile(files.certFile, 'half a renewal\n');
    await expect
      .poll(() => warnings().slice(before), { timeout: 60_000, interval: 50 })
      .toContainEqual(
        expect.stringMatching(/previous certificate is still served: TLS_CERT .* holds no PEM/),
      );
    expect(await servedFingerprint()).toBe(served);

    // A tool that writes the certificate first and the key after: between the two, a mismatch.
    const next = await root.issue('next', [NAME, '127.0.0.1']);
    await replaceFile(files.certFile, next.certPem);
    await expect
      .poll(() => warnings().slice(before), { timeout: 60_000, interval: 50 })
      .toContainEqual(
        expect.stringMatching(/still served: TLS_KEY .* is not the private key of the certificate/),
      );
    expect(await servedFingerprint()).toBe(served);
    expect((await overHttps('/')).status).toBe(200);

    await replaceFile(files.keyFile, next.keyPem);
    await expect.poll(servedFingerprint, { timeout: 60_000, interval: 50 }).toBe(fingerprintOf(next));
    // One warning per state of the files, not one every 50 ms.
    expect(warnings().length - before).toBe(2);
  });
});
