/**
 * Telling the phone whose edit lost (issue 15). Two members of village A edit one household's notes
 * offline. (a) The later edit is stored first: the earlier one's push is applied, and its result names
 * the field that lost. (b) The earlier edit is stored first and the later one, made without seeing it,
 * wins over it: the first phone learns of it from GET /api/sync/lost — and nobody else does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change } from '../../src/core/changes';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../src/core/sync/protocol';
import { type AuthHarness, bearer, createUser, loginToken, startAuthHarness } from './auth-harness.js';
import { backendsForFile } from './helpers.js';
import { householdChange, push, residentChange, stamp, VILLAGE_A, VILLAGE_B } from './sync-fixtures.js';

const PHONE_A = 'aaaaaaaaaaaaaaaa';
const PHONE_B = 'bbbbbbbbbbbbbbbb';
const PHONE_C = 'cccccccccccccccc';

interface LostItem {
  id: number;
  changeId: string;
  table: string;
  rowId: string;
  villageId: string;
  field: string;
  value: unknown;
  hlc: string;
}

describe.each(backendsForFile('lost-edits.test.ts'))('lost edits told to their phone on $kind', (backend) => {
  let h: AuthHarness;
  const tokens: Record<string, string> = {};
  const token = (user: string) => tokens[user] as string;

  beforeAll(async () => {
    h = await startAuthHarness(backend, 'lost_edits');
    await createUser(h.db, { username: 'member-a', role: 'member', villageIds: [VILLAGE_A] });
    await createUser(h.db, { username: 'member-b', role: 'member', villageIds: [VILLAGE_A] });
    await createUser(h.db, { username: 'member-c', role: 'member', villageIds: [VILLAGE_B] });
    await createUser(h.db, { username: 'commune', role: 'commune' });
    for (const u of ['member-a', 'member-b', 'member-c', 'commune']) tokens[u] = await loginToken(h.app, u);
  });
  afterAll(async () => {
    await h?.close();
  });

  function lostOf(user: string, deviceId: string, since = 0, extra = '') {
    return h.app.inject({
      method: 'GET',
      url: `/api/sync/lost?since=${since}&deviceId=${deviceId}${extra}`,
      headers: { ...bearer(token(user)), [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) },
    });
  }

  async function lostRows(user: string, deviceId: string): Promise<LostItem[]> {
    const res = await lostOf(user, deviceId);
    expect(res.statusCode).toBe(200);
    return res.json().lost as LostItem[];
  }

  /** A household with notes, created by member A's phone. */
  async function household(): Promise<Change> {
    const create = householdChange(VILLAGE_A, {
      fields: { ...householdChange(VILLAGE_A).fields, notes: 'Hẹn gặp' },
      hlc: stamp(PHONE_A),
    });
    expect((await push(h.app, token('member-a'), [create], { deviceId: PHONE_A })).statusCode).toBe(200);
    return create;
  }

  /** An edit of the notes made by `node`'s phone on top of `seen` (the create): concurrent with the other. */
  function notesEdit(seen: Change, node: string, notes: string): Change {
    return {
      ...householdChange(VILLAGE_A, { rowId: seen.rowId }),
      fields: { notes },
      hlc: stamp(node),
      base: { notes: seen.hlc },
    };
  }

  it('(a) a push arriving after a newer concurrent value is applied and names the field that lost', async () => {
    const create = await household();
    const mine = notesEdit(create, PHONE_A, 'Hẹn chiều');
    const theirs = notesEdit(create, PHONE_B, 'Hẹn sáng mai');
    expect((await push(h.app, token('member-b'), [theirs], { deviceId: PHONE_B })).json().results).toEqual([
      { changeId: theirs.changeId, status: 'applied' },
    ]);
    const answer = await push(h.app, token('member-a'), [mine], { deviceId: PHONE_A });
    expect(answer.json().results).toEqual([{ changeId: mine.changeId, status: 'applied', lost: ['notes'] }]);
    // A retry (the answer was lost) is a duplicate; the phone still learns from the lost list.
    expect((await push(h.app, token('member-a'), [mine], { deviceId: PHONE_A })).json().results).toEqual([
      { changeId: mine.changeId, status: 'duplicate' },
    ]);
    const told = (await lostRows('member-a', PHONE_A)).filter((l) => l.rowId === create.rowId);
    expect(told).toMatchObject([{ changeId: mine.changeId, field: 'notes', value: 'Hẹn chiều' }]);
  });

  it('(b) a value stored first that a concurrent edit overwrote is listed for its own device only', async () => {
    const create = await household();
    const mine = notesEdit(create, PHONE_A, 'Hẹn chiều thứ Bảy');
    const theirs = notesEdit(create, PHONE_B, 'Hẹn sáng Chủ nhật');
    expect((await push(h.app, token('member-a'), [mine], { deviceId: PHONE_A })).json().results).toEqual([
      { changeId: mine.changeId, status: 'applied' },
    ]);
    expect((await push(h.app, token('member-b'), [theirs], { deviceId: PHONE_B })).json().results).toEqual([
      { changeId: theirs.changeId, status: 'applied' },
    ]);

    const first = await lostOf('member-a', PHONE_A);
    expect(first.statusCode).toBe(200);
    const told = (first.json().lost as LostItem[]).filter((l) => l.rowId === create.rowId);
    expect(told).toEqual([
      {
        id: expect.any(Number),
        changeId: mine.changeId,
        table: 'households',
        rowId: create.rowId,
        villageId: VILLAGE_A,
        field: 'notes',
        value: 'Hẹn chiều thứ Bảy',
        hlc: mine.hlc,
      },
    ]);
    // Nothing new past the cursor it was given.
    const again = await lostOf('member-a', PHONE_A, first.json().cursor);
    expect(again.json()).toMatchObject({ lost: [], hasMore: false, cursor: first.json().cursor });

    // The winner's phone, the same account on another device, another account claiming this device,
    // and a member of another village are told nothing of it.
    const about = (items: LostItem[]) => items.filter((l) => l.rowId === create.rowId);
    expect(about(await lostRows('member-b', PHONE_B))).toEqual([]);
    expect(about(await lostRows('member-a', PHONE_C))).toEqual([]);
    expect(about(await lostRows('member-b', PHONE_A))).toEqual([]);
    expect(await lostRows('member-c', PHONE_A)).toEqual([]);
  });

  it('pages by conflict id, and a conflict a lead restored is not news', async () => {
    const created: Change[] = [];
    for (let i = 0; i < 3; i++) {
      const create = await household();
      created.push(create);
      await push(h.app, token('member-a'), [notesEdit(create, PHONE_A, `Của A ${i}`)], { deviceId: PHONE_A });
      await push(h.app, token('member-b'), [notesEdit(create, PHONE_B, `Của B ${i}`)], { deviceId: PHONE_B });
    }
    const all = await lostRows('member-a', PHONE_A);
    const restored = all.find((l) => l.value === 'Của A 0');
    expect(restored).toBeDefined();
    const res = await h.app.inject({
      method: 'POST',
      url: `/api/sync/conflicts/${restored?.id}/resolve`,
      headers: bearer(token('commune')),
      payload: { resolution: 'restored' },
    });
    expect(res.statusCode).toBe(200);

    const values: unknown[] = [];
    let since = 0;
    for (let pages = 0; pages < 20; pages++) {
      const page = await lostOf('member-a', PHONE_A, since, '&limit=1');
      expect(page.statusCode).toBe(200);
      values.push(...(page.json().lost as LostItem[]).map((l) => l.value));
      expect(page.json().cursor).toBeGreaterThanOrEqual(since);
      since = page.json().cursor;
      if (!page.json().hasMore) break;
    }
    expect(values).toEqual(expect.arrayContaining(['Của A 1', 'Của A 2']));
    expect(values).not.toContain('Của A 0');
    expect(values).toHaveLength(all.length - 1);
  });

  it('tells nothing about a resident who was erased since', async () => {
    const home = await household();
    const person = residentChange(VILLAGE_A, home.rowId, { name: 'Lò Thị Xuân' });
    const created = { ...person, hlc: stamp(PHONE_A) };
    await push(h.app, token('member-a'), [created], { deviceId: PHONE_A });
    const rename = (node: string, name: string): Change => ({
      ...householdChange(VILLAGE_A, { rowId: created.rowId }),
      table: 'residents',
      fields: { name },
      hlc: stamp(node),
      base: { name: created.hlc },
    });
    await push(h.app, token('member-a'), [rename(PHONE_A, 'Lò Thị Xuân Mai')], { deviceId: PHONE_A });
    await push(h.app, token('member-b'), [rename(PHONE_B, 'Lò Xuân')], { deviceId: PHONE_B });
    expect((await lostRows('member-a', PHONE_A)).some((l) => l.rowId === created.rowId)).toBe(true);

    const erase = {
      ...householdChange(VILLAGE_A, { rowId: created.rowId }),
      table: 'residents' as const,
      fields: { deletedAt: new Date().toISOString() },
      hlc: stamp(PHONE_B),
      base: { deletedAt: null },
    };
    expect((await push(h.app, token('member-b'), [erase], { deviceId: PHONE_B })).statusCode).toBe(200);
    const after = await lostOf('member-a', PHONE_A);
    expect(after.body).not.toContain('Xuân');
    expect((after.json().lost as LostItem[]).some((l) => l.rowId === created.rowId)).toBe(false);
  });

  it.each([
    ['a negative cursor', 'since=-1&deviceId=aaaaaaaaaaaaaaaa'],
    ['a cursor that is no number', 'since=abc&deviceId=aaaaaaaaaaaaaaaa'],
    ['no device', 'since=0'],
    ['a device id that is not one', 'since=0&deviceId=AAAA'],
    ['an unknown parameter', 'since=0&deviceId=aaaaaaaaaaaaaaaa&villageId=x'],
    ['a page too large', 'since=0&deviceId=aaaaaaaaaaaaaaaa&limit=100000'],
  ])('answers %s with 400 in the one error shape', async (_name, query) => {
    const res = await h.app.inject({
      method: 'GET',
      url: `/api/sync/lost?${query}`,
      headers: { ...bearer(token('member-a')), [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      error: expect.objectContaining({ code: 'invalid_request', message: expect.any(String) }),
    });
  });

  it('answers an old app 426 and a stranger 401', async () => {
    const old = await h.app.inject({
      method: 'GET',
      url: `/api/sync/lost?since=0&deviceId=${PHONE_A}`,
      headers: bearer(token('member-a')),
    });
    expect(old.statusCode).toBe(426);
    const stranger = await h.app.inject({ method: 'GET', url: `/api/sync/lost?since=0&deviceId=${PHONE_A}` });
    expect(stranger.statusCode).toBe(401);
    expect(stranger.json().error.code).toBe('auth_required');
  });
});
