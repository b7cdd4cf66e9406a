import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAccount,
  type SeededVillage,
  seedVillage,
  setupCommune,
} from '../../scripts/lib/server-seed.js';
import { E2E_WAIT_MS, launchBrowser, newPhoneContext, type ServerHandle, startServer } from './harness.js';
import {
  goOffline,
  loggedInPhone,
  logIn,
  newPage,
  openSyncPanel,
  readStore,
  syncNow,
  tap,
  waitForSync,
} from './phone.js';

describe('two phones of one village sync through the real server', () => {
  let server: ServerHandle;
  let browser: Browser;
  let villageA: SeededVillage;

  beforeAll(async () => {
    server = await startServer();
    const commune = await setupCommune(server.url);
    villageA = await seedVillage(server.url, commune, { name: 'Thôn Nà Pài', households: 6, seed: 11 });
    const villageB = await seedVillage(server.url, commune, {
      name: 'Thôn Khuổi Ha',
      households: 4,
      seed: 12,
    });
    await createAccount(server.url, commune, {
      username: 'to.vien.mot',
      role: 'member',
      villageIds: [villageA.villageId],
    });
    await createAccount(server.url, commune, {
      username: 'to.vien.hai',
      role: 'member',
      villageIds: [villageA.villageId],
    });
    await createAccount(server.url, commune, {
      username: 'to.vien.ba',
      role: 'member',
      villageIds: [villageB.villageId],
    });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const phone = (username: string) => loggedInPhone(browser, server.url, username);

  it('offline edits of different fields of one household merge on both phones; another village never sees it', async () => {
    const one = await phone('to.vien.mot');
    const two = await phone('to.vien.hai');
    const three = await phone('to.vien.ba');

    const households = await readStore<{ id: string; label: string; villageId: string }>(
      one.page,
      'households',
    );
    expect(households).toHaveLength(6);
    const target = households[0] as (typeof households)[number];
    const path = `/v/${villageA.villageId}/h/${target.id}`;

    // Both phones lose the signal, and each changes a different field of the same household.
    for (const p of [one, two]) {
      await p.page.goto(path);
      await p.page.getByRole('heading', { name: target.label }).waitFor();
      await goOffline(p.page);
    }
    await one.page.getByRole('link', { name: 'Sửa', exact: true }).click();
    await one.page.getByLabel('Số nhân khẩu').fill('9');
    await one.page.getByRole('button', { name: 'Lưu' }).click();
    await one.page.getByText('Chưa đồng bộ').first().waitFor();

    await two.page.getByRole('link', { name: 'Sửa', exact: true }).click();
    await two.page.getByLabel('Ngõ / xóm').fill('Xóm Mới');
    await two.page.getByRole('button', { name: 'Lưu' }).click();
    await two.page.getByText('Chưa đồng bộ').first().waitFor();
    await two.page.screenshot({ path: 'docs/screenshots/09-offline-unsynced.png' });

    // Signal returns: each phone syncs (the second pulls the first's edit), then the first pulls again.
    await one.context.setOffline(false);
    await syncNow(one.page);
    await two.context.setOffline(false);
    await syncNow(two.page);
    await syncNow(one.page);

    for (const p of [one, two]) {
      await p.page.goto(path);
      await p.page.getByText('Xóm Mới · ').first().waitFor();
      await expect(p.page.locator('main').textContent()).resolves.toContain('9 người');
      expect(await p.page.getByText('Chưa đồng bộ').count()).toBe(0);
      const [row] = (
        await readStore<{ id: string; lane?: string; membersCount: number }>(p.page, 'households')
      ).filter((h) => h.id === target.id);
      expect(row).toMatchObject({ lane: 'Xóm Mới', membersCount: 9 });
      expect(await readStore(p.page, 'outbox')).toEqual([]);
    }
    await one.page.screenshot({ path: 'docs/screenshots/10-merged.png' });

    await syncNow(three.page);
    const seenByThree = await readStore<{ id: string; villageId: string }>(three.page, 'households');
    expect(seenByThree.length).toBe(4);
    expect(seenByThree.some((h) => h.id === target.id || h.villageId === villageA.villageId)).toBe(false);
    await three.page.goto('/');
    expect(await three.page.getByRole('link', { name: /Thôn Nà Pài/ }).count()).toBe(0);
    await three.page.getByRole('link', { name: /Thôn Khuổi Ha/ }).waitFor();
  });

  it('a Background Sync event relayed by the service worker makes the open app sync', async () => {
    const one = await phone('to.vien.mot');
    await one.page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    const before = (await one.page.getByTestId('sync-bar').getAttribute('data-last-success')) ?? '';
    const cdp = await one.context.newCDPSession(one.page);
    const registrationId = new Promise<string>((resolve) => {
      cdp.on('ServiceWorker.workerRegistrationUpdated', (event) => {
        const found = event.registrations.find((r) => !r.isDeleted);
        if (found) resolve(found.registrationId);
      });
    });
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.dispatchSyncEvent', {
      origin: server.url,
      registrationId: await registrationId,
      tag: 'ngo-so-sync',
      lastChance: false,
    });
    await one.page.waitForFunction((old) => {
      const last =
        document.querySelector('[data-testid="sync-bar"]')?.getAttribute('data-last-success') ?? '';
      return last > old;
    }, before);
  });
});

describe('a first sync of 20,000 records cut off halfway', () => {
  let server: ServerHandle;
  let browser: Browser;
  let village: SeededVillage;

  beforeAll(async () => {
    server = await startServer();
    const commune = await setupCommune(server.url);
    village = await seedVillage(server.url, commune, { name: 'Thôn Lớn', households: 4000, seed: 21 });
    await createAccount(server.url, commune, {
      username: 'to.vien.lon',
      role: 'member',
      villageIds: [village.villageId],
    });
    browser = await launchBrowser();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('resumes from its saved cursor without downloading finished pages again', async () => {
    const total = 1 + village.households + village.residents;
    expect(total).toBeGreaterThan(19_000);
    // No service worker here: the test intercepts the page's own requests to cut the line.
    const context = await newPhoneContext(browser, { baseURL: server.url, serviceWorkers: 'block' });
    const page = await newPage(context);
    const requested: number[] = [];
    let served = 0;
    await page.route('**/api/sync/pull**', async (route) => {
      requested.push(Number(new URL(route.request().url()).searchParams.get('since')));
      if (served >= 8) return route.abort('internetdisconnected');
      served++;
      return route.continue();
    });
    await logIn(page, 'to.vien.lon');
    await page
      .getByTestId('sync-status')
      .filter({ hasText: 'Không kết nối được máy chủ' })
      .waitFor({ timeout: E2E_WAIT_MS });

    const [cursorEntry] = (await readStore<{ key: string; value: number }>(page, 'meta')).filter(
      (m) => m.key === 'pullCursor',
    );
    const savedCursor = cursorEntry?.value ?? 0;
    const storedBefore =
      (await readStore(page, 'households')).length +
      (await readStore(page, 'residents')).length +
      (await readStore(page, 'villages')).length;
    expect(savedCursor).toBeGreaterThan(0);
    expect(storedBefore).toBeGreaterThanOrEqual(7_000);
    expect(storedBefore).toBeLessThan(total);

    // The connection comes back.
    const afterResume: number[] = [];
    await page.unroute('**/api/sync/pull**');
    await page.route('**/api/sync/pull**', (route) => {
      afterResume.push(Number(new URL(route.request().url()).searchParams.get('since')));
      return route.continue();
    });
    await openSyncPanel(page);
    await tap(page.getByRole('button', { name: 'Đồng bộ ngay' }));
    await waitForSync(page);

    expect(afterResume[0]).toBe(savedCursor);
    expect(Math.min(...afterResume)).toBe(savedCursor);
    const households = await readStore(page, 'households');
    const residents = await readStore(page, 'residents');
    expect(households.length).toBe(village.households);
    expect(residents.length).toBe(village.residents);
    await page.screenshot({ path: 'docs/screenshots/11-after-resume.png' });
  });
});
