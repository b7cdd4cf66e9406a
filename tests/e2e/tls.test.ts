/**
 * The app from an HTTPS origin that is not localhost (issue 16, item 1): what a phone on the
 * commune's network gets. `npm start` serves TLS itself with a certificate for `ngoso.test`, signed
 * by a test root; Chromium resolves `ngoso.test` to 127.0.0.1 and trusts that root because it is
 * installed in its certificate store (an NSS database in the HOME Chromium is given), as a phone
 * trusts a root installed in its settings. No certificate error is ignored: Chromium refuses to
 * register a service worker from a page whose certificate error was overridden (Playwright's
 * `ignoreHTTPSErrors`), and a browser without the root is shown to refuse the page.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestRoot } from '../server/tls-helpers.js';
import { freePort } from './global-setup.js';
import { launchBrowser, newPhoneContext, type ServerHandle, startServer } from './harness.js';
import { goOffline } from './phone.js';

const NAME = 'ngoso.test';
const run = promisify(execFile);

/** A HOME whose NSS database (Chromium's certificate store on Linux) trusts `rootFile` for TLS. */
async function homeTrusting(home: string, rootFile: string): Promise<void> {
  const nssdb = `sql:${join(home, '.pki', 'nssdb')}`;
  await mkdir(join(home, '.pki', 'nssdb'), { recursive: true });
  await run('certutil', ['-d', nssdb, '-N', '--empty-password']);
  await run('certutil', ['-d', nssdb, '-A', '-n', 'Ngo So test root', '-t', 'C,,', '-i', rootFile]);
}

describe('the app over HTTPS at a name that is not localhost, from a root the phone trusts', () => {
  let dir: string;
  let server: ServerHandle;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let httpPort: number;
  let origin: string;
  const resolveName = `--host-resolver-rules=MAP ${NAME} 127.0.0.1`;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ngo-so-e2e-tls-'));
    const root = await makeTestRoot(dir);
    const certificate = await root.issue('ngoso', [NAME]);
    await homeTrusting(join(dir, 'home'), root.certFile);
    httpPort = await freePort();
    server = await startServer({
      env: { TLS_CERT: certificate.certFile, TLS_KEY: certificate.keyFile, HTTP_PORT: String(httpPort) },
    });
    origin = `https://${NAME}:${server.port}`;
    browser = await launchBrowser({ args: [resolveName], env: { HOME: join(dir, 'home') } });
    context = await newPhoneContext(browser, { baseURL: origin });
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('reaches the app from the plain-HTTP address through a 308 to HTTPS, with a trusted certificate', async () => {
    const response = await page.goto(`http://${NAME}:${httpPort}/`);
    expect(page.url()).toBe(`${origin}/`);
    const redirect = await response?.request().redirectedFrom()?.response();
    expect(redirect?.status()).toBe(308);
    const security = await response?.securityDetails();
    expect(security?.subjectName).toBe(NAME);
    expect(security?.issuer).toBe('Ngo So test root');
    expect(await response?.headerValue('strict-transport-security')).toBe(
      'max-age=31536000; includeSubDomains',
    );
    await page.getByRole('heading', { name: 'Chọn thôn' }).waitFor();
  });

  it('registers the service worker, which takes control of the page', async () => {
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(scope).toBe(`${origin}/`);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    expect(await page.evaluate(() => window.isSecureContext)).toBe(true);
  });

  it('keeps HSTS: Chromium itself turns an http:// address of this name into https://', async () => {
    // On the HTTPS port, http:// could only work through HSTS: Chromium upgrades before connecting.
    await page.goto(`http://${NAME}:${server.port}/settings`);
    expect(page.url()).toBe(`${origin}/settings`);
    await page.getByRole('heading', { name: 'Cài đặt' }).waitFor();
  });

  it('opens after an offline reload and from an offline deep link', async () => {
    await page.goto('/');
    await page.getByRole('heading', { name: 'Chọn thôn' }).waitFor();
    await goOffline(page);
    expect(await page.evaluate(() => navigator.onLine)).toBe(false);
    const reloaded = await page.reload();
    expect(reloaded?.fromServiceWorker()).toBe(true);
    await page.getByRole('heading', { name: 'Chọn thôn' }).waitFor();
    const deepLink = await page.goto('/settings');
    expect(deepLink?.fromServiceWorker()).toBe(true);
    await page.getByRole('heading', { name: 'Cài đặt' }).waitFor();
    await context.setOffline(false);
  });

  it('is refused by a browser that does not trust the root: no error is ignored here', async () => {
    const emptyHome = join(dir, 'empty-home');
    await mkdir(emptyHome);
    const stranger = await launchBrowser({ args: [resolveName], env: { HOME: emptyHome } });
    try {
      const other = await stranger.newPage();
      await expect(other.goto(`${origin}/`)).rejects.toThrow(/ERR_CERT_AUTHORITY_INVALID/);
    } finally {
      await stranger.close();
    }
  });
});
