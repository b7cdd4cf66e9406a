/**
 * Lost and shared phones (issue 14, kind 9): a revoked device or a disabled account erases the
 * phone's register on its next contact, keeping only the work the server does not have yet; logging
 * out erases everything personal, but only after naming the unsent changes and a second yes to
 * discard them.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getDeviceId } from '../../src/app/db/clock';
import { getDb } from '../../src/app/db/database';
import { householdRepository } from '../../src/app/db/household-repository';
import { useAppLock } from '../../src/app/features/app-lock/lock-store';
import { LOCK_KEY, setPin } from '../../src/app/features/app-lock/pin';
import { adoptAccount } from '../../src/app/sync/account';
import { readPullState } from '../../src/app/sync/apply-pulled';
import { readWipeNotice } from '../../src/app/sync/local-wipe';
import { type Session, useSession } from '../../src/app/sync/session';
import { SyncEngine } from '../../src/app/sync/sync-engine';
import { householdInput, lostAnswer, putVillage, sessionFor, VILLAGE_ID } from './fixtures';
import { renderAt } from './render-route';

const DEMO = '0191f5a0-0000-7000-8000-0000000000d3';
const USER = {
  id: '0191f5a0-0000-7000-8000-00000000000a',
  username: 'to.vien.a',
  displayName: 'Lường Thị Hà',
};
const SYNCED = '0191f5a0-0000-7000-8000-00000000c0de';

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

const emptyPull = { rows: [], cursor: 0, hasMore: false, remaining: 0, scope: 'x', serverTime: Date.now() };

/**
 * A member's phone after a day's work: village X and a demo village, a household pulled from the
 * server, one typed offline (queued), a draft with its sessionStorage mirror, a refused change, a
 * pull cursor, a PIN and the device's clock.
 */
async function phoneAfterADay(): Promise<Session> {
  const session = sessionFor({ ...USER, villageIds: [VILLAGE_ID] });
  await adoptAccount(session);
  await useSession.getState().save(session);
  await putVillage(VILLAGE_ID, 'Thôn Nà Mò');
  await putVillage(DEMO, 'Thôn mẫu', { demo: true });
  await getDb().households.put({
    ...householdInput({ label: 'Nhà bà Lự (đã đồng bộ)' }),
    id: SYNCED,
    villageId: VILLAGE_ID,
    createdAt: '2026-11-20T08:00:00.000Z',
    updatedAt: '2026-11-20T08:00:00.000Z',
    search: 'nha ba lu',
  });
  await householdRepository.create(VILLAGE_ID, householdInput({ label: 'Nhà ông Tâm (chưa gửi)' }));
  await householdRepository.create(DEMO, householdInput({ label: 'Hộ mẫu' }));
  await getDb().drafts.put({
    key: `household:new:${VILLAGE_ID}`,
    userId: USER.id,
    values: { label: 'Nhà đang gõ dở' },
    savedAt: '2026-11-25T08:00:00.000Z',
  });
  sessionStorage.setItem(`ngo-so:draft:household:new:${VILLAGE_ID}`, '{"label":"Nhà đang gõ dở"}');
  await getDb().rejected.add({
    change: {
      changeId: '0191f5a0-0000-7000-8000-0000000000e1',
      table: 'households',
      rowId: SYNCED,
      villageId: VILLAGE_ID,
      fields: { notes: 'bị từ chối' },
      hlc: '001764000000000:00000:aaaaaaaaaaaaaaaa',
    },
    userId: USER.id,
    code: 'invalid_changes',
    message: 'x',
    rejectedAt: '2026-11-25T08:00:00.000Z',
  });
  await getDb().meta.put({ key: 'pullCursor', value: 42 });
  await getDb().meta.put({ key: 'pullScope', value: 'v1-aaaaaaaaaaaaaaaa' });
  await setPin(USER.id, '2580');
  await getDeviceId();
  return session;
}

async function labels(): Promise<string[]> {
  return (await getDb().households.toArray()).map((h) => h.label).sort();
}

beforeEach(() => useAppLock.getState().forget());
afterEach(() => vi.unstubAllGlobals());

describe('a revoked device or a disabled account (next contact)', () => {
  it.each(['device_revoked', 'account_disabled'] as const)(
    '%s erases the register and the PIN, keeps unsent work, and a new login sends it',
    async (code) => {
      const session = await phoneAfterADay();
      const deviceId = await getDeviceId();
      vi.stubGlobal(
        'fetch',
        vi.fn(async () => json(401, { error: { code, message: 'refused' } })),
      );
      const engine = new SyncEngine();
      await engine.syncNow();

      expect(await labels()).toEqual(['Hộ mẫu']);
      expect((await getDb().villages.toArray()).map((v) => v.id)).toEqual([DEMO]);
      // Kept: what the server does not have — the queued household (and the demo's, which never syncs),
      // the refused change and the draft.
      const queued = await getDb().outbox.toArray();
      expect(queued.map((e) => e.fields.label).sort()).toEqual(['Hộ mẫu', 'Nhà ông Tâm (chưa gửi)']);
      expect(await getDb().rejected.count()).toBe(1);
      expect(await getDb().drafts.count()).toBe(1);
      expect(sessionStorage.getItem(`ngo-so:draft:household:new:${VILLAGE_ID}`)).not.toBeNull();
      // Gone: the session (in memory and stored), the PIN, the cursor.
      expect(useSession.getState().session).toBeUndefined();
      expect(await getDb().meta.get('session')).toBeUndefined();
      expect(await getDb().meta.get(LOCK_KEY)).toBeUndefined();
      expect(await readPullState()).toEqual({ cursor: 0, scope: undefined });
      expect(await getDeviceId()).toBe(deviceId);
      expect(await readWipeNotice()).toMatchObject({ reason: code, pending: 1 });

      // The same account logs in again: its queued household goes first, then the register comes back
      // from the start.
      const calls: string[] = [];
      vi.stubGlobal(
        'fetch',
        vi.fn(async (url: string, init?: RequestInit) => {
          calls.push(url);
          if (url.includes('/api/sync/push')) {
            const body = JSON.parse(String(init?.body)) as { changes: Array<{ changeId: string }> };
            return json(200, {
              results: body.changes.map((c) => ({ changeId: c.changeId, status: 'applied', seq: 1 })),
              serverTime: Date.now(),
            });
          }
          if (url.includes('/api/sync/lost')) return lostAnswer();
          return json(200, emptyPull);
        }),
      );
      await adoptAccount({ ...session, token: 'new-token' });
      await useSession.getState().save({ ...session, token: 'new-token' });
      await engine.syncNow();
      engine.stop();
      expect(calls[0]).toBe('/api/sync/push');
      expect(calls.find((c) => c.startsWith('/api/sync/pull'))).toMatch(/since=0/);
      expect((await getDb().outbox.toArray()).map((e) => e.villageId)).toEqual([DEMO]);
    },
  );

  it.each(['token_expired', 'token_invalid'])(
    '%s only asks to log in again: nothing is erased',
    async (code) => {
      await phoneAfterADay();
      vi.stubGlobal(
        'fetch',
        vi.fn(async () => json(401, { error: { code, message: 'refused' } })),
      );
      const engine = new SyncEngine();
      await engine.syncNow();
      engine.stop();
      expect(await labels()).toEqual(['Hộ mẫu', 'Nhà bà Lự (đã đồng bộ)', 'Nhà ông Tâm (chưa gửi)']);
      expect(useSession.getState().session?.invalid).toBe(true);
      expect(await getDb().meta.get(LOCK_KEY)).toBeDefined();
      expect(await readWipeNotice()).toBeUndefined();
    },
  );

  it('says what happened and how many changes were kept, until the next login', async () => {
    await phoneAfterADay();
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => json(401, { error: { code: 'device_revoked', message: 'refused' } })),
    );
    const engine = new SyncEngine();
    await engine.syncNow();
    engine.stop();
    renderAt('/');
    const notice = await screen.findByTestId('wipe-notice');
    expect(notice).toHaveTextContent('Máy này đã bị đăng xuất từ xa');
    expect(notice).toHaveTextContent('1 thay đổi chưa gửi vẫn được giữ trên máy');
    expect(screen.queryByText('Thôn Nà Mò')).not.toBeInTheDocument();
  });
});

describe('logging out of a shared phone', () => {
  /** Settings of a phone after a day's work; fetch answers logout, pushes and pulls. */
  async function openLogout() {
    await phoneAfterADay();
    const calls: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init?: RequestInit) => {
        calls.push(`${init?.method ?? 'GET'} ${url}`);
        if (url.includes('/api/auth/logout')) return new Response(null, { status: 204 });
        if (url.includes('/api/sync/push')) {
          const body = JSON.parse(String(init?.body)) as { changes: Array<{ changeId: string }> };
          return json(200, {
            results: body.changes.map((c) => ({ changeId: c.changeId, status: 'applied', seq: 1 })),
            serverTime: Date.now(),
          });
        }
        if (url.includes('/api/sync/lost')) return lostAnswer();
        return json(200, emptyPull);
      }),
    );
    vi.stubGlobal('__APP_VERSION__', 'test');
    const user = userEvent.setup();
    renderAt('/settings');
    await user.click(await screen.findByRole('button', { name: 'Đăng xuất' }));
    const dialog = await screen.findByRole('dialog', { name: 'Đăng xuất và xoá dữ liệu khỏi máy này?' });
    return { user, dialog, calls };
  }

  /** Everything personal is gone; the demo village and the device's clock stay. */
  async function expectErased() {
    await waitFor(async () => expect(await getDb().meta.get('owner')).toBeUndefined());
    expect(await labels()).toEqual(['Hộ mẫu']);
    expect((await getDb().outbox.toArray()).map((e) => e.villageId)).toEqual([DEMO]);
    expect(await getDb().rejected.count()).toBe(0);
    expect(await getDb().drafts.count()).toBe(0);
    const metaKeys = (await getDb().meta.toCollection().primaryKeys()).map(String);
    expect(metaKeys).toContain('deviceId');
    for (const key of ['session', 'owner', 'accounts', 'pullCursor', 'pullScope', LOCK_KEY, 'lastSyncAt'])
      expect(metaKeys).not.toContain(key);
    expect(Object.keys(sessionStorage).filter((k) => k.startsWith('ngo-so:'))).toEqual([]);
    expect(useSession.getState().session).toBeUndefined();
  }

  it('names the unsent change and erases it only after a second yes naming it', async () => {
    const { user, dialog, calls } = await openLogout();
    expect(dialog).toHaveTextContent('Còn 1 thay đổi chưa gửi lên máy chủ.');
    await user.click(within(dialog).getByRole('button', { name: 'Bỏ 1 thay đổi và đăng xuất' }));
    const second = await screen.findByRole('dialog', { name: 'Bỏ 1 thay đổi chưa gửi?' });
    // Nothing is erased before the second yes.
    expect(await getDb().outbox.count()).toBe(2);
    await user.click(within(second).getByRole('button', { name: 'Xoá 1 thay đổi và đăng xuất' }));
    await expectErased();
    expect(calls).toContain('POST /api/auth/logout');
  });

  it('syncs first when asked, then logs out with nothing to discard', async () => {
    const { user, dialog, calls } = await openLogout();
    await user.click(within(dialog).getByRole('button', { name: 'Đồng bộ trước' }));
    await waitFor(() => expect(dialog).toHaveTextContent('Mọi thay đổi đã được gửi lên máy chủ.'));
    expect(calls).toContain('POST /api/sync/push');
    await user.click(within(dialog).getByRole('button', { name: 'Đăng xuất' }));
    await expectErased();
  });

  it('cancelling erases nothing', async () => {
    const { user, dialog } = await openLogout();
    await user.click(within(dialog).getByRole('button', { name: 'Hủy' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(await labels()).toEqual(['Hộ mẫu', 'Nhà bà Lự (đã đồng bộ)', 'Nhà ông Tâm (chưa gửi)']);
    expect(useSession.getState().session?.user.id).toBe(USER.id);
  });
});
