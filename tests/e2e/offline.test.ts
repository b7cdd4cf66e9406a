import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/server/project.js';
import { E2E_WAIT_MS, launchBrowser, newPhoneContext } from './harness.js';
import { tapChoice } from './phone.js';

const SHOTS = join(projectRoot, 'docs', 'screenshots');

async function shot(page: Page, name: string) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

async function pendingCount(page: Page): Promise<number> {
  const text = await page.getByTestId('pending-count').getAttribute('data-count');
  return Number(text);
}

async function expectPending(page: Page, expected: number) {
  await expect.poll(() => pendingCount(page), { timeout: E2E_WAIT_MS }).toBe(expected);
}

describe('offline-first app shell in real Chromium (360×740)', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    await mkdir(SHOTS, { recursive: true });
    browser = await launchBrowser();
    context = await newPhoneContext(browser);
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('registers the service worker on first load and takes control of the page', async () => {
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Chọn thôn' })).toBeDefined();
    await page.getByRole('heading', { name: 'Chọn thôn' }).waitFor();
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(new URL(scope).pathname).toBe('/');
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    const manifest = await page.evaluate(async () => {
      const link = document.querySelector('link[rel="manifest"]');
      return link ? (await fetch((link as HTMLLinkElement).href)).json() : null;
    });
    expect(manifest).toMatchObject({
      lang: 'vi',
      display: 'standalone',
      short_name: 'Ngõ Số',
      start_url: '/',
    });
    await shot(page, '01-first-run');
  });

  it('opens after an offline reload and from an offline deep link', async () => {
    await context.setOffline(true);
    const reachable = await page.evaluate(() =>
      fetch('/api/health').then(
        () => true,
        () => false,
      ),
    );
    expect(reachable).toBe(false);
    await page.reload();
    await page.getByRole('heading', { name: 'Chọn thôn' }).waitFor();
    await expect(page.getByTestId('sync-bar').textContent()).resolves.toContain('Không có mạng');

    await page.goto('/settings');
    await page.getByRole('heading', { name: 'Cài đặt' }).waitFor();
    await page
      .getByTestId('storage-status')
      .getByText(/Đã dùng/)
      .waitFor();
  });

  it('creates demo data offline, clearly marked, with progress', async () => {
    await page.goto('/');
    await page.getByRole('button', { name: 'Tạo dữ liệu mẫu' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Tạo dữ liệu mẫu' }).click();
    await page.getByText('Đã tạo 13 thôn mẫu.').waitFor({ timeout: E2E_WAIT_MS });
    await page
      .getByRole('link', { name: /Thôn 1\b.*DỮ LIỆU MẪU/ })
      .first()
      .waitFor();
    await expect.poll(() => pendingCount(page), { timeout: E2E_WAIT_MS }).toBeGreaterThan(13 * 150 * 4);
    await shot(page, '02-villages');
  });

  it('adds a household and a resident offline; both survive an offline reload with their outbox entries', async () => {
    await page
      .getByRole('link', { name: /^Thôn 1\b/ })
      .first()
      .click();
    await page.getByRole('heading', { name: 'Hộ dân' }).waitFor();
    await shot(page, '03-households');

    await page.getByLabel('Tìm hộ hoặc người').fill('nong van');
    await page.getByText(/\d+ \/ 150 hộ/).waitFor();
    await shot(page, '04-search');

    await expect.poll(() => pendingCount(page), { timeout: E2E_WAIT_MS }).toBeGreaterThan(13 * 150 * 4);
    const before = await pendingCount(page);
    await page.getByRole('link', { name: '+ Thêm hộ' }).click();
    await page.getByLabel('Tên chủ hộ').fill('Lường Văn Chiến');
    await page.getByLabel('Ngõ / xóm').fill('Xóm Khuổi Tẩu');
    await page.getByLabel('Số nhân khẩu').fill('3');
    await shot(page, '05-household-form');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.getByRole('heading', { name: 'Lường Văn Chiến' }).waitFor();
    const householdUrl = new URL(page.url()).pathname;
    await expectPending(page, before + 1);

    await page.getByRole('link', { name: '+ Thêm người' }).click();
    await tapChoice(page, /Hướng dẫn, hỗ trợ kỹ năng số/);
    await page.getByLabel('Người ghi nhận đồng ý').fill('Tổ viên Hà');
    await page.getByLabel('Họ và tên').fill('Lường Thị Đào');
    await page.getByLabel('Năm sinh').fill('1948');
    await tapChoice(page, 'Có căn cước gắn chip');
    await shot(page, '06-resident-consent');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.getByTestId('resident-list').getByText('Lường Thị Đào').waitFor();
    await expectPending(page, before + 2);
    await shot(page, '07-household-detail');

    await page.reload();
    await page.getByRole('heading', { name: 'Lường Văn Chiến' }).waitFor();
    await page.getByTestId('resident-list').getByText('Lường Thị Đào').waitFor();
    await expectPending(page, before + 2);

    const outbox = await page.evaluate(async () => {
      const open = indexedDB.open('ngo-so');
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const all = db.transaction('outbox').objectStore('outbox').getAll();
      const rows = await new Promise<Array<{ table: string; fields: Record<string, unknown> }>>((resolve) => {
        all.onsuccess = () => resolve(all.result);
      });
      db.close();
      return rows.slice(-2).map((r) => ({ table: r.table, name: r.fields.label ?? r.fields.name }));
    });
    expect(outbox).toEqual([
      { table: 'households', name: 'Lường Văn Chiến' },
      { table: 'residents', name: 'Lường Thị Đào' },
    ]);

    const fresh = await context.newPage();
    await fresh.goto(householdUrl);
    await fresh.getByRole('heading', { name: 'Lường Văn Chiến' }).waitFor();
    await fresh.close();
  });

  it('edits, deletes with confirmation, and undoes the delete, all offline', async () => {
    await page.getByRole('link', { name: 'Sửa', exact: true }).click();
    await page.getByLabel('Số nhân khẩu').fill('4');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.getByText('Xóm Khuổi Tẩu · 4 người').waitFor();
    const before = await pendingCount(page);

    await page.getByRole('button', { name: 'Xóa' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Xóa hộ "Lường Văn Chiến"?').waitFor();
    await shot(page, '08-delete-confirm');
    await dialog.getByRole('button', { name: 'Xóa' }).click();
    await page.getByRole('heading', { name: 'Hộ dân' }).waitFor();
    await page.getByRole('button', { name: 'Hoàn tác' }).click();
    await page.getByText('Đã khôi phục hộ "Lường Văn Chiến"').waitFor();
    await page.getByLabel('Tìm hộ hoặc người').fill('luong van chien');
    await page.getByRole('link', { name: /Lường Văn Chiến/ }).waitFor();
    await expectPending(page, before + 2);
  });
});
