import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '../../src/app/db/database';
import { villageRepository } from '../../src/app/db/village-repository';
import { communeToday } from '../../src/app/state/commune-clock';
import { type SessionUser, useSession } from '../../src/app/sync/session';
import { addDays } from '../../src/core/dates';
import { VILLAGE_ID } from './fixtures';
import { renderAt } from './render-route';

function signIn(role: SessionUser['role'], villageIds: string[] = []) {
  useSession.setState({
    loaded: true,
    session: {
      token: 'tok-admin',
      expiresAt: '2999-01-01T00:00:00.000Z',
      user: {
        id: '0191f5a0-0000-7000-8000-0000000000aa',
        username: 'can.bo',
        displayName: 'Cán bộ',
        role,
        villageIds,
      },
    },
  });
}

let fetchMock: ReturnType<typeof vi.fn>;

beforeEach(() => {
  // The accounts and phones parts load from the server; these tests are about villages and access.
  fetchMock = vi.fn(
    async (url: string) =>
      new Response(
        JSON.stringify(
          url === '/api/admin/devices'
            ? { serverTime: new Date().toISOString(), staleAfterDays: 3, devices: [] }
            : { users: [] },
        ),
        { status: 200 },
      ),
  );
  vi.stubGlobal('fetch', fetchMock);
});

afterEach(() => {
  vi.unstubAllGlobals();
  useSession.setState({ session: undefined, loaded: false });
});

describe('admin: villages (commune officer)', () => {
  it('adds a village that is its own scope, with one outbox entry, reading Vietnamese number and date formats', async () => {
    signIn('commune');
    const user = userEvent.setup();
    renderAt('/admin');
    await user.click(await screen.findByRole('button', { name: /Thêm thôn/ }));
    await user.type(screen.getByLabelText('Tên thôn'), 'Thôn Nà Pài');
    await user.type(screen.getByLabelText('Mã thôn'), 'NP01');
    await user.type(screen.getByLabelText('Số hộ (chính thức)'), '1.250');
    await user.type(screen.getByLabelText('Số người từ 16 tuổi (chính thức)'), '3400');
    await user.type(screen.getByLabelText('Nguồn số liệu'), 'Thống kê xã 2025');
    await user.type(screen.getByLabelText('Ngày số liệu (YYYY-MM-DD)'), '30/06/2025');
    await user.click(screen.getByRole('button', { name: 'Lưu' }));

    const list = await screen.findByTestId('admin-village-list');
    expect(within(list).getByText('Thôn Nà Pài')).toBeInTheDocument();
    const rows = await getDb().villages.toArray();
    expect(rows).toHaveLength(1);
    const row = rows[0];
    expect(row).toMatchObject({
      name: 'Thôn Nà Pài',
      code: 'NP01',
      official: { households: 1250, residents16Plus: 3400, source: 'Thống kê xã 2025', asOf: '2025-06-30' },
    });
    expect(row?.official).not.toHaveProperty('adults18Plus');
    expect(row?.villageId).toBe(row?.id);
    const outbox = await getDb().outbox.toArray();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ table: 'villages', rowId: row?.id, villageId: row?.id });
    expect(outbox[0]?.fields).toMatchObject({ name: 'Thôn Nà Pài', code: 'NP01' });
  });

  it('shows Vietnamese errors for a count that is not a whole number and a bad date, and writes nothing', async () => {
    signIn('commune');
    const user = userEvent.setup();
    renderAt('/admin');
    await user.click(await screen.findByRole('button', { name: /Thêm thôn/ }));
    await user.type(screen.getByLabelText('Tên thôn'), 'Thôn Bản Chặng');
    await user.type(screen.getByLabelText('Mã thôn'), 'BC');
    await user.type(screen.getByLabelText('Số người từ 18 tuổi (chính thức)'), '12,5');
    await user.type(screen.getByLabelText('Ngày số liệu (YYYY-MM-DD)'), '2025-13-45');
    await user.click(screen.getByRole('button', { name: 'Lưu' }));

    expect(await screen.findByText('Vui lòng nhập một số nguyên.')).toBeInTheDocument();
    expect(screen.getByLabelText('Số người từ 18 tuổi (chính thức)')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Ngày số liệu (YYYY-MM-DD)')).toHaveAttribute('aria-invalid', 'true');
    const summary = screen.getByTestId('form-errors');
    expect(summary).toHaveTextContent('Chưa lưu: vui lòng sửa các mục sau.');
    expect(summary).toHaveTextContent('Số người từ 18 tuổi (chính thức): Vui lòng nhập một số nguyên.');
    expect(summary).toHaveTextContent('Ngày số liệu (YYYY-MM-DD):');
    expect(await getDb().villages.count()).toBe(0);
    expect(await getDb().outbox.count()).toBe(0);
  });

  it('names every slip at once: a negative count, more people 18+ than 16+, and a day that has not come', async () => {
    signIn('commune');
    const user = userEvent.setup();
    renderAt('/admin');
    await user.click(await screen.findByRole('button', { name: /Thêm thôn/ }));
    await user.type(screen.getByLabelText('Tên thôn'), 'Thôn Bản Chặng');
    await user.type(screen.getByLabelText('Mã thôn'), 'BC');
    await user.type(screen.getByLabelText('Số hộ (chính thức)'), '-5');
    await user.type(screen.getByLabelText('Số người từ 16 tuổi (chính thức)'), '10');
    await user.type(screen.getByLabelText('Số người từ 18 tuổi (chính thức)'), '500');
    await user.type(screen.getByLabelText('Ngày số liệu (YYYY-MM-DD)'), addDays(communeToday(), 3));
    await user.click(screen.getByRole('button', { name: 'Lưu' }));

    const summary = await screen.findByTestId('form-errors');
    expect(summary).toHaveTextContent('Số hộ (chính thức): Số không được âm.');
    expect(summary).toHaveTextContent(
      'Số người từ 18 tuổi (chính thức): Số người từ 18 tuổi không thể nhiều hơn số người từ 16 tuổi.',
    );
    expect(summary).toHaveTextContent('Ngày số liệu (YYYY-MM-DD): Ngày này chưa tới.');
    expect(summary).not.toHaveTextContent('điện thoại');
    expect(await getDb().villages.count()).toBe(0);
  });

  it('lists only real villages and edits one, queuing only the changed fields', async () => {
    const village = await villageRepository.create({
      name: 'Thôn Khuổi Hát',
      code: 'KH',
      official: { households: 120 },
    });
    const gone = await villageRepository.create({ name: 'Thôn Đã Nhập', code: 'DN' });
    await getDb().villages.update(gone.id, { deletedAt: new Date().toISOString() });
    await getDb().villages.put({
      ...village,
      id: VILLAGE_ID,
      villageId: VILLAGE_ID,
      name: 'Thôn Mẫu',
      demo: true,
    });
    signIn('commune');
    const user = userEvent.setup();
    renderAt('/admin');

    const list = await screen.findByTestId('admin-village-list');
    expect(within(list).getAllByRole('listitem')).toHaveLength(1);
    expect(within(list).getByText('Số liệu chính thức: 120 hộ')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Sửa thôn Thôn Khuổi Hát' }));
    const households = screen.getByLabelText('Số hộ (chính thức)');
    expect(households).toHaveValue('120');
    await user.clear(households);
    await user.type(households, '131');
    await user.click(screen.getByRole('button', { name: 'Lưu' }));

    await waitFor(async () =>
      expect((await getDb().villages.get(village.id))?.official?.households).toBe(131),
    );
    const outbox = await getDb().outbox.where('rowId').equals(village.id).sortBy('seq');
    expect(outbox).toHaveLength(2);
    expect(outbox[1]?.fields).toEqual({ official: { households: 131 } });
    expect(outbox[1]?.villageId).toBe(village.id);
    expect(outbox[1]?.base).toBeDefined();
  });
});

describe('admin: who sees what', () => {
  it('a commune officer gets the conflict review link, villages and accounts', async () => {
    signIn('commune');
    const { location } = renderAt('/admin');
    expect(await screen.findByRole('heading', { name: 'Các thôn' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Tài khoản' })).toBeInTheDocument();
    await userEvent.setup().click(screen.getByRole('link', { name: 'Xung đột' }));
    expect(location.history?.at(-1)).toBe('/conflicts');
  });

  it('a lead gets conflicts and accounts but not villages', async () => {
    signIn('lead', [VILLAGE_ID]);
    renderAt('/admin');
    expect(await screen.findByRole('heading', { name: 'Tài khoản' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Xung đột' })).toHaveAttribute('href', '/conflicts');
    expect(screen.queryByRole('heading', { name: 'Các thôn' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Thêm thôn/ })).not.toBeInTheDocument();
  });

  it('a member sees a plain no-permission message and nothing is asked of the server', async () => {
    signIn('member', [VILLAGE_ID]);
    renderAt('/admin');
    expect(await screen.findByText(/Bạn không có quyền vào trang quản trị/)).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Tài khoản' })).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Xung đột' })).not.toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('without a session it asks to log in', async () => {
    useSession.setState({ session: undefined, loaded: true });
    renderAt('/admin');
    expect(await screen.findByText(/Cần đăng nhập bằng tài khoản tổ trưởng/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Đăng nhập' })).toHaveAttribute('href', '/login');
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
