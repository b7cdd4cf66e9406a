/**
 * Issue 15, kind 2, on a 360×740 touch phone: a met visit with two people and two skills, tapped like
 * a finger on the visible words, records those skills on both people's profiles in the same save —
 * no second entry per person. Counts the taps of the visit.
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
import { loggedInPhone, readStore, tap, tapChoice } from './phone.js';

interface ResidentRow {
  id: string;
  householdId: string;
  name: string;
  birthYear: number;
  consent?: { purposes: string[]; withdrawnAt?: string };
}

const SKILLS = ['Tài khoản VNeID mức 1', 'Thanh toán không dùng tiền mặt'] as const;

/**
 * A tick-box's name ends with its words: once ticked, its drawn "✓" (CSS generated content) starts
 * the accessible name, so an exact name would stop matching the box just ticked.
 */
function endingWith(words: string): RegExp {
  return new RegExp(`${words}$`);
}

describe('a met visit records the skills of the people helped', () => {
  let server: ServerHandle;
  let browser: Browser;
  let village: SeededVillage;

  beforeAll(async () => {
    server = await startServer();
    const commune = await setupCommune(server.url);
    village = await seedVillage(server.url, commune, { name: 'Thôn Nà Pài', households: 12, seed: 15 });
    await createAccount(server.url, commune, {
      username: 'to.vien.xuan',
      displayName: 'Lâm Thu Hà',
      role: 'member',
      villageIds: [village.villageId],
    });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('two people × two skills in one visit of 7 taps; both profiles then show both steps', async () => {
    const { page } = await loggedInPhone(browser, server.url, 'to.vien.xuan');
    const v = village.villageId;
    const year = new Date().getFullYear();
    const residents = await readStore<ResidentRow>(page, 'residents');
    const consenting = (r: ResidentRow) =>
      year - r.birthYear >= 16 &&
      r.consent?.purposes.includes('skills_support') === true &&
      !r.consent.withdrawnAt;
    const byHousehold = new Map<string, ResidentRow[]>();
    for (const r of residents.filter(consenting))
      byHousehold.set(r.householdId, [...(byHousehold.get(r.householdId) ?? []), r]);
    const pair = [...byHousehold.values()].find((list) => list.length >= 2);
    if (!pair) throw new Error('the seeded village has no household with two consenting adults');
    const [first, second] = pair as [ResidentRow, ResidentRow];
    const home = `/v/${v}/h/${first.householdId}`;

    await page.goto(home);
    await page.getByRole('link', { name: 'Ghé thăm' }).waitFor();
    let taps = 0;
    await tap(page.getByRole('link', { name: 'Ghé thăm' }));
    taps += 1;
    await tap(page.getByRole('button', { name: 'Gặp được' }));
    taps += 1;
    for (const person of [first, second]) {
      // The age after the name tells "Lò Văn A" from "Lò Văn An".
      await tapChoice(page, endingWith(`${person.name} \\d+ tuổi`));
      taps += 1;
    }
    for (const skill of SKILLS) {
      await tapChoice(page, endingWith(skill));
      taps += 1;
    }
    // Both people, both skills, preselected because the helper ticked them: nothing more to tap.
    const steps = page.getByTestId('visit-steps');
    for (const person of [first, second]) {
      const group = steps.getByRole('group', { name: person.name, exact: true });
      for (const skill of SKILLS) {
        expect(await group.getByRole('group', { name: skill }).getByRole('radio').first().isChecked()).toBe(
          true,
        );
      }
    }
    await expectNoSeriousA11yViolations(page, 'visit: done for whom');
    // A finger's touch too, but not through tap(): saving replaces the form with the saved screen,
    // which opens at its top, and tap() would take that for the page jumping under the finger.
    const save = page.getByRole('button', { name: 'Lưu', exact: true });
    await save.scrollIntoViewIfNeeded();
    await save.tap();
    taps += 1;
    await page.getByRole('heading', { name: /Đã lưu lần ghé/ }).waitFor();
    expect(taps).toBe(7);
    console.log(
      `met visit, two people × two skills: ${taps} taps (Ghé thăm, Gặp được, 2 people, 2 skills, Lưu)`,
    );

    const assists = await readStore<{ residentId: string; kind: string; status: string; visitId?: string }>(
      page,
      'assists',
    );
    const [visit] = await readStore<{ id: string }>(page, 'visits');
    expect(assists.map((a) => [a.residentId, a.kind, a.status, a.visitId]).sort()).toEqual(
      [
        [first.id, 'vneid_level1', 'done', visit?.id],
        [first.id, 'cashless_payment', 'done', visit?.id],
        [second.id, 'vneid_level1', 'done', visit?.id],
        [second.id, 'cashless_payment', 'done', visit?.id],
      ].sort(),
    );

    for (const person of [first, second]) {
      await page.goto(`${home}/r/${person.id}/skills`);
      await page.getByRole('heading', { name: `Kỹ năng số của ${person.name}` }).waitFor();
      const history = page.getByTestId('assist-history');
      for (const skill of SKILLS) await history.getByText(skill, { exact: true }).waitFor();
      await page.getByText(/Bước tiếp: đưa đến Công an xã để kích hoạt mức 2/).waitFor();
      await expect.poll(() => history.getByText(/^Khi đến hộ ngày/).count()).toBe(2);
    }
    await page.goto(home);
    for (const person of [first, second]) {
      // The resident list, not the visit history (whose entry names both people too).
      await page
        .getByTestId('resident-list')
        .getByRole('listitem')
        .filter({ hasText: person.name })
        .first()
        .getByText('VNeID mức 1', { exact: true })
        .waitFor();
    }
  });
});
