/**
 * Issue 4's "done when": a whole field day offline on a 360×740 phone — plan a round, visit 10
 * households, take a resident through VNeID steps, run a class of 30 — then reconnect, and everything
 * is on the server and on a teammate's phone. Each main screen passes axe (no serious/critical
 * violation) as it is used.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAccount,
  loginAccount,
  type SeededVillage,
  seedVillage,
  setupCommune,
} from '../../scripts/lib/server-seed.js';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../src/core/sync/protocol.js';
import { expectNoSeriousA11yViolations } from './axe.js';
import { E2E_WAIT_MS, launchBrowser, type ServerHandle, startServer } from './harness.js';
import { loggedInPhone, readStore, syncNow } from './phone.js';

interface ResidentRow {
  id: string;
  householdId: string;
  name: string;
  birthYear: number;
  consent?: { purposes: string[]; withdrawnAt?: string };
}
interface HouseholdRow {
  id: string;
  label: string;
}

describe('a field day on one phone, offline, then synced', () => {
  let server: ServerHandle;
  let browser: Browser;
  let village: SeededVillage;
  let commune: string;

  beforeAll(async () => {
    server = await startServer();
    commune = await setupCommune(server.url);
    village = await seedVillage(server.url, commune, { name: 'Thôn Bản Chang', households: 16, seed: 41 });
    for (const username of ['to.vien.mot', 'to.vien.hai']) {
      await createAccount(server.url, commune, {
        username,
        displayName: username === 'to.vien.mot' ? 'Hoàng Thị Mai' : 'Nông Văn Tú',
        role: 'member',
        villageIds: [village.villageId],
      });
    }
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const phone = (username: string) => loggedInPhone(browser, server.url, username);

  it('plans a round, visits 10 households, records VNeID steps and runs a class of 30, all offline', async () => {
    const one = await phone('to.vien.mot');
    const two = await phone('to.vien.hai');
    const { page } = one;
    const v = village.villageId;
    const households = await readStore<HouseholdRow>(page, 'households');
    const residents = await readStore<ResidentRow>(page, 'residents');
    expect(households).toHaveLength(16);
    expect(residents.length).toBeGreaterThanOrEqual(30);

    await one.context.setOffline(true);

    // Plan the round: nobody has been visited yet.
    await page.goto(`/v/${v}/round`);
    await page.getByRole('heading', { name: 'Đi từng ngõ, gõ từng nhà' }).waitFor();
    await page.getByText('16 hộ · đã ghé 0 hộ').waitFor();
    await expectNoSeriousA11yViolations(page, 'round planner');
    await page.screenshot({ path: 'docs/screenshots/20-round-planner.png', fullPage: true });

    // Six households nobody was home, walked from the round's list: open the house, then two taps,
    // and the phone is back on the list for the next door.
    const sorted = [...households].sort((a, b) => a.label.localeCompare(b.label, 'vi'));
    for (const [index, household] of sorted.slice(0, 6).entries()) {
      if (!page.url().endsWith(`/v/${v}/round`)) await page.goto(`/v/${v}/round`);
      await page.locator(`[data-testid="round-lanes"] a[href*="${household.id}"]`).click();
      await page.getByRole('heading', { name: household.label, exact: true }).waitFor();
      if (index === 0) await expectNoSeriousA11yViolations(page, 'household detail');
      let taps = 0;
      await page
        .getByRole('link', { name: 'Ghé thăm' })
        .or(page.getByRole('button', { name: 'Ghé thăm' }))
        .click();
      taps += 1;
      if (index === 0) {
        await page.getByRole('button', { name: 'Không có ai ở nhà' }).waitFor();
        await expectNoSeriousA11yViolations(page, 'visit outcome');
        await page.screenshot({ path: 'docs/screenshots/21-visit-outcomes.png' });
      }
      await page.getByRole('button', { name: 'Không có ai ở nhà' }).click();
      taps += 1;
      await page.getByText('Đã ghi: Không có ai ở nhà').waitFor();
      expect(taps).toBe(2);
      await page
        .waitForFunction((path) => location.pathname === path, `/v/${v}/round`, { timeout: E2E_WAIT_MS })
        .catch(() => {
          throw new Error(`after the visit the phone is at ${page.url()}, not the round`);
        });
      await page
        .locator(`[data-testid="round-lanes"] a[href*="${household.id}"]`)
        .waitFor({ state: 'detached' });
    }

    // Four households met: Ghé thăm, Gặp được, a note typed, Lưu — three taps plus typing.
    for (const [index, household] of sorted.slice(6, 10).entries()) {
      await page.goto(`/v/${v}/h/${household.id}`);
      await page.getByRole('heading', { name: household.label, exact: true }).waitFor();
      let taps = 0;
      await page
        .getByRole('link', { name: 'Ghé thăm' })
        .or(page.getByRole('button', { name: 'Ghé thăm' }))
        .click();
      taps += 1;
      await page.getByRole('button', { name: 'Gặp được' }).click();
      taps += 1;
      await page.getByLabel('Ghi chú').fill(`Hướng dẫn cài VNeID, lần ${index + 1}`);
      if (index === 0) {
        await expectNoSeriousA11yViolations(page, 'visit details');
        await page.screenshot({ path: 'docs/screenshots/22-visit-met.png' });
      }
      await page.getByRole('button', { name: 'Lưu' }).click();
      taps += 1;
      await page
        .getByText(/Đã lưu lần ghé|Đã ghi: Gặp được/)
        .first()
        .waitFor();
      expect(taps).toBe(3);
    }
    const visits = await readStore<{
      householdId: string;
      outcome: string;
      notes?: string;
      members: string[];
    }>(page, 'visits');
    expect(visits).toHaveLength(10);
    expect(visits.filter((x) => x.outcome === 'nobody_home')).toHaveLength(6);
    expect(
      visits.filter((x) => x.outcome === 'met' && x.notes?.startsWith('Hướng dẫn cài VNeID')),
    ).toHaveLength(4);
    expect(new Set(visits.flatMap((x) => x.members))).toEqual(new Set(['Hoàng Thị Mai']));

    await page.goto(`/v/${v}/round`);
    await page.getByText('16 hộ · đã ghé 10 hộ · đã gặp được 4 hộ').waitFor();

    // VNeID: level 1, then level 2, for a consenting adult of a household just visited.
    const year = new Date().getFullYear();
    const metHouseholds = new Set(sorted.slice(6, 10).map((h) => h.id));
    const learner =
      residents.find(
        (r) =>
          metHouseholds.has(r.householdId) &&
          year - r.birthYear >= 16 &&
          r.consent?.purposes.includes('skills_support') &&
          !r.consent.withdrawnAt,
      ) ??
      residents.find(
        (r) =>
          year - r.birthYear >= 16 &&
          r.consent?.purposes.includes('skills_support') &&
          !r.consent.withdrawnAt,
      );
    if (!learner) throw new Error('the seeded village has no consenting adult');
    const home = `/v/${v}/h/${learner.householdId}`;
    await page.goto(home);
    const line = page.getByRole('listitem').filter({ hasText: learner.name }).first();
    await line.getByText('Chưa cài VNeID').waitFor();

    await page.goto(`${home}/r/${learner.id}/skills`);
    await page.getByRole('heading', { name: `Kỹ năng số của ${learner.name}` }).waitFor();
    await expectNoSeriousA11yViolations(page, 'resident skills profile');
    // The next step is installing the app, with the store warning beside it.
    await page.getByText('Bước tiếp: cài VNeID từ CH Play hoặc App Store').waitFor();
    await page.getByText('Chỉ cài ứng dụng từ CH Play hoặc App Store').first().waitFor();
    async function recordStep(label: string) {
      await page.getByRole('button', { name: new RegExp(label) }).click();
      // Where an account is recorded: police never activate by phone; secrets are never written down.
      await page.getByText('Công an không bao giờ kích hoạt tài khoản qua điện thoại').first().waitFor();
      await page.getByText('Không hỏi, không ghi lại các mã này').first().waitFor();
      await page.getByRole('radio', { name: 'Đã làm được' }).check();
      await page.getByRole('button', { name: 'Lưu' }).click();
      await page.getByText(new RegExp(`Đã ghi: ${label}`)).waitFor();
    }
    await recordStep('Tài khoản VNeID mức 1');
    await page.getByText('Đưa đến Công an xã để kích hoạt mức 2', { exact: false }).waitFor();
    await page.goto(home);
    await page
      .getByRole('listitem')
      .filter({ hasText: learner.name })
      .first()
      .getByText('VNeID mức 1')
      .waitFor();

    await page.goto(`${home}/r/${learner.id}/skills`);
    await recordStep('Tài khoản VNeID mức 2 đã kích hoạt');
    await page.screenshot({ path: 'docs/screenshots/23-vneid-journey.png', fullPage: true });
    await page.goto(home);
    await page
      .getByRole('listitem')
      .filter({ hasText: learner.name })
      .first()
      .getByText('VNeID mức 2')
      .waitFor();
    await page.screenshot({ path: 'docs/screenshots/24-household-summary.png', fullPage: true });

    // A class for the elderly with 30 residents found by search and tapped.
    await page.goto(`/v/${v}/classes`);
    await page.getByRole('heading', { name: 'Lớp học' }).waitFor();
    await expectNoSeriousA11yViolations(page, 'class list');
    await page.getByRole('link', { name: /Thêm buổi học/ }).click();
    // Checked as it opens: scrolled further, axe counts the sticky header as covering inputs under it.
    await page.getByLabel('Chủ đề buổi học').waitFor();
    await expectNoSeriousA11yViolations(page, 'class form');
    await page.getByLabel('Chủ đề buổi học').selectOption('online_safety');
    await page.getByRole('radio', { name: 'Người cao tuổi' }).check();
    await page.getByLabel('Địa điểm').fill('Nhà văn hóa thôn Bản Chang');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.getByRole('heading', { name: 'Điểm danh' }).waitFor();

    const search = page.getByLabel('Tìm tên người dân để điểm danh');
    const attendees = residents.slice(0, 30);
    for (const resident of attendees) {
      await search.fill(`${resident.name} ${resident.birthYear}`);
      const household = households.find((h) => h.id === resident.householdId);
      await page
        .getByRole('list', { name: 'Kết quả tìm kiếm' })
        .getByRole('button')
        .filter({ hasText: resident.name })
        .filter({ hasText: `Hộ ${household?.label ?? ''}` })
        .filter({ hasText: String(resident.birthYear) })
        .first()
        .click();
      await page.getByText(`Đã điểm danh ${resident.name}.`).first().waitFor();
    }
    await page.getByText('Người có mặt (30)').waitFor();
    await page.getByRole('button', { name: 'Thêm 1 người vãng lai' }).click();
    await page.getByRole('button', { name: 'Thêm 1 người vãng lai' }).click();
    await expect.poll(() => page.getByLabel('Số người vãng lai').inputValue()).toBe('2');
    await expectNoSeriousA11yViolations(page, 'attendance');
    await page.screenshot({ path: 'docs/screenshots/25-attendance.png' });
    await page.getByRole('button', { name: /Ghi nhận kỹ năng/ }).click();
    await page.getByRole('button', { name: 'Ghi nhận', exact: true }).click();
    await page.getByText(/Đã ghi cho \d+ người/).waitFor();

    const classes = await readStore<{ walkIns: number }>(page, 'classes');
    const attendance = await readStore<{ residentId: string; deletedAt?: string }>(page, 'attendance');
    expect(classes).toEqual([expect.objectContaining({ walkIns: 2 })]);
    expect(new Set(attendance.filter((a) => !a.deletedAt).map((a) => a.residentId))).toEqual(
      new Set(attendees.map((r) => r.id)),
    );
    const assists = await readStore<{ kind: string; classId?: string }>(page, 'assists');
    const consenting = attendees.filter(
      (r) => r.consent?.purposes.includes('skills_support') && !r.consent.withdrawnAt,
    );
    expect(assists.filter((a) => a.kind === 'online_safety' && a.classId)).toHaveLength(consenting.length);
    expect(await readStore(page, 'outbox')).not.toHaveLength(0);

    // Signal again: the phone pushes the day; the teammate's phone and the server have all of it.
    await one.context.setOffline(false);
    await syncNow(page);
    expect(await readStore(page, 'outbox')).toEqual([]);
    await syncNow(two.page);
    for (const [table, expected] of [
      ['visits', 10],
      ['classes', 1],
      ['attendance', 30],
      ['assists', assists.length],
    ] as const) {
      expect(await readStore(two.page, table), table).toHaveLength(expected);
    }
    await two.page.goto(home);
    await two.page
      .getByRole('listitem')
      .filter({ hasText: learner.name })
      .first()
      .getByText('VNeID mức 2')
      .waitFor();

    const token = await loginAccount(server.url, 'to.vien.hai');
    const res = await fetch(`${server.url}/api/sync/pull?since=0&limit=5000`, {
      headers: { authorization: `Bearer ${token}`, [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { rows: Array<{ t: string }> };
    const onServer = (t: string) => body.rows.filter((r) => r.t === t).length;
    expect([onServer('visits'), onServer('classes'), onServer('attendance'), onServer('assists')]).toEqual([
      10,
      1,
      30,
      assists.length,
    ]);
  });
});
