/**
 * Issue 15, kind 4: the phone says when it is ready to go out of signal — the app's files cached and
 * serving the page, and the account's villages pulled to the end — and what is missing until then.
 */
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '../../src/app/db/database';
import { SyncBar } from '../../src/app/features/sync-status/SyncBar';
import { offlineReadiness } from '../../src/app/pwa/offline-readiness';
import { usePwa } from '../../src/app/pwa/service-worker';
import { PULLED_SCOPE_KEY } from '../../src/app/sync/apply-pulled';
import { SyncEngine } from '../../src/app/sync/sync-engine';
import { useSyncStatus } from '../../src/app/sync/sync-status';
import { scopeKey } from '../../src/core/sync/scope';
import { lostAnswer, signIn, VILLAGE_ID } from './fixtures';

const OTHER_VILLAGE = '0191f5a0-0000-7000-8000-000000000002';
const member = { role: 'member' as const, villageIds: [VILLAGE_ID] };
const pulledHere = scopeKey([VILLAGE_ID]);

afterEach(() => {
  usePwa.setState({ offlineReady: false });
  useSyncStatus.setState({ phase: 'idle', pull: undefined, lastError: undefined, lastSuccessAt: undefined });
  vi.unstubAllGlobals();
});

describe('the readiness rule', () => {
  it('is ready with the app cached and the account’s villages pulled to the end', () => {
    expect(
      offlineReadiness({ appCached: true, user: member, pulledScope: pulledHere, pull: undefined }),
    ).toEqual({ ready: true, app: true, data: 'done', pull: undefined });
  });

  it('is not ready while the app’s files are not cached, whatever the data', () => {
    const r = offlineReadiness({ appCached: false, user: member, pulledScope: pulledHere, pull: undefined });
    expect(r).toMatchObject({ ready: false, app: false, data: 'done' });
  });

  it('is not ready during the first download, and says how far it is', () => {
    const r = offlineReadiness({
      appCached: true,
      user: member,
      pulledScope: undefined,
      pull: { received: 1200, remaining: 6800 },
    });
    expect(r).toEqual({ ready: false, app: true, data: 'pulling', pull: { received: 1200, total: 8000 } });
  });

  it('is not ready after a download cut off halfway, nor with data pulled for other villages', () => {
    for (const pulledScope of [undefined, scopeKey([OTHER_VILLAGE]), scopeKey([VILLAGE_ID, OTHER_VILLAGE])]) {
      const r = offlineReadiness({ appCached: true, user: member, pulledScope, pull: undefined });
      expect(r).toMatchObject({ ready: false, data: 'missing' });
    }
    const commune = { role: 'commune' as const, villageIds: [] };
    expect(
      offlineReadiness({ appCached: true, user: commune, pulledScope: 'all', pull: undefined }).ready,
    ).toBe(true);
  });

  it('logged out, there is nothing to download: the cached app is enough', () => {
    const r = offlineReadiness({ appCached: true, user: undefined, pulledScope: undefined, pull: undefined });
    expect(r).toMatchObject({ ready: true, data: 'none' });
  });
});

describe('the compact sync status says it', () => {
  it('shows the first download’s progress, then “Sẵn sàng dùng không cần mạng”, and the panel lists each part', async () => {
    signIn({ id: 'u' });
    usePwa.setState({ offlineReady: true });
    useSyncStatus.setState({ phase: 'pulling', pull: { received: 1200, remaining: 6800 } });
    render(<SyncBar />);
    const status = screen.getByTestId('sync-status');
    expect(await screen.findByText('Chưa sẵn sàng: đang tải dữ liệu thôn (1.200/8.000)…')).toBe(status);
    expect(screen.getByTestId('sync-bar')).toHaveAttribute('data-ready', 'false');

    await act(async () => {
      await getDb().meta.put({ key: PULLED_SCOPE_KEY, value: pulledHere });
      useSyncStatus.setState({ phase: 'idle', pull: undefined, lastSuccessAt: '2026-11-25T08:00:00.000Z' });
    });
    expect(await screen.findByText('Sẵn sàng dùng không cần mạng')).toBe(status);
    expect(screen.getByTestId('sync-bar')).toHaveAttribute('data-ready', 'true');

    await userEvent.setup().click(screen.getByRole('button', { expanded: false }));
    const parts = await screen.findByTestId('readiness-parts');
    expect(within(parts).getByText('Ứng dụng đã lưu trong máy')).toBeInTheDocument();
    expect(within(parts).getByText('Đã tải đủ dữ liệu các thôn của bạn')).toBeInTheDocument();
    // jsdom has no persistent storage: said, not hidden, and it does not block readiness.
    expect(
      await within(parts).findByText('Máy có thể tự xoá dữ liệu khi đầy bộ nhớ. Hãy đồng bộ thường xuyên.'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('last-sync')).toHaveTextContent(/^Đồng bộ lần cuối: \d\d:\d\d 25\/11$/);
    expect(screen.getByRole('button', { name: 'Đồng bộ ngay' })).toBeEnabled();
  });

  it('names the app as missing until a service worker serves the page', async () => {
    signIn({ id: 'u' });
    await getDb().meta.put({ key: PULLED_SCOPE_KEY, value: pulledHere });
    render(<SyncBar />);
    expect(await screen.findByText('Chưa sẵn sàng: đang lưu ứng dụng vào máy…')).toBe(
      screen.getByTestId('sync-status'),
    );
    await userEvent.setup().click(screen.getByRole('button', { expanded: false }));
    expect(
      await screen.findByText('Ứng dụng chưa lưu xong vào máy. Cần mạng, chờ một lát.'),
    ).toBeInTheDocument();
  });

  it('names the village data as missing after a download that did not finish', async () => {
    signIn({ id: 'u' });
    usePwa.setState({ offlineReady: true });
    render(<SyncBar />);
    expect(await screen.findByText('Chưa sẵn sàng: chưa tải xong dữ liệu thôn')).toBe(
      screen.getByTestId('sync-status'),
    );
  });
});

describe('the sync engine marks a pull that reached its end', () => {
  const page = (rows: unknown[], hasMore: boolean, cursor: number) =>
    new Response(
      JSON.stringify({
        rows,
        cursor,
        hasMore,
        remaining: hasMore ? 1 : 0,
        scope: pulledHere,
        serverTime: Date.now(),
      }),
      { status: 200, headers: { 'content-type': 'application/json' } },
    );

  it('writes the villages’ scope only once the last page is applied', async () => {
    signIn({ id: '0191f5a0-0000-7000-8000-0000000000aa' });
    let calls = 0;
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        calls++;
        if (calls === 1) return page([], true, 5);
        throw new TypeError('Failed to fetch');
      }),
    );
    const engine = new SyncEngine();
    await engine.syncNow();
    engine.stop();
    expect(useSyncStatus.getState().lastError?.code).toBe('network');
    expect(await getDb().meta.get(PULLED_SCOPE_KEY)).toBeUndefined();

    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => (url.startsWith('/api/sync/lost') ? lostAnswer() : page([], false, 6))),
    );
    const again = new SyncEngine();
    await again.syncNow();
    again.stop();
    expect((await getDb().meta.get(PULLED_SCOPE_KEY))?.value).toBe(pulledHere);
  });
});
