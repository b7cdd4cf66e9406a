/**
 * Issue 15, kinds 1, 4 and 5 on a real phone (Chromium, touch):
 * - a tap under a toast does what it shows and moves nothing (the skill step's undo toast, the
 *   village tick-box after "Đã lưu thôn");
 * - a fresh phone says it is not ready to go offline until its first sync is done and the app is
 *   cached, then says it is, and an offline reload works;
 * - the list has room: the compact sync status is ≤ 48 px at normal text, and at 200 % zoom with
 *   "Rất lớn" text every main screen fits its width and nothing fixed covers a control.
 *
 * Zoom is emulated as Chrome does it on a phone: 200 % on a 360 px screen leaves a 180 CSS px wide
 * layout viewport (the device pixels stay, so deviceScaleFactor doubles to 4). CSS `zoom` on the root
 * would be another thing: media queries, vw and window sizes would not change as they do with zoom.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, seedVillage, setupCommune } from '../../scripts/lib/server-seed.js';
import { layoutProblems } from './axe.js';
import { launchBrowser, newPhoneContext, type ServerHandle, startServer } from './harness.js';
import { logIn, newPage, readStore, tap, tapChoice, waitForSync } from './phone.js';

interface Ids {
  villageId: string;
  householdId: string;
  residentId: string;
  classPath: string;
}

/** Every main screen, and the heading that says it has rendered. */
const MAIN_SCREENS: Array<{ name: string; path: (ids: Ids) => string; heading: string | RegExp }> = [
  { name: 'villages', path: () => '/', heading: 'Chọn thôn' },
  { name: 'households', path: (ids) => `/v/${ids.villageId}`, heading: 'Hộ dân' },
  { name: 'household', path: (ids) => `/v/${ids.villageId}/h/${ids.householdId}`, heading: /.+/ },
  { name: 'visit', path: (ids) => `/v/${ids.villageId}/h/${ids.householdId}/visit`, heading: /^Ghé thăm hộ/ },
  { name: 'round planner', path: (ids) => `/v/${ids.villageId}/round`, heading: 'Đi từng ngõ, gõ từng nhà' },
  {
    name: 'skills profile',
    path: (ids) => `/v/${ids.villageId}/h/${ids.householdId}/r/${ids.residentId}/skills`,
    heading: /^Kỹ năng số của/,
  },
  { name: 'classes', path: (ids) => `/v/${ids.villageId}/classes`, heading: 'Lớp học' },
  { name: 'attendance', path: (ids) => ids.classPath, heading: /^Điểm danh/ },
  { name: 'settings', path: () => '/settings', heading: 'Cài đặt' },
  { name: 'admin', path: () => '/admin', heading: 'Quản trị' },
];

/** Controls that a position:fixed box overlaps, at the top of the page and at its bottom. */
async function fixedCoverProblems(page: Page): Promise<string[]> {
  const problems: string[] = [];
  for (const at of ['top', 'bottom'] as const) {
    problems.push(
      ...(await page.evaluate((where) => {
        window.scrollTo(0, where === 'top' ? 0 : document.documentElement.scrollHeight);
        const shown = (el: Element) => {
          const r = el.getBoundingClientRect();
          return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
        };
        const fixed = [...document.body.querySelectorAll('*')].filter(
          (el) => getComputedStyle(el).position === 'fixed' && shown(el),
        );
        const controls = [
          ...document.body.querySelectorAll('a[href], button, input, select, textarea, label, summary'),
        ].filter(shown);
        const found: string[] = [];
        for (const f of fixed) {
          const a = f.getBoundingClientRect();
          for (const c of controls) {
            if (f.contains(c) || c.contains(f)) continue;
            const b = c.getBoundingClientRect();
            if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom)
              found.push(
                `${where}: <${f.tagName.toLowerCase()}.${f.className}> covers "${(c.textContent ?? '').trim().slice(0, 30)}"`,
              );
          }
        }
        return found;
      }, at)),
    );
  }
  return problems;
}

describe('issue 15: taps, offline readiness and room on a phone', () => {
  let server: ServerHandle;
  let browser: Browser;
  let villageId: string;

  beforeAll(async () => {
    server = await startServer();
    const commune = await setupCommune(server.url);
    const village = await seedVillage(server.url, commune, {
      name: 'Thôn Bản Chang',
      households: 30,
      seed: 15,
    });
    villageId = village.villageId;
    await createAccount(server.url, commune, {
      username: 'to.vien.chang',
      role: 'member',
      villageIds: [villageId],
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  let member: { context: BrowserContext; page: Page };

  it('a fresh phone is not ready until its first sync is done and the app is cached; then ready, and opens offline', async () => {
    const context = await newPhoneContext(browser, { baseURL: server.url });
    const page = await newPage(context);
    member = { context, page };
    // The first download waits until the phone has been seen saying it is not ready.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route('**/api/sync/pull**', async (route) => {
      await held;
      await route.continue();
    });
    await logIn(page, 'to.vien.chang');
    const bar = page.getByTestId('sync-bar');
    const status = page.getByTestId('sync-status');
    await status.filter({ hasText: /^Chưa sẵn sàng/ }).waitFor();
    expect(await bar.getAttribute('data-ready')).toBe('false');

    release();
    await waitForSync(page);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await status.filter({ hasText: 'Sẵn sàng dùng không cần mạng' }).waitFor();
    expect(await bar.getAttribute('data-ready')).toBe('true');
    await page.unroute('**/api/sync/pull**');

    // The panel says what is there, one line each.
    await tap(bar.locator('button[aria-expanded]'));
    const parts = page.getByTestId('readiness-parts');
    await parts.getByText('Ứng dụng đã lưu trong máy').waitFor();
    await parts.getByText('Đã tải đủ dữ liệu các thôn của bạn').waitFor();
    await parts.locator('[data-part="storage"]').waitFor();

    await context.setOffline(true);
    await page.reload();
    await page.getByRole('heading', { name: 'Chọn thôn' }).waitFor();
    await status.filter({ hasText: 'Sẵn sàng dùng không cần mạng' }).waitFor();
    expect(await bar.textContent()).toContain('Không có mạng');
    await page.getByRole('link', { name: /Thôn Bản Chang/ }).click();
    await page.getByRole('heading', { name: 'Hộ dân' }).waitFor();
    await context.setOffline(false);
  });

  it('a tap on a radio of the next step while the undo toast shows chooses it, and the page stays still', async () => {
    const { page } = member;
    const residents = await readStore<{ id: string; householdId: string; consent?: { purposes: string[] } }>(
      page,
      'residents',
    );
    const learner = residents.find((r) => r.consent?.purposes.includes('skills_support'));
    if (!learner) throw new Error('the seeded village has no consenting resident');
    await page.goto(`/v/${villageId}/h/${learner.householdId}/r/${learner.id}/skills`);
    await page.getByRole('heading', { name: /^Kỹ năng số của/ }).waitFor();

    await tap(page.getByRole('button', { name: 'Ghi bước này' }));
    await tapChoice(page, 'Đã làm được');
    await tap(page.getByRole('button', { name: 'Lưu' }));
    const undo = page.getByRole('button', { name: 'Hoàn tác' });
    await page.getByText(/^Đã ghi: .* — Đã làm được$/).waitFor();
    // A finger resting on the toast keeps it (as ToastHost does for focus) until the next tap.
    await undo.focus();
    await tap(page.getByRole('button', { name: 'Ghi bước này' }));
    expect(await undo.isVisible()).toBe(true);
    await tapChoice(page, 'Đã chuyển/hẹn nơi khác');
    expect(await page.getByRole('radio', { name: 'Đã làm được' }).isChecked()).toBe(false);
  });

  it('after "Đã lưu thôn", a tap on the new village’s tick-box in the open account form ticks it, moving nothing', async () => {
    const context = await newPhoneContext(browser, { baseURL: server.url });
    const page = await newPage(context);
    await logIn(page, 'canbo.xa');
    await waitForSync(page);
    await page.goto('/admin');
    await page.getByRole('heading', { name: 'Quản trị' }).waitFor();
    // Opening a form moves to its first field on purpose (autofocus): a plain touch, not `tap`.
    await page.getByRole('button', { name: 'Thêm tài khoản' }).tap();
    await page.getByRole('button', { name: 'Thêm thôn' }).tap();
    const villageForm = page.getByRole('form', { name: 'Thêm thôn mới' });
    await villageForm.getByLabel('Tên thôn').fill('Thôn Nặm Dạ');
    await villageForm.getByLabel('Mã thôn').fill('ND');
    // Saving closes the village form above the account form: the browser's scroll anchoring then
    // moves the page so the account form stays where it was, which is the point, not a jump.
    await villageForm.getByRole('button', { name: 'Lưu' }).tap();
    await page.getByText('Đã lưu thôn "Thôn Nặm Dạ".').waitFor();
    await page.getByRole('checkbox', { name: 'Thôn Nặm Dạ' }).waitFor();
    await page.locator('.toast').getByRole('button', { name: 'Đóng' }).focus();
    await tapChoice(page.getByRole('form', { name: 'Thêm tài khoản mới' }), 'Thôn Nặm Dạ');
    expect(await page.getByText('Đã lưu thôn "Thôn Nặm Dạ".').count()).toBe(1);
    await context.close();
  });

  it('the compact sync status is at most 48 px high at normal text, and opens to “Đồng bộ ngay”', async () => {
    const { page } = member;
    await page.goto(`/v/${villageId}`);
    await page.getByRole('heading', { name: 'Hộ dân' }).waitFor();
    const box = await page.getByTestId('sync-bar').boundingBox();
    expect(box?.height).toBeLessThanOrEqual(48);
    // The first household is on the first screen, under the search box.
    const first = await page.getByTestId('household-list').getByRole('link').first().boundingBox();
    expect((first?.y ?? Number.POSITIVE_INFINITY) + 20).toBeLessThan(740);
  });

  it('at 200 % zoom with “Rất lớn” text, every main screen fits its width and nothing fixed covers a control', async () => {
    const context = await newPhoneContext(browser, {
      baseURL: server.url,
      viewport: { width: 180, height: 370 },
      deviceScaleFactor: 4,
    });
    const page = await newPage(context);
    await logIn(page, 'canbo.xa');
    await waitForSync(page);
    const households = await readStore<{ id: string; villageId: string }>(page, 'households');
    const residents = await readStore<{ id: string; householdId: string; consent?: { purposes: string[] } }>(
      page,
      'residents',
    );
    const resident = residents.find((r) => r.consent?.purposes.includes('skills_support'));
    const household = households.find((h) => h.id === resident?.householdId);
    if (!resident || !household) throw new Error('the seeded village has no consenting resident');

    await page.goto('/settings');
    await tapChoice(page, 'Rất lớn');
    await page.waitForFunction(() => document.documentElement.dataset.textSize === 'larger');

    await page.goto(`/v/${villageId}/classes/new`);
    await page.getByLabel('Chủ đề buổi học').selectOption({ index: 1 });
    await page.getByLabel('Địa điểm').fill('Nhà văn hóa thôn');
    await page.getByLabel('Người hướng dẫn').fill('Tổ viên Chang');
    // Saving opens the class's attendance page at its top.
    await page.getByRole('button', { name: 'Lưu' }).tap();
    await page.waitForURL(/classes\/[0-9a-f-]{36}$/);
    const ids: Ids = {
      villageId,
      householdId: household.id,
      residentId: resident.id,
      classPath: new URL(page.url()).pathname,
    };

    const problems: string[] = [];
    for (const screen of MAIN_SCREENS) {
      await page.goto(screen.path(ids));
      await page
        .getByRole('heading', { name: screen.heading, exact: typeof screen.heading === 'string' })
        .first()
        .waitFor();
      const sideways = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      if (sideways > 0) problems.push(`${screen.name}: ${sideways} px sideways`);
      for (const p of await layoutProblems(page))
        if (p.startsWith('horizontal')) problems.push(`${screen.name}: ${p}`);
      for (const p of await fixedCoverProblems(page)) problems.push(`${screen.name}: ${p}`);
    }
    expect(problems).toEqual([]);
    await context.close();
  });
});
