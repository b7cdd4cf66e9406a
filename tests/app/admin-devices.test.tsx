/**
 * The officers' list of phones and their last sync (issue 16, item 4): a phone that stopped syncing is
 * flagged in words, first, with the work waiting on it.
 */
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DeviceSyncList, DeviceSyncStatus } from '../../src/app/features/admin/admin-api';
import { useSession } from '../../src/app/sync/session';
import { signIn } from './fixtures';
import { renderAt } from './render-route';

const SERVER_NOW = '2026-03-10T08:00:00.000Z';
const HOUR = 3_600_000;
const ago = (ms: number) => new Date(Date.parse(SERVER_NOW) - ms).toISOString();

function device(overrides: Partial<DeviceSyncStatus>): DeviceSyncStatus {
  return {
    id: '0191f5a0-0000-7000-8000-0000000000d1',
    userId: '0191f5a0-0000-7000-8000-0000000000b1',
    username: 'lan.ht',
    displayName: 'Hoàng Thị Lan',
    deviceName: 'SM-A035F',
    status: 'active',
    createdAt: ago(30 * 24 * HOUR),
    lastUsedAt: ago(HOUR),
    lastSyncAt: ago(2 * HOUR),
    pendingChanges: 0,
    stale: false,
    ...overrides,
  };
}

/** The server's answer, as sorted by it: stale first. */
const answer: DeviceSyncList = {
  serverTime: SERVER_NOW,
  staleAfterDays: 3,
  devices: [
    device({
      id: '0191f5a0-0000-7000-8000-0000000000d2',
      username: 'son.tv',
      displayName: 'Triệu Văn Sơn',
      deviceName: 'Redmi 9A',
      lastSyncAt: ago(5 * 24 * HOUR + 3 * HOUR),
      pendingChanges: 12,
      stale: true,
    }),
    device({
      id: '0191f5a0-0000-7000-8000-0000000000d3',
      username: 'hoa.lt',
      displayName: 'Lục Thị Hoa',
      lastSyncAt: null,
      pendingChanges: null,
      createdAt: ago(4 * 24 * HOUR),
      status: 'expired',
      stale: true,
    }),
    device({}),
    device({
      id: '0191f5a0-0000-7000-8000-0000000000d4',
      displayName: 'Hoàng Thị Lan',
      deviceName: 'Máy tính bảng',
      lastSyncAt: ago(60_000),
      pendingChanges: 3,
    }),
  ],
};

function signInAsOfficer() {
  signIn({ id: '0191f5a0-0000-7000-8000-0000000000aa', role: 'commune', villageIds: [] });
}

const json = (data: unknown, status = 200) =>
  new Response(JSON.stringify(data), { status, headers: { 'content-type': 'application/json' } });

afterEach(() => {
  vi.unstubAllGlobals();
  useSession.setState({ session: undefined, loaded: false });
});

describe('admin: phones and their sync', () => {
  it('puts the silent phones first, says how long and what waits on them, counted by the server’s clock', async () => {
    const fetch = vi.fn(async (url: string) =>
      url === '/api/admin/devices' ? json(answer) : json({ users: [] }),
    );
    vi.stubGlobal('fetch', fetch);
    signInAsOfficer();
    renderAt('/admin');

    const list = await screen.findByTestId('admin-device-list');
    expect(screen.getByTestId('device-sync-summary')).toHaveTextContent(
      '⚠ 2 máy đã quá 3 ngày chưa đồng bộ. Hãy gọi cho người dùng máy đó.',
    );
    // The silent ones only, until asked for the rest.
    expect(within(list).getAllByRole('listitem')).toHaveLength(2);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Xem 2 máy đồng bộ bình thường' }));
    const [son, hoa, lan, tablet] = within(list).getAllByRole('listitem');
    expect(son).toHaveTextContent('Triệu Văn Sơn');
    expect(son).toHaveTextContent('⚠ Quá 3 ngày chưa đồng bộ');
    expect(son).toHaveTextContent('Redmi 9A · @son.tv');
    expect(son).toHaveTextContent('Đồng bộ lần cuối: 5 ngày trước');
    expect(son).toHaveTextContent('⚠ 12 thay đổi nằm trên máy quá 3 ngày, chưa gửi lên máy chủ');

    expect(hoa).toHaveTextContent('⚠ Quá 3 ngày chưa đồng bộ');
    expect(hoa).toHaveTextContent('Chưa đồng bộ lần nào');
    expect(hoa).toHaveTextContent('Hết phiên đăng nhập: cần đăng nhập lại trên máy này');
    expect(hoa).not.toHaveTextContent('thay đổi');

    expect(lan).not.toHaveTextContent('⚠');
    expect(lan).toHaveTextContent('Đồng bộ lần cuối: 2 giờ trước');
    expect(lan).toHaveTextContent('Không còn thay đổi nào chờ gửi');
    expect(tablet).toHaveTextContent('Đồng bộ lần cuối: vừa xong');
    expect(tablet).toHaveTextContent('3 thay đổi đang chờ gửi lên máy chủ');
    expect(fetch).toHaveBeenCalledWith('/api/admin/devices', expect.anything());
  });

  it('says when every phone is up to date', async () => {
    const fresh = { ...answer, devices: [device({})] };
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => (url === '/api/admin/devices' ? json(fresh) : json({ users: [] }))),
    );
    signInAsOfficer();
    renderAt('/admin');
    expect(await screen.findByTestId('device-sync-summary')).toHaveTextContent(
      'Mọi máy đều đã đồng bộ trong 3 ngày qua.',
    );
    expect(screen.queryByTestId('admin-device-list')).toBeNull();
    const more = screen.getByRole('button', { name: 'Xem 1 máy đồng bộ bình thường' });
    expect(more).toHaveAttribute('aria-expanded', 'false');
    await userEvent.setup().click(more);
    expect(within(screen.getByTestId('admin-device-list')).getByRole('listitem')).toHaveTextContent(
      'Đồng bộ lần cuối: 2 giờ trước',
    );
    expect(screen.getByRole('button', { name: 'Ẩn các máy đồng bộ bình thường' })).toHaveAttribute(
      'aria-expanded',
      'true',
    );
  });

  it('without a connection says the list needs one, and loads it on request', async () => {
    let online = false;
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => {
        if (!online) throw new TypeError('Failed to fetch');
        return url === '/api/admin/devices' ? json(answer) : json({ users: [] });
      }),
    );
    signInAsOfficer();
    renderAt('/admin');
    expect(await screen.findByText('Cần có mạng để xem tình trạng đồng bộ của các máy.')).toBeVisible();
    online = true;
    await userEvent.setup().click(screen.getByRole('button', { name: 'Tải lại danh sách máy' }));
    expect(await screen.findByTestId('device-sync-summary')).toBeVisible();
  });
});
