/**
 * Each device's last sync and pending count (issue 16, item 4): recorded from pushes and pulls and
 * their `x-pending-changes` header, listed for officers with the phones that stopped syncing first.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceSyncStatus } from '../../src/core/device-sync';
import { PENDING_CHANGES_HEADER, PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../src/core/sync/protocol';
import { DAY_MS } from '../../src/server/auth/options.js';
import { hashToken } from '../../src/server/auth/tokens.js';
import { tokens } from '../../src/server/db/schema.js';
import { readPendingChanges } from '../../src/server/sync/device-status.js';
import {
  type AuthHarness,
  bearer,
  createUser,
  loginToken,
  PASSWORD,
  startAuthHarness,
} from './auth-harness.js';
import { backendsForFile } from './helpers.js';
import { DEVICE, householdChange, VILLAGE_A, VILLAGE_B } from './sync-fixtures.js';

describe('the x-pending-changes header', () => {
  it('is read as a whole number of changes, anything else ignored', () => {
    expect(readPendingChanges('0')).toBe(0);
    expect(readPendingChanges(' 42 ')).toBe(42);
    expect(readPendingChanges('10000000')).toBe(10_000_000);
    for (const bad of [
      undefined,
      '',
      '-1',
      '1.5',
      '1e3',
      '0x10',
      'abc',
      '12 34',
      '10000001',
      '99999999999',
    ]) {
      expect(readPendingChanges(bad), String(bad)).toBeUndefined();
    }
    expect(readPendingChanges(['3', '4'])).toBeUndefined();
  });
});

describe.each(backendsForFile('device-status.test.ts'))('device sync status on $kind', (backend) => {
  let h: AuthHarness;
  const token: Record<string, string> = {};

  const sync = (
    kind: 'push' | 'pull',
    who: string,
    pending: string | undefined,
    changes = [householdChange(VILLAGE_A)],
  ) =>
    h.app.inject({
      method: kind === 'push' ? 'POST' : 'GET',
      url: kind === 'push' ? '/api/sync/push' : '/api/sync/pull?since=0',
      headers: {
        ...bearer(token[who] as string),
        [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
        ...(pending === undefined ? {} : { [PENDING_CHANGES_HEADER]: pending }),
      },
      ...(kind === 'push' ? { payload: { deviceId: DEVICE, changes } } : {}),
    });

  async function tokenRow(who: string) {
    const [me] = await h.db.orm
      .select()
      .from(tokens)
      .where(eq(tokens.tokenHash, hashToken(token[who] ?? '')));
    if (!me) throw new Error(`no token row for ${who}`);
    return me;
  }

  const devices = (who: string) =>
    h.app.inject({ method: 'GET', url: '/api/admin/devices', headers: bearer(token[who] ?? '') });

  beforeAll(async () => {
    h = await startAuthHarness(backend, 'device_status');
    await createUser(h.db, {
      username: 'member-a',
      displayName: 'Hoàng Thị Lan',
      role: 'member',
      villageIds: [VILLAGE_A],
    });
    await createUser(h.db, { username: 'member-b', role: 'member', villageIds: [VILLAGE_B] });
    await createUser(h.db, { username: 'lead-a', role: 'lead', villageIds: [VILLAGE_A] });
    await createUser(h.db, { username: 'canbo', role: 'commune' });
    for (const who of ['member-a', 'member-b', 'lead-a', 'canbo']) token[who] = await loginToken(h.app, who);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('records the last sync and the pending count of a successful push and pull', async () => {
    const pushedAt = h.clock.now();
    expect((await sync('push', 'member-a', '7')).statusCode).toBe(200);
    expect(await tokenRow('member-a')).toMatchObject({ lastSyncAt: pushedAt, pendingChanges: 7 });

    h.clock.advance(60 * 60_000);
    expect((await sync('pull', 'member-a', '0')).statusCode).toBe(200);
    // The pull's own moment, and the last use with it: one write for both.
    expect(await tokenRow('member-a')).toMatchObject({
      lastSyncAt: h.clock.now(),
      lastUsedAt: h.clock.now(),
      pendingChanges: 0,
    });
  });

  it('ignores a bad header value: the sync succeeds and the count stays', async () => {
    expect((await sync('pull', 'member-b', '5')).statusCode).toBe(200);
    for (const bad of ['-3', 'nhiều', '1.5', '99999999999', '']) {
      h.clock.advance(1000);
      const res = await sync('pull', 'member-b', bad);
      expect(res.statusCode, bad).toBe(200);
      expect(await tokenRow('member-b')).toMatchObject({ lastSyncAt: h.clock.now(), pendingChanges: 5 });
    }
  });

  it('records the count of a refused push, but not as a sync; a request without a valid token records nothing', async () => {
    const before = await tokenRow('member-a');
    h.clock.advance(1000);
    const refused = await sync('push', 'member-a', '12', [householdChange(VILLAGE_B)]);
    expect(refused.statusCode).toBe(403);
    expect(await tokenRow('member-a')).toMatchObject({ lastSyncAt: before.lastSyncAt, pendingChanges: 12 });

    const stranger = await h.app.inject({
      method: 'GET',
      url: '/api/sync/pull?since=0',
      headers: {
        ...bearer('not-a-token'),
        [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
        [PENDING_CHANGES_HEADER]: '99',
      },
    });
    expect(stranger.statusCode).toBe(401);
    const { rows } = await h.db.query<{ n: number }>(
      'select count(*)::int as n from tokens where pending_changes = 99',
    );
    expect(rows[0]?.n).toBe(0);
  });

  it('lists devices for officers, flagging and sorting first those silent for more than 3 days', async () => {
    // member-a last synced an hour after the logins, member-b two hours after; lead-a and canbo never.
    h.clock.advance(60 * 60_000);
    expect((await sync('pull', 'member-b', '2')).statusCode).toBe(200);
    h.clock.advance(2 * DAY_MS);
    const res = await devices('canbo');
    expect(res.statusCode).toBe(200);
    let list: DeviceSyncStatus[] = res.json().devices;
    expect(res.json()).toMatchObject({ staleAfterDays: 3, serverTime: h.clock.now().toISOString() });
    expect(list.map((d) => [d.username, d.stale])).toEqual([
      ['member-b', false],
      ['member-a', false],
      ['canbo', false],
      ['lead-a', false],
    ]);
    expect(list.find((d) => d.username === 'member-a')).toMatchObject({
      displayName: 'Hoàng Thị Lan',
      deviceName: 'Điện thoại thử',
      status: 'active',
      pendingChanges: 12,
    });
    expect(list.find((d) => d.username === 'canbo')).toMatchObject({
      lastSyncAt: null,
      pendingChanges: null,
    });

    // Less than a day later member-a is past 3 days without a sync, member-b not yet; lead-a never
    // synced and logged in before member-a's last sync: the longest silent, first.
    h.clock.advance(DAY_MS - 30 * 60_000);
    expect((await sync('pull', 'canbo', '0')).statusCode).toBe(200);
    list = (await devices('canbo')).json().devices;
    expect(list.map((d) => [d.username, d.stale])).toEqual([
      ['lead-a', true],
      ['member-a', true],
      ['canbo', false],
      ['member-b', false],
    ]);
  });

  it('shows a lead only the phones of its own members, and refuses members', async () => {
    const lead = await devices('lead-a');
    expect(lead.statusCode).toBe(200);
    expect(lead.json().devices.map((d: DeviceSyncStatus) => d.username)).toEqual(['member-a']);
    const member = await devices('member-a');
    expect(member.statusCode).toBe(403);
    expect(member.json()).toMatchObject({ error: { code: 'forbidden' } });
  });

  it('lists one entry per phone: a new login replaces the old one, and a logout removes it', async () => {
    const login = (deviceKey?: string) =>
      h.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'member-b', password: PASSWORD, deviceName: 'Máy của Sơn', deviceKey },
      });
    const first = await login();
    const { deviceKey } = first.json();
    h.clock.advance(1000);
    const again = await login(deviceKey);
    expect(again.statusCode).toBe(200);
    const listed = async () =>
      ((await devices('canbo')).json().devices as DeviceSyncStatus[])
        .filter((d) => d.username === 'member-b')
        .map((d) => d.deviceName);
    // This phone once (never synced, it counts from its login: the most recent), and the test's first.
    expect(await listed()).toEqual(['Máy của Sơn', 'Điện thoại thử']);
    await h.app.inject({ method: 'POST', url: '/api/auth/logout', headers: bearer(again.json().token) });
    expect(await listed()).toEqual(['Điện thoại thử']);
  });
});
