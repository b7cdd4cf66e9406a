/**
 * Telling the person whose edit lost (issue 15). The sync engine keeps a notice for each value she
 * typed that lost to a teammate's concurrent edit — from the push result (`lost`) or from the
 * server's list (GET /api/sync/lost) — and Settings says it in plain Vietnamese until she taps
 * "Đã hiểu". The notices hold her values: logging out and erasure take them away.
 */
import { renderHook, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getDeviceId } from '../../src/app/db/clock';
import { getDb, LOST_CURSOR_KEY } from '../../src/app/db/database';
import { householdRepository } from '../../src/app/db/household-repository';
import { lostRecord, lostSentence } from '../../src/app/features/sync-status/lost-format';
import { useLostEditsCount } from '../../src/app/features/sync-status/use-pending';
import { translate } from '../../src/app/i18n/i18n';
import { narrowToScope } from '../../src/app/sync/account';
import { applyPulledPage } from '../../src/app/sync/apply-pulled';
import { eraseEverythingOnLogout, eraseRegisterOnRevoke } from '../../src/app/sync/local-wipe';
import { SyncEngine } from '../../src/app/sync/sync-engine';
import { useSyncStatus } from '../../src/app/sync/sync-status';
import { encodeClocks, type WireRow } from '../../src/core/sync/protocol';
import { householdInput, lostAnswer, putVillage, signIn, VILLAGE_ID } from './fixtures';
import { renderAt } from './render-route';

const HOUSEHOLD = '0191f5a0-0000-7000-8000-00000000a001';
const RESIDENT = '0191f5a0-0000-7000-8000-00000000a002';
const USER = '0191f5a0-0000-7000-8000-00000000000a';
const REMOTE = '001764000000000:00000:bbbbbbbbbbbbbbbb';
const LATER = '009999999999999:00000:bbbbbbbbbbbbbbbb';
const FIELDS = {
  label: 'Lò Văn Pằng',
  lane: 'Xóm Nà Pài',
  address: 'Số 12',
  membersCount: 4,
  poor: false,
  notes: 'Hẹn gặp',
  createdAt: '2026-11-25T08:00:00.000Z',
};
const SENTENCE =
  /^Ghi chú của hộ Lò Văn Pằng: bạn sửa thành 'Hẹn chiều' lúc \d\d:\d\d \d\d\/\d\d, nhưng một người khác đã sửa sau thành 'Hẹn sáng mai'\. Tổ trưởng hoặc cán bộ xã sẽ xem lại\.$/;

function wire(table: WireRow['t'], id: string, values: Record<string, unknown>, clock = REMOTE): WireRow {
  const clocks = Object.fromEntries(Object.keys(values).map((k) => [k, clock]));
  return { t: table, i: id, g: VILLAGE_ID, s: 1, d: values, ...encodeClocks(clocks) };
}

function json(body: unknown): Response {
  return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
}

const pullOf = (rows: WireRow[]) =>
  json({
    rows,
    cursor: 9,
    hasMore: false,
    remaining: 0,
    scope: 'v1-0000000000000000',
    serverTime: Date.now(),
  });

/** A household the phone pulled, then her edit of its notes, queued. Returns that change's id. */
async function herEdit(): Promise<string> {
  await putVillage(VILLAGE_ID, 'Thôn Nà Pài');
  await applyPulledPage([wire('households', HOUSEHOLD, FIELDS)], 1);
  await householdRepository.update(HOUSEHOLD, householdInput({ label: FIELDS.label, notes: 'Hẹn chiều' }));
  const [entry] = await getDb().outbox.toArray();
  if (!entry) throw new Error('no queued edit');
  return entry.changeId;
}

/**
 * A fake server: pushes answered with `lost` for the given change, the teammate's later notes in the
 * pull, and `lost` (the server's list) as given. Records the lost-list addresses asked for.
 */
function server(options: { lostIn?: string; lostList?: unknown[]; cursor?: number }) {
  const asked: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      if (url.startsWith('/api/sync/push')) {
        const body = JSON.parse(String(init?.body)) as { changes: Array<{ changeId: string }> };
        return json({
          results: body.changes.map((c) =>
            c.changeId === options.lostIn
              ? { changeId: c.changeId, status: 'applied', lost: ['notes'] }
              : { changeId: c.changeId, status: 'applied' },
          ),
          serverTime: Date.now(),
        });
      }
      if (url.startsWith('/api/sync/lost')) {
        asked.push(url);
        return lostAnswer(options.lostList ?? [], options.cursor ?? 0);
      }
      return pullOf([wire('households', HOUSEHOLD, { notes: 'Hẹn sáng mai' }, LATER)]);
    }),
  );
  return asked;
}

async function sync(): Promise<void> {
  const engine = new SyncEngine();
  await engine.syncNow();
  engine.stop();
  expect(useSyncStatus.getState().lastError).toBeUndefined();
}

beforeEach(() => {
  signIn({ id: USER });
  // Settings shows the build's version, which only a build defines.
  vi.stubGlobal('__APP_VERSION__', 'test');
  useSyncStatus.setState({ phase: 'idle', lastError: undefined, lastSuccessAt: undefined, pull: undefined });
});
afterEach(() => {
  vi.unstubAllGlobals();
});

describe('a value that lost to a teammate’s edit', () => {
  it('named by the push result: kept as a notice as it leaves the outbox, and said in Vietnamese in Settings', async () => {
    const changeId = await herEdit();
    server({ lostIn: changeId });
    await sync();
    expect(await getDb().outbox.count()).toBe(0);
    expect(await getDb().lostEdits.toArray()).toMatchObject([
      {
        key: `${changeId}:notes`,
        userId: USER,
        changeId,
        table: 'households',
        rowId: HOUSEHOLD,
        field: 'notes',
        value: 'Hẹn chiều',
      },
    ]);
    expect((await getDb().households.get(HOUSEHOLD))?.notes).toBe('Hẹn sáng mai');

    renderAt('/settings');
    const item = await screen.findByTestId('lost-edit');
    expect(within(item).getByText(SENTENCE)).toBeInTheDocument();
    expect(within(item).getByRole('link', { name: 'Xem' })).toHaveAttribute(
      'href',
      `/v/${VILLAGE_ID}/h/${HOUSEHOLD}`,
    );
    expect(screen.getByRole('heading', { name: 'Sửa đổi không được giữ' })).toBeInTheDocument();
  });

  it('listed by the server later: kept once, with its cursor, and asked for past it next time', async () => {
    const changeId = await herEdit();
    const told = {
      id: 41,
      changeId,
      table: 'households',
      rowId: HOUSEHOLD,
      villageId: VILLAGE_ID,
      field: 'notes',
      value: 'Hẹn chiều',
      hlc: '001764000100000:00000:aaaaaaaaaaaaaaaa',
    };
    // The push result names it too: the same loss told twice is one notice.
    const asked = server({ lostIn: changeId, lostList: [told], cursor: 41 });
    await sync();
    await sync();
    const deviceId = await getDeviceId();
    expect(asked).toEqual([
      `/api/sync/lost?since=0&deviceId=${deviceId}`,
      `/api/sync/lost?since=41&deviceId=${deviceId}`,
    ]);
    expect(await getDb().lostEdits.count()).toBe(1);
    expect((await getDb().meta.get(LOST_CURSOR_KEY))?.value).toEqual({ [USER]: 41 });
  });

  it('“Đã hiểu” takes it off the list and its value off the phone, and it does not come back', async () => {
    const changeId = await herEdit();
    server({ lostIn: changeId });
    await sync();
    const count = renderHook(() => useLostEditsCount());
    await waitFor(() => expect(count.result.current).toBe(1));

    const user = userEvent.setup();
    renderAt('/settings');
    await user.click(await screen.findByRole('button', { name: 'Đã hiểu' }));
    await waitFor(() => expect(screen.queryByTestId('lost-edit')).not.toBeInTheDocument());
    await waitFor(() => expect(count.result.current).toBe(0));
    const [kept] = await getDb().lostEdits.toArray();
    expect(kept?.dismissedAt).toEqual(expect.any(String));
    expect(kept).not.toHaveProperty('value');

    // Told again from the start (a village given back resets the cursor): still dismissed.
    server({
      lostList: [{ ...kept, id: 3, villageId: VILLAGE_ID, value: 'Hẹn chiều', hlc: kept?.hlc }],
      cursor: 3,
    });
    await getDb().meta.delete(LOST_CURSOR_KEY);
    await sync();
    expect(
      await getDb()
        .lostEdits.filter((n) => n.dismissedAt === undefined)
        .count(),
    ).toBe(0);
  });

  it('is shown only to the account that typed it', async () => {
    const changeId = await herEdit();
    server({ lostIn: changeId });
    await sync();
    signIn({ id: '0191f5a0-0000-7000-8000-00000000000b' });
    renderAt('/settings');
    await screen.findByRole('heading', { name: 'Cài đặt' });
    expect(screen.queryByTestId('lost-edit')).not.toBeInTheDocument();
  });
});

describe('notices hold personal data', () => {
  async function aNotice(): Promise<void> {
    const changeId = await herEdit();
    server({ lostIn: changeId });
    await sync();
    expect(await getDb().lostEdits.count()).toBe(1);
  }

  it('logging out erases them, with the cursor', async () => {
    await aNotice();
    await getDb().meta.put({ key: LOST_CURSOR_KEY, value: { [USER]: 7 } });
    await eraseEverythingOnLogout();
    expect(await getDb().lostEdits.count()).toBe(0);
    expect(await getDb().meta.get(LOST_CURSOR_KEY)).toBeUndefined();
  });

  it('a revoked device erases them with the register', async () => {
    await aNotice();
    await eraseRegisterOnRevoke('device_revoked');
    expect(await getDb().lostEdits.count()).toBe(0);
  });

  it('a village taken away takes its notices with it', async () => {
    await aNotice();
    await narrowToScope(['0191f5a0-0000-7000-8000-0000000000ff']);
    expect(await getDb().lostEdits.count()).toBe(0);
  });

  it('a resident erased on the server: the notice of a value typed about them goes', async () => {
    await putVillage(VILLAGE_ID, 'Thôn Nà Pài');
    const person = {
      householdId: HOUSEHOLD,
      name: 'Lò Thị Xuân',
      birthYear: 1980,
      groups: [],
      createdAt: '2026-11-25T08:00:00.000Z',
    };
    await applyPulledPage([wire('households', HOUSEHOLD, FIELDS), wire('residents', RESIDENT, person)], 1);
    await getDb().lostEdits.put({
      key: 'c:name',
      userId: USER,
      changeId: '0191f5a0-0000-7000-8000-0000000000c1',
      table: 'residents',
      rowId: RESIDENT,
      villageId: VILLAGE_ID,
      field: 'name',
      value: 'Lò Thị Xuân Mai',
      hlc: '001764000100000:00000:aaaaaaaaaaaaaaaa',
    });
    await applyPulledPage([wire('residents', RESIDENT, { deletedAt: '2026-11-26T08:00:00.000Z' }, LATER)], 2);
    expect(await getDb().lostEdits.count()).toBe(0);
  });

  it('a walking order that lost is said with the list’s name and the lane-less houses in words, linked to the round', async () => {
    await putVillage(VILLAGE_ID, 'Thôn Đông');
    await getDb().villages.update(VILLAGE_ID, { laneOrder: ['Ngõ 2', '', 'Xóm Trại'] });
    const notice = {
      key: 'c:laneOrder',
      userId: USER,
      changeId: '0191f5a0-0000-7000-8000-0000000000c2',
      table: 'villages' as const,
      rowId: VILLAGE_ID,
      villageId: VILLAGE_ID,
      field: 'laneOrder',
      value: ['Xóm Trại', 'Ngõ 2', ''],
      hlc: '001764000100000:00000:aaaaaaaaaaaaaaaa',
    };
    const record = await lostRecord(notice);
    expect(record.href).toBe(`/v/${VILLAGE_ID}/round`);
    const words = lostSentence((key, params) => translate('vi', key, params), notice, record);
    expect(words).toMatch(
      /^Thứ tự đi các ngõ\/xóm của thôn Thôn Đông: bạn sửa thành 'Xóm Trại, Ngõ 2, Chưa ghi ngõ\/xóm' lúc .*, nhưng một người khác đã sửa sau thành 'Ngõ 2, Chưa ghi ngõ\/xóm, Xóm Trại'\. Tổ trưởng hoặc cán bộ xã sẽ xem lại\.$/,
    );
    expect(words).not.toContain('laneOrder');
  });
});
