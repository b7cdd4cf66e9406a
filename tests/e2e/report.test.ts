/**
 * Issue 19 in Chromium against the real server: a commune officer at 1366×768 lists a school as a
 * reporting unit; the school, with its own account on a second browser context (a phone), enters its
 * Q4/2025 figures; the officer builds the commune's Q4/2025 report (the school's figure is there, the
 * cooperative that has not reported is "Chưa báo cáo"), types a task's result, submits, and downloads
 * the XLSX, DOCX and CSV — each opened and checked — then opens the print view (screenshot for the
 * README). The server holds the report as submitted, refuses an edit to it, and its audit log has the
 * exports.
 */
import { readFile } from 'node:fs/promises';
import * as XLSX from '@e965/xlsx';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createAccount,
  loginAccount,
  SEED_PASSWORD,
  type SeededVillage,
  seedVillage,
  setupCommune,
} from '../../scripts/lib/server-seed.js';
import { formatHlc } from '../../src/core/hlc';
import { newId, reportId } from '../../src/core/ids';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../src/core/sync/protocol';
import { COMMUNE_OFFICE_ID } from '../../src/core/sync/scope';
import { expectNoSeriousA11yViolations } from './axe.js';
import { launchBrowser, newPhoneContext, type ServerHandle, startServer } from './harness.js';
import { choosePin, logIn, newPage, readStore, syncNow, waitForSync } from './phone.js';

const PERIOD = '2025-Q4';

interface UnitRow {
  id: string;
  name: string;
}

/** "Đồng bộ ngay" with a mouse (the desk has no touch), waiting for a sync later than any before. */
async function syncAtDesk(page: Page): Promise<void> {
  const bar = page.getByTestId('sync-bar');
  await page.locator('[data-testid="sync-bar"][data-phase="idle"]').waitFor();
  const before = (await bar.getAttribute('data-last-success')) ?? '';
  const summary = bar.locator('button[aria-expanded]');
  if ((await summary.getAttribute('aria-expanded')) !== 'true') await summary.click();
  await page.getByRole('button', { name: 'Đồng bộ ngay' }).click();
  await page.waitForFunction((old) => {
    const el = document.querySelector('[data-testid="sync-bar"]');
    const last = el?.getAttribute('data-last-success') ?? '';
    return el?.getAttribute('data-phase') === 'idle' && last !== '' && last > old;
  }, before);
}

/** The downloaded file of a click, read whole. */
async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  const path = await file.path();
  if (!path) throw new Error('the download has no file');
  return { name: file.suggestedFilename(), bytes: await readFile(path) };
}

describe('the quarterly report', () => {
  let server: ServerHandle;
  let browser: Browser;
  let commune: string;
  const villages: SeededVillage[] = [];

  beforeAll(async () => {
    server = await startServer();
    commune = await setupCommune(server.url);
    for (const [name, seed] of [
      ['Thôn Nà Mọ', 31],
      ['Thôn Bản Giang', 32],
    ] as const) {
      villages.push(await seedVillage(server.url, commune, { name, households: 10, seed, fieldWork: true }));
    }
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('an officer builds, submits and downloads the Q4/2025 report with a school’s figures entered by the school', async () => {
    const desk = await newPhoneContext(browser, {
      baseURL: server.url,
      viewport: { width: 1366, height: 768 },
      isMobile: false,
      hasTouch: false,
      deviceScaleFactor: 1,
      acceptDownloads: true,
    });
    const officer = await newPage(desk);
    await logIn(officer, 'canbo.xa');
    await waitForSync(officer);

    // The school and a cooperative as reporting units, on the officer's screen.
    for (const [name, kind] of [
      ['Trường THCS Thượng Quan', 'Trường học'],
      ['Hợp tác xã chè Tân Lập', 'Hợp tác xã'],
    ] as const) {
      await officer.goto('/units');
      await officer.getByRole('button', { name: '+ Thêm đơn vị' }).click();
      await officer.getByLabel('Tên đơn vị').fill(name);
      await officer.getByLabel('Loại đơn vị').selectOption({ label: kind });
      await officer.getByRole('button', { name: 'Lưu', exact: true }).click();
      await officer.getByText(`Đã lưu đơn vị "${name}"`).waitFor();
    }
    await syncAtDesk(officer);
    await waitForSync(officer);
    const units = await readStore<UnitRow>(officer, 'reportingUnits');
    const school = units.find((u) => u.name === 'Trường THCS Thượng Quan');
    if (!school) throw new Error('the school is not on the officer’s PC');
    await createAccount(server.url, commune, {
      username: 'thcs.thuongquan',
      displayName: 'Ma Thị Duyên',
      role: 'unit',
      villageIds: [school.id],
    });

    // The school, on its own phone: straight to its unit, Q4/2025, secondary students.
    const phone = await newPhoneContext(browser, { baseURL: server.url });
    const unitPage = await newPage(phone);
    await unitPage.goto('/login');
    await unitPage.getByLabel('Tên đăng nhập').fill('thcs.thuongquan');
    await unitPage.getByLabel('Mật khẩu').fill(SEED_PASSWORD);
    await unitPage.getByRole('button', { name: 'Đăng nhập' }).click();
    await choosePin(unitPage);
    await waitForSync(unitPage);
    await unitPage.goto(`/units/${school.id}?period=${PERIOD}`);
    const lower = unitPage.getByTestId('pair-lowerSecondary');
    await lower.getByLabel('Tổng số (người)').fill('412');
    await lower.getByLabel('Đạt chuẩn kỹ năng số (người)').fill('398');
    const upper = unitPage.getByTestId('pair-upperSecondary');
    await upper.getByLabel('Tổng số (người)').fill('120');
    await upper.getByLabel('Đạt chuẩn kỹ năng số (người)').fill('120');
    await unitPage.getByLabel('Số lớp tập huấn, bồi dưỡng kỹ năng số đã tổ chức trong quý').fill('3');
    await unitPage.getByRole('button', { name: 'Lưu', exact: true }).click();
    await unitPage
      .getByText(/^Đã lưu/)
      .first()
      .waitFor();
    await expectNoSeriousA11yViolations(unitPage, 'unit figures');
    // The school sees no village.
    expect(await readStore(unitPage, 'households')).toEqual([]);
    await syncNow(unitPage);
    await waitForSync(unitPage);

    // The officer's report: the school's b, the cooperative missing.
    await syncAtDesk(officer);
    await waitForSync(officer);
    await officer.goto(`/reports?period=${PERIOD}`);
    await officer.getByRole('link', { name: /Báo cáo của xã/ }).click();
    await officer.getByRole('button', { name: 'Bắt đầu báo cáo' }).click();
    const b = officer.locator('[data-indicator="b"]');
    // 398 + 120 of 412 + 120 = 97,4%.
    await expect.poll(() => b.textContent()).toContain('518/532');
    expect(await b.textContent()).toContain('97,4%');
    const dd = officer.locator('[data-indicator="dd"]');
    expect(await dd.textContent()).toContain('Chưa báo cáo');
    expect(await dd.textContent()).toContain('Hợp tác xã chè Tân Lập');
    await officer
      .getByLabel('Kết quả nhiệm vụ 20', { exact: true })
      .fill('Tổ công nghệ số đến 20 hộ ở Nà Mọ và Bản Giang.');
    await officer
      .getByLabel('Khó khăn, vướng mắc', { exact: true })
      .fill('Sóng điện thoại yếu ở xóm Nà Đon.');
    await officer.getByLabel('Khó khăn, vướng mắc', { exact: true }).blur();
    await officer.getByText('Đã lưu trên máy').waitFor();
    await expectNoSeriousA11yViolations(officer, 'report draft');

    officer.once('dialog', (dialog) => void dialog.accept());
    await officer.getByRole('button', { name: 'Nộp báo cáo' }).click();
    await officer.getByText(/^Đã nộp ngày .* bởi Cán bộ xã/).waitFor();
    await officer.screenshot({ path: 'docs/screenshots/33-report-submitted.png', fullPage: false });

    // The three files, opened.
    const xlsx = await download(officer, () =>
      officer.getByRole('button', { name: 'Excel (.xlsx)' }).click(),
    );
    expect(xlsx.name).toBe('bao-cao-quy-4-2025-xa.xlsx');
    const book = XLSX.read(xlsx.bytes, { cellDates: true, cellNF: true });
    expect(book.SheetNames).toEqual(expect.arrayContaining(['Tổng hợp', 'Đơn vị']));
    expect(book.SheetNames.some((n) => n.includes('Nà Mọ'))).toBe(true);
    const summary = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets['Tổng hợp'] as XLSX.WorkSheet, {
      header: 1,
    });
    const bRow = summary.find((r) => r.some((c) => c === 518));
    expect(bRow).toEqual(expect.arrayContaining([518, 532]));

    const csv = await download(officer, () => officer.getByRole('button', { name: 'CSV' }).click());
    expect(csv.name).toBe('bao-cao-quy-4-2025-xa.csv');
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.bytes.toString('utf8');
    expect(text).toContain('Thôn Nà Mọ');
    expect(text).toContain('Trường THCS Thượng Quan');
    expect(text).toMatch(/,518,532,/);

    const docx = await download(officer, () => officer.getByRole('button', { name: 'Word (.docx)' }).click());
    expect(docx.name).toBe('bao-cao-quy-4-2025-xa.docx');
    const zip = XLSX.CFB.read(new Uint8Array(docx.bytes), { type: 'array' });
    const entry = XLSX.CFB.find(zip, '/word/document.xml');
    const xml = Buffer.from(entry?.content as Uint8Array).toString('utf8');
    expect(xml).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(xml).toContain('Quý IV/2025');
    expect(xml).toContain('Tổ công nghệ số đến 20 hộ ở Nà Mọ và Bản Giang.');
    expect(xml).toContain('Nơi nhận');

    // The print view: the same document on A4.
    await officer.getByRole('link', { name: 'In / Lưu PDF' }).click();
    await officer.getByText('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM').waitFor();
    // The README's picture: the top of the A4 sheet as the print view shows it (header, motto, title, I).
    const sheet = await officer.locator('.a4-document').boundingBox();
    if (!sheet) throw new Error('no A4 sheet on the print view');
    const shown = Math.min(sheet.height, 1120);
    await officer.setViewportSize({ width: 1366, height: Math.ceil(sheet.y + shown) });
    await officer.screenshot({
      path: 'docs/screenshots/34-report-print.png',
      clip: { x: sheet.x, y: sheet.y, width: sheet.width, height: shown },
    });
    await officer.emulateMedia({ media: 'print' });
    // The browser's own PDF of the page ("Lưu PDF"): A4 sheets (595 × 842 pt), several of them; it
    // counts as a print in the audit log.
    const pdf = (await officer.pdf({ preferCSSPageSize: true })).toString('latin1');
    expect(pdf.startsWith('%PDF')).toBe(true);
    const boxes = [...pdf.matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)].map((m) => [
      Math.round(Number(m[1])),
      Math.round(Number(m[2])),
    ]);
    expect(boxes.length).toBeGreaterThan(0);
    expect(boxes.every(([w, h]) => w === 595 && h === 842)).toBe(true);
    expect(boxes.length).toBeGreaterThan(1);
    await officer.emulateMedia({ media: 'screen' });
    await officer.setViewportSize({ width: 1366, height: 768 });
    await expectNoSeriousA11yViolations(officer, 'report print view');

    // On the server: submitted, read-only, and the exports audited (sent at once: the PC is online).
    await syncAtDesk(officer);
    await waitForSync(officer);
    const token = await loginAccount(server.url, 'canbo.xa');
    const rowId = reportId(COMMUNE_OFFICE_ID, PERIOD, 1);
    const pulled = await fetch(`${server.url}/api/sync/pull?since=0&limit=5000`, {
      headers: { authorization: `Bearer ${token}`, [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) },
    }).then(
      (r) => r.json() as Promise<{ rows: Array<{ t: string; i: string; d: Record<string, unknown> }> }>,
    );
    expect(pulled.rows.find((r) => r.i === rowId)?.d).toMatchObject({
      status: 'submitted',
      submittedBy: 'Cán bộ xã',
    });
    const edit = await fetch(`${server.url}/api/sync/push`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
      },
      body: JSON.stringify({
        deviceId: 'e2e0000000000001',
        changes: [
          {
            changeId: newId(),
            table: 'reports',
            rowId,
            villageId: COMMUNE_OFFICE_ID,
            fields: { task1: 'sửa sau khi nộp' },
            hlc: formatHlc({ wall: Date.now(), counter: 0, node: 'e2e0000000000001' }),
          },
        ],
      }),
    });
    const refusal = (await edit.json()) as { error: { code: string } };
    expect([edit.status, refusal.error.code], JSON.stringify(refusal)).toEqual([409, 'report_submitted']);
    await expect
      .poll(async () => {
        const audit = await fetch(`${server.url}/api/admin/audit?limit=100`, {
          headers: { authorization: `Bearer ${token}` },
        }).then(
          (r) => r.json() as Promise<{ entries: Array<{ action: string; detail: { format?: string } }> }>,
        );
        return audit.entries
          .filter((e) => e.action === 'report.export')
          .map((e) => e.detail.format)
          .sort();
      })
      .toEqual(['csv', 'docx', 'print', 'xlsx']);
    await phone.close();
    await desk.close();
  });
});
