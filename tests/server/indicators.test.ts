/**
 * GET /api/indicators (issue 18, item 6): the server's figures come from the same core module as the
 * phone's, over what it stores, for the villages the caller may see. The village below is small
 * enough to count by hand; the expected numbers are those counts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/core/ids';
import { type AuthHarness, bearer, createUser, loginToken, startAuthHarness } from './auth-harness.js';
import { backendsForFile } from './helpers.js';
import { householdChange, push, residentChange, rowChange, VILLAGE_A, VILLAGE_B } from './sync-fixtures.js';

const CREATED = '2026-11-25T08:00:00.000Z';

describe.each(backendsForFile('indicators.test.ts'))('indicators on the server, $kind', (backend) => {
  let h: AuthHarness;
  const tokens: Record<string, string> = {};
  const token = (user: string) => tokens[user] as string;
  const ask = (user: string | undefined, query: string) =>
    h.app.inject({
      method: 'GET',
      url: `/api/indicators?${query}`,
      headers: user ? bearer(token(user)) : {},
    });

  beforeAll(async () => {
    h = await startAuthHarness(backend, 'indicators');
    await createUser(h.db, { username: 'member-a', role: 'member', villageIds: [VILLAGE_A] });
    await createUser(h.db, { username: 'member-b', role: 'member', villageIds: [VILLAGE_B] });
    await createUser(h.db, { username: 'canbo', role: 'commune' });
    for (const u of ['member-a', 'member-b', 'canbo']) tokens[u] = await loginToken(h.app, u);

    const village = (id: string, name: string, official?: Record<string, unknown>) =>
      rowChange(
        'villages',
        id,
        { name, code: name.slice(-2), createdAt: CREATED, ...(official ? { official } : {}) },
        { rowId: id },
      );
    const official = { residents16Plus: 6, adults18Plus: 5, source: 'Công an xã', asOf: '2026-06-30' };
    expect(
      (
        await push(h.app, token('canbo'), [
          village(VILLAGE_A, 'Thôn A1', official),
          village(VILLAGE_B, 'Thôn B2'),
        ])
      ).statusCode,
    ).toBe(200);

    // One household of village A: a man of 36 with level 2, a girl turning 16 sent to the police, a
    // woman of 76 with nothing yet, and a man who moved out on 1 October (he counts nowhere in Q4).
    const house = householdChange(VILLAGE_A);
    const man = residentChange(VILLAGE_A, house.rowId, { name: 'Nông Văn Tâm', birthYear: 1990 });
    const girl = residentChange(VILLAGE_A, house.rowId, { name: 'Nông Thị Mai', birthYear: 2010 });
    const grandma = residentChange(VILLAGE_A, house.rowId, { name: 'Hoàng Thị Lan', birthYear: 1950 });
    const gone = residentChange(VILLAGE_A, house.rowId, {
      name: 'Nông Văn Hải',
      birthYear: 1980,
      status: 'moved_out',
      statusOn: '2026-10-01',
    });
    const step = (residentId: string, kind: string, status: string) =>
      rowChange('assists', VILLAGE_A, {
        residentId,
        householdId: house.rowId,
        kind,
        status,
        howKnown: 'observed',
        on: '2026-11-25',
        by: 'Lục Thị Hoa',
        createdAt: CREATED,
      });
    const visit = rowChange('visits', VILLAGE_A, {
      householdId: house.rowId,
      visitedAt: '2026-11-25T09:30:00.000+07:00',
      members: ['Lục Thị Hoa'],
      outcome: 'met',
      residentIds: [man.rowId],
      topics: ['vneid_level2_active'],
      createdAt: CREATED,
    });
    // Village B's one household, never visited: it must not reach village A's figures. A second one
    // moved out and then had its day cleared (the server keeps that as null): it counts nowhere, on
    // the server as on the phone.
    const other = householdChange(VILLAGE_B);
    const leftB = householdChange(VILLAGE_B);
    leftB.fields = { ...leftB.fields, status: 'moved_out', statusOn: '2026-11-30' };
    const dayCleared = rowChange('households', VILLAGE_B, { statusOn: null }, { rowId: leftB.rowId });
    const res = await push(h.app, token('canbo'), [
      house,
      man,
      girl,
      grandma,
      gone,
      step(man.rowId, 'vneid_level2_active', 'done'),
      step(girl.rowId, 'vneid_level2_referred', 'referred'),
      visit,
      other,
      residentChange(VILLAGE_B, other.rowId, { birthYear: 1970 }),
      leftB,
    ]);
    expect((await push(h.app, token('canbo'), [dayCleared])).statusCode).toBe(200);
    expect(res.statusCode).toBe(200);
    expect(res.json().rejected ?? []).toEqual([]);
  });
  afterAll(async () => {
    await h?.close();
  });

  it("gives a member her village's figures, counted as by hand", async () => {
    const res = await ask('member-a', 'period=2026-Q4');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(Object.keys(body.villages)).toEqual([VILLAGE_A]);
    const a = body.villages[VILLAGE_A];
    // 16+: the man, the girl, the grandmother (the man who moved out left before the quarter ended).
    expect(a.targets.id).toMatchObject({
      count: 1,
      denominator: { register: 3, official: { count: 6, sources: ['Công an xã'], asOf: '2026-06-30' } },
      basis: 'official',
      gap: 5,
    });
    // Adults 18+: the man and the grandmother; nobody has the basic skills yet. 100% of 5 official.
    expect(a.targets.c).toMatchObject({ count: 0, denominator: { register: 2 }, basis: 'official', gap: 5 });
    expect(a.funnel).toMatchObject({ population: 3, notStarted: 1, stuck: 0 });
    expect(a.funnel.atStep).toMatchObject({ vneid_level2_referred: 1, vneid_level2_active: 1 });
    expect(a.households).toMatchObject({ total: 1, visitedEver: 1, visitedInPeriod: 1, neverVisited: 0 });
    expect(a.register).toMatchObject({ present: 3, movedOut: 1, households: 1 });
    expect(body.total.targets.id.count).toBe(1);
  });

  it('gives the commune officer every village and their total', async () => {
    const res = await ask('canbo', 'period=2026');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(Object.keys(body.villages).sort()).toEqual([VILLAGE_A, VILLAGE_B].sort());
    expect(body.villages[VILLAGE_B].households).toMatchObject({ total: 1, neverVisited: 1 });
    // Village B has no official count, so the commune's denominator is the register's alone.
    expect(body.total.targets.id).toMatchObject({
      count: 1,
      denominator: { register: 4 },
      basis: 'register',
    });
    expect(body.total.targets.id.denominator.official).toBeUndefined();
  });

  it('refuses a village the caller may not see, a bad period and a stranger, with structured errors', async () => {
    const hidden = await ask('member-b', `period=2026-Q4&villageIds=${VILLAGE_A}`);
    expect(hidden.statusCode).toBe(403);
    expect(hidden.json().error.code).toBe('forbidden');
    for (const query of [
      'period=2026-Q5',
      'period=',
      'period=9999',
      'period=9999-Q4',
      'period=0000',
      'period=2026&villageIds=not-a-uuid',
      'period=2026&x=1',
    ]) {
      const bad = await ask('canbo', query);
      expect(bad.statusCode, query).toBe(400);
      expect(bad.json().error.code, query).toBe('invalid_request');
    }
    expect((await ask(undefined, 'period=2026')).statusCode).toBe(401);
    expect((await ask('canbo', `period=2026&villageIds=${newId()}`)).statusCode).toBe(200);
  });

  it('refuses a household merged into itself, and stores nothing of it', async () => {
    const house = householdChange(VILLAGE_A);
    const res = await push(h.app, token('canbo'), [
      {
        ...house,
        fields: { ...house.fields, status: 'merged', statusOn: '2026-11-30', mergedInto: house.rowId },
      },
    ]);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_changes');
    expect(JSON.stringify(res.json())).toContain('mergedInto');
    const after = (await ask('canbo', 'period=2026')).json();
    expect(after.villages[VILLAGE_A].register.households).toBe(1);
  });
});
