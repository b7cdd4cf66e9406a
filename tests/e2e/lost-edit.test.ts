/**
 * Telling the phone whose edit lost (issue 15), through the real server. Two members of one village,
 * both offline, change the same household's notes; the first syncs, then the second, whose later
 * edit wins without having seen the first. The first phone syncs again and Settings tells its owner,
 * in plain words, what she wrote, when, and what it became; "Đã hiểu" puts the notice away. The
 * winner's phone is told nothing.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAccount,
  type SeededVillage,
  seedVillage,
  setupCommune,
} from '../../scripts/lib/server-seed.js';
import { launchBrowser, type ServerHandle, startServer } from './harness.js';
import { loggedInPhone, readStore, syncNow, tap, tapToGo } from './phone.js';

describe('an edit that lost to a teammate’s', () => {
  let server: ServerHandle;
  let browser: Browser;
  let village: SeededVillage;

  beforeAll(async () => {
    server = await startServer();
    const commune = await setupCommune(server.url);
    village = await seedVillage(server.url, commune, { name: 'Thôn Nà Pài', households: 3, seed: 15 });
    for (const username of ['to.vien.mot', 'to.vien.hai'])
      await createAccount(server.url, commune, { username, role: 'member', villageIds: [village.villageId] });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('is told on the losing phone, in Settings, until she says she understood', async () => {
    const one = await loggedInPhone(browser, server.url, 'to.vien.mot');
    const two = await loggedInPhone(browser, server.url, 'to.vien.hai');
    const [target] = await readStore<{ id: string; label: string }>(one.page, 'households');
    if (!target) throw new Error('no household pulled');
    const path = `/v/${village.villageId}/h/${target.id}`;

    for (const p of [one, two]) {
      await p.page.goto(path);
      await p.page.getByRole('heading', { name: target.label }).waitFor();
      // Offline only once the app is there without the network (the form's screen loads on demand):
      // a larger precache (issue 18's dashboard) once let the switch come first.
      await p.page.waitForFunction(() => navigator.serviceWorker.controller !== null);
      await p.context.setOffline(true);
    }
    // The first phone writes first; the second, later, without having seen it.
    for (const [p, notes] of [
      [one, 'Hẹn chiều'],
      [two, 'Hẹn sáng mai'],
    ] as const) {
      await tap(p.page.getByRole('link', { name: 'Sửa', exact: true }));
      await p.page.getByLabel('Ghi chú').fill(notes);
      // Saving opens the household at its top: a tap that leads to another screen.
      await tapToGo(p.page.getByRole('button', { name: 'Lưu' }));
      await p.page.getByText('Chưa đồng bộ').first().waitFor();
    }

    await one.context.setOffline(false);
    await syncNow(one.page);
    await two.context.setOffline(false);
    await syncNow(two.page);
    await syncNow(one.page);

    // The sync status says so on every screen; one tap on it opens the notice in Settings.
    const note = one.page.getByTestId('lost-edits-note');
    await expect(note.textContent()).resolves.toBe('1 sửa đổi của bạn đã bị người khác sửa sau — xem');
    expect(await two.page.getByTestId('lost-edits-note').count()).toBe(0);
    await tap(note);
    const notice = one.page.getByTestId('lost-edit');
    await notice.waitFor();
    const words = new RegExp(
      `^Ghi chú của hộ ${target.label}: bạn sửa thành 'Hẹn chiều' lúc \\d\\d:\\d\\d \\d\\d/\\d\\d, nhưng một người khác đã sửa sau thành 'Hẹn sáng mai'\\. Tổ trưởng hoặc cán bộ xã sẽ xem lại\\.$`,
    );
    await expect(notice.locator('.item-meta').textContent()).resolves.toMatch(words);
    await one.page.locator('#lost-edits').screenshot({ path: 'docs/screenshots/40-lost-edit.png' });

    // The winner's phone has nothing to be told.
    await tap(two.page.getByRole('link', { name: 'Cài đặt' }));
    await two.page.getByRole('heading', { name: 'Cài đặt' }).waitFor();
    expect(await two.page.getByTestId('lost-edit').count()).toBe(0);

    // "Đã hiểu": one more tap, and her value leaves the phone with the notice.
    await tap(notice.getByRole('button', { name: 'Đã hiểu' }));
    await notice.waitFor({ state: 'detached' });
    await one.page.getByTestId('lost-edits-note').waitFor({ state: 'detached' });
    const kept = await readStore<{ value?: unknown; dismissedAt?: string }>(one.page, 'lostEdits');
    expect(kept).toEqual([expect.objectContaining({ dismissedAt: expect.any(String) })]);
    expect(kept[0]).not.toHaveProperty('value');
  });
});
