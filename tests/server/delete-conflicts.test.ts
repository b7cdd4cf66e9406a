/**
 * Phone A deletes a household while offline; phone B, offline too, edits it. Both sync. The delete
 * stands, B's values are kept in the row, and the lead finds the conflict on `deletedAt` in the list;
 * restoring it (what the conflicts page does: write the lost value, null, over the delete the lead's
 * phone pulled) brings the row back with B's values, and the phones get it on their next pull.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change } from '../../src/core/changes';
import { decodeRow } from '../../src/core/sync/protocol';
import type { WireRow } from '../../src/core/sync/protocol-schemas';
import { type AuthHarness, bearer, createUser, loginToken, startAuthHarness } from './auth-harness.js';
import { backendsForFile } from './helpers.js';
import { householdChange, pull, push, stamp, storedCounts, VILLAGE_A } from './sync-fixtures.js';

const PHONE_A = 'aaaaaaaaaaaaaaaa';
const PHONE_B = 'bbbbbbbbbbbbbbbb';
const LEAD_PHONE = 'dddddddddddddddd';
const NOTE = 'Cụ bà mới chuyển về ở cùng, cần hỗ trợ cài VNeID';

interface ConflictItem {
  id: number;
  table: string;
  rowId: string;
  field: string;
  winnerValue: unknown;
  loserValue: unknown;
  privacy: boolean;
}

describe.each(backendsForFile('delete-conflicts.test.ts'))('an edit of a deleted row on $kind', (backend) => {
  let h: AuthHarness;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    h = await startAuthHarness(backend, 'delconf');
    await createUser(h.db, { username: 'member-a', role: 'member', villageIds: [VILLAGE_A] });
    await createUser(h.db, { username: 'member-b', role: 'member', villageIds: [VILLAGE_A] });
    await createUser(h.db, { username: 'lead', role: 'lead', villageIds: [VILLAGE_A] });
    await createUser(h.db, { username: 'commune', role: 'commune' });
    for (const u of ['member-a', 'member-b', 'lead', 'commune']) tokens[u] = await loginToken(h.app, u);
  });
  afterAll(async () => {
    await h?.close();
  });

  const token = (user: string) => tokens[user] as string;

  async function conflictsOf(user: string, rowId: string): Promise<ConflictItem[]> {
    const res = await h.app.inject({
      method: 'GET',
      url: '/api/sync/conflicts',
      headers: bearer(token(user)),
    });
    expect(res.statusCode).toBe(200);
    return (res.json().conflicts as ConflictItem[]).filter((c) => c.rowId === rowId);
  }

  async function pulled(user: string, rowId: string): Promise<WireRow> {
    const page = (await pull(h.app, token(user), 0, 5000)).json();
    const row = (page.rows as WireRow[]).find((r) => r.i === rowId);
    if (!row) throw new Error(`${user} did not pull ${rowId}`);
    return row;
  }

  async function household(): Promise<Change> {
    const create = householdChange(VILLAGE_A);
    expect((await push(h.app, token('member-a'), [create])).statusCode).toBe(200);
    return create;
  }

  function deletion(create: Change): Change {
    return {
      ...householdChange(VILLAGE_A, { rowId: create.rowId }),
      fields: { deletedAt: new Date().toISOString() },
      hlc: stamp(PHONE_A),
      base: { deletedAt: null },
    };
  }

  function edit(create: Change): Change {
    return {
      ...householdChange(VILLAGE_A, { rowId: create.rowId }),
      fields: { membersCount: 6, notes: NOTE },
      hlc: stamp(PHONE_B),
      base: { membersCount: create.hlc, notes: null },
    };
  }

  it('logs the edit on the deleted row once, and restore brings the row back with the edit', async () => {
    const create = await household();
    const a = deletion(create);
    const b = edit(create);
    expect((await push(h.app, token('member-a'), [a])).json().results).toEqual([
      { changeId: a.changeId, status: 'applied' },
    ]);
    // B's phone is told its edit landed on a deleted row (issue 15).
    expect((await push(h.app, token('member-b'), [b])).json().results).toEqual([
      { changeId: b.changeId, status: 'applied', lost: ['deletedAt'] },
    ]);

    // The delete stands, with B's values in the row.
    const deleted = await pulled('member-b', create.rowId);
    expect(deleted.d).toMatchObject({ deletedAt: a.fields.deletedAt, membersCount: 6, notes: NOTE });

    // The lead and the commune officer both see it: the delete won, "not deleted" (null) lost.
    const [entry, ...others] = await conflictsOf('lead', create.rowId);
    expect(others).toEqual([]);
    expect(entry).toMatchObject({
      table: 'households',
      field: 'deletedAt',
      winnerValue: a.fields.deletedAt,
      loserValue: null,
      privacy: false,
    });
    expect((await conflictsOf('commune', create.rowId)).map((c) => c.id)).toEqual([entry?.id]);

    // A retry of B's push (its answer lost) is a duplicate: nothing more is stored or logged.
    const before = await storedCounts(h);
    expect((await push(h.app, token('member-b'), [b])).json().results).toEqual([
      { changeId: b.changeId, status: 'duplicate' },
    ]);
    expect(await storedCounts(h)).toEqual(before);

    // Restore, as the conflicts page does it: the lead's phone writes the lost value over the row it
    // pulled (base: the delete's clock), then marks the conflict restored.
    const leadCopy = decodeRow(await pulled('lead', create.rowId));
    expect(leadCopy.clocks.deletedAt).toBe(a.hlc);
    const restore: Change = {
      ...householdChange(VILLAGE_A, { rowId: create.rowId }),
      fields: { deletedAt: null },
      hlc: stamp(LEAD_PHONE),
      base: { deletedAt: leadCopy.clocks.deletedAt ?? null },
    };
    expect((await push(h.app, token('lead'), [restore])).json().results).toEqual([
      { changeId: restore.changeId, status: 'applied' },
    ]);
    const resolved = await h.app.inject({
      method: 'POST',
      url: `/api/sync/conflicts/${entry?.id}/resolve`,
      headers: bearer(token('lead')),
      payload: { resolution: 'restored' },
    });
    expect(resolved.statusCode).toBe(200);
    expect(await conflictsOf('lead', create.rowId)).toEqual([]);

    // Both phones pull the household back, not deleted, with B's edit.
    for (const phone of ['member-a', 'member-b']) {
      const row = await pulled(phone, create.rowId);
      expect(row.d.deletedAt ?? null).toBeNull();
      expect(row.d).toMatchObject({ membersCount: 6, notes: NOTE, label: create.fields.label });
    }
  });

  it('logs nothing when the edit is stored first and the delete after it (the delete cannot show what it saw)', async () => {
    const create = await household();
    const b = edit(create);
    const a = deletion(create);
    await push(h.app, token('member-b'), [b]);
    await push(h.app, token('member-a'), [a]);
    expect((await pulled('lead', create.rowId)).d).toMatchObject({
      deletedAt: a.fields.deletedAt,
      membersCount: 6,
      notes: NOTE,
    });
    expect(await conflictsOf('lead', create.rowId)).toEqual([]);
  });
});
