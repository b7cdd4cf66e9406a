/**
 * Issue 15, kind 3: "the round keeps the walker's place", on a 360×740 touch phone. The team sets the
 * order it walks the lanes and the houses of a lane; a lane is walked from the round's list with
 * nobody home in two counted taps per door, each time back at the next door, in view; one visit is
 * undone; the houses not met wait on their own list; a met visit's saved screen leads to the next
 * door; and a teammate's phone receives the lane order with the next sync.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAccount,
  type SeededVillage,
  seedVillage,
  setupCommune,
} from '../../scripts/lib/server-seed.js';
import { expectNoSeriousA11yViolations } from './axe.js';
import { launchBrowser, type ServerHandle, startServer } from './harness.js';
import { goOffline, loggedInPhone, readStore, syncNow, tap, tapChoice, tapToGo } from './phone.js';
import { type Door, doorsOf, inView, laneNames, tapMid, tapMove } from './round-helpers.js';

describe('walking a round in the team’s order', () => {
  let server: ServerHandle;
  let browser: Browser;
  let village: SeededVillage;

  beforeAll(async () => {
    server = await startServer();
    const commune = await setupCommune(server.url);
    village = await seedVillage(server.url, commune, { name: 'Thôn Nà Pài', households: 16, seed: 15 });
    for (const username of ['to.vien.mot', 'to.vien.hai']) {
      await createAccount(server.url, commune, { username, role: 'member', villageIds: [village.villageId] });
    }
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('sets a lane order, walks the lane door by door in two taps each, and a teammate gets the order', async () => {
    const one = await loggedInPhone(browser, server.url, 'to.vien.mot');
    const two = await loggedInPhone(browser, server.url, 'to.vien.hai');
    const { page } = one;
    const round = `/v/${village.villageId}/round`;
    // A round is walked out of signal; it syncs when the team is back.
    await goOffline(one.page);
    await page.goto(round);
    await page.getByRole('heading', { name: 'Đi từng ngõ, gõ từng nhà' }).waitFor();
    await page.locator('[data-testid="round-lanes"]').waitFor();
    const alphabetical = await laneNames(page);
    expect(alphabetical.length).toBeGreaterThanOrEqual(2);
    const [firstLane, secondLane] = alphabetical as [string, string];

    // The team walks the second lane first: one tap on its ↑ moves it to the top, saved at once.
    await tapToGo(page.getByRole('button', { name: 'Sắp xếp thứ tự đi' }));
    await page.getByRole('heading', { name: 'Thứ tự đi' }).waitFor();
    await expectNoSeriousA11yViolations(page, 'walking order');
    await tapMove(page.getByRole('button', { name: `Đưa ${secondLane} lên` }));
    await page.getByText(`Đã xếp lại: ${secondLane}`).waitFor();
    // And its last house one place earlier.
    await tapMid(page.getByRole('button', { name: `Xếp nhà trong ${secondLane}` }));
    const houses = page.getByRole('list', { name: secondLane });
    const before = await houses.locator('.item-title').allTextContents();
    const last = (before.at(-1) ?? '').replace(/^\d+\. /, '');
    await tapMove(houses.getByRole('button', { name: `Đưa ${last} lên` }));
    await page.getByText(`Đã xếp lại: ${last}`).waitFor();
    await expect
      .poll(async () =>
        (await houses.locator('.item-title').allTextContents()).at(-2)?.replace(/^\d+\. /, ''),
      )
      .toBe(last);
    const walkingOrder = (await houses.locator('.item-title').allTextContents()).map((t) =>
      t.replace(/^\d+\. /, ''),
    );
    await tapToGo(page.getByRole('button', { name: 'Xong, về danh sách' }));

    // The round's list now walks the second lane first, its houses in the order just set.
    await page.locator('[data-testid="round-lanes"]').waitFor();
    expect((await laneNames(page)).slice(0, 2)).toEqual([secondLane, firstLane]);
    const doors = await doorsOf(page, secondLane);
    expect(doors.map((d) => d.label)).toEqual(walkingOrder);

    // Walk the lane: "Ghé thăm ›", "Không có ai ở nhà" — two taps a door, then the next door in view.
    const tapsPerDoor: number[] = [];
    for (const [index, door] of doors.entries()) {
      let taps = 0;
      await tapToGo(page.getByRole('button', { name: `Ghé thăm hộ ${door.label}` }));
      taps += 1;
      await page.getByRole('heading', { name: `Ghé thăm hộ ${door.label}` }).waitFor();
      await tapToGo(page.getByRole('button', { name: 'Không có ai ở nhà' }));
      taps += 1;
      await page.waitForURL((url) => url.pathname === round);
      await page.getByText('Đã ghi: Không có ai ở nhà').first().waitFor();
      tapsPerDoor.push(taps);
      const next = doors[index + 1] ?? (await doorsOf(page, firstLane))[0];
      if (!next) continue;
      const row = page.locator(`li[data-household="${next.id}"]`);
      await row.getByText('Nhà tiếp theo').waitFor();
      await expect.poll(() => inView(row), { message: `door ${index + 2} in view` }).toBe(true);
    }
    expect(tapsPerDoor).toEqual(doors.map(() => 2));

    // Undo the last door: its visit is gone, and the house is back on the never-visited list.
    const undone = doors.at(-1) as Door;
    // The house comes back into the list above the door in view: the browser keeps that door still
    // by scrolling, so this tap is allowed to move the page.
    await tapToGo(page.getByRole('button', { name: 'Hoàn tác' }));
    await page.locator(`li[data-household="${undone.id}"]`).waitFor();
    const visits = await readStore<{ householdId: string; outcome: string; deletedAt?: string }>(
      page,
      'visits',
    );
    expect(visits.filter((v) => !v.deletedAt).map((v) => v.householdId)).toEqual(
      doors.slice(0, -1).map((d) => d.id),
    );

    // The houses where nobody was home wait on their own list, marked as knocked on today.
    await tapMid(page.getByRole('button', { name: /Chưa gặp được – quay lại/ }));
    await expect
      .poll(async () => (await doorsOf(page, secondLane)).map((d) => d.label))
      .toEqual(doors.slice(0, -1).map((d) => d.label));
    expect(await page.locator('li.round-tried').count()).toBe(doors.length - 1);
    await page.getByText('Đã gõ cửa hôm nay').first().waitFor();
    await expectNoSeriousA11yViolations(page, 'not met list');

    // A met visit from the round: its saved screen leads to the next door.
    await tapMid(page.getByRole('button', { name: /^\d+\s*Chưa ghé lần nào/ }));
    await page.locator(`li[data-household="${undone.id}"]`).waitFor();
    const after = (await doorsOf(page, secondLane)).concat(await doorsOf(page, firstLane));
    const metIndex = after.findIndex((d) => d.id === undone.id);
    const nextAfterMet = after[metIndex + 1] as Door;
    const residents = await readStore<{ householdId: string; name: string; deletedAt?: string }>(
      page,
      'residents',
    );
    const helped = residents.find((r) => r.householdId === undone.id && !r.deletedAt);
    if (!helped) throw new Error('the seeded household has no resident');
    let metTaps = 0;
    await tapToGo(page.getByRole('button', { name: `Ghé thăm hộ ${undone.label}` }));
    metTaps += 1;
    await tap(page.getByRole('button', { name: 'Gặp được' }));
    metTaps += 1;
    await tapChoice(page, new RegExp(helped.name));
    metTaps += 1;
    await tapToGo(page.getByRole('button', { name: 'Lưu' }));
    metTaps += 1;
    await page.getByText('Đã lưu lần ghé.').waitFor();
    await tapToGo(page.getByRole('link', { name: `Nhà tiếp theo: ${nextAfterMet.label} ›` }));
    metTaps += 1;
    await page.getByRole('heading', { name: nextAfterMet.label, exact: true }).waitFor();
    expect(new URL(page.url()).search).toBe('?from=round');
    expect(metTaps).toBe(5);
    console.log(
      `round-walk: nobody home ${tapsPerDoor.join(' + ')} taps (one per door); met visit to next door ${metTaps}`,
    );

    // The teammate's phone walks the same order after a sync.
    await one.context.setOffline(false);
    await syncNow(page);
    await syncNow(two.page);
    await two.page.goto(round);
    await two.page.locator('[data-testid="round-lanes"]').waitFor();
    await tapToGo(two.page.getByRole('button', { name: 'Sắp xếp thứ tự đi' }));
    const theirLanes = (
      await two.page
        .getByTestId('round-order')
        .locator(':scope > li > .order-row .item-title')
        .allTextContents()
    ).map((t) => t.replace(/^\d+\. /, '').trim());
    expect(theirLanes.slice(0, 2)).toEqual([secondLane, firstLane]);
    await tapMid(two.page.getByRole('button', { name: `Xếp nhà trong ${secondLane}` }));
    const theirs = (
      await two.page.getByRole('list', { name: secondLane }).locator('.item-title').allTextContents()
    ).map((t) => t.replace(/^\d+\. /, ''));
    expect(theirs).toEqual(walkingOrder);
  });
});
