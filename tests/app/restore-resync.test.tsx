/**
 * A phone after the server's data was restored from an older backup (issue 16, item 2). The server here
 * is the protocol model of the property tests (tests/core/sync-model.ts: the real mergeBatch, field and
 * date rules), with what this issue adds to push.ts and pull.ts — the data epoch and 409 data_restored —
 * and the pointer check a push makes (a row must be on the server before a row pointing at it).
 *
 * The phone had, acknowledged by the server after the backup was taken, a household and its resident,
 * an edit of an older household, and a teammate's edit and deletion it pulled; offline it then
 * recorded a visit of that resident. After the restore it learns it from its push, pulls everything
 * again, sends back the five changes the server lost (with their original clocks) — a teammate's deletion of a resident
 * among them, which erases her again — before its waiting visit, and ends with the server and the
 * phone holding the same rows.
 */
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getDb } from '../../src/app/db/database';
import { householdRepository } from '../../src/app/db/household-repository';
import { residentRepository } from '../../src/app/db/resident-repository';
import { visitRepository } from '../../src/app/db/visit-repository';
import { SyncBar } from '../../src/app/features/sync-status/SyncBar';
import { SyncEngine } from '../../src/app/sync/sync-engine';
import { useSyncStatus } from '../../src/app/sync/sync-status';
import { type Change, LOCAL_ONLY_FIELDS, SYNCED_TABLES } from '../../src/core/changes';
import { formatHlc } from '../../src/core/hlc';
import { newId } from '../../src/core/ids';
import { referenceIssues } from '../../src/core/sync/references';
import { rowKey, type StoredRow } from '../../src/core/sync/server-merge';
import { newServer, type Server, serverPull, serverPush } from '../core/sync-model';
import { householdInput, residentInput, signIn, VILLAGE_ID } from './fixtures';

const USER = 'u-phone';
const TEAMMATE = 'u-teammate';
const TEAMMATE_NODE = 'bbbbbbbbbbbbbbbb';

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

/** The server's data and its identity; a restore replaces both with a backup's data and a new epoch. */
interface Data {
  model: Server;
  epoch: string;
}

function copyOf(model: Server): Server {
  const rows = new Map<string, StoredRow>();
  for (const [key, row] of model.rows) rows.set(key, JSON.parse(JSON.stringify(row)) as StoredRow);
  return {
    ...model,
    rows,
    known: new Set(model.known),
    conflicts: [...model.conflicts],
    log: [...model.log],
  };
}

/** Pointers of a push must lead to rows the server has or the push creates first (push.ts checkVillages). */
function pointerProblems(model: Server, changes: Change[]) {
  const known = new Map([...model.rows.values()].map((r) => [rowKey(r.table, r.id), r.villageId]));
  const problems: Array<{ changeId: string; code: string; message: string }> = [];
  for (const change of changes) {
    for (const issue of referenceIssues(change, (table, id) => known.get(rowKey(table, id))))
      problems.push({ changeId: change.changeId, code: issue.code, message: issue.message });
    known.set(rowKey(change.table, change.rowId), change.villageId);
  }
  return problems;
}

function fakeServer(data: Data) {
  const refused: unknown[] = [];
  const restored = () =>
    json(409, {
      error: { code: 'data_restored', message: 'restored', epoch: data.epoch, lastSeq: data.model.lastSeq },
    });
  const fetch = vi.fn(async (url: string, init?: RequestInit) => {
    const address = new URL(url, 'http://phone.test');
    const epoch = address.searchParams.get('epoch') ?? undefined;
    const now = Date.now();
    if (address.pathname === '/api/sync/push') {
      if (epoch !== undefined && epoch !== data.epoch) return restored();
      const { changes } = JSON.parse(String(init?.body)) as { changes: Change[] };
      const pointers = pointerProblems(data.model, changes);
      if (pointers.length > 0) {
        refused.push(...pointers);
        return json(400, { error: { code: 'invalid_changes', message: 'x', details: pointers } });
      }
      const answer = serverPush(data.model, USER, changes, now);
      if (answer.code !== 'ok') {
        refused.push(...answer.details);
        return json(400, { error: { code: answer.code, message: 'x', details: answer.details } });
      }
      return json(200, { results: answer.results, serverTime: answer.serverTime });
    }
    if (address.pathname === '/api/sync/pull') {
      const since = Number(address.searchParams.get('since'));
      if ((epoch !== undefined && epoch !== data.epoch) || since > data.model.lastSeq) return restored();
      const scope = address.searchParams.get('scope') ?? undefined;
      const answer = serverPull(data.model, USER, since, scope, 1000, now);
      if (answer.code !== 'ok') throw new Error('the scope does not change in this test');
      return json(200, { ...answer, remaining: 0, epoch: data.epoch });
    }
    if (address.pathname === '/api/sync/lost')
      return json(200, { lost: [], cursor: 0, hasMore: false, serverTime: now });
    if (address.pathname === '/api/sync/rows') return json(200, { rows: [], serverTime: now });
    throw new Error(`unexpected request ${url}`);
  });
  return { fetch, refused };
}

/** Every row of the phone (values and clocks) as the server keeps rows, to compare the two. */
async function phoneRows(): Promise<
  Map<string, { values: Record<string, unknown>; clocks: Record<string, string> }>
> {
  const local = new Set<string>(LOCAL_ONLY_FIELDS);
  const out = new Map<string, { values: Record<string, unknown>; clocks: Record<string, string> }>();
  for (const table of SYNCED_TABLES) {
    for (const row of (await getDb().table(table).toArray()) as Array<Record<string, unknown>>) {
      const clocks = (row.clocks ?? {}) as Record<string, string>;
      const values = Object.fromEntries(
        Object.keys(clocks).map((f) => [f, local.has(f) ? undefined : (row[f] ?? null)]),
      );
      out.set(rowKey(table, String(row.id)), { values, clocks });
    }
  }
  return out;
}

afterEach(() => {
  vi.unstubAllGlobals();
  useSyncStatus.setState({ lastError: undefined, lastSuccessAt: undefined, pull: undefined, phase: 'idle' });
});

describe('a phone after the server was restored from a backup', () => {
  it('pulls again, keeps its waiting visit, re-sends what the server lost, and ends equal to the server', async () => {
    signIn({ id: USER, villageIds: [VILLAGE_ID] });
    const data: Data = {
      model: newServer([
        [USER, [VILLAGE_ID]],
        [TEAMMATE, [VILLAGE_ID]],
      ]),
      epoch: newId(),
    };
    const server = fakeServer(data);
    vi.stubGlobal('fetch', server.fetch);
    const engine = new SyncEngine();
    const db = getDb();

    const older = await householdRepository.create(
      VILLAGE_ID,
      householdInput({ label: 'Hộ bà Lường Thị Hà' }),
    );
    const erased = await residentRepository.create(
      VILLAGE_ID,
      residentInput(older.id, { name: 'Bàn Thị Sửu' }),
    );
    await engine.syncNow();
    expect(await db.outbox.count()).toBe(0);
    // The night's backup.
    const backup = copyOf(data.model);

    // The next day, acknowledged: a new household and its resident, a note on the older household,
    // and a teammate's new label for it, pulled by this phone.
    const household = await householdRepository.create(
      VILLAGE_ID,
      householdInput({ label: 'Hộ ông Lò Văn Pằng' }),
    );
    const resident = await residentRepository.create(
      VILLAGE_ID,
      residentInput(household.id, { name: 'Lò Thị Mai' }),
    );
    await householdRepository.update(
      older.id,
      householdInput({ label: 'Hộ bà Lường Thị Hà', notes: 'Hẹn chiều thứ Bảy' }),
    );
    const labelClock = (await db.households.get(older.id))?.clocks?.label ?? null;
    const rename = serverPush(
      data.model,
      TEAMMATE,
      [
        {
          changeId: newId(),
          table: 'households',
          rowId: older.id,
          villageId: VILLAGE_ID,
          fields: { label: 'Hộ bà Hà (xóm Nà Pài)' },
          hlc: formatHlc({ wall: Date.now(), counter: 0, node: TEAMMATE_NODE }),
          base: { label: labelClock },
        },
      ],
      Date.now(),
    );
    expect(rename.code).toBe('ok');
    // The teammate also deletes a resident, at her request: an erasure (docs/erasure.md).
    const erasure = serverPush(
      data.model,
      TEAMMATE,
      [
        {
          changeId: newId(),
          table: 'residents',
          rowId: erased.id,
          villageId: VILLAGE_ID,
          fields: { deletedAt: new Date().toISOString() },
          hlc: formatHlc({ wall: Date.now(), counter: 1, node: TEAMMATE_NODE }),
        },
      ],
      Date.now(),
    );
    expect(erasure.code).toBe('ok');
    await engine.syncNow();
    expect((await db.residents.get(erased.id))?.name).toBeUndefined();
    expect(await db.outbox.count()).toBe(0);
    expect((await db.households.get(older.id))?.label).toBe('Hộ bà Hà (xóm Nà Pài)');

    // Out of signal, a visit of the new resident waits in the outbox.
    const visit = await visitRepository.create(VILLAGE_ID, {
      householdId: household.id,
      visitedAt: new Date().toISOString(),
      members: ['Tổ viên'],
      outcome: 'met',
      residentIds: [resident.id],
      topics: [],
    });
    const [waiting] = await db.outbox.toArray();
    expect(waiting?.rowId).toBe(visit.id);

    // The server's disk fails; its officer restores the night's backup.
    data.model = copyOf(backup);
    data.epoch = newId();

    await engine.syncNow();
    engine.stop();
    expect(useSyncStatus.getState().lastError).toBeUndefined();
    expect(server.refused).toEqual([]);
    expect(await db.outbox.count()).toBe(0);
    expect(await db.rejected.count()).toBe(0);
    // The waiting visit went as itself, after the rows it points at.
    expect(data.model.known.has(waiting?.changeId ?? '')).toBe(true);
    const sent = data.model.log.map((c) => `${c.table}:${c.rowId}`);
    expect(sent.indexOf(`residents:${resident.id}`)).toBeLessThan(sent.indexOf(`visits:${visit.id}`));

    const onServer = new Map(
      [...data.model.rows].map(([key, row]) => [key, { values: row.state.values, clocks: row.state.clocks }]),
    );
    expect(await phoneRows()).toEqual(onServer);
    expect(data.model.rows.get(rowKey('households', older.id))?.state.values).toMatchObject({
      label: 'Hộ bà Hà (xóm Nà Pài)',
      notes: 'Hẹn chiều thứ Bảy',
    });
    // The erasure the backup predates is made again: the deletion came back with the phone.
    const person = data.model.rows.get(rowKey('residents', erased.id))?.state.values;
    expect(person?.deletedAt).toEqual(expect.any(String));
    expect(person?.name ?? null).toBeNull();
    // Five changes, each with its original clock: the household, the resident, the note, the label,
    // the deletion.
    expect((await db.meta.get('restoreNote'))?.value).toMatchObject({ resent: 5 });
    const teammate = data.model.log.find((c) => c.fields.label === 'Hộ bà Hà (xóm Nà Pài)');
    expect(teammate?.hlc.endsWith(TEAMMATE_NODE)).toBe(true);

    // The phone says so, in plain words, until "Đã hiểu".
    render(<SyncBar />);
    const note = await screen.findByTestId('restore-note');
    expect(note.textContent).toMatch(/^Máy chủ vừa được khôi phục từ bản sao lưu\. .*gửi lại 5 thay đổi/);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Đã hiểu' }));
    await waitFor(() => expect(screen.queryByTestId('restore-note')).toBeNull());
  });

  it('a re-pull cut off halfway starts again from the beginning at the next sync and still re-sends', async () => {
    signIn({ id: USER, villageIds: [VILLAGE_ID] });
    const data: Data = { model: newServer([[USER, [VILLAGE_ID]]]), epoch: newId() };
    const server = fakeServer(data);
    vi.stubGlobal('fetch', server.fetch);
    const engine = new SyncEngine();
    const db = getDb();
    for (let i = 0; i < 3; i++)
      await householdRepository.create(VILLAGE_ID, householdInput({ label: `Hộ ${i}` }));
    await engine.syncNow();
    const backup = copyOf(data.model);
    const lost = await householdRepository.create(VILLAGE_ID, householdInput({ label: 'Hộ mới' }));
    await engine.syncNow();
    data.model = copyOf(backup);
    data.epoch = newId();

    // The first re-pull breaks after the server answered 409: the connection drops.
    let pulls = 0;
    const real = server.fetch.getMockImplementation();
    server.fetch.mockImplementation(async (url: string, init?: RequestInit) => {
      if (url.startsWith('/api/sync/pull') && url.includes('since=0') && pulls++ === 0)
        throw new TypeError('Failed to fetch');
      return (real as NonNullable<typeof real>)(url, init);
    });
    await engine.syncNow();
    expect(useSyncStatus.getState().lastError?.code).toBe('network');
    expect((await db.meta.get('resync'))?.value).toBeDefined();
    expect(data.model.rows.has(rowKey('households', lost.id))).toBe(false);

    await engine.syncNow();
    engine.stop();
    expect(useSyncStatus.getState().lastError).toBeUndefined();
    expect(data.model.rows.has(rowKey('households', lost.id))).toBe(true);
    expect(await db.meta.get('resync')).toBeUndefined();
    expect((await db.meta.get('restoreNote'))?.value).toMatchObject({ resent: 1 });
  });

  it('a row created and deleted after the backup goes back as its deletion alone, never created anew', async () => {
    signIn({ id: USER, villageIds: [VILLAGE_ID] });
    const data: Data = { model: newServer([[USER, [VILLAGE_ID]]]), epoch: newId() };
    const server = fakeServer(data);
    vi.stubGlobal('fetch', server.fetch);
    const engine = new SyncEngine();
    await householdRepository.create(VILLAGE_ID, householdInput({ label: 'Hộ cũ' }));
    await engine.syncNow();
    const backup = copyOf(data.model);
    const gone = await householdRepository.create(VILLAGE_ID, householdInput({ label: 'Hộ ghi nhầm' }));
    await householdRepository.remove(gone.id);
    await engine.syncNow();
    data.model = copyOf(backup);
    data.epoch = newId();

    await engine.syncNow();
    engine.stop();
    expect(server.refused).toEqual([]);
    const sent = data.model.log.filter((c) => c.rowId === gone.id);
    expect(sent.map((c) => Object.keys(c.fields))).toEqual([['deletedAt']]);
    expect(data.model.rows.get(rowKey('households', gone.id))?.state.values.deletedAt).toEqual(
      expect.any(String),
    );
    // Both hold it deleted; what the deleted row said before stays on the phone alone, unseen.
    const phone = await phoneRows();
    const key = rowKey('households', gone.id);
    expect(phone.get(key)?.clocks.deletedAt).toBe(data.model.rows.get(key)?.state.clocks.deletedAt);
    phone.delete(key);
    const rest = new Map(
      [...data.model.rows]
        .filter(([k2]) => k2 !== key)
        .map(([k2, row]) => [k2, { values: row.state.values, clocks: row.state.clocks }]),
    );
    expect(phone).toEqual(rest);
  });
});
