import { waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '../../src/app/db/database';
import { householdRepository } from '../../src/app/db/household-repository';
import { applyPulledPage, readCursor, startPull } from '../../src/app/sync/apply-pulled';
import { useSession } from '../../src/app/sync/session';
import { SyncEngine } from '../../src/app/sync/sync-engine';
import { useSyncStatus } from '../../src/app/sync/sync-status';
import {
  encodeClocks,
  PENDING_CHANGES_HEADER,
  type PullResponse,
  type WireRow,
} from '../../src/core/sync/protocol';
import { householdInput, lostAnswer, VILLAGE_ID } from './fixtures';

const REMOTE = '001764000000000:00000:bbbbbbbbbbbbbbbb';
const FUTURE = '009999999999999:00000:bbbbbbbbbbbbbbbb';

function wireHousehold(id: string, values: Record<string, unknown>, clock = REMOTE, seq = 1): WireRow {
  return {
    t: 'households',
    i: id,
    g: VILLAGE_ID,
    s: seq,
    d: values,
    ...encodeClocks(Object.fromEntries(Object.keys(values).map((k) => [k, clock]))),
  };
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

const SCOPE = 'v1-0000000000000000';
const emptyPull: PullResponse = {
  rows: [],
  cursor: 0,
  hasMore: false,
  remaining: 0,
  scope: SCOPE,
  serverTime: Date.now(),
};

beforeEach(() => {
  useSession.setState({
    session: {
      token: 't',
      expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
      user: { id: 'u', username: 'u', displayName: 'U', role: 'member', villageIds: [VILLAGE_ID] },
    },
    loaded: true,
  });
  useSyncStatus.setState({ phase: 'idle', lastError: undefined, lastSuccessAt: undefined, pull: undefined });
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('applying pulled pages', () => {
  it('stores rows and the cursor together, with search text and field clocks', async () => {
    await applyPulledPage(
      [
        wireHousehold('0191f5a0-0000-7000-8000-00000000aaaa', {
          label: 'Đặng Văn Lợi',
          membersCount: 3,
          poor: false,
          lane: null,
        }),
      ],
      42,
    );
    const row = await getDb().households.get('0191f5a0-0000-7000-8000-00000000aaaa');
    expect(row).toMatchObject({
      label: 'Đặng Văn Lợi',
      membersCount: 3,
      villageId: VILLAGE_ID,
      search: 'dang van loi',
    });
    expect(row).not.toHaveProperty('lane');
    expect(row?.clocks?.label).toBe(REMOTE);
    expect(await readCursor()).toBe(42);
  });

  it('keeps a local edit still waiting in the outbox when an older server value arrives', async () => {
    const h = await householdRepository.create(VILLAGE_ID, householdInput({ label: 'Tên mới trên máy' }));
    await applyPulledPage([wireHousehold(h.id, { label: 'Tên cũ', membersCount: 2 })], 5);
    const row = await getDb().households.get(h.id);
    expect(row?.label).toBe('Tên mới trên máy');
    expect(row?.membersCount).toBe(4);
  });

  it('takes a newer server value over an older local one', async () => {
    const h = await householdRepository.create(VILLAGE_ID, householdInput());
    await applyPulledPage([wireHousehold(h.id, { membersCount: 7 }, FUTURE)], 6);
    expect((await getDb().households.get(h.id))?.membersCount).toBe(7);
  });
});

describe('a first sync into an empty phone', () => {
  it('merges a row that comes again on a later page of the same pull', async () => {
    const context = await startPull();
    expect(context.fresh).toBe(true);
    const id = '0191f5a0-0000-7000-8000-0000000000d1';
    await applyPulledPage(
      [wireHousehold(id, { label: 'A', membersCount: 1, poor: false }, REMOTE, 1)],
      1,
      context,
    );
    await applyPulledPage([wireHousehold(id, { membersCount: 3 }, FUTURE, 9)], 9, context);
    expect(await getDb().households.get(id)).toMatchObject({ label: 'A', membersCount: 3 });
  });

  it('keeps an edit made on the phone while the first sync was still running', async () => {
    const context = await startPull();
    const id = '0191f5a0-0000-7000-8000-0000000000d2';
    await applyPulledPage(
      [
        wireHousehold(
          id,
          { label: 'A', membersCount: 1, poor: false, createdAt: '2026-11-25T08:00:00.000Z' },
          REMOTE,
          1,
        ),
      ],
      1,
      context,
    );
    await householdRepository.update(id, householdInput({ label: 'Sửa trên máy', membersCount: 1 }));
    await applyPulledPage(
      [wireHousehold(id, { label: 'Cũ hơn' }, REMOTE.replace(':00000:', ':00001:'), 2)],
      2,
      context,
    );
    expect((await getDb().households.get(id))?.label).toBe('Sửa trên máy');
  });
});

describe('sync engine', () => {
  it('tells the server its outbox count with every push and pull', async () => {
    await householdRepository.create(VILLAGE_ID, householdInput({ label: 'A' }));
    await householdRepository.create(VILLAGE_ID, householdInput({ label: 'B' }));
    const sent: Array<[string, string | undefined]> = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init?: RequestInit) => {
        const headers = init?.headers as Record<string, string>;
        sent.push([url.split('?')[0] ?? url, headers[PENDING_CHANGES_HEADER]]);
        if (url.startsWith('/api/sync/lost')) return lostAnswer();
        if (!url.startsWith('/api/sync/push')) return json(200, emptyPull);
        const { changes } = JSON.parse(String(init?.body)) as { changes: Array<{ changeId: string }> };
        return json(200, {
          results: changes.map((c) => ({ changeId: c.changeId, status: 'applied' })),
          serverTime: Date.now(),
        });
      }),
    );
    const engine = new SyncEngine();
    await engine.syncNow();
    engine.stop();
    // Two waiting when pushed; none left when pulling. Other requests do not carry it.
    expect(sent.filter(([url]) => url.startsWith('/api/sync/p'))).toEqual([
      ['/api/sync/push', '2'],
      ['/api/sync/pull', '0'],
    ]);
    expect(sent.filter(([url]) => url === '/api/sync/lost').map(([, n]) => n)).toEqual([undefined]);
  });

  it('sends nothing while held (an import’s summary keeps its undo), and syncs once released', async () => {
    await householdRepository.create(VILLAGE_ID, householdInput({ label: 'A' }));
    const pushes: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init?: RequestInit) => {
        if (url.startsWith('/api/sync/lost')) return lostAnswer();
        if (!url.startsWith('/api/sync/push')) return json(200, emptyPull);
        const { changes } = JSON.parse(String(init?.body)) as { changes: Array<{ changeId: string }> };
        pushes.push(...changes.map((c) => c.changeId));
        return json(200, {
          results: changes.map((c) => ({ changeId: c.changeId, status: 'applied' })),
          serverTime: Date.now(),
        });
      }),
    );
    const engine = new SyncEngine();
    const release = engine.hold();
    await engine.syncNow();
    expect(pushes).toEqual([]);
    expect(await getDb().outbox.count()).toBe(1);
    release();
    await engine.settled();
    await waitFor(() => expect(pushes).toHaveLength(1));
    await engine.settled();
    engine.stop();
    expect(await getDb().outbox.count()).toBe(0);
  });

  it('removes outbox entries only for the changes the server acknowledged', async () => {
    const a = await householdRepository.create(VILLAGE_ID, householdInput({ label: 'A' }));
    await householdRepository.create(VILLAGE_ID, householdInput({ label: 'B' }));
    const [first] = await getDb().outbox.orderBy('seq').toArray();
    const fetch = vi.fn(async (url: string) =>
      url.startsWith('/api/sync/push')
        ? json(200, { results: [{ changeId: first?.changeId, status: 'applied' }], serverTime: Date.now() })
        : json(200, emptyPull),
    );
    vi.stubGlobal('fetch', fetch);
    const pushedOnce = new SyncEngine();
    // The second push (for B) fails: the engine must stop with B still queued.
    fetch.mockImplementationOnce(async () =>
      json(200, { results: [{ changeId: first?.changeId, status: 'applied' }], serverTime: Date.now() }),
    );
    fetch.mockImplementationOnce(async () => {
      throw new TypeError('Failed to fetch');
    });
    await pushedOnce.syncNow();
    pushedOnce.stop();
    const left = await getDb().outbox.toArray();
    expect(left.map((e) => e.rowId)).not.toContain(a.id);
    expect(left).toHaveLength(1);
    expect(useSyncStatus.getState().lastError?.code).toBe('network');
  });

  it('sends nothing and deletes nothing when the network is down, and says so', async () => {
    await householdRepository.create(VILLAGE_ID, householdInput());
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    const engine = new SyncEngine();
    await engine.syncNow();
    engine.stop();
    expect(await getDb().outbox.count()).toBe(1);
    expect(useSyncStatus.getState().lastError?.code).toBe('network');
  });

  it('moves the changes a 400 names to the rejected list and sends the rest', async () => {
    await householdRepository.create(VILLAGE_ID, householdInput({ label: 'Tốt' }));
    await householdRepository.create(VILLAGE_ID, householdInput({ label: 'Xấu' }));
    const [good, bad] = await getDb().outbox.orderBy('seq').toArray();
    let pushes = 0;
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => {
        if (url.startsWith('/api/sync/lost')) return lostAnswer();
        if (!url.startsWith('/api/sync/push')) return json(200, emptyPull);
        pushes++;
        if (pushes === 1) {
          return json(400, {
            error: {
              code: 'invalid_changes',
              message: 'x',
              details: [{ changeId: bad?.changeId, code: 'invalid_value', message: 'bad label' }],
            },
          });
        }
        return json(200, {
          results: [{ changeId: good?.changeId, status: 'applied' }],
          serverTime: Date.now(),
        });
      }),
    );
    const engine = new SyncEngine();
    await engine.syncNow();
    engine.stop();
    expect(await getDb().outbox.count()).toBe(0);
    const rejected = await getDb().rejected.toArray();
    expect(rejected.map((r) => [r.change.changeId, r.code])).toEqual([[bad?.changeId, 'invalid_value']]);
    expect(useSyncStatus.getState().lastSuccessAt).toBeDefined();
    // The server never had the refused household: it leaves the list (the refused change keeps it).
    expect(await getDb().households.get(bad?.rowId ?? '')).toBeUndefined();
    expect(await getDb().households.get(good?.rowId ?? '')).toMatchObject({ label: 'Tốt' });
    expect(rejected[0]?.change.fields.label).toBe('Xấu');
  });

  it('a refused edit is undone on the phone from the server’s copy, even when that answer comes a sync later', async () => {
    const id = '0191f5a0-0000-7000-8000-00000000bbbb';
    const values = {
      label: 'Hộ Lò Văn Pằng',
      membersCount: 4,
      poor: false,
      createdAt: '2026-11-25T08:00:00.000Z',
    };
    await applyPulledPage([wireHousehold(id, values)], 1);
    await householdRepository.update(
      id,
      householdInput({ label: 'Tên bị từ chối', membersCount: 4, notes: 'ghi chú' }),
    );
    const [refused] = await getDb().outbox.toArray();
    const newer = '001764000000500:00000:cccccccccccccccc';
    let rowsCalls = 0;
    const pulls: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init?: RequestInit) => {
        if (url.startsWith('/api/sync/push'))
          return json(403, {
            error: {
              code: 'village_forbidden',
              message: 'x',
              details: [{ changeId: refused?.changeId, code: 'village_forbidden', message: 'not yours' }],
            },
          });
        if (url.startsWith('/api/sync/rows')) {
          rowsCalls++;
          if (rowsCalls === 1) throw new TypeError('Failed to fetch');
          expect(JSON.parse(String(init?.body))).toEqual({ rows: [{ t: 'households', i: id }] });
          return json(200, {
            rows: [wireHousehold(id, { ...values, label: 'Tên trên máy chủ' }, newer, 7)],
            serverTime: Date.now(),
          });
        }
        if (url.startsWith('/api/sync/lost')) return lostAnswer();
        pulls.push(url);
        return json(200, emptyPull);
      }),
    );
    const engine = new SyncEngine();
    await engine.syncNow();
    expect(useSyncStatus.getState().lastError?.code).toBe('network');
    // Not repaired yet, but not forgotten either.
    expect((await getDb().households.get(id))?.label).toBe('Tên bị từ chối');
    await engine.syncNow();
    engine.stop();
    const row = await getDb().households.get(id);
    expect(row).toMatchObject({ label: 'Tên trên máy chủ', membersCount: 4 });
    expect(row).not.toHaveProperty('notes');
    expect(row?.clocks?.label).toBe(newer);
    expect(row?.clocks).not.toHaveProperty('notes');
    const [kept] = await getDb().rejected.toArray();
    expect(kept?.change.fields).toMatchObject({ label: 'Tên bị từ chối', notes: 'ghi chú' });
    expect(await getDb().meta.get('refusedRows')).toEqual({ key: 'refusedRows', value: {} });
    // Refused as another village's: the phone's villages were stale, so the pull started over (a
    // village given back meanwhile would otherwise never come back below the old cursor).
    expect(pulls[0]).toMatch(/^\/api\/sync\/pull\?since=0&scope=/);
  });

  it('an expired token stops syncing and asks to log in again, leaving local data alone', async () => {
    await householdRepository.create(VILLAGE_ID, householdInput());
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => json(401, { error: { code: 'token_expired', message: 'expired' } })),
    );
    const engine = new SyncEngine();
    await engine.syncNow();
    engine.stop();
    expect(useSession.getState().session?.invalid).toBe(true);
    expect(await getDb().outbox.count()).toBe(1);
    expect(await getDb().households.count()).toBe(1);
    expect(useSyncStatus.getState().lastError?.code).toBe('token_expired');
  });

  it('pulls every page, saving the cursor after each, and reports success', async () => {
    const pages: PullResponse[] = [
      {
        rows: [
          wireHousehold(
            '0191f5a0-0000-7000-8000-0000000000c1',
            { label: 'Một', membersCount: 1, poor: false },
            REMOTE,
            1,
          ),
        ],
        cursor: 1,
        hasMore: true,
        remaining: 1,
        scope: SCOPE,
        serverTime: Date.now(),
      },
      {
        rows: [
          wireHousehold(
            '0191f5a0-0000-7000-8000-0000000000c2',
            { label: 'Hai', membersCount: 2, poor: false },
            REMOTE,
            2,
          ),
        ],
        cursor: 2,
        hasMore: false,
        remaining: 0,
        scope: SCOPE,
        serverTime: Date.now(),
      },
    ];
    const sinces: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => {
        if (url.startsWith('/api/sync/lost')) return lostAnswer();
        sinces.push(new URL(url, 'http://x').searchParams.get('since') ?? '');
        return json(200, pages[sinces.length - 1]);
      }),
    );
    const engine = new SyncEngine();
    await engine.syncNow();
    engine.stop();
    expect(sinces).toEqual(['0', '1']);
    expect(await readCursor()).toBe(2);
    expect(await getDb().households.count()).toBe(2);
    expect(useSyncStatus.getState().lastSuccessAt).toBeDefined();
  });
});
