import { type Browser, type BrowserContext, type BrowserContextOptions, chromium } from 'playwright-core';
import { inject } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.js';
import { watchCsp } from './csp-watch.js';

export { type ServerHandle, type StartServerOptions, startServer } from './global-setup.js';

export { CHROMIUM_ARGS };

/** Base URL of the shared server started by global-setup.ts, e.g. http://127.0.0.1:41234. */
export function serverUrl(): string {
  return inject('baseUrl');
}

/** Chromium as the suite starts it; `extra` adds flags and environment (e.g. another HOME). */
export async function launchBrowser(
  extra: { args?: string[]; env?: Record<string, string> } = {},
): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS, ...(extra.args ?? [])],
    ...(extra.env ? { env: { ...process.env, ...extra.env } } : {}),
  });
}

/**
 * Every Playwright wait of the suite: an action or navigation on a machine with a load average of 9
 * on two cores took more than Playwright's 30 s default (issue 13, kind 12). Waits end as soon as
 * their condition holds, so a long limit costs nothing when things work.
 */
export const E2E_WAIT_MS = 180_000;

/**
 * A 360×740 phone; relative URLs in page.goto() resolve against the shared server, or `baseURL` when
 * given. Its pages are watched for Content-Security-Policy violations, which fail the test
 * (csp-guard.ts); other callers ask cspViolationsOf(context).
 */
export async function newPhoneContext(
  browser: Browser,
  overrides: BrowserContextOptions = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width: 360, height: 740 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'vi-VN',
    serviceWorkers: 'allow',
    ...overrides,
    // Only asked of vitest when not given: the benchmark (scripts/bench/) has no shared server to inject.
    baseURL: overrides.baseURL ?? serverUrl(),
  });
  context.setDefaultTimeout(E2E_WAIT_MS);
  context.setDefaultNavigationTimeout(E2E_WAIT_MS);
  await watchCsp(context);
  return context;
}
