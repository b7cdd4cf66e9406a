/**
 * The whole first day through the real UI: the commune officer sets up the server, adds a village and a
 * member account; the member logs in on a second phone, records a household offline, and after the
 * signal returns the officer sees it, and sees the phone's last sync.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPhoneContext, type ServerHandle, startServer } from './harness.js';
import { choosePin, newPage, readStore, syncNow, waitForSync } from './phone.js';

describe('first run: setup, admin, and a member in the field', () => {
  let server: ServerHandle;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('setup → village → member account → offline household → visible to the commune', async () => {
    const office = await newPage(await newPhoneContext(browser, { baseURL: server.url }));
    await office.goto('/login');
    await office.getByRole('link', { name: 'Thiết lập lần đầu' }).click();
    await office.getByLabel('Họ và tên').fill('Hoàng Thị Thu');
    await office.getByLabel('Tên đăng nhập').fill('canbo.xa');
    await office.getByLabel('Mật khẩu (ít nhất 8 ký tự)').fill('mat-khau-xa-2025');
    await office.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await choosePin(office);
    await office.getByRole('heading', { name: 'Chọn thôn' }).waitFor();

    await office.getByRole('link', { name: 'Quản trị' }).click();
    await office.getByRole('button', { name: 'Thêm thôn' }).click();
    await office.getByLabel('Tên thôn').fill('Thôn Nà Slảng');
    await office.getByLabel('Mã thôn').fill('NS');
    await office.getByLabel('Số hộ (chính thức)').fill('152');
    await office.getByRole('button', { name: 'Lưu' }).click();
    await office.getByText('Đã lưu thôn "Thôn Nà Slảng".').waitFor();
    await syncNow(office);
    await office.screenshot({ path: 'docs/screenshots/12-admin-village.png' });

    await office.getByRole('button', { name: 'Thêm tài khoản' }).click();
    await office.getByLabel('Tên đăng nhập').fill('to.vien.ha');
    await office.getByLabel('Mật khẩu (ít nhất 8 ký tự)').fill('mat-khau-to-vien');
    await office.getByLabel('Họ và tên').fill('Lường Thị Hà');
    await office.getByLabel('Vai trò').selectOption('member');
    // The commune's only village comes ticked (issue 15, kind 6): nothing to tap.
    expect(await office.getByRole('checkbox', { name: 'Thôn Nà Slảng' }).isChecked()).toBe(true);
    await office.getByRole('button', { name: 'Lưu' }).click();
    await office.getByText('Đã tạo tài khoản "to.vien.ha".').waitFor();
    await office.screenshot({ path: 'docs/screenshots/13-admin-account.png' });

    const fieldContext = await newPhoneContext(browser, { baseURL: server.url });
    const field = await newPage(fieldContext);
    await field.goto('/login');
    await field.getByLabel('Tên đăng nhập').fill('to.vien.ha');
    await field.getByLabel('Mật khẩu').fill('mat-khau-to-vien');
    await field.getByRole('button', { name: 'Đăng nhập' }).click();
    await choosePin(field);
    await waitForSync(field);
    await field.getByRole('link', { name: /Thôn Nà Slảng/ }).click();
    // Offline, the household form's chunk comes from the precache: wait until the service worker
    // (active only once it has precached everything) controls the page. On a busy machine the
    // first install can outlast the login and first sync.
    await field.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await fieldContext.setOffline(true);
    await field.getByRole('link', { name: '+ Thêm hộ' }).click();
    await field.getByLabel('Tên chủ hộ').fill('Triệu Văn Khải');
    await field.getByLabel('Số nhân khẩu').fill('5');
    await field.getByRole('button', { name: 'Lưu' }).click();
    await field.getByRole('heading', { name: 'Triệu Văn Khải' }).waitFor();
    await field.getByText('Chưa đồng bộ').first().waitFor();
    await fieldContext.setOffline(false);
    await syncNow(field);
    expect(await field.getByText('Chưa đồng bộ').count()).toBe(0);

    await syncNow(office);
    const seen = await readStore<{ label: string }>(office, 'households');
    expect(seen.map((h) => h.label)).toEqual(['Triệu Văn Khải']);

    // Issue 16: the officer sees the member's phone, synced a moment ago with nothing left waiting
    // (the count it sent with its last pull).
    await office.goto('/admin');
    await office.getByRole('button', { name: /^Xem \d+ máy đồng bộ bình thường$/ }).click();
    const phone = office
      .getByTestId('admin-device-list')
      .getByRole('listitem')
      .filter({ hasText: 'Lường Thị Hà' });
    await phone.getByText('Đồng bộ lần cuối: vừa xong').waitFor();
    await phone.getByText('Không còn thay đổi nào chờ gửi').waitFor();
    expect(await phone.getByText('⚠').count()).toBe(0);
  });
});
