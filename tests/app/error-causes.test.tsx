/**
 * The error tells the real cause (issue 13, kind 10): the phone's storage full or not opening, the
 * network, the server and the app's own faults are told apart, in Vietnamese, with what to do.
 */
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '../../src/app/db/database';
import { errorCause } from '../../src/app/db/storage-errors';
import { translate } from '../../src/app/i18n/i18n';
import { ApiFailure, setRequestTimeout } from '../../src/app/sync/api-client';
import { SyncEngine } from '../../src/app/sync/sync-engine';
import { useSyncStatus } from '../../src/app/sync/sync-status';
import { saveFailedMessage } from '../../src/app/ui/use-save-form';
import { encodeClocks, type PullResponse } from '../../src/core/sync/protocol';
import { lostAnswer, signIn, VILLAGE_ID } from './fixtures';
import { renderAt } from './render-route';

const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
  translate('vi', key, params);
const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('what went wrong, told apart', () => {
  it.each([
    ['a full disk', quota(), 'storage_full'],
    ['a full disk inside an aborted transaction', new Dexie.AbortError('aborted', quota()), 'storage_full'],
    ['a database that will not open', new Dexie.DatabaseClosedError('closed'), 'storage_unavailable'],
    ['another tab holding an older version', new Dexie.VersionError('version'), 'storage_unavailable'],
    ['no answer from the server', new ApiFailure(0, 'network', 'offline'), 'network'],
    ['an answer that never came', new ApiFailure(0, 'timeout', 'x'), 'network'],
    ['a Wi-Fi login page', new ApiFailure(0, 'not_our_server', 'x'), 'network'],
    ['the server failing', new ApiFailure(500, 'internal_error', 'x'), 'server'],
    ['a bug', new TypeError('x is undefined'), 'app'],
  ])('%s', (_name, error, cause) => {
    expect(errorCause(error)).toBe(cause);
  });

  it('a save refused for lack of space says so, what to do, and that the typing is still there', () => {
    const message = saveFailedMessage(t, quota());
    expect(message).toContain('bộ nhớ điện thoại đã đầy');
    expect(message).toContain('vẫn còn trên màn hình');
    expect(message).not.toContain('QuotaExceededError');
  });
});

describe('storage full during a first sync', () => {
  it('the sync bar blames the phone’s storage, not the server, and the cursor stays where it was', async () => {
    signIn({ id: '0191f5a0-0000-7000-8000-0000000000aa' });
    const page: PullResponse = {
      rows: [
        {
          t: 'households',
          i: '0191f5a0-0000-7000-8000-0000000000c1',
          g: VILLAGE_ID,
          s: 1,
          d: { label: 'Một', membersCount: 1, poor: false },
          ...encodeClocks({
            label: '001764000000000:00000:bbbbbbbbbbbbbbbb',
            membersCount: '001764000000000:00000:bbbbbbbbbbbbbbbb',
            poor: '001764000000000:00000:bbbbbbbbbbbbbbbb',
          }),
        },
      ],
      cursor: 1,
      hasMore: false,
      remaining: 0,
      scope: 'v1-0000000000000000',
      serverTime: Date.now(),
    };
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () => new Response(JSON.stringify(page), { headers: { 'content-type': 'application/json' } }),
      ),
    );
    // Pulled pages write through db.table(name), which is not the same object as db.households.
    vi.spyOn(getDb().table('households'), 'bulkPut').mockRejectedValue(quota());
    const engine = new SyncEngine();
    await engine.syncNow();
    engine.stop();
    expect(useSyncStatus.getState().lastError?.code).toBe('storage_full');
    expect(await getDb().meta.get('pullCursor')).toBeUndefined();

    renderAt('/');
    expect(await screen.findByTestId('sync-status')).toHaveTextContent('Bộ nhớ điện thoại đã đầy');
    expect(screen.getByTestId('sync-status')).not.toHaveTextContent('Máy chủ');
  });
});

describe('the network and the server, told apart in the sync bar', () => {
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

  async function syncWith(fetchImpl: (url: string, init?: RequestInit) => Promise<Response>) {
    signIn({ id: '0191f5a0-0000-7000-8000-0000000000aa' });
    vi.stubGlobal('fetch', vi.fn(fetchImpl));
    const engine = new SyncEngine();
    await engine.syncNow();
    engine.stop();
    renderAt('/');
    return screen.findByTestId('sync-status');
  }

  it('a request that never answers ends, is named, and the next “Đồng bộ ngay” goes out', async () => {
    setRequestTimeout(50);
    try {
      let calls = 0;
      const status = await syncWith(
        (url, init) =>
          new Promise<Response>((resolve, reject) => {
            if (url.startsWith('/api/sync/lost')) return resolve(lostAnswer());
            calls++;
            if (calls > 1)
              resolve(
                json(200, {
                  rows: [],
                  cursor: 0,
                  hasMore: false,
                  remaining: 0,
                  scope: 'v1-0000000000000000',
                  serverTime: Date.now(),
                }),
              );
            init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
          }),
      );
      expect(useSyncStatus.getState().lastError?.code).toBe('timeout');
      expect(status).toHaveTextContent('Máy chủ không trả lời kịp');
      const engine = new SyncEngine();
      await engine.syncNow();
      engine.stop();
      expect(calls).toBe(2);
      expect(useSyncStatus.getState().lastError).toBeUndefined();
    } finally {
      setRequestTimeout(60_000);
    }
  });

  it('a Wi-Fi login page answering 200 with HTML blames the network, not the server', async () => {
    const status = await syncWith(
      async () =>
        new Response('<html>Đăng nhập Wi-Fi</html>', {
          status: 200,
          headers: { 'content-type': 'text/html' },
        }),
    );
    expect(useSyncStatus.getState().lastError?.code).toBe('not_our_server');
    expect(status).toHaveTextContent('chưa vào được máy chủ Ngõ Số');
    expect(status).not.toHaveTextContent('Máy chủ gặp lỗi');
  });

  it('any server failure (a database down, a proxy’s 502 page) reads as the server’s, in Vietnamese', async () => {
    for (const response of [
      () => json(503, { error: { code: 'db_unavailable', message: 'The database is not answering.' } }),
      () => new Response('<html>502 Bad Gateway</html>', { status: 502 }),
    ]) {
      const status = await syncWith(async () => response());
      expect(useSyncStatus.getState().lastError?.code).toBe('server_error');
      expect(status).toHaveTextContent('Máy chủ gặp lỗi, sẽ thử lại sau.');
      expect(status).not.toHaveTextContent('db_unavailable');
      document.body.innerHTML = '';
    }
  });

  it('a disabled account says so, not “log in again”', async () => {
    const status = await syncWith(async () =>
      json(403, { error: { code: 'account_disabled', message: 'Account disabled' } }),
    );
    await waitFor(() => expect(status).toHaveTextContent('Tài khoản đã bị khóa. Liên hệ cán bộ xã.'));
    expect(status).not.toHaveTextContent('đăng nhập lại');
  });
});

describe('storage full while saving a form', () => {
  it('says so under the form, keeps the typing on the screen, and writes nothing', async () => {
    const user = userEvent.setup();
    renderAt(`/v/${VILLAGE_ID}/h/new`);
    await user.type(await screen.findByLabelText('Tên chủ hộ'), 'Hoàng Văn Thái');
    await user.type(screen.getByLabelText('Số nhân khẩu'), '4');
    vi.spyOn(getDb().outbox, 'add').mockRejectedValue(quota());
    await user.click(screen.getByRole('button', { name: 'Lưu' }));
    expect(await screen.findByText(/bộ nhớ điện thoại đã đầy/)).toBeInTheDocument();
    expect(screen.getByLabelText('Tên chủ hộ')).toHaveValue('Hoàng Văn Thái');
    expect(await getDb().households.count()).toBe(0);
  });

  it('a write nobody was waiting for (an unhandled failure) still shows the storage message until closed', async () => {
    renderAt('/');
    await screen.findByRole('heading', { name: 'Chọn thôn' });
    const event = new Event('unhandledrejection') as PromiseRejectionEvent;
    Object.defineProperty(event, 'reason', { value: new Dexie.AbortError('aborted', quota()) });
    window.dispatchEvent(event);
    const alert = await screen.findByTestId('storage-alert');
    expect(alert).toHaveTextContent('bộ nhớ điện thoại đã đầy');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Đóng' }));
    await waitFor(() => expect(screen.queryByTestId('storage-alert')).not.toBeInTheDocument());
  });
});
