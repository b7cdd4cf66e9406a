/**
 * Issue 4's "done when": a whole field day offline on a 360×740 phone — plan a round, visit 10
 * households, take a resident through VNeID steps, run a class of 30 — then reconnect, and everything
 * is on the server and on a teammate's phone. Each main screen passes axe (no serious/critical
 * violation) as it is used. Issue 15: every tap is a finger's (a touch on the visible words), the
 * round is walked in the team's lane order from the round's list, and the taps are counted — nobody
 * home 2, a met visit with a note 3, two people × two skills 7, attendance 1 per person.
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
import { launchBrowser, type ServerHandle, startServer } from './harness.js';
import { goOffline, loggedInPhone, readStore, syncNow, tap, tapChoice, tapToGo } from './phone.js';
import { type Door, doorsOf, inView, laneNames, tapMid, tapMove } from './round-helpers.js';

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

/** The two skills of the met visit that helps two people (issue 15, kind 2). */
const PAIR_SKILLS = ['Cài ứng dụng VNeID', 'Thanh toán không dùng tiền mặt'] as const;

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

    await goOffline(one.page);

    // Plan the round: nobody has been visited yet.
    const round = `/v/${v}/round`;
    await page.goto(round);
    await page.getByRole('heading', { name: 'Đi từng ngõ, gõ từng nhà' }).waitFor();
    await page.getByText('16 hộ · đã ghé 0 hộ').waitFor();
    await expectNoSeriousA11yViolations(page, 'round planner');
    await page.screenshot({ path: 'docs/screenshots/20-round-planner.png', fullPage: true });

    // The team walks the second lane first: one tap in "Sắp xếp thứ tự đi".
    const alphabetical = await laneNames(page);
    expect(alphabetical.length).toBeGreaterThanOrEqual(2);
    const [firstLane, secondLane] = alphabetical as [string, string];
    await tapToGo(page.getByRole('button', { name: 'Sắp xếp thứ tự đi' }));
    await page.getByRole('heading', { name: 'Thứ tự đi' }).waitFor();
    await tapMove(page.getByRole('button', { name: `Đưa ${secondLane} lên` }));
    await page.getByText(`Đã xếp lại: ${secondLane}`).waitFor();
    await tapToGo(page.getByRole('button', { name: 'Xong, về danh sách' }));
    await page.locator('[data-testid="round-lanes"]').waitFor();
    const lanes = await laneNames(page);
    expect(lanes.slice(0, 2)).toEqual([secondLane, firstLane]);
    const walk: Door[] = [];
    for (const lane of lanes) walk.push(...(await doorsOf(page, lane)));
    expect(walk).toHaveLength(16);

    // The household where two people are helped with two skills in one visit (kind 2).
    const year = new Date().getFullYear();
    const consenting = (r: ResidentRow) =>
      year - r.birthYear >= 16 &&
      r.consent?.purposes.includes('skills_support') === true &&
      !r.consent.withdrawnAt;
    const pairHome = walk.find(
      (d) => residents.filter((r) => r.householdId === d.id && consenting(r)).length >= 2,
    );
    if (!pairHome) throw new Error('the seeded village has no household with two consenting adults');
    const pair = residents.filter((r) => r.householdId === pairHome.id && consenting(r)).slice(0, 2) as [
      ResidentRow,
      ResidentRow,
    ];
    const others = walk.filter((d) => d.id !== pairHome.id);
    const nobodyHome = others.slice(0, 6);
    const metWithNote = others.slice(6, 9);

    // Six doors nobody was home, walked in the team's order from the round's list: two taps each
    // (Ghé thăm ›, Không có ai ở nhà), and the round comes back with the next door marked, in view.
    const tapCounts: Record<string, number[]> = { nobodyHome: [], metWithNote: [], metTwoByTwo: [] };
    for (const [index, door] of nobodyHome.entries()) {
      const listed: string[] = [];
      for (const lane of await laneNames(page)) listed.push(...(await doorsOf(page, lane)).map((d) => d.id));
      expect(listed.filter((id) => id !== pairHome.id)[0], 'the next door heads the list').toBe(door.id);
      let taps = 0;
      await tapToGo(page.getByRole('button', { name: `Ghé thăm hộ ${door.label}` }));
      taps += 1;
      await page.getByRole('heading', { name: `Ghé thăm hộ ${door.label}` }).waitFor();
      if (index === 0) {
        await page.getByRole('button', { name: 'Không có ai ở nhà' }).waitFor();
        await expectNoSeriousA11yViolations(page, 'visit outcome');
        await page.screenshot({ path: 'docs/screenshots/21-visit-outcomes.png' });
      }
      await tapToGo(page.getByRole('button', { name: 'Không có ai ở nhà' }));
      taps += 1;
      await page.waitForURL((url) => url.pathname === round);
      await page.getByText('Đã ghi: Không có ai ở nhà').first().waitFor();
      tapCounts.nobodyHome?.push(taps);
      const next = walk[walk.findIndex((d) => d.id === door.id) + 1];
      if (next && next.id !== pairHome.id) {
        const row = page.locator(`li[data-household="${next.id}"]`);
        await row.getByText('Nhà tiếp theo').waitFor();
        await expect
          .poll(() => inView(row), { message: `the next door after ${door.label} in view` })
          .toBe(true);
      }
    }

    // Two people × two skills in one met visit: the skills land on both profiles in the same save.
    {
      let taps = 0;
      await tapToGo(page.getByRole('button', { name: `Ghé thăm hộ ${pairHome.label}` }));
      taps += 1;
      await tap(page.getByRole('button', { name: 'Gặp được' }));
      taps += 1;
      for (const person of pair) {
        await tapChoice(page, new RegExp(`${person.name} \\d+ tuổi$`));
        taps += 1;
      }
      for (const skill of PAIR_SKILLS) {
        await tapChoice(page, new RegExp(`${skill}$`));
        taps += 1;
      }
      await page.getByTestId('visit-steps').waitFor();
      await expectNoSeriousA11yViolations(page, 'visit details');
      await page.screenshot({ path: 'docs/screenshots/22-visit-met.png' });
      await tapToGo(page.getByRole('button', { name: 'Lưu', exact: true }));
      taps += 1;
      await page.getByRole('heading', { name: /Đã lưu lần ghé/ }).waitFor();
      tapCounts.metTwoByTwo?.push(taps);
      await tapToGo(page.getByRole('link', { name: 'Về danh sách đi từng nhà' }));
      await page.waitForURL((url) => url.pathname === round);
    }

    // Three doors met with a note typed: Ghé thăm ›, Gặp được, the note, Lưu — three taps.
    for (const [index, door] of metWithNote.entries()) {
      let taps = 0;
      await tapToGo(page.getByRole('button', { name: `Ghé thăm hộ ${door.label}` }));
      taps += 1;
      await tap(page.getByRole('button', { name: 'Gặp được' }));
      taps += 1;
      await page.getByLabel('Ghi chú').fill(`Hướng dẫn cài VNeID, lần ${index + 1}`);
      await tapToGo(page.getByRole('button', { name: 'Lưu', exact: true }));
      taps += 1;
      await page.waitForURL((url) => url.pathname === round);
      await page
        .getByText(/Đã ghi: Gặp được/)
        .first()
        .waitFor();
      tapCounts.metWithNote?.push(taps);
    }
    expect(tapCounts).toEqual({ nobodyHome: [2, 2, 2, 2, 2, 2], metWithNote: [3, 3, 3], metTwoByTwo: [7] });
    console.log(`field day taps from the round's list: ${JSON.stringify(tapCounts)}`);

    const visits = await readStore<{
      householdId: string;
      outcome: string;
      notes?: string;
      members: string[];
    }>(page, 'visits');
    expect(visits).toHaveLength(10);
    expect(visits.filter((x) => x.outcome === 'nobody_home').map((x) => x.householdId)).toEqual(
      nobodyHome.map((d) => d.id),
    );
    expect(
      visits.filter((x) => x.outcome === 'met' && x.notes?.startsWith('Hướng dẫn cài VNeID')),
    ).toHaveLength(3);
    expect(new Set(visits.flatMap((x) => x.members))).toEqual(new Set(['Hoàng Thị Mai']));

    await page.goto(round);
    await page.getByText('16 hộ · đã ghé 10 hộ · đã gặp được 4 hộ').waitFor();
    // Nobody home is not forgotten: the six wait on their own list.
    await tapMid(page.getByRole('button', { name: /Chưa gặp được – quay lại/ }));
    await expect
      .poll(async () => {
        const ids: string[] = [];
        for (const lane of await laneNames(page)) ids.push(...(await doorsOf(page, lane)).map((d) => d.id));
        return ids.sort();
      })
      .toEqual(nobodyHome.map((d) => d.id).sort());

    // What the visit said was done is on both people's profiles, and the household line agrees.
    const pairPath = `/v/${v}/h/${pairHome.id}`;
    for (const person of pair) {
      await page.goto(`${pairPath}/r/${person.id}/skills`);
      const history = page.getByTestId('assist-history');
      for (const skill of PAIR_SKILLS) await history.getByText(skill, { exact: true }).waitFor();
    }
    await page.goto(pairPath);
    for (const person of pair) {
      await page
        .getByTestId('resident-list')
        .getByRole('listitem')
        .filter({ hasText: person.name })
        .first()
        .getByText('Đã cài VNeID, chưa có mức 1', { exact: true })
        .waitFor();
    }

    // VNeID: level 1, then level 2, for a consenting adult of a household just visited.
    const metHouseholds = new Set(metWithNote.map((h) => h.id));
    const learner =
      residents.find((r) => metHouseholds.has(r.householdId) && consenting(r)) ??
      residents.find((r) => r.householdId !== pairHome.id && consenting(r));
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
    async function recordStep(label: string, result: RegExp, secrets = true) {
      await tapToGo(page.getByRole('button', { name: new RegExp(label) }));
      // Where an account is recorded: police never activate by phone; secrets are never written down.
      await page.getByText('Công an không bao giờ kích hoạt tài khoản qua điện thoại').first().waitFor();
      if (secrets) await page.getByText('Không hỏi, không ghi lại các mã này').first().waitFor();
      await tapChoice(page, result);
      await tapToGo(page.getByRole('button', { name: 'Lưu', exact: true }));
      await page.getByText(new RegExp(`Đã ghi: ${label}`)).waitFor();
    }
    const residentLine = () =>
      page.getByTestId('resident-list').getByRole('listitem').filter({ hasText: learner.name }).first();
    await recordStep('Tài khoản VNeID mức 1', /^Đã làm được/);
    await page.getByText('Đưa đến Công an xã để kích hoạt mức 2', { exact: false }).waitFor();
    await page.goto(home);
    await residentLine().getByText('VNeID mức 1').waitFor();

    // Sent to the commune police: the household line says the person is waiting there (kind 7).
    await page.goto(`${home}/r/${learner.id}/skills`);
    await recordStep('Hẹn lên Công an xã kích hoạt mức 2', /^Đã hẹn\/đưa đến Công an xã/, false);
    await page.goto(home);
    await residentLine().getByText('VNeID mức 1 · Đang chờ kích hoạt mức 2 ở Công an xã').waitFor();

    await page.goto(`${home}/r/${learner.id}/skills`);
    await recordStep('Tài khoản VNeID mức 2 đã kích hoạt', /^Đã làm được/);
    await page.screenshot({ path: 'docs/screenshots/23-vneid-journey.png', fullPage: true });
    await page.goto(home);
    await residentLine().getByText('VNeID mức 2').waitFor();
    await page.screenshot({ path: 'docs/screenshots/24-household-summary.png', fullPage: true });

    // A class for the elderly with 30 residents found by search and tapped.
    await page.goto(`/v/${v}/classes`);
    await page.getByRole('heading', { name: 'Lớp học' }).waitFor();
    await expectNoSeriousA11yViolations(page, 'class list');
    await tapToGo(page.getByRole('link', { name: /Thêm buổi học/ }));
    // Checked as it opens: scrolled further, axe counts the sticky header as covering inputs under it.
    await page.getByLabel('Chủ đề buổi học').waitFor();
    await expectNoSeriousA11yViolations(page, 'class form');
    await page.getByLabel('Chủ đề buổi học').selectOption('online_safety');
    await tapChoice(page, 'Người cao tuổi');
    await page.getByLabel('Địa điểm').fill('Nhà văn hóa thôn Bản Chang');
    await tapToGo(page.getByRole('button', { name: 'Lưu' }));
    await page.getByRole('heading', { name: 'Điểm danh' }).waitFor();

    const search = page.getByLabel('Tìm tên người dân để điểm danh');
    const attendees = residents.slice(0, 30);
    // Attendance per person: a few letters typed, then one tap on the right name.
    const attendanceTaps: number[] = [];
    for (const resident of attendees) {
      await search.fill(`${resident.name} ${resident.birthYear}`);
      const household = households.find((h) => h.id === resident.householdId);
      await tap(
        page
          .getByRole('list', { name: 'Kết quả tìm kiếm' })
          .getByRole('button')
          .filter({ hasText: resident.name })
          .filter({ hasText: `Hộ ${household?.label ?? ''}` })
          .filter({ hasText: String(resident.birthYear) })
          .first(),
      );
      attendanceTaps.push(1);
      await page.getByText(`Đã điểm danh ${resident.name}.`).first().waitFor();
    }
    expect(attendanceTaps).toEqual(attendees.map(() => 1));
    await page.getByText('Người có mặt (30)').waitFor();
    await tap(page.getByRole('button', { name: 'Thêm 1 người vãng lai' }));
    await tap(page.getByRole('button', { name: 'Thêm 1 người vãng lai' }));
    await expect.poll(() => page.getByLabel('Số người vãng lai').inputValue()).toBe('2');
    await expectNoSeriousA11yViolations(page, 'attendance');
    await page.screenshot({ path: 'docs/screenshots/25-attendance.png' });
    await tapMid(page.getByRole('button', { name: /Ghi nhận kỹ năng/ }));
    await tapToGo(page.getByRole('button', { name: 'Ghi nhận', exact: true }));
    await page.getByText(/Đã ghi cho \d+ người/).waitFor();

    const classes = await readStore<{ walkIns: number }>(page, 'classes');
    const attendance = await readStore<{ residentId: string; deletedAt?: string }>(page, 'attendance');
    expect(classes).toEqual([expect.objectContaining({ walkIns: 2 })]);
    expect(new Set(attendance.filter((a) => !a.deletedAt).map((a) => a.residentId))).toEqual(
      new Set(attendees.map((r) => r.id)),
    );
    const assists = await readStore<{ kind: string; classId?: string }>(page, 'assists');
    const consentingAttendees = attendees.filter(
      (r) => r.consent?.purposes.includes('skills_support') && !r.consent.withdrawnAt,
    );
    expect(assists.filter((a) => a.kind === 'online_safety' && a.classId)).toHaveLength(
      consentingAttendees.length,
    );
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
