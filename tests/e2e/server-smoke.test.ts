import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPhoneContext, serverUrl } from './harness.js';

describe('e2e harness', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('a phone browser reaches the real server', async () => {
    const context = await newPhoneContext(browser);
    try {
      const page = await context.newPage();
      const response = await page.goto(`${serverUrl()}/api/health`);
      expect(response?.status()).toBe(200);
      expect(await response?.json()).toMatchObject({
        ok: true,
        db: expect.stringMatching(/^(pglite|postgres)$/),
      });
      expect(page.viewportSize()).toEqual({ width: 360, height: 740 });
      expect(await page.evaluate(() => navigator.language)).toBe('vi-VN');
    } finally {
      await context.close();
    }
  });
});
