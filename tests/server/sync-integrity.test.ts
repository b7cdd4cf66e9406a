/**
 * Integrity at the sync boundary (issue 13): ids compared in one canonical form, rows never joined
 * across villages, and no pushed timestamp able to make the server fail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change } from '../../src/core/changes';
import { formatHlc, MAX_COUNTER } from '../../src/core/hlc';
import { attendanceId, newId } from '../../src/core/ids';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../src/core/sync/protocol';
import { type AuthHarness, bearer, createUser, login, loginToken, startAuthHarness } from './auth-harness.js';
import { backendsForFile } from './helpers.js';
import {
  DEVICE,
  fieldWork,
  householdChange,
  pull,
  push,
  residentChange,
  rowChange,
  stamp,
  storedCounts,
  VILLAGE_A,
  VILLAGE_B,
} from './sync-fixtures.js';

interface PulledRow {
  t: string;
  i: string;
  g: string;
  d: Record<string, unknown>;
}

const upper = (id: string) => id.toUpperCase();

describe.each(backendsForFile('sync-integrity.test.ts'))('sync integrity on $kind', (backend) => {
  let h: AuthHarness;
  const tokens: Record<string, string> = {};
  const token = (user: string) => tokens[user] as string;

  async function pulled(user: string, id: string): Promise<PulledRow | undefined> {
    const res = await pull(h.app, token(user), 0, 5000);
    expect(res.statusCode).toBe(200);
    return (res.json().rows as PulledRow[]).find((r) => r.i === id);
  }

  async function conflictCount(): Promise<number> {
    const { rows } = await h.db.query<{ n: number }>('select count(*)::int as n from conflicts');
    return rows[0]?.n ?? 0;
  }

  beforeAll(async () => {
    h = await startAuthHarness(backend, 'sync_integrity');
    await createUser(h.db, { username: 'member-a', role: 'member', villageIds: [VILLAGE_A] });
    await createUser(h.db, { username: 'member-b', role: 'member', villageIds: [VILLAGE_B] });
    await createUser(h.db, { username: 'commune', role: 'commune' });
    for (const u of ['member-a', 'member-b', 'commune']) tokens[u] = await loginToken(h.app, u);
  });
  afterAll(async () => {
    await h?.close();
  });

  describe('ids are compared in one canonical form', () => {
    it("refuses a member of village B writing village A's household under its upper-case id, and changes nothing", async () => {
      const create = householdChange(VILLAGE_A, {
        fields: { ...householdChange(VILLAGE_A).fields, notes: 'x' },
      });
      expect((await push(h.app, token('member-a'), [create])).statusCode).toBe(200);
      const before = await storedCounts(h);
      const conflictsBefore = await conflictCount();
      const attack = householdChange(VILLAGE_B, {
        rowId: upper(create.rowId),
        fields: { notes: 'ghi đè' },
        base: { notes: null },
      });
      const res = await push(h.app, token('member-b'), [attack]);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('invalid_changes');
      expect(res.json().error.details).toEqual([
        expect.objectContaining({ changeId: attack.changeId, code: 'village_mismatch', field: 'villageId' }),
      ]);
      expect(await storedCounts(h)).toEqual(before);
      expect(await conflictCount()).toBe(conflictsBefore);
      const row = await pulled('member-a', create.rowId);
      expect(row?.d).toMatchObject({ label: 'Nông Văn Tâm', membersCount: 4, poor: false, notes: 'x' });
    });

    it('merges an upper-case row id into the same row, field by field, instead of wiping the others', async () => {
      const create = householdChange(VILLAGE_A);
      await push(h.app, token('member-a'), [create]);
      const edit = householdChange(VILLAGE_A, {
        rowId: upper(create.rowId),
        villageId: upper(VILLAGE_A),
        fields: { notes: 'Nhà có người già' },
        base: { notes: null },
      });
      expect((await push(h.app, token('member-a'), [edit])).json().results[0].status).toBe('applied');
      const row = await pulled('member-a', create.rowId);
      expect(row?.d).toMatchObject({ label: 'Nông Văn Tâm', membersCount: 4, notes: 'Nhà có người già' });
      expect(row?.g).toBe(VILLAGE_A);
    });

    it('answers a retried upper-case change id as a duplicate, not a 500', async () => {
      const change = householdChange(VILLAGE_A, { changeId: upper(newId()) });
      const first = await push(h.app, token('member-a'), [change]);
      expect(first.statusCode).toBe(200);
      expect(first.json().results).toEqual([{ changeId: change.changeId.toLowerCase(), status: 'applied' }]);
      const before = await storedCounts(h);
      for (const retry of [change, { ...change, changeId: change.changeId.toLowerCase() }]) {
        const again = await push(h.app, token('member-a'), [retry]);
        expect(again.statusCode).toBe(200);
        expect(again.json().results[0].status).toBe('duplicate');
      }
      expect(await storedCounts(h)).toEqual(before);
    });

    it('treats one change id sent in two cases within a batch as one change', async () => {
      const change = householdChange(VILLAGE_A);
      const res = await push(h.app, token('member-a'), [
        change,
        { ...change, changeId: upper(change.changeId) },
      ]);
      expect(res.json().results.map((r: { status: string }) => r.status)).toEqual(['applied', 'duplicate']);
    });

    it('stores ids inside fields in lower case, so a teammate’s phone finds the household', async () => {
      const household = householdChange(VILLAGE_A);
      const resident = residentChange(VILLAGE_A, upper(household.rowId));
      const residentId = resident.rowId;
      const visit = rowChange(
        'visits',
        VILLAGE_A,
        fieldWork.visit(upper(household.rowId), upper(residentId)),
      );
      expect((await push(h.app, token('member-a'), [household, resident, visit])).statusCode).toBe(200);
      const row = await pulled('member-a', visit.rowId);
      expect(row?.d.householdId).toBe(household.rowId);
      expect(row?.d.residentIds).toEqual([residentId]);
    });

    it('admin routes take an upper-case user id as the same user', async () => {
      const list = await h.app.inject({
        method: 'GET',
        url: '/api/admin/users',
        headers: bearer(token('commune')),
      });
      const member = (list.json().users as Array<{ id: string; username: string }>).find(
        (u) => u.username === 'member-a',
      );
      const res = await h.app.inject({
        method: 'GET',
        url: `/api/admin/users/${upper(member?.id ?? '')}`,
        headers: bearer(token('commune')),
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().id).toBe(member?.id);
      const devices = await h.app.inject({
        method: 'GET',
        url: `/api/admin/users/${upper(member?.id ?? '')}/devices`,
        headers: bearer(token('commune')),
      });
      expect(devices.statusCode).toBe(200);
    });
  });

  describe('a row never points into another village', () => {
    async function householdOf(villageId: string, user: string): Promise<Change> {
      const h1 = householdChange(villageId);
      expect((await push(h.app, token(user), [h1])).statusCode).toBe(200);
      return h1;
    }

    it.each([
      ['a resident of a household of village A', 'residents'],
      ['a visit to a household of village A', 'visits'],
    ] as const)('refuses %s pushed as village B', async (_name, table) => {
      const household = await householdOf(VILLAGE_A, 'member-a');
      const fields =
        table === 'residents'
          ? {
              householdId: household.rowId,
              name: 'Bà cụ',
              birthYear: 1950,
              groups: [],
              createdAt: household.fields.createdAt as string,
            }
          : fieldWork.visit(household.rowId, newId());
      const before = await storedCounts(h);
      const res = await push(h.app, token('member-b'), [rowChange(table, VILLAGE_B, fields)]);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details[0]).toMatchObject({ code: 'village_mismatch', field: 'householdId' });
      expect(await storedCounts(h)).toEqual(before);
    });

    it('refuses an assist or an attendance naming a resident or class of another village', async () => {
      const householdA = householdChange(VILLAGE_A);
      const residentA = residentChange(VILLAGE_A, householdA.rowId, { name: 'Lò Văn Pằng', birthYear: 1970 });
      const classA = rowChange('classes', VILLAGE_A, fieldWork.classSession());
      await push(h.app, token('member-a'), [householdA, residentA, classA]);
      const householdB = householdChange(VILLAGE_B);
      await push(h.app, token('member-b'), [householdB]);
      const { visitId: _none, ...assistFields } = fieldWork.assist(
        householdB.rowId,
        residentA.rowId,
        newId(),
      );
      const assist = rowChange('assists', VILLAGE_B, assistFields);
      const classB = rowChange('classes', VILLAGE_B, fieldWork.classSession());
      const attendance = rowChange(
        'attendance',
        VILLAGE_B,
        fieldWork.attendance(classB.rowId, residentA.rowId),
        {
          rowId: attendanceId(classB.rowId, residentA.rowId),
        },
      );
      const before = await storedCounts(h);
      const res = await push(h.app, token('member-b'), [classB, assist, attendance]);
      expect(res.statusCode).toBe(400);
      expect(
        res.json().error.details.map((d: { changeId: string; field: string }) => [d.changeId, d.field]),
      ).toEqual([
        [assist.changeId, 'residentId'],
        [attendance.changeId, 'residentId'],
      ]);
      expect(await storedCounts(h)).toEqual(before);
    });

    it('accepts a new household and its resident in one push; refuses a pointer to a row the server does not have (it could be created later in another village)', async () => {
      const household = householdChange(VILLAGE_A);
      const resident = residentChange(VILLAGE_A, household.rowId);
      expect((await push(h.app, token('member-a'), [household, resident])).statusCode).toBe(200);
      const later = newId();
      const before = await storedCounts(h);
      const orphan = residentChange(VILLAGE_A, later, { name: 'Lò Văn Pằng', birthYear: 1970 });
      const res = await push(h.app, token('member-a'), [orphan]);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details[0]).toMatchObject({ code: 'unknown_reference', field: 'householdId' });
      expect(await storedCounts(h)).toEqual(before);
      // Village B cannot then create that household under the resident of village A.
      expect(
        (await push(h.app, token('member-b'), [householdChange(VILLAGE_B, { rowId: later })])).statusCode,
      ).toBe(200);
      expect((await push(h.app, token('member-a'), [orphan])).json().error.details[0]).toMatchObject({
        code: 'village_mismatch',
        field: 'householdId',
      });
      // Every pointer field of every table is checked, arrays too.
      const visit = rowChange('visits', VILLAGE_A, fieldWork.visit(household.rowId, newId()));
      const visitRes = await push(h.app, token('member-a'), [visit]);
      expect(visitRes.json().error.details[0]).toMatchObject({
        code: 'unknown_reference',
        field: 'residentIds',
      });
    });

    it('refuses an attendance whose id is not the one derived from its class and resident', async () => {
      const classA = rowChange('classes', VILLAGE_A, fieldWork.classSession());
      const household = householdChange(VILLAGE_A);
      const resident = residentChange(VILLAGE_A, household.rowId);
      const residentId = resident.rowId;
      await push(h.app, token('member-a'), [classA, household, resident]);
      const wrong = rowChange('attendance', VILLAGE_A, fieldWork.attendance(classA.rowId, residentId), {
        rowId: newId(),
      });
      const res = await push(h.app, token('member-a'), [wrong]);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details[0]).toMatchObject({ code: 'invalid_value', field: 'rowId' });
      const right = rowChange(
        'attendance',
        VILLAGE_A,
        fieldWork.attendance(upper(classA.rowId), upper(residentId)),
        { rowId: upper(attendanceId(classA.rowId, residentId)) },
      );
      expect((await push(h.app, token('member-a'), [right])).statusCode).toBe(200);
    });
  });

  describe('no pushed timestamp makes the server fail', () => {
    it('accepts a change with counter 99,999 a minute ahead, and every later push still works', async () => {
      const ahead = formatHlc({ wall: Date.now() + 60_000, counter: MAX_COUNTER, node: DEVICE });
      const first = await push(h.app, token('member-a'), [householdChange(VILLAGE_A, { hlc: ahead })]);
      expect(first.statusCode).toBe(200);
      const ahead2 = formatHlc({ wall: Date.now() + 60_000, counter: MAX_COUNTER, node: 'bbbbbbbbbbbbbbbb' });
      const second = await push(h.app, token('member-b'), [householdChange(VILLAGE_B, { hlc: ahead2 })]);
      expect(second.statusCode).toBe(200);
      const third = await push(h.app, token('member-a'), [householdChange(VILLAGE_A, { hlc: stamp() })]);
      expect(third.statusCode).toBe(200);
    });

    it('a privacy clear after a counter-99,999 stamp still wins over it', async () => {
      const ahead = formatHlc({ wall: Date.now() + 60_000, counter: MAX_COUNTER, node: DEVICE });
      const household = householdChange(VILLAGE_A, {
        hlc: ahead,
        fields: { ...householdChange(VILLAGE_A).fields, ethnicMinority: true },
      });
      const res = await push(h.app, token('member-a'), [household]);
      expect(res.statusCode).toBe(200);
      const row = await pulled('member-a', household.rowId);
      expect(row?.d.ethnicMinority).toBeNull();
    });
  });

  describe('dates belong to the commune calendar, whatever the server’s time zone', () => {
    // 00:30 on 1 January 2027 in Vietnam: the server's host (UTC) is still in 2026.
    const newYear = Date.parse('2026-12-31T17:30:00Z');
    let s: AuthHarness;
    let memberToken: string;
    const near = () => formatHlc({ wall: newYear - 1000, counter: 0, node: DEVICE });

    beforeAll(async () => {
      s = await startAuthHarness(backend, 'sync_dates', {}, { syncNow: () => newYear });
      await createUser(s.db, { username: 'member-a', role: 'member', villageIds: [VILLAGE_A] });
      memberToken = await loginToken(s.app, 'member-a');
    });
    afterAll(async () => {
      await s?.close();
    });

    const resident = (birthYear: number, householdId = newId()) =>
      rowChange(
        'residents',
        VILLAGE_A,
        {
          householdId,
          name: 'Bé Lò Văn An',
          birthYear,
          groups: [],
          createdAt: '2026-12-31T17:20:00.000Z',
        },
        { hlc: near() },
      );

    it('accepts a baby born in the new year between 00:00 and 07:00 Vietnam time', async () => {
      const household = householdChange(VILLAGE_A, {
        hlc: near(),
        fields: {
          label: 'Hộ Lò Văn Pằng',
          membersCount: 3,
          poor: false,
          createdAt: '2026-12-31T17:10:00.000Z',
        },
      });
      const res = await push(s.app, memberToken, [household, resident(2027, household.rowId)]);
      expect(res.statusCode).toBe(200);
    });

    it.each([
      ['a birth year after this year', () => resident(2028), 'birthYear', 'err.birthYear'],
      [
        'a visit dated tomorrow',
        () =>
          rowChange(
            'visits',
            VILLAGE_A,
            {
              ...fieldWork.visit(newId(), newId()),
              visitedAt: '2027-01-02T01:00:00.000Z',
              createdAt: '2026-12-31T17:00:00.000Z',
            },
            { hlc: near() },
          ),
        'visitedAt',
        'err.dateInFuture',
      ],
      [
        'a row created in 1970 (a phone clock reset)',
        () =>
          householdChange(VILLAGE_A, {
            hlc: near(),
            fields: { label: 'Hộ A', membersCount: 2, poor: false, createdAt: '1970-01-01T00:00:00.000Z' },
          }),
        'createdAt',
        'err.dateTooEarly',
      ],
      [
        'a class more than a year ahead',
        () =>
          rowChange(
            'classes',
            VILLAGE_A,
            { ...fieldWork.classSession(), date: '2028-06-01' },
            { hlc: near() },
          ),
        'date',
        'err.dateTooFar',
      ],
    ])(
      'refuses %s with implausible_date naming the field, storing nothing',
      async (_name, make, field, message) => {
        const before = await storedCounts(s);
        const change = make();
        const res = await push(s.app, memberToken, [change]);
        expect(res.statusCode).toBe(400);
        expect(res.json().error.details).toEqual([
          { changeId: change.changeId, code: 'implausible_date', field, message: `"${field}": ${message}` },
        ]);
        expect(await storedCounts(s)).toEqual(before);
      },
    );
  });

  describe('the server’s copy of named rows, for undoing refused changes on a phone', () => {
    function rows(user: string, payload: Record<string, unknown>) {
      return h.app.inject({
        method: 'POST',
        url: '/api/sync/rows',
        headers: { ...bearer(token(user)), [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) },
        payload,
      });
    }

    it('answers the rows the caller may see, in any case of id, and leaves out the rest', async () => {
      const mine = householdChange(VILLAGE_A);
      const theirs = householdChange(VILLAGE_B);
      expect((await push(h.app, token('commune'), [mine, theirs])).statusCode).toBe(200);
      const res = await rows('member-a', {
        rows: [
          { t: 'households', i: upper(mine.rowId) },
          { t: 'households', i: theirs.rowId },
          { t: 'households', i: newId() },
          { t: 'residents', i: mine.rowId },
        ],
      });
      expect(res.statusCode).toBe(200);
      const got = res.json().rows as PulledRow[];
      expect(got.map((r) => [r.t, r.i, r.g])).toEqual([['households', mine.rowId, VILLAGE_A]]);
      expect(got[0]?.d).toMatchObject({ label: 'Nông Văn Tâm', membersCount: 4 });
      expect(typeof res.json().serverTime).toBe('number');
    });

    it('bad requests are 400s with a code, never 500s', async () => {
      for (const payload of [
        {},
        { rows: [] },
        { rows: [{ t: 'households', i: 'not-a-uuid' }] },
        { rows: [{ t: 'users', i: newId() }] },
        { rows: Array.from({ length: 501 }, () => ({ t: 'households', i: newId() })) },
        { rows: [{ t: 'households', i: newId(), extra: 1 }] },
      ]) {
        const res = await rows('member-a', payload);
        expect(res.statusCode).toBe(400);
        expect(res.json().error.code).toBe('invalid_request');
      }
    });
  });

  describe('text a database cannot store is a 400 naming the field, never a 500 (issue 14, kind 3)', () => {
    it.each([
      ['a NUL in a household note', { notes: 'Hẹn\u0000 chiều' }],
      ['a lone surrogate in a household name', { label: 'Lò \ud800' }],
    ])('%s', async (_name, fields) => {
      const before = await storedCounts(h);
      const change = householdChange(VILLAGE_A);
      const bad = { ...change, fields: { ...change.fields, ...fields } };
      const res = await push(h.app, token('member-a'), [bad]);
      expect(res.statusCode).toBe(400);
      const [detail] = res.json().error.details;
      expect(detail).toMatchObject({ changeId: change.changeId, code: 'invalid_value' });
      expect(detail.message).toContain('err.invalidCharacters');
      expect(await storedCounts(h)).toEqual(before);
    });

    it('a NUL or a lone surrogate in a device name at login, or in a display name, is a 400', async () => {
      for (const deviceName of ['Máy\u0000', 'Máy \udc00']) {
        const res = await login(h.app, 'member-a', undefined, deviceName);
        expect(res.statusCode).toBe(400);
        expect(res.json().error.code).toBe('invalid_request');
      }
      const res = await h.app.inject({
        method: 'POST',
        url: '/api/admin/users',
        headers: bearer(token('commune')),
        payload: {
          username: 'nul-name',
          password: 'mat-khau-dai',
          displayName: 'Tên\u0000',
          role: 'member',
          villageIds: [VILLAGE_A],
        },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('invalid_request');
    });
  });
});
