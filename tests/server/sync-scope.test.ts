/**
 * The scope matrix of DESIGN §4.8 on the sync endpoints: each role × own or other village × push and
 * pull, plus the tokens that must not sync at all (missing, expired, revoked). Enforced by the server
 * whatever the client sends.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../src/core/sync/protocol';
import { scopeKey } from '../../src/core/sync/scope';
import { type AuthHarness, bearer, createUser, loginToken, startAuthHarness } from './auth-harness.js';
import { backendsForFile } from './helpers.js';
import { householdChange, pull, push, VILLAGE_A, VILLAGE_B } from './sync-fixtures.js';

const DAY_MS = 86_400_000;

describe.each(backendsForFile('sync-scope.test.ts'))('sync scope on $kind', (backend) => {
  let h: AuthHarness;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    h = await startAuthHarness(backend, 'sync_scope');
    await createUser(h.db, { username: 'member-a', role: 'member', villageIds: [VILLAGE_A] });
    await createUser(h.db, { username: 'lead-a', role: 'lead', villageIds: [VILLAGE_A] });
    await createUser(h.db, { username: 'commune', role: 'commune' });
    await createUser(h.db, { username: 'writer-b', role: 'member', villageIds: [VILLAGE_B] });
    for (const u of ['member-a', 'lead-a', 'commune', 'writer-b']) tokens[u] = await loginToken(h.app, u);
    // One row in each village, so pulls have something to show or hide.
    expect((await push(h.app, tokens['member-a'] as string, [householdChange(VILLAGE_A)])).statusCode).toBe(
      200,
    );
    expect((await push(h.app, tokens['writer-b'] as string, [householdChange(VILLAGE_B)])).statusCode).toBe(
      200,
    );
  });
  afterAll(async () => {
    await h?.close();
  });

  const matrix: Array<[string, string, 'own' | 'other', number, boolean]> = [
    // role, user, village, push status, pull sees the village
    ['member', 'member-a', 'own', 200, true],
    ['member', 'member-a', 'other', 403, false],
    ['lead', 'lead-a', 'own', 200, true],
    ['lead', 'lead-a', 'other', 403, false],
    ['commune', 'commune', 'own', 200, true],
    ['commune', 'commune', 'other', 200, true],
  ];

  it.each(matrix)(
    '%s (%s) × %s village: push %i, pull sees it: %s',
    async (_role, user, which, status, sees) => {
      const village = which === 'own' ? VILLAGE_A : VILLAGE_B;
      const res = await push(h.app, tokens[user] as string, [householdChange(village)]);
      expect(res.statusCode).toBe(status);
      if (status !== 200) expect(res.json().error.code).toBe('village_forbidden');
      const rows: Array<{ g: string }> = (await pull(h.app, tokens[user] as string, 0, 5000)).json().rows;
      expect(rows.some((r) => r.g === village)).toBe(sees);
    },
  );

  it('only commune officers may create or edit villages', async () => {
    for (const user of ['member-a', 'lead-a']) {
      const res = await push(h.app, tokens[user] as string, [
        {
          ...householdChange(VILLAGE_A, { table: 'villages', rowId: VILLAGE_A }),
          fields: { name: 'Thôn A', code: 'A' },
        },
      ]);
      expect(res.statusCode).toBe(403);
    }
    const ok = await push(h.app, tokens.commune as string, [
      {
        ...householdChange(VILLAGE_A, { table: 'villages', rowId: VILLAGE_A }),
        fields: { name: 'Thôn A', code: 'A' },
      },
    ]);
    expect(ok.statusCode).toBe(200);
  });

  it('a revoked device can neither push nor pull', async () => {
    const token = await loginToken(h.app, 'member-a');
    const out = await h.app.inject({ method: 'POST', url: '/api/auth/logout', headers: bearer(token) });
    expect(out.statusCode).toBe(204);
    const pushed = await push(h.app, token, [householdChange(VILLAGE_A)]);
    expect([pushed.statusCode, pushed.json().error.code]).toEqual([401, 'device_revoked']);
    const pulled = await pull(h.app, token, 0);
    expect([pulled.statusCode, pulled.json().error.code]).toEqual([401, 'device_revoked']);
  });

  it('an expired token gets 401 token_expired on push and pull', async () => {
    const token = await loginToken(h.app, 'lead-a');
    h.clock.advance(31 * DAY_MS);
    try {
      const pushed = await push(h.app, token, [householdChange(VILLAGE_A)]);
      expect([pushed.statusCode, pushed.json().error.code]).toEqual([401, 'token_expired']);
      const pulled = await h.app.inject({
        method: 'GET',
        url: '/api/sync/pull?since=0',
        headers: { ...bearer(token), [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) },
      });
      expect([pulled.statusCode, pulled.json().error.code]).toEqual([401, 'token_expired']);
    } finally {
      h.clock.advance(-31 * DAY_MS);
    }
  });

  describe('a pull cursor belongs to the scope it was pulled under (issue 13, kind 2)', () => {
    async function setVillages(username: string, villageIds: string[]) {
      const list = await h.app.inject({
        method: 'GET',
        url: '/api/admin/users',
        headers: bearer(tokens.commune as string),
      });
      const user = (list.json().users as Array<{ id: string; username: string }>).find(
        (u) => u.username === username,
      );
      const res = await h.app.inject({
        method: 'PATCH',
        url: `/api/admin/users/${user?.id}`,
        headers: bearer(tokens.commune as string),
        payload: { villageIds },
      });
      expect(res.statusCode).toBe(200);
    }

    it('a village granted later: the old cursor is refused with the new scope, and a pull from 0 brings its older rows', async () => {
      await createUser(h.db, { username: 'grant-me', role: 'member', villageIds: [VILLAGE_A] });
      const token = await loginToken(h.app, 'grant-me');
      const first = (await pull(h.app, token, 0, 5000)).json();
      expect(first.rows.every((r: { g: string }) => r.g === VILLAGE_A)).toBe(true);
      expect(first.cursor).toBeGreaterThan(0);
      const bRows = (await pull(h.app, tokens.commune as string, 0, 5000))
        .json()
        .rows.filter((r: { g: string; s: number }) => r.g === VILLAGE_B && r.s <= first.cursor);
      expect(bRows.length).toBeGreaterThan(0);

      await setVillages('grant-me', [VILLAGE_A, VILLAGE_B]);
      const stale = await pull(h.app, token, first.cursor, 5000, first.scope);
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error).toMatchObject({
        code: 'scope_changed',
        villageIds: expect.arrayContaining([VILLAGE_A, VILLAGE_B]),
        role: 'member',
      });
      expect(stale.json().error.scope).not.toBe(first.scope);

      const fresh = (await pull(h.app, token, 0, 5000)).json();
      expect(fresh.scope).toBe(stale.json().error.scope);
      const got = new Set(fresh.rows.map((r: { i: string }) => r.i));
      for (const r of bRows) expect(got.has(r.i)).toBe(true);
      // The new cursor goes on under the new scope.
      expect((await pull(h.app, token, fresh.cursor, 5000, fresh.scope)).statusCode).toBe(200);
    });

    it('a village taken away: the old cursor is refused too, and nothing of it comes any more', async () => {
      await createUser(h.db, { username: 'lose-one', role: 'member', villageIds: [VILLAGE_A, VILLAGE_B] });
      const token = await loginToken(h.app, 'lose-one');
      const first = (await pull(h.app, token, 0, 5000)).json();
      await setVillages('lose-one', [VILLAGE_A]);
      const stale = await pull(h.app, token, first.cursor, 5000, first.scope);
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error.villageIds).toEqual([VILLAGE_A]);
      const fresh = (await pull(h.app, token, 0, 5000)).json();
      expect(fresh.rows.every((r: { g: string }) => r.g === VILLAGE_A)).toBe(true);
    });

    it('from the start too: a phone naming the scope it narrowed to learns of a village taken away since', async () => {
      await createUser(h.db, { username: 'lose-at-0', role: 'member', villageIds: [VILLAGE_A, VILLAGE_B] });
      const token = await loginToken(h.app, 'lose-at-0');
      const narrowedTo = scopeKey([VILLAGE_A, VILLAGE_B]);
      expect((await pull(h.app, token, 0, 5000, narrowedTo)).statusCode).toBe(200);
      await setVillages('lose-at-0', [VILLAGE_A]);
      const stale = await pull(h.app, token, 0, 5000, narrowedTo);
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error).toMatchObject({ code: 'scope_changed', villageIds: [VILLAGE_A] });
      const fresh = await pull(h.app, token, 0, 5000, scopeKey([VILLAGE_A]));
      expect(fresh.statusCode).toBe(200);
      expect(fresh.json().rows.every((r: { g: string }) => r.g === VILLAGE_A)).toBe(true);
      // Without a scope, since=0 is a fresh start and needs none.
      expect((await pull(h.app, token, 0, 5000)).statusCode).toBe(200);
    });

    it('a cursor sent without its scope, or under another account’s scope, is refused; the same villages in any order are one scope', async () => {
      const first = (await pull(h.app, tokens['member-a'] as string, 0, 5000)).json();
      expect((await pull(h.app, tokens['member-a'] as string, first.cursor, 5000)).statusCode).toBe(409);
      const commune = (await pull(h.app, tokens.commune as string, 0, 5000)).json();
      expect(commune.scope).toBe('all');
      expect((await pull(h.app, tokens['member-a'] as string, first.cursor, 5000, 'all')).statusCode).toBe(
        409,
      );
      expect(
        (await pull(h.app, tokens['lead-a'] as string, first.cursor, 5000, first.scope)).statusCode,
      ).toBe(200);
    });

    it('a malformed scope is a 400, not a 500', async () => {
      const res = await pull(h.app, tokens['member-a'] as string, 1, 10, 'x%27%3B--');
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('invalid_request');
    });
  });
});
