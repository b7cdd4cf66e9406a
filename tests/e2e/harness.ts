import { type Browser, type BrowserContext, type BrowserContextOptions, chromium } from 'playwright-core';
import { inject } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.js';

export { type ServerHandle, type StartServerOptions, startServer } from './global-setup.js';

export { CHROMIUM_ARGS };

/** Base URL of the shared server started by global-setup.ts, e.g. http://127.0.0.1:41234. */
export function serverUrl(): string {
  return inject('baseUrl');
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

/** A 360×740 phone; relative URLs in page.goto() resolve against the shared server. */
export async function newPhoneContext(
  browser: Browser,
  overrides: BrowserContextOptions = {},
): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: 360, height: 740 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'vi-VN',
    serviceWorkers: 'allow',
    baseURL: serverUrl(),
    ...overrides,
  });
}
