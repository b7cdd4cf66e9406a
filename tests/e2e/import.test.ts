/**
 * The register import (issue 17) in real Chromium against the real server: a commune officer at a
 * desk (1366×768) brings in a 2,000-household legacy-font Excel list, and a team lead on a phone
 * (360×740) imports and undoes small lists with no signal. What the tests hold the app to: the file
 * is read in a worker that also loads offline, the preview says what privacy keeps out, nothing of
 * an ID-card number or a full birth date is stored or sent (DESIGN §7), the write reaches the server
 * through the ordinary outbox, and an undo leaves the phone as it was.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAccount,
  loginAccount,
  type SeededVillage,
  seedVillage,
  setupCommune,
} from '../../scripts/lib/server-seed.js';
import { villageWorkbook } from '../../scripts/lib/village-workbook.js';
import { encodeLegacy } from '../../src/core/import/legacy-vietnamese.js';
import { PROTOCOL_HEADER, PROTOCOL_VERSION, type PullResponse } from '../../src/core/sync/protocol.js';
import { projectRoot } from '../../src/server/project.js';
import { expectNoSeriousA11yViolations, focusProblems, layoutProblems } from './axe.js';
import { E2E_WAIT_MS, launchBrowser, newPhoneContext, type ServerHandle, startServer } from './harness.js';
import { loggedInPhone, logIn, newPage, readStore, syncNow, tap, tapToGo, waitForSync } from './phone.js';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const SHOTS = join(projectRoot, 'docs', 'screenshots');
const tcvn3 = (s: string) => encodeLegacy(s, 'tcvn3');

/** Every ID-card number in a workbook: the generator writes them as 12-digit text, nothing else is. */
function idNumbersIn(bytes: Uint8Array): string[] {
  const book = XLSX.read(bytes, { type: 'array' });
  const found: string[] = [];
  for (const name of book.SheetNames) {
    const sheet = book.Sheets[name];
    if (!sheet) continue;
    const rows = XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1, raw: true });
    for (const row of rows)
      for (const cell of row) if (typeof cell === 'string' && /^\d{12}$/.test(cell)) found.push(cell);
  }
  return found;
}

/**
 * What of `secrets` (ID numbers, full dates as written in the file) appears anywhere in the app's
 * IndexedDB — every store, outbox included — plus any value under a key that names a birth date.
 * Runs in the page; a long digit run (an HLC's wall clock) is searched window by window, so a number
 * glued into a longer one is still found.
 */
async function secretsStored(page: Page, secrets: readonly string[]): Promise<string[]> {
  return page.evaluate(async (list) => {
    const wanted = new Set(list);
    const lengths = [...new Set(list.map((s) => s.length))];
    const open = indexedDB.open('ngo-so');
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const hits = new Set<string>();
    for (const store of [...db.objectStoreNames]) {
      const request = db.transaction(store).objectStore(store).getAll();
      const rows = await new Promise<unknown[]>((resolve, reject) => {
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const text = JSON.stringify(rows);
      for (const s of wanted) if (!/^\d+$/.test(s) && text.includes(s)) hits.add(`${store}: ${s}`);
      for (const run of text.match(/\d{9,}/g) ?? []) {
        for (const n of lengths)
          for (let i = 0; i + n <= run.length; i++) {
            const window = run.slice(i, i + n);
            if (wanted.has(window)) hits.add(`${store}: ${window}`);
          }
      }
      for (const key of text.match(/"birth(?!Year")\w*"\s*:/gi) ?? []) hits.add(`${store}: key ${key}`);
    }
    db.close();
    return [...hits];
  }, secrets as string[]);
}

/** Every row the server gives `username` in a complete pull from Node, by table. */
async function serverRows(baseUrl: string, username: string): Promise<PullResponse['rows']> {
  const token = await loginAccount(baseUrl, username);
  const rows: PullResponse['rows'] = [];
  let since = 0;
  let scope = '';
  for (let pages = 0; pages < 1000; pages++) {
    const response = await fetch(
      `${baseUrl}/api/sync/pull?since=${since}&limit=5000${scope ? `&scope=${scope}` : ''}`,
      { headers: { authorization: `Bearer ${token}`, [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) } },
    );
    if (!response.ok) throw new Error(`pull → ${response.status}`);
    const page = (await response.json()) as PullResponse;
    rows.push(...page.rows);
    since = page.cursor;
    scope = page.scope;
    if (!page.hasMore) return rows;
  }
  throw new Error('the pull never ended');
}

async function pendingCount(page: Page): Promise<number> {
  return Number(await page.getByTestId('pending-count').getAttribute('data-count'));
}

async function villageCount(page: Page, store: string, villageId: string): Promise<number> {
  const rows = await readStore<{ villageId: string; deletedAt?: string }>(page, store);
  return rows.filter((r) => r.villageId === villageId && !r.deletedAt).length;
}

/** Opens the village's import screen the way a lead or an officer does: from the household list. */
async function openImport(page: Page, villageId: string, tapLikeAFinger: boolean): Promise<void> {
  if (new URL(page.url()).pathname !== `/v/${villageId}`) await page.goto(`/v/${villageId}`);
  await page.getByRole('heading', { name: 'Hộ dân' }).waitFor();
  const link = page.getByRole('link', { name: 'Nhập / xuất danh sách Excel' });
  if (tapLikeAFinger) await tapToGo(link);
  else await link.click();
  await page.getByRole('heading', { name: 'Nhập danh sách hộ từ Excel' }).waitFor();
}

async function chooseFile(page: Page, name: string, mimeType: string, bytes: Uint8Array): Promise<void> {
  await page
    .locator('input[type="file"]')
    .setInputFiles({ name, mimeType, buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length) });
}

/**
 * Offline, the import screen and its worker come from the precache: wait for the service worker to
 * control the page first. Once (in about ten runs) it never did; the failure then says what state
 * the registration was in.
 */
async function goOffline(context: BrowserContext, page: Page): Promise<void> {
  try {
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  } catch (error) {
    const state = await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.getRegistration();
      return { installing: reg?.installing?.state, waiting: reg?.waiting?.state, active: reg?.active?.state };
    });
    throw new Error(`no service worker controls ${page.url()}: ${JSON.stringify(state)}`, { cause: error });
  }
  await context.setOffline(true);
}

describe('register import in real Chromium', () => {
  let server: ServerHandle;
  let browser: Browser;
  let bigVillage: SeededVillage;
  let smallVillage: SeededVillage;

  beforeAll(async () => {
    server = await startServer();
    const commune = await setupCommune(server.url);
    // An empty village, as on the day its list is first brought in.
    bigVillage = await seedVillage(server.url, commune, { name: 'Thôn Đồng Tâm', households: 0 });
    smallVillage = await seedVillage(server.url, commune, { name: 'Thôn Nà Pài', households: 4, seed: 5 });
    await createAccount(server.url, commune, {
      username: 'to.vien.dong.tam',
      role: 'member',
      villageIds: [bigVillage.villageId],
    });
    await createAccount(server.url, commune, {
      username: 'to.truong.na.pai',
      role: 'lead',
      villageIds: [smallVillage.villageId],
    });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('an officer at a desk imports 2,000 households from a TCVN3 Excel list; no ID number is kept; a member’s phone receives them', async () => {
    const file = villageWorkbook({ households: 2000, seed: 17, encodeText: tcvn3 });
    const idNumbers = idNumbersIn(file.bytes);
    // Everyone born in 2010 or before has one: most of the 8,000.
    expect(idNumbers.length).toBeGreaterThan(6000);

    const context = await newPhoneContext(browser, {
      baseURL: server.url,
      viewport: { width: 1366, height: 768 },
      deviceScaleFactor: 1,
      isMobile: false,
      hasTouch: false,
    });
    const office = await newPage(context);
    await logIn(office, 'canbo.xa');
    await waitForSync(office);
    await openImport(office, bigVillage.villageId, false);
    await chooseFile(office, 'danh-sach-thon-dong-tam.xlsx', XLSX_MIME, file.bytes);

    // The sheet is recognised, its village found from the title, its old font shown before → after.
    await expect
      .poll(() => office.getByLabel('Nhập vào thôn').inputValue(), { timeout: E2E_WAIT_MS })
      .toBe(bigVillage.villageId);
    const legacy = office.getByTestId('legacy-notice');
    await expect(legacy.textContent()).resolves.toContain('bảng mã cũ TCVN3 (ABC)');
    await expect(legacy.textContent()).resolves.toContain(
      `${tcvn3('ỦY BAN NHÂN DÂN XÃ TÂN LẬP')} → ỦY BAN NHÂN DÂN XÃ TÂN LẬP`,
    );

    // Same-named heads in one lane are asked about; in a village this size they are different families.
    const counts = office.getByTestId('import-counts');
    await counts.getByText(/hộ mới, .* người/).waitFor();
    await office.getByRole('heading', { name: /^Hộ trùng \(\d+ nhóm\)$/ }).waitFor();
    await office.getByRole('button', { name: 'Thêm như hộ mới', exact: true }).click();
    await counts.getByText('2.000 hộ mới, 8.000 người', { exact: true }).waitFor();
    const privacy = office.getByTestId('import-privacy');
    await expect(privacy.textContent()).resolves.toMatch(
      /Cột “Số CCCD” \(trang Danh sách\) sẽ không được nhập: số căn cước công dân/,
    );
    await expect(privacy.textContent()).resolves.toContain('Không nhập 8.000 giá trị giới tính');

    await office.getByRole('button', { name: 'Nhập 2.000 hộ và 8.000 người' }).click();
    await expect(office.getByTestId('import-summary').textContent({ timeout: E2E_WAIT_MS })).resolves.toBe(
      'Đã thêm 2.000 hộ và 8.000 người; cập nhật 0 hộ.',
    );

    expect(await villageCount(office, 'households', bigVillage.villageId)).toBe(2000);
    expect(await villageCount(office, 'residents', bigVillage.villageId)).toBe(8000);
    const [first] = (await readStore<{ label: string; lane?: string }>(office, 'households')).filter(
      (h) => h.label === file.firstHousehold.label && h.lane === file.firstHousehold.lane,
    );
    expect(first).toBeDefined();
    expect(await secretsStored(office, idNumbers)).toEqual([]);

    // While the summary is on screen the import waits (its undo stays possible); leaving it sends
    // the import like any other change, the app syncing on its own.
    await office.getByRole('link', { name: 'Mở danh sách hộ của thôn' }).click();
    await expect
      .poll(async () => (await readStore(office, 'outbox')).length, { timeout: E2E_WAIT_MS })
      .toBe(0);
    await waitForSync(office);

    const member = await loggedInPhone(browser, server.url, 'to.vien.dong.tam');
    expect(await villageCount(member.page, 'households', bigVillage.villageId)).toBe(2000);
    expect(await villageCount(member.page, 'residents', bigVillage.villageId)).toBe(8000);
    expect(await secretsStored(member.page, idNumbers)).toEqual([]);
    await member.page.goto(`/v/${bigVillage.villageId}`);
    await member.page.getByText('2.000 / 2.000 hộ').waitFor();
    await member.page.getByLabel('Tìm hộ hoặc người').fill(file.firstHousehold.label);
    await member.page
      .getByTestId('household-list')
      .getByRole('link', { name: new RegExp(`^${file.firstHousehold.label}\\b`) })
      .first()
      .waitFor();
    await member.context.close();
    await context.close();
  });

  describe('a lead on a phone with no signal', () => {
    let context: BrowserContext;
    let page: Page;
    let existing: { label: string; lane: string };

    beforeAll(async () => {
      ({ context, page } = await loggedInPhone(browser, server.url, 'to.truong.na.pai'));
      const households = await readStore<{ label: string; lane?: string }>(page, 'households');
      const [one] = households;
      if (!one?.lane) throw new Error('the seeded village has no household with a lane');
      existing = { label: one.label, lane: one.lane };
    });

    afterAll(async () => {
      await context?.close();
    });

    it('imports a small CSV offline (the worker from the precache), sees a clear preview, and the households reach the server once back online', async () => {
      // A list as a lead types it: a full date of birth, an ID-card column, a household already in
      // the register, one typed twice, one with an impossible year.
      const csv = [
        'STT,Họ tên chủ hộ,Ngày sinh,Số CCCD,Xóm,Số nhân khẩu',
        `1,${existing.label},12/05/1970,001170012345,${existing.lane},4`,
        '2,Lò Văn Pành,03/04/1965,001065098765,Xóm Nà Pài,5',
        '3,Hà Thị Dung,1850,001185012399,Xóm Nà Pài,3',
        '4,Lường Văn Nam,1980,,Xóm Khuổi Hẻo,2',
        '5,Lường Văn Nam,1980,001080054321,Xóm Khuổi Hẻo,2',
        '6,Triệu Thị Mai,1992,001192011111,Xóm Khuổi Hẻo,3',
      ].join('\r\n');
      const secrets = ['001170012345', '001065098765', '001185012399', '001080054321', '001192011111'];
      const dates = ['12/05/1970', '03/04/1965', '1970-05-12', '1965-04-03'];

      await page.goto(`/v/${smallVillage.villageId}`);
      await page.getByRole('heading', { name: 'Hộ dân' }).waitFor();
      await goOffline(context, page);
      const before = await pendingCount(page);
      await openImport(page, smallVillage.villageId, true);
      await chooseFile(page, 'ds-ho-na-pai.csv', 'text/csv', new TextEncoder().encode(`\uFEFF${csv}\r\n`));

      const counts = page.getByTestId('import-counts');
      await counts.getByText('3 hộ mới, 3 người', { exact: true }).waitFor();
      await counts.getByText('2 hộ (2 người) bỏ qua vì trùng').waitFor();
      await counts.getByText('1 dòng lỗi sẽ không được nhập').waitFor();
      const privacy = page.getByTestId('import-privacy');
      await privacy.getByText(/^Cột “Số CCCD” \(trang Sheet1\) sẽ không được nhập/).waitFor();
      await privacy.getByText('2 ngày sinh đầy đủ chỉ được giữ lại năm sinh.').waitFor();
      const duplicates = page.getByTestId('import-duplicates');
      await duplicates.getByRole('heading', { name: 'Hộ trùng (2 nhóm)' }).waitFor();
      await duplicates.getByText('Đã có trong sổ của thôn').waitFor();
      await duplicates.getByText('Có 2 lần trong tệp').waitFor();
      await page
        .getByTestId('import-issues')
        .getByText('Trang Sheet1, dòng 4, cột “Ngày sinh”: Năm sinh không hợp lệ (ví dụ 1958).')
        .waitFor();

      await expectNoSeriousA11yViolations(page, 'import preview');
      expect(await layoutProblems(page)).toEqual([]);
      expect(await focusProblems(page)).toEqual([]);
      await page.getByRole('heading', { name: 'Xem trước' }).evaluate((h) => h.scrollIntoView());
      await page.screenshot({ path: join(SHOTS, '17-import-preview.png') });

      await tapToGo(page.getByRole('button', { name: 'Nhập 3 hộ và 3 người' }));
      await expect(page.getByTestId('import-summary').textContent()).resolves.toBe(
        'Đã thêm 3 hộ và 3 người; cập nhật 0 hộ.',
      );
      await page.getByRole('button', { name: 'Hoàn tác cả lần nhập này' }).waitFor();
      await expectNoSeriousA11yViolations(page, 'import summary');
      await page.screenshot({ path: join(SHOTS, '18-import-done.png') });
      await expect.poll(() => pendingCount(page), { timeout: E2E_WAIT_MS }).toBe(before + 6);
      expect(await secretsStored(page, [...secrets, ...dates])).toEqual([]);
      // The probe itself finds a 12-digit number inside a longer one (an outbox entry's clock).
      const [entry] = await readStore<{ hlc: string }>(page, 'outbox');
      const inClock = entry?.hlc.slice(3, 15) ?? '';
      expect(await secretsStored(page, [inClock])).toContain(`outbox: ${inClock}`);

      await tapToGo(page.getByRole('link', { name: 'Mở danh sách hộ của thôn' }));
      const list = page.getByTestId('household-list');
      for (const label of ['Lò Văn Pành', 'Lường Văn Nam', 'Triệu Thị Mai']) {
        await list.getByRole('link', { name: new RegExp(`^${label}.*Chưa đồng bộ`) }).waitFor();
      }
      expect(await list.getByRole('link', { name: new RegExp(`^${existing.label}\\b`) }).count()).toBe(1);

      await context.setOffline(false);
      await syncNow(page);
      await expect.poll(() => pendingCount(page), { timeout: E2E_WAIT_MS }).toBe(0);
      expect(await list.getByText('Chưa đồng bộ').count()).toBe(0);

      // The server has them, once each, with nothing of what privacy keeps out.
      const rows = (await serverRows(server.url, 'canbo.xa')).filter((r) => r.g === smallVillage.villageId);
      const labels = rows.filter((r) => r.t === 'households').map((r) => r.d.label);
      for (const label of ['Lò Văn Pành', 'Lường Văn Nam', 'Triệu Thị Mai', existing.label])
        expect(labels.filter((l) => l === label)).toHaveLength(1);
      const names = rows.filter((r) => r.t === 'residents').map((r) => [r.d.name, r.d.birthYear]);
      expect(names).toEqual(expect.arrayContaining([['Lò Văn Pành', 1965]]));
      const sent = JSON.stringify(rows);
      for (const secret of [...secrets, ...dates]) expect(sent).not.toContain(secret);
    });

    it('undoes a whole import offline: its households leave the list and the outbox is as it was', async () => {
      await page.goto(`/v/${smallVillage.villageId}`);
      await page.getByRole('heading', { name: 'Hộ dân' }).waitFor();
      await goOffline(context, page);

      // Work done before the import must survive its undo.
      await tapToGo(page.getByRole('link', { name: '+ Thêm hộ' }));
      await page.getByLabel('Tên chủ hộ').fill('Nông Văn Slam');
      await page.getByLabel('Số nhân khẩu').fill('3');
      await tapToGo(page.getByRole('button', { name: 'Lưu' }));
      await page.getByRole('heading', { name: 'Nông Văn Slam' }).waitFor();
      await expect.poll(() => pendingCount(page), { timeout: E2E_WAIT_MS }).toBe(1);
      const outboxBefore = await readStore<{ seq: number }>(page, 'outbox');

      await openImport(page, smallVillage.villageId, true);
      await expectNoSeriousA11yViolations(page, 'import: choose a file');
      expect(await layoutProblems(page)).toEqual([]);
      const fixture = await readFile(join(projectRoot, 'tests', 'fixtures', 'import', 'cp1258.csv'));
      await chooseFile(page, 'cp1258.csv', 'text/csv', fixture);
      await page.getByTestId('import-counts').getByText('3 hộ mới, 3 người', { exact: true }).waitFor();
      await tapToGo(page.getByRole('button', { name: 'Nhập 3 hộ và 3 người' }));
      await page.getByTestId('import-summary').waitFor();
      await expect.poll(() => pendingCount(page), { timeout: E2E_WAIT_MS }).toBe(7);

      await tap(page.getByRole('button', { name: 'Hoàn tác cả lần nhập này' }));
      const dialog = page.getByRole('dialog');
      await dialog.getByText('Hoàn tác lần nhập?').waitFor();
      await tapToGo(dialog.getByRole('button', { name: 'Hoàn tác cả lần nhập này' }));
      await page
        .getByRole('heading', { name: 'Đã hoàn tác: không còn gì của lần nhập này trên máy.' })
        .waitFor();
      await expect.poll(() => pendingCount(page), { timeout: E2E_WAIT_MS }).toBe(1);
      expect(await readStore(page, 'outbox')).toEqual(outboxBefore);

      await tapToGo(page.getByRole('link', { name: 'Mở danh sách hộ của thôn' }));
      const list = page.getByTestId('household-list');
      await list.getByRole('link', { name: /^Nông Văn Slam/ }).waitFor();
      for (const label of ['Nguyễn Văn An', 'Trần Thị Bích', 'Lê Hoàng Đức'])
        expect(await list.getByRole('link', { name: new RegExp(`^${label}`) }).count()).toBe(0);
      const labels = (await readStore<{ label: string }>(page, 'households')).map((h) => h.label);
      expect(labels).not.toContain('Nguyễn Văn An');
      await context.setOffline(false);
    });
  });
});
