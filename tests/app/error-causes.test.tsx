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
import { ApiFailure } from '../../src/app/sync/api-client';
import { SyncEngine } from '../../src/app/sync/sync-engine';
import { useSyncStatus } from '../../src/app/sync/sync-status';
import { saveFailedMessage } from '../../src/app/ui/use-save-form';
import { encodeClocks, type PullResponse } from '../../src/core/sync/protocol';
import { signIn, VILLAGE_ID } from './fixtures';
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
