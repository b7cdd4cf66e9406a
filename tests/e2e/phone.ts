/** Steps a team member takes on a phone, shared by the sync tests. */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { SEED_PASSWORD } from '../../scripts/lib/server-seed.js';
import { E2E_WAIT_MS, newPhoneContext } from './harness.js';

/** The app lock's PIN every e2e phone chooses after logging in (issue 14, kind 9). */
export const E2E_PIN = '2580';

/** Completes the PIN step that follows every login; the village list then shows. */
export async function choosePin(page: Page, pin = E2E_PIN): Promise<void> {
  await page.getByRole('heading', { name: 'Đặt mã PIN cho máy này' }).waitFor();
  await page.getByLabel('Mã PIN mới (4–6 số)').fill(pin);
  await page.getByLabel('Nhập lại mã PIN').fill(pin);
  await page.getByRole('button', { name: 'Đặt mã PIN' }).click();
  await page.getByRole('heading', { name: 'Đặt mã PIN cho máy này' }).waitFor({ state: 'detached' });
}

/** Opens a locked app (a new tab, or after idle) with the PIN. */
export async function unlock(page: Page, pin = E2E_PIN): Promise<void> {
  await page.getByRole('heading', { name: 'Ngõ Số đang khoá' }).waitFor();
  await page.getByLabel('Mã PIN', { exact: true }).fill(pin);
  await page.getByRole('button', { name: 'Mở khoá' }).click();
  await page.getByRole('heading', { name: 'Ngõ Số đang khoá' }).waitFor({ state: 'detached' });
}

export async function logIn(page: Page, username: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(SEED_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await choosePin(page);
  await page.getByRole('heading', { name: 'Chọn thôn' }).waitFor();
}

/**
 * Waits until a sync has finished successfully: idle, a last success on record, no error shown. The
 * compact sync status (issue 15) keeps these on the bar as attributes; its words show readiness.
 */
export async function waitForSync(page: Page, timeout = E2E_WAIT_MS): Promise<void> {
  await page
    .locator('[data-testid="sync-bar"][data-phase="idle"][data-error=""]:not([data-last-success=""])')
    .waitFor({ timeout });
}

/** Opens the sync panel (one tap on the compact status) unless it is open; "Đồng bộ ngay" is in it. */
export async function openSyncPanel(page: Page): Promise<void> {
  const summary = page.getByTestId('sync-bar').locator('button[aria-expanded]');
  if ((await summary.getAttribute('aria-expanded')) !== 'true') await tap(summary);
  await page.getByTestId('last-sync').waitFor();
}

/** Taps "Đồng bộ ngay" and waits for a sync that finishes later than any before it, without error. */
export async function syncNow(page: Page): Promise<void> {
  const bar = page.getByTestId('sync-bar');
  await page.locator('[data-testid="sync-bar"][data-phase="idle"]').waitFor();
  const before = (await bar.getAttribute('data-last-success')) ?? '';
  await openSyncPanel(page);
  await tap(page.getByRole('button', { name: 'Đồng bộ ngay' }));
  await page.waitForFunction((old) => {
    const el = document.querySelector('[data-testid="sync-bar"]');
    const last = el?.getAttribute('data-last-success') ?? '';
    return el?.getAttribute('data-phase') === 'idle' && last !== '' && last > old;
  }, before);
}

/**
 * Cuts the network of the page's browser context, once a service worker controls the page. The
 * worker is active only after it has precached the whole app; a test that went offline before that
 * (a sync finished faster than the install) found its next navigation answered by nobody. The report's
 * export libraries (issue 19) made the precache 1.4 MB larger and the install that much slower.
 */
export async function goOffline(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await page.context().setOffline(true);
}

/** Reads one object store of the app's IndexedDB inside the page. */
export async function readStore<T>(page: Page, store: string): Promise<T[]> {
  return page.evaluate(async (name) => {
    const open = indexedDB.open('ngo-so');
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const request = db.transaction(name).objectStore(name).getAll();
    const rows = await new Promise<unknown[]>((resolve, reject) => {
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    db.close();
    return rows;
  }, store) as Promise<T[]>;
}

export async function newPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error('pageerror:', error.message));
  return page;
}

/** A phone of its own (context) logged in as `username`, its first sync finished; closes with the browser. */
export async function loggedInPhone(
  browser: Browser,
  baseURL: string,
  username: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newPhoneContext(browser, { baseURL });
  const page = await newPage(context);
  await logIn(page, username);
  await waitForSync(page);
  return { context, page };
}

/**
 * Taps like a finger (issue 15, kind 1): brings the target on screen, then a touch on it — and fails
 * when the tap moved the page under the finger (more than 2 px of scroll), which is how a tap on a
 * radio's words once made the page jump ~1,000 px and land nowhere.
 */
export async function tap(target: Locator): Promise<void> {
  await target.scrollIntoViewIfNeeded();
  // In view but under something floating (a toast): a person scrolls it to the middle first.
  const covered = await target.evaluate((el) => {
    const box = el.getBoundingClientRect();
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return !hit || !(el.contains(hit) || hit.contains(el));
  });
  if (covered) await target.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  const page = target.page();
  const before = await page.evaluate(() => window.scrollY);
  await target.tap();
  const after = await page.evaluate(() => window.scrollY);
  if (Math.abs(after - before) > 2) throw new Error(`the tap moved the page by ${after - before} px`);
}

/**
 * A tap that leads to another screen: like `tap`, a touch on the control's words after bringing it on
 * screen, but the page is expected to change under the finger — a new screen, or the round scrolled
 * to its next door — so the scroll is not held against it.
 */
export async function tapToGo(target: Locator): Promise<void> {
  await target.scrollIntoViewIfNeeded();
  await target.tap();
}

/**
 * Taps the visible words of a radio button or tick-box (its label), never the hidden input, and
 * waits until the control shows the choice made — a tap that lands elsewhere fails here.
 */
export async function tapChoice(scope: Page | Locator, name: string | RegExp): Promise<void> {
  const control = scope
    .getByRole('radio', { name, exact: typeof name === 'string' })
    .or(scope.getByRole('checkbox', { name, exact: typeof name === 'string' }))
    .first();
  const id = await control.getAttribute('id');
  const words = id
    ? control.page().locator(`label[for="${id}"]`).first()
    : control.locator('xpath=ancestor::label[1]');
  const was = await control.isChecked();
  await tap(words);
  const radio = (await control.getAttribute('type')) === 'radio';
  await control
    .page()
    .waitForFunction(([el, want]) => (el as HTMLInputElement).checked === want, [
      await control.elementHandle(),
      radio ? true : !was,
    ] as const);
}
