import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../tests/e2e/chromium';
import { startServer } from '../../tests/e2e/global-setup';
import { newPhoneContext } from '../../tests/e2e/harness';
import { logIn, waitForSync } from '../../tests/e2e/phone';
import { seedVillage, setupCommune } from '../lib/server-seed';

const server = await startServer();
const commune = await setupCommune(server.url, 'canbo.xa');
const n = Number(process.env.VILLAGES ?? 4);
for (let i = 1; i <= n; i++) await seedVillage(server.url, commune, { name: `Thôn ${i}`, households: 2000, seed: 1800 + i, fieldWork: true });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
const context = await newPhoneContext(browser, { baseURL: server.url, viewport: { width: 1366, height: 768 }, isMobile: false, hasTouch: false });
const page = await context.newPage();
page.on('console', (m) => console.log('page:', m.text()));
await logIn(page, 'canbo.xa');
await waitForSync(page, 900_000);
console.log('synced');
const probe = () => page.evaluate(async () => {
  const open = indexedDB.open('ngo-so');
  const db = await new Promise<IDBDatabase>((res, rej) => { open.onsuccess = () => res(open.result); open.onerror = () => rej(open.error); });
  const out: Record<string, number> = {};
  for (const store of ['households', 'residents', 'visits', 'assists', 'attendance']) {
    const t0 = performance.now();
    const rows = await new Promise<unknown[]>((res, rej) => { const r = db.transaction(store).objectStore(store).getAll(); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
    out[`${store} (${rows.length})`] = Math.round(performance.now() - t0);
  }
  const villages = await new Promise<{ id: string }[]>((res) => { const r = db.transaction('villages').objectStore('villages').getAll(); r.onsuccess = () => res(r.result as { id: string }[]); });
  const v = villages[0]?.id as string;
  const t1 = performance.now();
  const byIndex = await new Promise<unknown[]>((res) => { const r = db.transaction('residents').objectStore('residents').index('villageId').getAll(IDBKeyRange.only(v)); r.onsuccess = () => res(r.result); });
  out[`residents of one village by index (${byIndex.length})`] = Math.round(performance.now() - t1);
  db.close();
  return out;
});
console.log(await probe());
await page.goto('/');
await page.getByRole('link', { name: 'Số liệu cả xã / Chỉ tiêu' }).click();
const t0 = Date.now();
await page.waitForFunction(`document.querySelectorAll('[data-testid="village-row"]').length === ${n}`, undefined, { timeout: 300000 });
console.log('commune screen cold', Date.now() - t0);
const client = await context.newCDPSession(page);
void client;
await browser.close();
await server.stop();
