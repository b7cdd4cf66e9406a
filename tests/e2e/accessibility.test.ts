/**
 * WCAG 2.2 AA on every main screen of a 360×740 phone (issue 4, item 6): axe finds no serious or
 * critical violation, and at the largest text setting ("Rất lớn") nothing scrolls sideways, no text is
 * clipped and every control is at least 44×44 px.
 *
 * To cover a new screen, add one row to SCREENS.
 */
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, seedVillage, setupCommune } from '../../scripts/lib/server-seed.js';
import { expectNoSeriousA11yViolations, focusProblems, layoutProblems } from './axe.js';
import { launchBrowser, newPhoneContext, type ServerHandle, startServer } from './harness.js';
import { logIn, newPage, readStore, tapChoice, waitForSync } from './phone.js';

/** Records on the server that screens can open. */
interface Ids {
  villageId: string;
  householdId: string;
  householdLabel: string;
  residentId: string;
}

interface Screen {
  name: string;
  path: (ids: Ids) => string;
  /** The screen has rendered when this heading is visible (a string matches exactly). */
  heading: (ids: Ids) => string | RegExp;
  /** Taps after the page has loaded, e.g. to open a dialog. */
  steps?: (page: Page, ids: Ids) => Promise<void>;
}

const SCREENS: Screen[] = [
  { name: 'login', path: () => '/login', heading: () => 'Đăng nhập' },
  { name: 'village picker', path: () => '/', heading: () => 'Chọn thôn' },
  { name: 'household list', path: (ids) => `/v/${ids.villageId}`, heading: () => 'Hộ dân' },
  {
    name: 'household detail',
    path: (ids) => `/v/${ids.villageId}/h/${ids.householdId}`,
    heading: (ids) => ids.householdLabel,
  },
  {
    name: 'household delete confirmation',
    path: (ids) => `/v/${ids.villageId}/h/${ids.householdId}`,
    heading: (ids) => ids.householdLabel,
    steps: async (page) => {
      await page.getByRole('button', { name: 'Xóa' }).click();
      await page.getByRole('dialog').waitFor();
    },
  },
  {
    name: 'household form',
    path: (ids) => `/v/${ids.villageId}/h/${ids.householdId}/edit`,
    heading: () => 'Sửa thông tin hộ',
  },
  {
    name: 'resident form (new)',
    path: (ids) => `/v/${ids.villageId}/h/${ids.householdId}/r/new`,
    heading: () => 'Thêm người vào hộ',
    // The consent ticks open the rest of the form.
    steps: async (page) => {
      await tapChoice(page, /Hướng dẫn, hỗ trợ kỹ năng số/);
    },
  },
  {
    name: 'resident form (edit)',
    path: (ids) => `/v/${ids.villageId}/h/${ids.householdId}/r/${ids.residentId}`,
    heading: () => 'Sửa thông tin người dân',
  },
  { name: 'settings', path: () => '/settings', heading: () => 'Cài đặt' },
  {
    name: 'visit',
    path: (ids) => `/v/${ids.villageId}/h/${ids.householdId}/visit`,
    heading: () => /^Ghé thăm hộ/,
  },
  {
    name: 'round planner',
    path: (ids) => `/v/${ids.villageId}/round`,
    heading: () => 'Đi từng ngõ, gõ từng nhà',
  },
  {
    name: 'skills profile',
    path: (ids) => `/v/${ids.villageId}/h/${ids.householdId}/r/${ids.residentId}/skills`,
    heading: () => /^Kỹ năng số của/,
  },
  { name: 'lesson cards', path: () => '/lessons', heading: () => 'Thẻ hướng dẫn' },
  {
    name: 'lesson card for a resident',
    path: (ids) => `/lessons/vneid-install?resident=${ids.residentId}`,
    heading: () => 'Cài ứng dụng VNeID từ kho ứng dụng chính thức',
  },
  {
    name: 'lesson handout',
    path: () => '/lessons/vneid-install/print',
    heading: () => /^Tờ hướng dẫn/,
  },
  { name: 'class list', path: (ids) => `/v/${ids.villageId}/classes`, heading: () => 'Lớp học' },
  { name: 'class form', path: (ids) => `/v/${ids.villageId}/classes/new`, heading: () => 'Thêm buổi học' },
  {
    name: 'attendance',
    path: (ids) => `/v/${ids.villageId}/classes/new`,
    heading: () => 'Thêm buổi học',
    steps: async (page) => {
      await page.getByLabel('Chủ đề buổi học').selectOption({ index: 1 });
      await page.getByLabel('Địa điểm').fill('Nhà văn hóa thôn');
      await page.getByLabel('Người hướng dẫn').fill('Tổ viên Hà');
      await page.getByRole('button', { name: 'Lưu' }).click();
      await page.waitForURL(/classes\/[0-9a-f-]{36}$/);
      await page.getByRole('heading', { name: /^Điểm danh/ }).waitFor();
    },
  },
];

async function open(page: Page, screen: Screen, ids: Ids): Promise<void> {
  await page.goto(screen.path(ids));
  const heading = screen.heading(ids);
  await page
    .getByRole('heading', { name: heading, exact: typeof heading === 'string' })
    .first()
    .waitFor();
  await screen.steps?.(page, ids);
}

async function chooseTextSize(page: Page, label: 'Bình thường' | 'Rất lớn'): Promise<void> {
  await page.goto('/settings');
  await tapChoice(page, label);
  await page.waitForFunction(
    (size) => document.documentElement.dataset.textSize === size,
    label === 'Rất lớn' ? 'larger' : 'normal',
  );
}

const cdpSessions = new WeakMap<Page, CDPSession>();

/** What the browser's text-size preference does: the default font size everything in rem follows. */
async function setBrowserFontSize(page: Page, px: number): Promise<void> {
  // One session per page, kept open: Chromium drops the override when it is detached.
  let cdp = cdpSessions.get(page);
  if (!cdp) {
    cdp = await page.context().newCDPSession(page);
    cdpSessions.set(page, cdp);
  }
  await cdp.send('Page.setFontSizes', { fontSizes: { standard: px, fixed: Math.round(px * 0.8125) } });
}

describe('accessibility of the main screens at 360×740', () => {
  let server: ServerHandle;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let ids: Ids;

  beforeAll(async () => {
    server = await startServer();
    const commune = await setupCommune(server.url);
    const village = await seedVillage(server.url, commune, { name: 'Thôn Nà Pài', households: 30, seed: 21 });
    await createAccount(server.url, commune, {
      username: 'to.vien.a11y',
      role: 'member',
      villageIds: [village.villageId],
    });
    browser = await launchBrowser();
    context = await newPhoneContext(browser, { baseURL: server.url });
    page = await newPage(context);
    await logIn(page, 'to.vien.a11y');
    await waitForSync(page);
    const households = await readStore<{ id: string; label: string; deletedAt?: string }>(page, 'households');
    const residents = await readStore<{
      id: string;
      householdId: string;
      consent?: { purposes: string[] };
    }>(page, 'residents');
    // Someone whose consent covers skills support, so the skills profile opens in full.
    const resident = residents.find((r) => r.consent?.purposes.includes('skills_support'));
    const household = households.find((h) => h.id === resident?.householdId);
    if (!resident || !household) throw new Error('the seeded village has no consenting resident');
    ids = {
      villageId: village.villageId,
      householdId: household.id,
      householdLabel: household.label,
      residentId: resident.id,
    };
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Ways a phone shows the app; each screen is checked in every one. */
  const MODES: Array<{
    name: string;
    /** The root font size this mode must produce, proving the set-up took effect. */
    rootPx: number;
    /** Also tab through every control: a visible focus ring, never hidden behind the header. */
    keyboard?: boolean;
    setUp: () => Promise<void>;
    tearDown?: () => Promise<void>;
  }> = [
    { name: 'normal text', rootPx: 17, keyboard: true, setUp: () => chooseTextSize(page, 'Bình thường') },
    {
      name: '"Rất lớn" text setting (150 %)',
      rootPx: 25.5,
      keyboard: true,
      setUp: () => chooseTextSize(page, 'Rất lớn'),
    },
    {
      // Chrome's zoom at 200 % on a 360 px phone leaves 180 CSS px of width to reflow into.
      name: '200 % browser zoom',
      rootPx: 17,
      setUp: async () => {
        await chooseTextSize(page, 'Bình thường');
        await page.setViewportSize({ width: 180, height: 370 });
      },
      tearDown: () => page.setViewportSize({ width: 360, height: 740 }),
    },
    {
      // The phone's own text size at 200 % (the browser's default font 32 px instead of 16 px).
      name: '200 % phone text size',
      rootPx: 34,
      setUp: async () => {
        await chooseTextSize(page, 'Bình thường');
        await setBrowserFontSize(page, 32);
      },
      tearDown: () => setBrowserFontSize(page, 16),
    },
  ];

  for (const mode of MODES) {
    describe(mode.name, () => {
      beforeAll(() => mode.setUp());
      afterAll(() => mode.tearDown?.());

      for (const screen of SCREENS) {
        it(`${screen.name}: no serious or critical axe violation, no sideways scrolling or clipped text, controls ≥ 44×44 px`, async () => {
          await open(page, screen, ids);
          const rootPx = await page.evaluate(() =>
            Number.parseFloat(getComputedStyle(document.documentElement).fontSize),
          );
          expect(rootPx).toBeCloseTo(mode.rootPx, 1);
          expect(await layoutProblems(page)).toEqual([]);
          await expectNoSeriousA11yViolations(page, `${screen.name} (${mode.name})`);
          if (mode.keyboard) expect(await focusProblems(page)).toEqual([]);
        });
      }
    });
  }
});
