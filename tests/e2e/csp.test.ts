import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertNoCspViolations, cspViolationsOf, takeCspViolations } from './csp-watch.js';
import { E2E_WAIT_MS, launchBrowser, newPhoneContext } from './harness.js';

// The policy the server sends (tests/server/security-headers.test.ts checks it on every answer).
const EXPECTED_CSP =
  "default-src 'self';script-src 'self';script-src-attr 'none';style-src 'self';img-src 'self';" +
  "font-src 'self';connect-src 'self';manifest-src 'self';worker-src 'self';frame-src 'none';" +
  "object-src 'none';base-uri 'self';form-action 'self';frame-ancestors 'none'";

describe('Content-Security-Policy in the browser', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    context = await newPhoneContext(browser);
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('the app loads under the strict policy without violating it', async () => {
    const response = await page.goto('/');
    expect(response?.headers()['content-security-policy']).toBe(EXPECTED_CSP);
    await page.getByRole('heading', { name: 'Chọn thôn' }).waitFor();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    // The schemas (zod) load lazily; open the form that needs them, then check nothing was refused.
    await page.goto('/login');
    await page.getByLabel('Tên đăng nhập').waitFor();
    expect(cspViolationsOf(context)).toEqual([]);
  });

  it('an inline script, an eval and a style attribute are blocked, and the guard reports each', async () => {
    // Playwright's own evaluate may eval (DevTools is exempt), so the page's code does it later.
    const outcome = await page.evaluate(async () => {
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true;';
      document.head.append(script);
      const probe = document.createElement('div');
      probe.setAttribute('style', 'width: 123px');
      document.body.append(probe);
      const width = probe.getBoundingClientRect().width;
      probe.remove();
      const evalRan = await new Promise<boolean>((resolve) => {
        setTimeout(() => {
          try {
            resolve(new Function('return true')() === true);
          } catch {
            resolve(false); // EvalError: refused by the policy, as it should be.
          }
        }, 0);
      });
      return {
        inlineRan: (window as unknown as { __inlineRan?: boolean }).__inlineRan === true,
        evalRan,
        styled: width === 123,
      };
    });
    expect(outcome).toEqual({ inlineRan: false, evalRan: false, styled: false });

    // Both witnesses report the inline script and style; a caught eval only raises the event
    // (Chromium logs no console line for it), which is why csp-watch.ts listens to both.
    const seen = (kind: 'console' | 'event', directive: RegExp) =>
      cspViolationsOf(context).some((v) => v.seenBy === kind && directive.test(v.text));
    await expect
      .poll(
        () => ({
          inlineScript: seen('event', /^script-src-elem blocked inline/) && seen('console', /inline script/i),
          eval: seen('event', /^script-src blocked eval/),
          styleAttribute: seen('event', /^style-src-attr blocked inline/) && seen('console', /inline style/i),
        }),
        { timeout: E2E_WAIT_MS },
      )
      .toEqual({ inlineScript: true, eval: true, styleAttribute: true });

    // What csp-guard.ts runs after every test: it fails, naming each directive.
    let report = '';
    try {
      assertNoCspViolations();
    } catch (error) {
      report = (error as Error).message;
    }
    for (const directive of ['script-src-elem blocked inline', 'script-src blocked eval', 'style-src-attr']) {
      expect(report).toContain(directive);
    }
    // The guard forgets what it reported, so this test's own violations do not fail it.
    expect(takeCspViolations()).toEqual([]);
  });

  it('a Permissions-Policy header Chromium cannot read fails the guard too', async () => {
    // A phone without the service worker, which would answer the navigation from its cache.
    const probe = await newPhoneContext(browser, { serviceWorkers: 'block' });
    try {
      const probePage = await probe.newPage();
      // Answered by the test, not the server, with a feature Chromium does not know.
      await probePage.route('**/probe-policy', (route) =>
        route.fulfill({
          contentType: 'text/html',
          headers: { 'permissions-policy': 'bluetooth=(), camera=()' },
          body: '<!doctype html><title>probe</title>',
        }),
      );
      await probePage.goto('/probe-policy');
      await expect
        .poll(() => cspViolationsOf(probe).some((v) => /Permissions-Policy.*bluetooth/.test(v.text)), {
          timeout: E2E_WAIT_MS,
        })
        .toBe(true);
      expect(() => assertNoCspViolations()).toThrow(/bluetooth/);
    } finally {
      await probe.close();
    }
  });
});
