/**
 * Phone data belongs to an account, and a pull cursor to the scope it was pulled under (issue 13,
 * kinds 2 and 3): another account on a shared phone never sends someone else's work as its own nor
 * sees villages it may not see; a village granted or taken away reaches the phone whole.
 */
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '../../src/app/db/database';
import { householdRepository } from '../../src/app/db/household-repository';
import { visitRepository } from '../../src/app/db/visit-repository';
import { adoptAccount, readOwner } from '../../src/app/sync/account';
import { readPullState } from '../../src/app/sync/apply-pulled';
import { useSession } from '../../src/app/sync/session';
import { pushableEntries, SyncEngine } from '../../src/app/sync/sync-engine';
import { useSyncStatus } from '../../src/app/sync/sync-status';
import { encodeClocks, type PullResponse, type WireRow } from '../../src/core/sync/protocol';
import { scopeKey } from '../../src/core/sync/scope';
import { householdInput, lostAnswer, putVillage, sessionFor, signIn, VILLAGE_ID } from './fixtures';
import { renderAt } from './render-route';

const VILLAGE_Y = '0191f5a0-0000-7000-8000-0000000000b2';
const DEMO = '0191f5a0-0000-7000-8000-0000000000d3';
const A = { id: '0191f5a0-0000-7000-8000-00000000000a', username: 'to.vien.a', displayName: 'Lường Thị Hà' };
const B = { id: '0191f5a0-0000-7000-8000-00000000000b', username: 'to.vien.b', displayName: 'Nông Văn Bảo' };

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

afterEach(() => vi.unstubAllGlobals());

/** Member A of village X logs a visit on this phone; A's session then ends. */
async function aWorkedOffline() {
  const a = signIn({ ...A, villageIds: [VILLAGE_ID] });
  await adoptAccount(a);
  await putVillage(VILLAGE_ID, 'Thôn X');
  await putVillage(VILLAGE_Y, 'Thôn Y');
  await putVillage(DEMO, 'Thôn mẫu', { demo: true });
  const household = await householdRepository.create(VILLAGE_ID, householdInput({ label: 'Nhà ông Tâm' }));
  await visitRepository.create(VILLAGE_ID, {
    householdId: household.id,
    visitedAt: new Date().toISOString(),
    members: [A.displayName],
    outcome: 'nobody_home',
    residentIds: [],
    topics: [],
  });
  await getDb().meta.put({ key: 'pullCursor', value: 15 });
  await getDb().meta.put({ key: 'pullScope', value: 'v1-aaaaaaaaaaaaaaaa' });
  useSession.setState({ session: { ...a, invalid: true } });
  return household;
}

/** The login page, answering the login as `session` would. */
async function logInThroughPage(session: ReturnType<typeof sessionFor>) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) =>
      url.includes('/api/auth/login')
        ? json(200, { token: session.token, expiresAt: session.expiresAt, user: session.user })
        : url.includes('/api/sync/pull')
          ? json(200, {
              rows: [],
              cursor: 0,
              hasMore: false,
              remaining: 0,
              scope: 'x',
              serverTime: Date.now(),
            })
          : json(200, { needed: false, results: [], serverTime: Date.now() }),
    ),
  );
  const user = userEvent.setup();
  renderAt('/login');
  await user.type(await screen.findByLabelText('Tên đăng nhập'), session.user.username);
  await user.type(screen.getByLabelText('Mật khẩu'), 'mật-khẩu-đủ-dài');
  await user.click(screen.getByRole('button', { name: 'Đăng nhập' }));
  return user;
}

describe('another account on a shared phone (issue 13, kind 3)', () => {
  it('asks first, keeps A’s queued visit for A, never pushes it as B, and B cannot open village X', async () => {
    const household = await aWorkedOffline();
    const b = sessionFor({ ...B, villageIds: [VILLAGE_Y] });
    const user = await logInThroughPage(b);

    const dialog = await screen.findByRole('dialog', { name: 'Đăng nhập bằng tài khoản khác trên máy này?' });
    expect(dialog).toHaveTextContent('Lường Thị Hà (to.vien.a)');
    expect(dialog).toHaveTextContent('còn 2 thay đổi chưa gửi');
    // B may not write village X, so there is nothing B could take over.
    expect(screen.queryByRole('button', { name: /bằng tài khoản của tôi/ })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Đăng nhập, giữ lại thay đổi của người kia' }));

    await waitFor(() => expect(useSession.getState().session?.user.id).toBe(B.id));
    expect((await readOwner())?.id).toBe(B.id);
    // A's work is still queued, still A's, and not pushable by B.
    const outbox = await getDb().outbox.toArray();
    expect(outbox).toHaveLength(2);
    expect(outbox.every((e) => e.userId === A.id)).toBe(true);
    expect(await pushableEntries(500, B.id)).toEqual([]);
    // Village X's rows are gone from the phone (the server keeps them); Y and the demo stay.
    expect(await getDb().households.get(household.id)).toBeUndefined();
    expect((await getDb().villages.toArray()).map((v) => v.id).sort()).toEqual([VILLAGE_Y, DEMO].sort());
    expect((await readPullState()).cursor).toBe(0);
    expect(await screen.findByTestId('others-pending')).toHaveTextContent(
      '2 thay đổi của Lường Thị Hà chờ người đó đăng nhập để gửi.',
    );

    // A logs in again later: A's changes are A's to send.
    await adoptAccount(sessionFor({ ...A, villageIds: [VILLAGE_ID] }));
    expect((await pushableEntries(500, A.id)).map((e) => e.table)).toEqual(['households', 'visits']);
  });

  it('cancelling leaves the phone exactly as it was and revokes the new session', async () => {
    await aWorkedOffline();
    const before = await getDb().households.count();
    const user = await logInThroughPage(sessionFor({ ...B, villageIds: [VILLAGE_Y] }));
    await screen.findByRole('dialog');
    await user.click(screen.getByRole('button', { name: 'Hủy' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(useSession.getState().session?.user.id).toBe(A.id);
    expect((await readOwner())?.id).toBe(A.id);
    expect(await getDb().households.count()).toBe(before);
    const calls = (fetch as unknown as ReturnType<typeof vi.fn>).mock.calls.map((c) => String(c[0]));
    expect(calls).toContain('/api/auth/logout');
  });

  it('a teammate of the same village may take A’s changes over on purpose', async () => {
    await aWorkedOffline();
    const user = await logInThroughPage(sessionFor({ ...B, villageIds: [VILLAGE_ID] }));
    await user.click(
      await screen.findByRole('button', { name: 'Đăng nhập và gửi 2 thay đổi đó bằng tài khoản của tôi' }),
    );
    await waitFor(() => expect(useSession.getState().session?.user.id).toBe(B.id));
    expect((await pushableEntries(500, B.id)).length).toBe(2);
  });

  it('logged out, the phone keeps its data but shows only demo villages; a link to a village of another account says so', async () => {
    await aWorkedOffline();
    useSession.setState({ session: undefined });
    renderAt('/');
    expect(await screen.findByText('Thôn mẫu')).toBeInTheDocument();
    expect(screen.queryByText('Thôn X')).not.toBeInTheDocument();
    expect(screen.getByText(/Đăng nhập để xem dữ liệu các thôn của bạn/)).toBeInTheDocument();
    expect(await getDb().villages.count()).toBe(3);

    signIn({ ...B, villageIds: [VILLAGE_Y] });
    renderAt(`/v/${VILLAGE_ID}`);
    expect(
      await screen.findByText('Thôn này không thuộc tài khoản đang đăng nhập trên máy.'),
    ).toBeInTheDocument();
  });

  it('a link to a village no longer on the phone (dropped at another account’s login) says why, in any case of id', async () => {
    signIn({ ...B, villageIds: [VILLAGE_Y] });
    const gone = '0191f5a0-0000-7000-8000-0000000000dd';
    renderAt(`/v/${gone}/h/0191f5a0-0000-7000-8000-0000000000d1`);
    expect(
      await screen.findByText(/Thôn này không có trên máy, hoặc không thuộc tài khoản/),
    ).toBeInTheDocument();
    expect(screen.queryByText('Không tìm thấy trang này.')).not.toBeInTheDocument();
  });
});

describe('a pull cursor belongs to its scope (issue 13, kind 2)', () => {
  const wire = (id: string, villageId: string, seq: number): WireRow => ({
    t: 'households',
    i: id,
    g: villageId,
    s: seq,
    d: { label: `Hộ ${seq}`, membersCount: 2, poor: false, createdAt: '2026-11-25T08:00:00.000Z' },
    ...encodeClocks({
      label: '001764000000000:00000:bbbbbbbbbbbbbbbb',
      membersCount: '001764000000000:00000:bbbbbbbbbbbbbbbb',
      poor: '001764000000000:00000:bbbbbbbbbbbbbbbb',
      createdAt: '001764000000000:00000:bbbbbbbbbbbbbbbb',
    }),
  });

  it('a village taken away and another granted: drops the old one, learns the new scope, and pulls from the start', async () => {
    const a = signIn({ ...A, villageIds: [VILLAGE_ID] });
    await adoptAccount(a);
    await putVillage(VILLAGE_ID, 'Thôn X');
    const kept = await householdRepository.create(VILLAGE_ID, householdInput());
    await getDb().outbox.clear();
    await getDb().meta.bulkPut([
      { key: 'pullCursor', value: 15 },
      { key: 'pullScope', value: 'v1-aaaaaaaaaaaaaaaa' },
    ]);
    const granted = '0191f5a0-0000-7000-8000-0000000000e1';
    const urls: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => {
        if (url.startsWith('/api/sync/lost')) return lostAnswer();
        urls.push(url);
        if (url.includes('since=15'))
          return json(409, {
            error: {
              code: 'scope_changed',
              message: 'x',
              scope: 'v1-bbbbbbbbbbbbbbbb',
              villageIds: [VILLAGE_Y],
              role: 'member',
            },
          });
        const page: PullResponse = {
          rows: [wire(granted, VILLAGE_Y, 3)],
          cursor: 3,
          hasMore: false,
          remaining: 0,
          scope: 'v1-bbbbbbbbbbbbbbbb',
          serverTime: Date.now(),
        };
        return json(200, page);
      }),
    );
    const engine = new SyncEngine();
    await engine.syncNow();
    engine.stop();
    expect(urls).toEqual([
      '/api/sync/pull?since=15&scope=v1-aaaaaaaaaaaaaaaa',
      `/api/sync/pull?since=0&scope=${scopeKey([VILLAGE_Y])}`,
    ]);
    expect(await getDb().households.get(kept.id)).toBeUndefined();
    expect(await getDb().households.get(granted)).toMatchObject({ villageId: VILLAGE_Y });
    expect(await readPullState()).toEqual({ cursor: 3, scope: 'v1-bbbbbbbbbbbbbbbb' });
    expect(useSession.getState().session?.user.villageIds).toEqual([VILLAGE_Y]);
  });

  it('from the start, names the villages it kept: one taken away before the first pull is dropped too', async () => {
    const a = signIn({ ...A, villageIds: [VILLAGE_ID, VILLAGE_Y] });
    await adoptAccount(a);
    await putVillage(VILLAGE_ID, 'Thôn X');
    const dropped = await householdRepository.create(VILLAGE_ID, householdInput());
    await getDb().outbox.clear();
    const urls: string[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) => {
        if (url.startsWith('/api/sync/lost')) return lostAnswer();
        urls.push(url);
        if (url.includes(encodeURIComponent(scopeKey([VILLAGE_ID, VILLAGE_Y]))))
          return json(409, {
            error: {
              code: 'scope_changed',
              message: 'x',
              scope: 'v1-cccc',
              villageIds: [VILLAGE_Y],
              role: 'member',
            },
          });
        const page: PullResponse = {
          rows: [],
          cursor: 0,
          hasMore: false,
          remaining: 0,
          scope: scopeKey([VILLAGE_Y]),
          serverTime: Date.now(),
        };
        return json(200, page);
      }),
    );
    const engine = new SyncEngine();
    await engine.syncNow();
    engine.stop();
    expect(urls).toEqual([
      `/api/sync/pull?since=0&scope=${scopeKey([VILLAGE_ID, VILLAGE_Y])}`,
      `/api/sync/pull?since=0&scope=${scopeKey([VILLAGE_Y])}`,
    ]);
    expect(await getDb().households.get(dropped.id)).toBeUndefined();
    expect(useSession.getState().session?.user.villageIds).toEqual([VILLAGE_Y]);
    expect(useSyncStatus.getState().lastError).toBeUndefined();
  });
});
