/**
 * The scope matrix (issue 14, kind 11): who may see and change what, as one table of role × village ×
 * endpoint, checked against the running server on each database. "Nobody may see a village they do
 * not belong to" (the mission); DESIGN §7. A row of this table that changes is a change of policy,
 * made on purpose.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/core/ids';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../src/core/sync/protocol';
import { type AuthHarness, bearer, createUser, loginToken, startAuthHarness } from './auth-harness.js';
import { backendsForFile } from './helpers.js';
import { DEVICE, householdChange, pull, push, VILLAGE_A, VILLAGE_B } from './sync-fixtures.js';

type Actor = 'memberA' | 'leadA' | 'commune' | 'memberB' | 'noVillages' | 'nobody';
type Village = 'A' | 'B';
const ACTORS: Actor[] = ['memberA', 'leadA', 'commune', 'memberB', 'noVillages', 'nobody'];
const VILLAGES: Record<Village, string> = { A: VILLAGE_A, B: VILLAGE_B };

/** What each actor may do, per village: the policy under test. */
const CAN: Record<
  Actor,
  {
    write: Village[];
    read: Village[];
    conflicts: Village[] | 'none';
    manage: Village[] | 'none';
    /** Villages where this actor is told of its own values that lost (GET /api/sync/lost). */
    lost: Village[];
  }
> = {
  memberA: { write: ['A'], read: ['A'], conflicts: 'none', manage: 'none', lost: [] },
  leadA: { write: ['A'], read: ['A'], conflicts: ['A'], manage: ['A'], lost: [] },
  commune: {
    write: ['A', 'B'],
    read: ['A', 'B'],
    conflicts: ['A', 'B'],
    manage: ['A', 'B'],
    lost: ['A', 'B'],
  },
  memberB: { write: ['B'], read: ['B'], conflicts: 'none', manage: 'none', lost: [] },
  noVillages: { write: [], read: [], conflicts: 'none', manage: 'none', lost: [] },
  nobody: { write: [], read: [], conflicts: 'none', manage: 'none', lost: [] },
};

const cells = ACTORS.flatMap((actor) =>
  (['A', 'B'] as Village[]).map((village) => [actor, village] as const),
);

describe.each(backendsForFile('scope-matrix.test.ts'))('the scope matrix on $kind', (backend) => {
  let h: AuthHarness;
  const tokens: Partial<Record<Actor, string>> = {};
  const households: Record<Village, string> = { A: '', B: '' };
  const conflictIds: Record<Village, number> = { A: 0, B: 0 };
  const memberIds: Record<Village, string> = { A: '', B: '' };
  const auth = (actor: Actor) => (actor === 'nobody' ? {} : bearer(tokens[actor] as string));
  const tokenOf = (actor: Actor) => tokens[actor] ?? 'no-token';

  beforeAll(async () => {
    h = await startAuthHarness(backend, 'scope_matrix');
    memberIds.A = (
      await createUser(h.db, { username: 'member-a', role: 'member', villageIds: [VILLAGE_A] })
    ).id;
    memberIds.B = (
      await createUser(h.db, { username: 'member-b', role: 'member', villageIds: [VILLAGE_B] })
    ).id;
    await createUser(h.db, { username: 'lead-a', role: 'lead', villageIds: [VILLAGE_A] });
    await createUser(h.db, { username: 'canbo', role: 'commune' });
    await createUser(h.db, { username: 'chua-co-thon', role: 'member', villageIds: [] });
    tokens.memberA = await loginToken(h.app, 'member-a');
    tokens.memberB = await loginToken(h.app, 'member-b');
    tokens.leadA = await loginToken(h.app, 'lead-a');
    tokens.commune = await loginToken(h.app, 'canbo');
    tokens.noVillages = await loginToken(h.app, 'chua-co-thon');
    for (const village of ['A', 'B'] as Village[]) {
      const household = householdChange(VILLAGES[village]);
      expect((await push(h.app, tokenOf('commune'), [household])).statusCode).toBe(200);
      households[village] = household.rowId;
      const { rows } = await h.db.query<{ id: number }>(
        `insert into conflicts (tbl, row_id, village_id, field, winner_value, winner_hlc, loser_value, loser_hlc)
         values ('households', $1, $2, 'label', '"a"', $3, '"b"', $3) returning id`,
        [household.rowId, VILLAGES[village], household.hlc],
      );
      // node-postgres returns a bigint as text.
      conflictIds[village] = Number(rows[0]?.id);
    }
  });
  afterAll(async () => {
    await h?.close();
  });

  it.each(cells)('%s pushing to village %s', async (actor, village) => {
    const res = await push(h.app, tokenOf(actor), [householdChange(VILLAGES[village])]);
    const expected = actor === 'nobody' ? 401 : CAN[actor].write.includes(village) ? 200 : 403;
    expect(res.statusCode).toBe(expected);
  });

  it.each(cells)('%s pulling sees village %s', async (actor, village) => {
    const res = await pull(h.app, tokenOf(actor), 0, 5000);
    if (actor === 'nobody') return expect(res.statusCode).toBe(401);
    expect(res.statusCode).toBe(200);
    const villages = new Set((res.json().rows as { g: string }[]).map((r) => r.g));
    expect(villages.has(VILLAGES[village])).toBe(CAN[actor].read.includes(village));
  });

  it.each(cells)('%s asking for a row of village %s by id', async (actor, village) => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/sync/rows',
      headers: { ...auth(actor), [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) },
      payload: { rows: [{ t: 'households', i: households[village] }] },
    });
    if (actor === 'nobody') return expect(res.statusCode).toBe(401);
    expect(res.statusCode).toBe(200);
    expect(res.json().rows.length).toBe(CAN[actor].read.includes(village) ? 1 : 0);
  });

  it.each(cells)('%s listing conflicts sees village %s', async (actor, village) => {
    const res = await h.app.inject({ method: 'GET', url: '/api/sync/conflicts', headers: auth(actor) });
    const rule = CAN[actor].conflicts;
    if (actor === 'nobody') return expect(res.statusCode).toBe(401);
    if (rule === 'none') return expect(res.statusCode).toBe(403);
    expect(res.statusCode).toBe(200);
    const ids = (res.json().conflicts as { id: number }[]).map((c) => c.id);
    expect(ids.includes(conflictIds[village])).toBe(rule.includes(village));
  });

  it.each(cells)('%s asking which of their values lost sees village %s', async (actor, village) => {
    // The matrix's conflicts lost values the commune officer's phone wrote (DEVICE): told to it alone.
    const res = await h.app.inject({
      method: 'GET',
      url: `/api/sync/lost?since=0&deviceId=${DEVICE}`,
      headers: { ...auth(actor), [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) },
    });
    if (actor === 'nobody') return expect(res.statusCode).toBe(401);
    expect(res.statusCode).toBe(200);
    const ids = (res.json().lost as { id: number }[]).map((c) => c.id);
    expect(ids.includes(conflictIds[village])).toBe(CAN[actor].lost.includes(village));
  });

  it.each(cells)('%s resolving a conflict of village %s with a bad answer', async (actor, village) => {
    // A malformed resolution changes nothing; what is checked is who is told the conflict exists.
    const res = await h.app.inject({
      method: 'POST',
      url: `/api/sync/conflicts/${conflictIds[village]}/resolve`,
      headers: auth(actor),
      payload: { resolution: 'không-hợp-lệ' },
    });
    const rule = CAN[actor].conflicts;
    const expected = actor === 'nobody' ? 401 : rule === 'none' ? 403 : 400;
    expect(res.statusCode).toBe(expected);
  });

  it.each(cells)('%s reading the account of a member of village %s', async (actor, village) => {
    const res = await h.app.inject({
      method: 'GET',
      url: `/api/admin/users/${memberIds[village]}`,
      headers: auth(actor),
    });
    const rule = CAN[actor].manage;
    const expected = actor === 'nobody' ? 401 : rule === 'none' ? 403 : rule.includes(village) ? 200 : 404;
    expect(res.statusCode).toBe(expected);
  });

  it.each(cells)('%s listing accounts sees the member of village %s', async (actor, village) => {
    const res = await h.app.inject({ method: 'GET', url: '/api/admin/users', headers: auth(actor) });
    const rule = CAN[actor].manage;
    if (actor === 'nobody') return expect(res.statusCode).toBe(401);
    if (rule === 'none') return expect(res.statusCode).toBe(403);
    const ids = (res.json().users as { id: string }[]).map((u) => u.id);
    expect(ids.includes(memberIds[village])).toBe(rule.includes(village));
  });

  it.each(ACTORS)('%s reading the audit log', async (actor) => {
    const res = await h.app.inject({ method: 'GET', url: '/api/admin/audit', headers: auth(actor) });
    expect(res.statusCode).toBe(actor === 'nobody' ? 401 : actor === 'commune' ? 200 : 403);
  });

  it.each(ACTORS)('%s creating a village', async (actor) => {
    const id = newId();
    const res = await push(h.app, tokenOf(actor), [
      {
        changeId: newId(),
        table: 'villages',
        rowId: id,
        villageId: id,
        fields: { name: `Thôn ${id.slice(0, 4)}`, createdAt: '2026-11-25T08:00:00.000Z' },
        hlc: householdChange(VILLAGE_A).hlc,
      },
    ]);
    expect(res.statusCode).toBe(actor === 'nobody' ? 401 : actor === 'commune' ? 200 : 403);
  });
});
