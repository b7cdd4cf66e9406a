/**
 * Issue 15, kind 3: a village's team sets the order it walks the lanes (`laneOrder` on the village
 * row). Members and leads may change exactly that field of their own villages; the rest of a village
 * row — name, code, official counts, its creation and deletion — stays the commune's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change } from '../../src/core/changes';
import { newId } from '../../src/core/ids';
import { type AuthHarness, createUser, loginToken, startAuthHarness } from './auth-harness.js';
import { backendsForFile } from './helpers.js';
import { pull, push, stamp, storedCounts, VILLAGE_A, VILLAGE_B } from './sync-fixtures.js';

function villageChange(villageId: string, fields: Change['fields'], rowId = villageId): Change {
  return { changeId: newId(), table: 'villages', rowId, villageId, fields, hlc: stamp() };
}

describe.each(backendsForFile('village-walk-order.test.ts'))(
  'a village walking order on $kind',
  (backend) => {
    let h: AuthHarness;
    const tokens: Record<'member' | 'lead' | 'commune', string> = { member: '', lead: '', commune: '' };

    beforeAll(async () => {
      h = await startAuthHarness(backend, 'village_walk_order');
      await createUser(h.db, { username: 'member-a', role: 'member', villageIds: [VILLAGE_A] });
      await createUser(h.db, { username: 'lead-a', role: 'lead', villageIds: [VILLAGE_A, VILLAGE_B] });
      await createUser(h.db, { username: 'canbo', role: 'commune' });
      tokens.member = await loginToken(h.app, 'member-a');
      tokens.lead = await loginToken(h.app, 'lead-a');
      tokens.commune = await loginToken(h.app, 'canbo');
      const created = { createdAt: '2026-11-25T08:00:00.000Z' };
      const res = await push(h.app, tokens.commune, [
        villageChange(VILLAGE_A, { name: 'Thôn Nà Pài', code: 'NP', ...created }),
        villageChange(VILLAGE_B, { name: 'Thôn Bản Chang', code: 'BC', ...created }),
      ]);
      expect(res.statusCode).toBe(200);
    });

    afterAll(async () => {
      await h?.close();
    });

    async function villageRow(token: string, id: string) {
      const rows = (await pull(h.app, token, 0)).json().rows as Array<{ t: string; i: string; v: object }>;
      return rows.find((r) => r.t === 'villages' && r.i === id);
    }

    it('a member sets the lane order of their village, and the whole team pulls it', async () => {
      const order = ['Xóm Nà Pài', 'Xóm Bản', ''];
      const res = await push(h.app, tokens.member, [villageChange(VILLAGE_A, { laneOrder: order })]);
      expect(res.statusCode).toBe(200);
      expect(res.json().results[0].status).toBe('applied');
      expect(JSON.stringify(await villageRow(tokens.lead, VILLAGE_A))).toContain(
        '"laneOrder":["Xóm Nà Pài","Xóm Bản",""]',
      );
      // The rest of the row is untouched.
      expect(JSON.stringify(await villageRow(tokens.member, VILLAGE_A))).toContain('Thôn Nà Pài');
    });

    it('a lead may too, and may clear it', async () => {
      const res = await push(h.app, tokens.lead, [villageChange(VILLAGE_B, { laneOrder: null })]);
      expect(res.statusCode).toBe(200);
    });

    it.each([
      ['the name', { name: 'Thôn Mới' }],
      ['the official counts', { official: { households: 999 } }],
      ['the demo mark', { demo: true }],
      ['a deletion', { deletedAt: '2026-11-25T09:00:00.000Z' }],
      ['the order together with the name', { laneOrder: ['Xóm Bản'], name: 'Thôn Mới' }],
    ])('a member may not change %s of their village: 403, nothing stored', async (_what, fields) => {
      const before = await storedCounts(h);
      const res = await push(h.app, tokens.member, [villageChange(VILLAGE_A, fields as Change['fields'])]);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('village_forbidden');
      expect(await storedCounts(h)).toEqual(before);
    });

    it("a member may not set another village's order", async () => {
      const before = await storedCounts(h);
      const res = await push(h.app, tokens.member, [villageChange(VILLAGE_B, { laneOrder: ['Xóm Bản'] })]);
      expect(res.statusCode).toBe(403);
      // Nor by naming their own village for another village's row.
      const mixed = await push(h.app, tokens.member, [
        villageChange(VILLAGE_A, { laneOrder: ['Xóm Bản'] }, VILLAGE_B),
      ]);
      expect(mixed.statusCode).toBe(400);
      expect(await storedCounts(h)).toEqual(before);
    });

    it('a walking order is no way to make a village the server does not have', async () => {
      const unknown = newId();
      await createUser(h.db, { username: 'member-new', role: 'member', villageIds: [unknown] });
      const token = await loginToken(h.app, 'member-new');
      const before = await storedCounts(h);
      const res = await push(h.app, token, [villageChange(unknown, { laneOrder: ['Xóm 1'] })]);
      expect(res.statusCode).toBe(403);
      expect(await storedCounts(h)).toEqual(before);
    });

    it('a lane order is checked like any text: no ID number in it, not too many lanes', async () => {
      const idNumber = await push(h.app, tokens.member, [
        villageChange(VILLAGE_A, { laneOrder: ['001234567890'] }),
      ]);
      expect(idNumber.statusCode).toBe(400);
      const tooMany = Array.from({ length: 501 }, (_, i) => `Xóm ${i}`);
      const long = await push(h.app, tokens.member, [villageChange(VILLAGE_A, { laneOrder: tooMany })]);
      expect(long.statusCode).toBe(400);
    });

    it('a household keeps its place in the lane through a member push', async () => {
      const row = newId();
      const res = await push(h.app, tokens.member, [
        {
          changeId: newId(),
          table: 'households',
          rowId: row,
          villageId: VILLAGE_A,
          fields: {
            label: 'Hộ Lò Văn Piềng',
            membersCount: 3,
            poor: false,
            walkOrder: 1.5,
            createdAt: '2026-11-25T08:00:00.000Z',
          },
          hlc: stamp(),
        },
      ]);
      expect(res.statusCode).toBe(200);
      const rows = (await pull(h.app, tokens.member, 0)).json().rows as Array<{ i: string; v: object }>;
      expect(JSON.stringify(rows.find((r) => r.i === row))).toContain('"walkOrder":1.5');
    });
  },
);
