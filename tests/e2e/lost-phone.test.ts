/**
 * Lost and shared phones (issue 14, kind 9), in Chromium against the real server: the app opens
 * locked in a new tab and shows nothing of the register until the PIN; a device revoked by the
 * commune while the phone is offline with an unsent household erases its register on its next
 * contact and keeps the household, which the next login sends; logging out erases the phone but
 * leaves the app shell, so the app still opens offline.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, SEED_PASSWORD, seedVillage, setupCommune } from '../../scripts/lib/server-seed.js';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../src/core/sync/protocol.js';
import { expectNoSeriousA11yViolations, layoutProblems } from './axe.js';
import { launchBrowser, newPhoneContext, type ServerHandle, startServer } from './harness.js';
import { choosePin, goOffline, newPage, readStore, unlock, waitForSync } from './phone.js';

interface HouseholdRow {
  id: string;
  label: string;
  villageId: string;
}
interface OutboxRow {
  table: string;
  villageId: string;
  fields: Record<string, unknown>;
}
interface MetaRow {
  key: string;
  value: unknown;
}

async function api<T>(baseUrl: string, path: string, token: string, method = 'GET'): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION), authorization: `Bearer ${token}` },
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

async function submitLogin(page: Page, username: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(SEED_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
}

/** Everything the page shows or holds in its DOM, inputs included. */
async function pageText(page: Page): Promise<string> {
  return page.evaluate(() => document.documentElement.outerHTML);
}

describe('a lost phone, then a shared one', () => {
  let server: ServerHandle;
  let browser: Browser;
  let commune: string;
  let labels: string[];

  beforeAll(async () => {
    server = await startServer();
    commune = await setupCommune(server.url);
    const village = await seedVillage(server.url, commune, {
      name: 'Thôn Khuổi Vằn',
      households: 5,
      seed: 91,
    });
    await createAccount(server.url, commune, {
      username: 'to.vien.mat',
      displayName: 'Đàm Thị Mất',
      role: 'member',
      villageIds: [village.villageId],
    });
    browser = await launchBrowser();
    labels = [];
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('locks a new tab, erases the register of a revoked device and keeps its unsent household for the next login', async () => {
    const context = await newPhoneContext(browser, { baseURL: server.url });
    const page = await newPage(context);
    await submitLogin(page, 'to.vien.mat');
    await page.getByRole('heading', { name: 'Đặt mã PIN cho máy này' }).waitFor();
    await expectNoSeriousA11yViolations(page, 'PIN setup');
    expect(await layoutProblems(page)).toEqual([]);
    await choosePin(page);
    await waitForSync(page);
    labels = (await readStore<HouseholdRow>(page, 'households')).map((h) => h.label);
    expect(labels).toHaveLength(5);

    // Opening the app in a new tab (as after closing it): locked, and nothing of the register is in
    // the page — not a name, not a village.
    const opened = await newPage(context);
    await opened.goto('/');
    await opened.getByRole('heading', { name: 'Ngõ Số đang khoá' }).waitFor();
    const locked = await pageText(opened);
    for (const label of [...labels, 'Khuổi Vằn', 'Đàm Thị Mất']) expect(locked).not.toContain(label);
    await expectNoSeriousA11yViolations(opened, 'lock screen');
    expect(await layoutProblems(opened)).toEqual([]);
    await opened.getByLabel('Mã PIN', { exact: true }).fill('1111');
    await opened.getByRole('button', { name: 'Mở khoá' }).click();
    await opened.getByRole('alert').filter({ hasText: 'Sai mã PIN.' }).waitFor();
    await unlock(opened);
    await opened.getByRole('link', { name: /Thôn Khuổi Vằn/ }).waitFor();
    await opened.close();

    // Offline, a household is added; meanwhile the commune revokes this phone.
    await goOffline(page);
    await page.getByRole('link', { name: /Thôn Khuổi Vằn/ }).click();
    await page.getByRole('link', { name: '+ Thêm hộ' }).click();
    await page.getByLabel('Tên chủ hộ').fill('Triệu Văn Khải');
    await page.getByLabel('Số nhân khẩu').fill('5');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.getByRole('heading', { name: 'Triệu Văn Khải' }).waitFor();
    expect(await readStore(page, 'outbox')).toHaveLength(1);

    const { users } = await api<{ users: Array<{ id: string; username: string }> }>(
      server.url,
      '/api/admin/users',
      commune,
    );
    const member = users.find((u) => u.username === 'to.vien.mat');
    const { devices } = await api<{ devices: Array<{ id: string; status: string }> }>(
      server.url,
      `/api/admin/users/${member?.id}/devices`,
      commune,
    );
    expect(devices).toHaveLength(1);
    await api(server.url, `/api/admin/users/${member?.id}/devices/${devices[0]?.id}`, commune, 'DELETE');

    // The signal comes back: the phone's next contact learns it was revoked.
    await context.setOffline(false);
    await page.getByTestId('wipe-notice').waitFor();
    expect(await page.getByTestId('wipe-notice').textContent()).toContain(
      '1 thay đổi chưa gửi vẫn được giữ trên máy',
    );
    expect(await readStore(page, 'households')).toEqual([]);
    expect(await readStore(page, 'villages')).toEqual([]);
    const kept = await readStore<OutboxRow>(page, 'outbox');
    expect(kept.map((e) => [e.table, e.fields.label])).toEqual([['households', 'Triệu Văn Khải']]);
    const meta = (await readStore<MetaRow>(page, 'meta')).map((m) => m.key);
    for (const key of ['session', 'appLock', 'pullCursor']) expect(meta).not.toContain(key);
    await page.goto('/');
    const wiped = await pageText(page);
    for (const label of [...labels, 'Triệu Văn Khải']) expect(wiped).not.toContain(label);

    // The same person logs in again: a new PIN, the kept household is sent, the register comes back.
    await submitLogin(page, 'to.vien.mat');
    await choosePin(page, '4702');
    await waitForSync(page);
    expect(await readStore(page, 'outbox')).toEqual([]);
    const back = (await readStore<HouseholdRow>(page, 'households')).map((h) => h.label).sort();
    expect(back).toEqual([...labels, 'Triệu Văn Khải'].sort());
    expect(await page.getByTestId('wipe-notice').count()).toBe(0);
    await context.close();
  });

  it('logging out erases the register, the PIN and the tab’s copies, and the app still opens offline', async () => {
    const context = await newPhoneContext(browser, { baseURL: server.url });
    const page = await newPage(context);
    await submitLogin(page, 'to.vien.mat');
    await choosePin(page);
    await waitForSync(page);
    // Offline later, the reload is answered by the service worker only once it controls the page:
    // an active registration may still be activating (a first install precaches ~2 MB, with the
    // import's worker and SheetJS, and claims the page at the end of activation).
    await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated');
    expect((await readStore(page, 'households')).length).toBeGreaterThan(0);

    await page.getByRole('link', { name: 'Cài đặt' }).first().click();
    await page.getByTestId('account').getByRole('button', { name: 'Đăng xuất' }).click();
    const dialog = page.getByRole('dialog', { name: 'Đăng xuất và xoá dữ liệu khỏi máy này?' });
    await dialog.getByText(/Mọi thay đổi đã được gửi lên máy chủ/).waitFor();
    await dialog.getByRole('button', { name: 'Đăng xuất' }).click();
    // Done erasing, the app goes back to the village list, logged out.
    await page.waitForURL((url) => url.pathname === '/');
    await page.getByTestId('sync-status').filter({ hasText: 'Chưa đăng nhập' }).waitFor();

    expect(await readStore(page, 'households')).toEqual([]);
    expect(await readStore(page, 'villages')).toEqual([]);
    expect(await readStore(page, 'drafts')).toEqual([]);
    const meta = (await readStore<MetaRow>(page, 'meta')).map((m) => m.key);
    for (const key of ['session', 'owner', 'accounts', 'appLock', 'pullCursor', 'lastSyncAt'])
      expect(meta).not.toContain(key);
    expect(
      await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('ngo-so:'))),
    ).toEqual([]);
    // The app shell stays: offline, the app still opens (logged out, nothing to lock).
    expect((await page.evaluate(() => caches.keys())).some((name) => name.includes('precache'))).toBe(true);
    await context.setOffline(true);
    await page.reload();
    await page.getByRole('heading', { name: 'Chọn thôn' }).waitFor();
    const after = await pageText(page);
    for (const label of labels) expect(after).not.toContain(label);
    await context.close();
  });
});
