import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '../../src/app/db/database';
import { SyncBar } from '../../src/app/features/sync-status/SyncBar';
import { useSession } from '../../src/app/sync/session';
import { useSyncStatus } from '../../src/app/sync/sync-status';
import { signIn, VILLAGE_ID } from './fixtures';
import { renderAt } from './render-route';

function setOnline(online: boolean) {
  Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => online });
  window.dispatchEvent(new Event(online ? 'online' : 'offline'));
}

describe('sync bar errors', () => {
  beforeEach(() => {
    useSession.setState({
      loaded: true,
      session: {
        token: 't',
        expiresAt: '2999-01-01T00:00:00Z',
        user: { id: 'u', username: 'mai', displayName: 'Mai', role: 'member', villageIds: [] },
      },
    });
  });
  afterEach(() => {
    setOnline(true);
    useSyncStatus.setState({ lastError: undefined, lastSuccessAt: undefined });
    useSession.setState({ session: undefined });
  });

  const networkError = { code: 'network', message: 'Failed to fetch', at: '2026-11-25T08:00:00Z' };

  it('shows a network failure while the phone believes it is online', async () => {
    useSyncStatus.setState({ lastError: networkError });
    render(<SyncBar />);
    const status = await screen.findByTestId('sync-status');
    expect(status.textContent).toBe('Không kết nối được máy chủ. Sẽ tự thử lại khi có mạng.');
    expect(status.className).toContain('has-error');
  });

  it('does not alarm offline: the failure was expected, readiness is shown and the last success in the panel', async () => {
    useSyncStatus.setState({ lastError: networkError, lastSuccessAt: '2026-11-25T07:30:00Z' });
    render(<SyncBar />);
    act(() => setOnline(false));
    expect(await screen.findByText('Không có mạng')).toBeTruthy();
    const status = screen.getByTestId('sync-status');
    await waitFor(() => expect(status.textContent).toMatch(/^Chưa sẵn sàng/));
    expect(status.className).not.toContain('has-error');
    await userEvent.setup().click(screen.getByRole('button', { expanded: false }));
    expect((await screen.findByTestId('last-sync')).textContent).toMatch(
      /^Đồng bộ lần cuối: \d\d:\d\d 25\/11$/,
    );
  });

  it('keeps the waiting changes in words on the compact line, and opens to “Đồng bộ ngay” with one tap', async () => {
    await getDb().outbox.add({
      changeId: '0191f5a0-0000-7000-8000-0000000000c1',
      table: 'households',
      rowId: '0191f5a0-0000-7000-8000-0000000000c2',
      villageId: VILLAGE_ID,
      fields: { label: 'Lò Văn Pằng' },
      hlc: '001764000000000:00000:aaaaaaaaaaaaaaaa',
      createdAt: '2026-11-25T08:00:00.000Z',
      userId: 'u',
    });
    render(<SyncBar />);
    act(() => setOnline(false));
    const summary = screen.getByRole('button', { expanded: false });
    expect(await within(summary).findByText('1 thay đổi chờ gửi')).toBeInTheDocument();
    expect(summary).toHaveTextContent(/^Không có mạng · 1 thay đổi chờ gửi/);
    expect(screen.queryByRole('button', { name: 'Đồng bộ ngay' })).toBeNull();
    await userEvent.setup().click(summary);
    expect(await screen.findByRole('button', { name: 'Đồng bộ ngay' })).toBeInTheDocument();
    expect(summary).toHaveAttribute('aria-expanded', 'true');
  });

  it('still shows other errors offline', async () => {
    useSyncStatus.setState({ lastError: { code: 'token_expired', message: '', at: '2026-11-25T08:00:00Z' } });
    render(<SyncBar />);
    act(() => setOnline(false));
    expect((await screen.findByTestId('sync-status')).className).toContain('has-error');
  });
});

describe('the refused list (issue 13, kinds 8 and 10)', () => {
  // Defined by Vite at build time; the settings page prints it.
  vi.stubGlobal('__APP_VERSION__', 'test');

  it('names the record, says why in Vietnamese with the field’s name, and shows what was typed', async () => {
    signIn({ id: 'u' });
    const base = { villageId: VILLAGE_ID, hlc: '001764000000000:00000:aaaaaaaaaaaaaaaa' };
    await getDb().rejected.bulkAdd([
      {
        change: {
          ...base,
          changeId: '0191f5a0-0000-7000-8000-0000000000f1',
          table: 'households',
          rowId: '0191f5a0-0000-7000-8000-0000000000f2',
          fields: {
            label: 'Lò Văn Pằng',
            membersCount: 6,
            notes: 'Hẹn chiều',
            createdAt: '2026-11-25T08:00:00.000Z',
          },
        },
        userId: 'u',
        code: 'village_forbidden',
        message: 'Not your village',
        rejectedAt: '2026-11-25T08:00:00.000Z',
      },
      {
        change: {
          ...base,
          changeId: '0191f5a0-0000-7000-8000-0000000000f3',
          table: 'households',
          rowId: '0191f5a0-0000-7000-8000-0000000000f4',
          fields: { notes: 'CCCD 001203004567' },
        },
        userId: 'u',
        code: 'invalid_value',
        message: '"notes": err.idNumberInText',
        field: 'notes',
        rejectedAt: '2026-11-25T08:00:00.000Z',
      },
    ]);
    renderAt('/settings');
    const items = await screen.findAllByTestId('rejected-change');
    expect(items).toHaveLength(2);
    const [idNumber, forbidden] = items as [HTMLElement, HTMLElement];
    expect(forbidden).toHaveTextContent('Hộ: Lò Văn Pằng');
    expect(forbidden).toHaveTextContent('Thôn này không (còn) thuộc tài khoản của bạn.');
    expect(forbidden).toHaveTextContent(
      'Đã nhập: Tên chủ hộ: Lò Văn Pằng · Số nhân khẩu: 6 · Ghi chú: Hẹn chiều',
    );
    expect(idNumber).toHaveTextContent('Ghi chú: Không được ghi số căn cước/CMND');
    for (const item of items) {
      expect(item).not.toHaveTextContent(/village_forbidden|invalid_value|err\.|0191f5a0/);
    }
  });
});
