import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SyncBar } from '../../src/app/features/sync-status/SyncBar';
import { useSession } from '../../src/app/sync/session';
import { useSyncStatus } from '../../src/app/sync/sync-status';

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

  it('does not alarm offline: the failure was expected, the last success is shown instead', async () => {
    useSyncStatus.setState({ lastError: networkError, lastSuccessAt: '2026-11-25T07:30:00Z' });
    render(<SyncBar />);
    act(() => setOnline(false));
    expect(await screen.findByText('Không có mạng')).toBeTruthy();
    const status = screen.getByTestId('sync-status');
    expect(status.textContent).toMatch(/^Đồng bộ lần cuối: \d\d:\d\d 25\/11$/);
    expect(status.className).not.toContain('has-error');
  });

  it('still shows other errors offline', async () => {
    useSyncStatus.setState({ lastError: { code: 'token_expired', message: '', at: '2026-11-25T08:00:00Z' } });
    render(<SyncBar />);
    act(() => setOnline(false));
    expect((await screen.findByTestId('sync-status')).className).toContain('has-error');
  });
});
