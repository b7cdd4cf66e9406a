import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/core/ids';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../src/core/sync/protocol';
import { type AuthHarness, bearer, createUser, loginToken, startAuthHarness } from './auth-harness.js';
import { backendsForFile } from './helpers.js';
import { householdChange, pull, push, stamp, storedCounts, VILLAGE_A, VILLAGE_B } from './sync-fixtures.js';

describe.each(backendsForFile('sync.test.ts'))('sync API on $kind', (backend) => {
  let h: AuthHarness;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    h = await startAuthHarness(backend, 'sync');
    await createUser(h.db, { username: 'member-a', role: 'member', villageIds: [VILLAGE_A] });
    await createUser(h.db, { username: 'member-a2', role: 'member', villageIds: [VILLAGE_A] });
    await createUser(h.db, { username: 'lead-a', role: 'lead', villageIds: [VILLAGE_A] });
    await createUser(h.db, { username: 'member-b', role: 'member', villageIds: [VILLAGE_B] });
    await createUser(h.db, { username: 'commune', role: 'commune' });
    for (const u of ['member-a', 'member-a2', 'lead-a', 'member-b', 'commune'])
      tokens[u] = await loginToken(h.app, u);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('push is idempotent per change id: the second push answers duplicate and stores nothing more', async () => {
    const change = householdChange(VILLAGE_A);
    const first = await push(h.app, tokens['member-a'] as string, [change]);
    expect(first.statusCode).toBe(200);
    expect(first.json().results).toEqual([{ changeId: change.changeId, status: 'applied' }]);
    const before = await storedCounts(h);
    const again = await push(h.app, tokens['member-a'] as string, [change, change]);
    expect(again.json().results).toEqual([
      { changeId: change.changeId, status: 'duplicate' },
      { changeId: change.changeId, status: 'duplicate' },
    ]);
    expect(await storedCounts(h)).toEqual(before);
  });

  it('two members editing different fields of one household both keep their edits', async () => {
    const create = householdChange(VILLAGE_A);
    await push(h.app, tokens['member-a'] as string, [create]);
    const base = { label: create.hlc, membersCount: create.hlc };
    await push(h.app, tokens['member-a'] as string, [
      {
        ...householdChange(VILLAGE_A, { rowId: create.rowId }),
        fields: { label: 'Nông Văn Tâm (trưởng thôn)' },
        base: { label: base.label },
      },
    ]);
    await push(h.app, tokens['member-a2'] as string, [
      {
        ...householdChange(VILLAGE_A, { rowId: create.rowId }),
        fields: { membersCount: 6 },
        base: { membersCount: base.membersCount },
      },
    ]);
    const page = (await pull(h.app, tokens['member-a2'] as string, 0, 5000)).json();
    const row = page.rows.find((r: { i: string }) => r.i === create.rowId);
    expect(row.d).toMatchObject({ label: 'Nông Văn Tâm (trưởng thôn)', membersCount: 6, poor: false });
  });

  it('a concurrent edit of the same field keeps the losing value in the conflict log, visible to the lead', async () => {
    const create = householdChange(VILLAGE_A);
    await push(h.app, tokens['member-a'] as string, [create]);
    const early = {
      ...householdChange(VILLAGE_A, { rowId: create.rowId }),
      fields: { label: 'Tên A' },
      hlc: stamp('aaaaaaaaaaaaaaaa', -1000),
      base: { label: create.hlc },
    };
    const late = {
      ...householdChange(VILLAGE_A, { rowId: create.rowId }),
      fields: { label: 'Tên B' },
      hlc: stamp('bbbbbbbbbbbbbbbb'),
      base: { label: create.hlc },
    };
    await push(h.app, tokens['member-a2'] as string, [late]);
    await push(h.app, tokens['member-a'] as string, [early]);
    const list = await h.app.inject({
      method: 'GET',
      url: '/api/sync/conflicts',
      headers: bearer(tokens['lead-a'] as string),
    });
    expect(list.statusCode).toBe(200);
    const entry = list.json().conflicts.find((c: { rowId: string }) => c.rowId === create.rowId);
    expect(entry).toMatchObject({
      field: 'label',
      winnerValue: 'Tên B',
      loserValue: 'Tên A',
      privacy: false,
    });
    const member = await h.app.inject({
      method: 'GET',
      url: '/api/sync/conflicts',
      headers: bearer(tokens['member-a'] as string),
    });
    expect(member.statusCode).toBe(403);
    const resolved = await h.app.inject({
      method: 'POST',
      url: `/api/sync/conflicts/${entry.id}/resolve`,
      headers: bearer(tokens['lead-a'] as string),
      payload: { resolution: 'kept' },
    });
    expect(resolved.statusCode).toBe(200);

    // Resolved once (issue 14, kind 10): the same answer again is a harmless retry; another is refused.
    const resolve = (user: string, resolution: string, id: number | string = entry.id) =>
      h.app.inject({
        method: 'POST',
        url: `/api/sync/conflicts/${id}/resolve`,
        headers: bearer(tokens[user] as string),
        payload: { resolution },
      });
    expect((await resolve('lead-a', 'kept')).statusCode).toBe(200);
    const twice = await resolve('commune', 'restored');
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error).toMatchObject({ code: 'already_resolved', resolution: 'kept' });
    // Another village's conflict looks like no conflict at all: no way to probe which ids exist.
    await createUser(h.db, { username: 'lead-b', role: 'lead', villageIds: [VILLAGE_B] });
    tokens['lead-b'] = await loginToken(h.app, 'lead-b');
    const foreign = await resolve('lead-b', 'kept');
    const missing = await resolve('lead-b', 'kept', 987_654_321);
    expect([foreign.statusCode, foreign.json().error.code]).toEqual([404, 'not_found']);
    expect([missing.statusCode, missing.json().error.code]).toEqual([404, 'not_found']);
  });

  it('pull pages by sequence number with a cursor that resumes exactly after the last row', async () => {
    const batch = Array.from({ length: 7 }, () => householdChange(VILLAGE_B));
    await push(h.app, tokens['member-b'] as string, batch);
    const seen: string[] = [];
    let since = 0;
    let scope: string | undefined;
    let pages = 0;
    for (;;) {
      const page = (await pull(h.app, tokens['member-b'] as string, since, 3, scope)).json();
      scope = page.scope;
      pages++;
      seen.push(...page.rows.map((r: { i: string }) => r.i));
      expect(page.rows.every((r: { s: number }) => r.s > since)).toBe(true);
      since = page.cursor;
      if (!page.hasMore) break;
      expect(page.remaining).toBeGreaterThan(0);
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(batch.map((c) => c.rowId));
  });

  it('a puller running while several phones push concurrently sees every row, never skipping one', async () => {
    const pushers = ['member-a', 'member-a2', 'lead-a', 'commune'];
    const created: string[] = [];
    const seen = new Set<string>();
    const first = (await pull(h.app, tokens['lead-a'] as string, 0, 5000)).json();
    let since = first.cursor as number;
    const scope = first.scope as string;
    let done = false;
    const puller = (async () => {
      while (
        !done ||
        since < (await pull(h.app, tokens['lead-a'] as string, since, 5000, scope)).json().cursor
      ) {
        const page = (await pull(h.app, tokens['lead-a'] as string, since, 7, scope)).json();
        for (const r of page.rows) {
          expect(r.s).toBeGreaterThan(since);
          seen.add(r.i);
        }
        since = page.cursor;
        // Let the pushers' requests in between pulls, as a phone polling would.
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    })();
    await Promise.all(
      pushers.map(async (user) => {
        for (let round = 0; round < 5; round++) {
          const batch = Array.from({ length: 10 }, () => householdChange(VILLAGE_A));
          created.push(...batch.map((c) => c.rowId));
          const res = await push(h.app, tokens[user] as string, batch);
          expect(res.statusCode).toBe(200);
        }
      }),
    );
    done = true;
    await puller;
    for (const id of created) expect(seen.has(id)).toBe(true);
  });

  it('pull never shows another village, and the commune sees every village', async () => {
    const bRows = (await pull(h.app, tokens['member-b'] as string, 0, 5000)).json().rows;
    expect(bRows.length).toBeGreaterThan(0);
    expect(bRows.every((r: { g: string }) => r.g === VILLAGE_B)).toBe(true);
    const all = (await pull(h.app, tokens.commune as string, 0, 5000)).json().rows;
    expect(new Set(all.map((r: { g: string }) => r.g))).toEqual(new Set([VILLAGE_A, VILLAGE_B]));
  });

  it('a deletion is pulled as a tombstone and audited', async () => {
    const create = householdChange(VILLAGE_B);
    await push(h.app, tokens['member-b'] as string, [create]);
    await push(h.app, tokens['member-b'] as string, [
      {
        ...householdChange(VILLAGE_B, { rowId: create.rowId }),
        fields: { deletedAt: '2026-11-25T10:00:00.000Z' },
        base: { deletedAt: null },
      },
    ]);
    const row = (await pull(h.app, tokens['member-b'] as string, 0, 5000))
      .json()
      .rows.find((r: { i: string }) => r.i === create.rowId);
    expect(row.d.deletedAt).toBe('2026-11-25T10:00:00.000Z');
    const { rows } = await h.db.query<{ n: number }>(
      `select count(*)::int as n from audit_log where action = 'record.delete' and detail->>'rowId' = $1`,
      [create.rowId],
    );
    expect(rows[0]?.n).toBe(1);
  });

  it('privacy wins a merge: a phone number pushed after consent was withdrawn is cleared and logged', async () => {
    const rowId = newId();
    const consent = {
      purposes: ['skills_support', 'phone_contact'],
      collectedBy: 'A',
      collectedAt: '2026-11-25T08:00:00.000Z',
    };
    const create = {
      ...householdChange(VILLAGE_A, { table: 'residents', rowId }),
      fields: {
        householdId: newId(),
        name: 'Hà Thị Lan',
        birthYear: 1950,
        groups: [],
        consent,
        createdAt: '2026-11-25T08:00:00.000Z',
      },
    };
    await push(h.app, tokens['member-a'] as string, [create]);
    await push(h.app, tokens['member-a'] as string, [
      {
        ...householdChange(VILLAGE_A, { table: 'residents', rowId }),
        fields: { consent: null },
        base: { consent: create.hlc },
      },
    ]);
    await push(h.app, tokens['member-a2'] as string, [
      {
        ...householdChange(VILLAGE_A, { table: 'residents', rowId }),
        fields: { phone: '0912345678' },
        base: { phone: null },
      },
    ]);
    const row = (await pull(h.app, tokens['lead-a'] as string, 0, 5000))
      .json()
      .rows.find((r: { i: string }) => r.i === rowId);
    expect(row.d.phone).toBeNull();
    const list = (
      await h.app.inject({
        method: 'GET',
        url: '/api/sync/conflicts',
        headers: bearer(tokens['lead-a'] as string),
      })
    ).json();
    expect(list.conflicts.find((c: { rowId: string }) => c.rowId === rowId)).toMatchObject({
      field: 'phone',
      privacy: true,
      loserValue: '0912345678',
    });
  });

  describe('bad input is refused with a clear 4xx and stores nothing', () => {
    const cases: Array<
      [string, () => Promise<{ statusCode: number; json(): { error: { code: string } } }>, number, string]
    > = [
      [
        'another village',
        () => push(h.app, tokens['member-a'] as string, [householdChange(VILLAGE_B)]),
        403,
        'village_forbidden',
      ],
      [
        'a member writing a village',
        () =>
          push(h.app, tokens['member-a'] as string, [
            {
              ...householdChange(VILLAGE_A, { table: 'villages', rowId: VILLAGE_A }),
              fields: { name: 'X', code: 'X' },
            },
          ]),
        403,
        'village_forbidden',
      ],
      [
        'unknown field',
        () =>
          push(h.app, tokens['member-a'] as string, [
            householdChange(VILLAGE_A, { fields: { label: 'A', colour: 'red' } }),
          ]),
        400,
        'invalid_changes',
      ],
      [
        'wrong type',
        () =>
          push(h.app, tokens['member-a'] as string, [
            householdChange(VILLAGE_A, { fields: { membersCount: 'bốn' } }),
          ]),
        400,
        'invalid_changes',
      ],
      [
        'ID number in notes',
        () =>
          push(h.app, tokens['member-a'] as string, [
            householdChange(VILLAGE_A, { fields: { notes: 'CCCD 001203004567' } }),
          ]),
        400,
        'invalid_changes',
      ],
      [
        'unknown table',
        () =>
          push(h.app, tokens['member-a'] as string, [{ ...householdChange(VILLAGE_A), table: 'passwords' }]),
        400,
        'invalid_request',
      ],
      [
        'timestamp far in the future',
        () =>
          push(h.app, tokens['member-a'] as string, [
            householdChange(VILLAGE_A, { hlc: stamp(undefined, 365 * 86_400_000) }),
          ]),
        422,
        'clock_ahead',
      ],
      [
        'more than 500 changes',
        () =>
          push(
            h.app,
            tokens['member-a'] as string,
            Array.from({ length: 501 }, () => householdChange(VILLAGE_A)),
          ),
        400,
        'invalid_request',
      ],
      [
        'missing token',
        () =>
          h.app.inject({
            method: 'POST',
            url: '/api/sync/push',
            headers: { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) },
            payload: { deviceId: 'aaaaaaaaaaaaaaaa', changes: [householdChange(VILLAGE_A)] },
          }),
        401,
        'auth_required',
      ],
      [
        'malformed JSON',
        () =>
          h.app.inject({
            method: 'POST',
            url: '/api/sync/push',
            headers: {
              ...bearer(tokens['member-a'] as string),
              [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
              'content-type': 'application/json',
            },
            payload: '{"changes": [',
          }),
        400,
        'bad_json',
      ],
      [
        'an old app without protocol version',
        () =>
          h.app.inject({
            method: 'POST',
            url: '/api/sync/push',
            headers: bearer(tokens['member-a'] as string),
            payload: { deviceId: 'aaaaaaaaaaaaaaaa', changes: [householdChange(VILLAGE_A)] },
          }),
        426,
        'client_too_old',
      ],
      [
        'a protocol v1 app, which cannot read the field-work tables',
        () =>
          h.app.inject({
            method: 'POST',
            url: '/api/sync/push',
            headers: { ...bearer(tokens['member-a'] as string), [PROTOCOL_HEADER]: '1' },
            payload: { deviceId: 'aaaaaaaaaaaaaaaa', changes: [householdChange(VILLAGE_A)] },
          }),
        426,
        'client_too_old',
      ],
    ];
    it.each(cases)('%s', async (_name, send, status, code) => {
      const before = await storedCounts(h);
      const res = await send();
      expect(res.statusCode).toBe(status);
      expect(res.json().error.code).toBe(code);
      expect(await storedCounts(h)).toEqual(before);
    });

    it('a batch with one bad change stores none of the good ones, and names the bad one', async () => {
      const before = await storedCounts(h);
      const good = householdChange(VILLAGE_A);
      const bad = householdChange(VILLAGE_A, { fields: { label: null } });
      const res = await push(h.app, tokens['member-a'] as string, [good, bad]);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details).toEqual([
        expect.objectContaining({ changeId: bad.changeId, code: 'cannot_clear', field: 'label' }),
      ]);
      expect(await storedCounts(h)).toEqual(before);
    });

    it('an oversized body is refused with 413', async () => {
      const huge = householdChange(VILLAGE_A, { fields: { notes: 'x'.repeat(6 * 1024 * 1024) } });
      const res = await push(h.app, tokens['member-a'] as string, [huge]);
      expect(res.statusCode).toBe(413);
      expect(res.json().error.code).toBe('payload_too_large');
    });
  });
});
