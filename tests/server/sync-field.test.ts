/**
 * The field-work tables (visits, assists, classes, attendance) through the real sync endpoints: what
 * one phone pushes another phone of the village pulls, field by field; the server refuses bad fields
 * before storing anything; village scope holds for them as for households; only protocol v2 syncs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change } from '../../src/core/changes';
import { attendanceId, newId } from '../../src/core/ids';
import { MIN_SUPPORTED_PROTOCOL, PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../src/core/sync/protocol';
import { type AuthHarness, bearer, createUser, loginToken, startAuthHarness } from './auth-harness.js';
import { backendsForFile } from './helpers.js';
import {
  DEVICE,
  fieldWork,
  householdChange,
  pull,
  push,
  residentChange,
  rowChange,
  storedCounts,
  VILLAGE_A,
  VILLAGE_B,
} from './sync-fixtures.js';

interface PulledRow {
  t: string;
  i: string;
  g: string;
  s: number;
  h: string;
  d: Record<string, unknown>;
}

/** One change of each field-work table, as a phone creates them at a visit and a class. */
function fieldDay(villageId: string) {
  const household = householdChange(villageId);
  const householdId = household.rowId;
  const resident = residentChange(villageId, householdId, { name: 'Lục Thị Hoa', birthYear: 1958 });
  const residentId = resident.rowId;
  const visit = rowChange('visits', villageId, fieldWork.visit(householdId, residentId));
  const assist = rowChange('assists', villageId, fieldWork.assist(householdId, residentId, visit.rowId));
  const session = rowChange('classes', villageId, fieldWork.classSession());
  const attendance = rowChange('attendance', villageId, fieldWork.attendance(session.rowId, residentId), {
    rowId: attendanceId(session.rowId, residentId),
  });
  // The household and resident the field work points at, pushed first: the server refuses a
  // pointer to a row it does not have.
  const people = [household, resident];
  return { householdId, residentId, people, visit, assist, session, attendance };
}

/** An edit of an existing row: the fields it changes and the clocks it overwrote. */
function edit(of: Change, fields: Change['fields']): Change {
  const base = Object.fromEntries(
    Object.keys(fields).map((f) => [f, of.fields[f] === undefined ? null : of.hlc]),
  );
  return rowChange(of.table, of.villageId, fields, { rowId: of.rowId, base });
}

describe.each(backendsForFile('sync-field.test.ts'))('field-work tables sync on $kind', (backend) => {
  let h: AuthHarness;
  const tokens: Record<string, string> = {};
  const token = (user: string) => tokens[user] as string;

  async function pullAll(user: string): Promise<PulledRow[]> {
    const res = await pull(h.app, token(user), 0, 5000);
    expect(res.statusCode).toBe(200);
    return res.json().rows;
  }

  async function pulledRow(user: string, table: string, id: string): Promise<PulledRow | undefined> {
    return (await pullAll(user)).find((r) => r.t === table && r.i === id);
  }

  beforeAll(async () => {
    h = await startAuthHarness(backend, 'sync_field');
    await createUser(h.db, { username: 'member-a', role: 'member', villageIds: [VILLAGE_A] });
    await createUser(h.db, { username: 'member-a2', role: 'member', villageIds: [VILLAGE_A] });
    await createUser(h.db, { username: 'member-b', role: 'member', villageIds: [VILLAGE_B] });
    await createUser(h.db, { username: 'commune', role: 'commune' });
    for (const u of ['member-a', 'member-a2', 'member-b', 'commune']) tokens[u] = await loginToken(h.app, u);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('a visit, an assist, a class and an attendance pushed by one phone are pulled by a teammate as sent', async () => {
    const day = fieldDay(VILLAGE_A);
    const changes = [day.visit, day.assist, day.session, day.attendance];
    const res = await push(h.app, token('member-a'), [...day.people, ...changes]);
    expect(res.statusCode).toBe(200);
    expect(res.json().results.slice(2)).toEqual(
      changes.map((c) => ({ changeId: c.changeId, status: 'applied' })),
    );

    const rows = await pullAll('member-a2');
    for (const change of changes) {
      const row = rows.find((r) => r.t === change.table && r.i === change.rowId);
      expect(row, change.table).toBeDefined();
      expect(row?.g).toBe(VILLAGE_A);
      expect(row?.d).toEqual(change.fields);
      expect(row?.h).toBe(change.hlc);
    }
  });

  it('edits of field-work rows merge field by field: notes added later, walk-ins counted, an attendee removed and back', async () => {
    const day = fieldDay(VILLAGE_A);
    await push(h.app, token('member-a'), [...day.people, day.visit, day.session, day.attendance]);

    const notes = edit(day.visit, { notes: 'Hẹn tuần sau quay lại cài VNeID cho con dâu' });
    const walkIns = edit(day.session, { walkIns: 7 });
    const absent = edit(day.attendance, { deletedAt: '2026-11-28T13:00:00.000Z' });
    expect((await push(h.app, token('member-a2'), [notes, walkIns, absent])).statusCode).toBe(200);
    expect((await pulledRow('member-a', 'visits', day.visit.rowId))?.d).toMatchObject({
      notes: 'Hẹn tuần sau quay lại cài VNeID cho con dâu',
      outcome: 'met',
      members: ['Lục Thị Hoa'],
    });
    expect((await pulledRow('member-a', 'classes', day.session.rowId))?.d).toMatchObject({
      walkIns: 7,
      venue: 'Nhà văn hoá thôn',
    });
    expect((await pulledRow('member-a', 'attendance', day.attendance.rowId))?.d.deletedAt).toBe(
      '2026-11-28T13:00:00.000Z',
    );

    const present = rowChange(
      'attendance',
      VILLAGE_A,
      { deletedAt: null },
      {
        rowId: day.attendance.rowId,
        base: { deletedAt: absent.hlc },
      },
    );
    const cleared = edit(day.visit, { followUpOn: null });
    expect((await push(h.app, token('member-a'), [present, cleared])).statusCode).toBe(200);
    expect((await pulledRow('member-a2', 'attendance', day.attendance.rowId))?.d.deletedAt).toBeNull();
    expect((await pulledRow('member-a2', 'visits', day.visit.rowId))?.d.followUpOn).toBeNull();
  });

  it('two phones ticking the same resident at a class store one attendance row', async () => {
    const day = fieldDay(VILLAGE_A);
    await push(h.app, token('member-a'), [...day.people, day.session]);
    const before = await storedCounts(h);
    const fromA = rowChange('attendance', VILLAGE_A, day.attendance.fields, { rowId: day.attendance.rowId });
    const fromA2 = rowChange('attendance', VILLAGE_A, day.attendance.fields, { rowId: day.attendance.rowId });
    expect((await push(h.app, token('member-a'), [fromA])).json().results[0].status).toBe('applied');
    expect((await push(h.app, token('member-a2'), [fromA2])).json().results[0].status).toBe('applied');
    const after = await storedCounts(h);
    expect(after?.records).toBe((before?.records ?? 0) + 1);
    const rows = (await pullAll('member-a')).filter((r) => r.i === day.attendance.rowId);
    expect(rows).toHaveLength(1);
  });

  describe('bad fields are refused per change and field, and nothing is stored', () => {
    const householdId = newId();
    const residentId = newId();
    const visitFields = fieldWork.visit(householdId, residentId);
    const cases: Array<[name: string, make: () => Change, code: string, field: string, message?: string]> = [
      [
        'a visit with a field the schema does not have (a password)',
        () => rowChange('visits', VILLAGE_A, { ...visitFields, password: '123456' }),
        'unknown_field',
        'password',
      ],
      [
        'a visit with an outcome outside the list',
        () => rowChange('visits', VILLAGE_A, { ...visitFields, outcome: 'away' }),
        'invalid_value',
        'outcome',
      ],
      [
        'a visit whose notes hold an ID-card number',
        () => rowChange('visits', VILLAGE_A, { ...visitFields, notes: 'CCCD 001203004567' }),
        'invalid_value',
        'notes',
        'err.idNumberInText',
      ],
      [
        'a visit topic not in the skill catalogue',
        () => rowChange('visits', VILLAGE_A, { ...visitFields, topics: ['facebook'] }),
        'invalid_value',
        'topics',
      ],
      [
        'an edit clearing who made a visit',
        () => rowChange('visits', VILLAGE_A, { members: null }),
        'cannot_clear',
        'members',
      ],
      [
        'an assist of an unknown kind',
        () =>
          rowChange('assists', VILLAGE_A, {
            ...fieldWork.assist(householdId, residentId, newId()),
            kind: 'vneid_otp',
          }),
        'invalid_value',
        'kind',
      ],
      [
        'an assist whose fail reason holds an old ID number',
        () =>
          rowChange('assists', VILLAGE_A, {
            ...fieldWork.assist(householdId, residentId, newId()),
            status: 'failed',
            failReason: 'Sai số CMND 123 456 789',
          }),
        'invalid_value',
        'failReason',
        'err.idNumberInText',
      ],
      [
        'an edit clearing the resident an assist is about',
        () => rowChange('assists', VILLAGE_A, { residentId: null }),
        'cannot_clear',
        'residentId',
      ],
      [
        'a class with a negative walk-in count',
        () => rowChange('classes', VILLAGE_A, { ...fieldWork.classSession(), walkIns: -1 }),
        'invalid_value',
        'walkIns',
      ],
      [
        'a class starting at 25:00',
        () => rowChange('classes', VILLAGE_A, { ...fieldWork.classSession(), startTime: '25:00' }),
        'invalid_value',
        'startTime',
      ],
      [
        'an edit clearing the venue of a class',
        () => rowChange('classes', VILLAGE_A, { venue: null }),
        'cannot_clear',
        'venue',
      ],
      [
        'a new visit to come back later with no day to come back',
        () => {
          const { followUpOn: _day, ...fields } = visitFields;
          return rowChange('visits', VILLAGE_A, { ...fields, outcome: 'come_back' });
        },
        'invalid_value',
        'followUpOn',
        'err.followUpNeeded',
      ],
      [
        'a new assist that did not work, with no reason',
        () =>
          rowChange('assists', VILLAGE_A, {
            ...fieldWork.assist(householdId, residentId, newId()),
            status: 'failed',
          }),
        'invalid_value',
        'failReason',
        'err.failReasonNeeded',
      ],
      [
        'a new visit without its household',
        () => {
          const { householdId: _household, ...fields } = visitFields;
          return rowChange('visits', VILLAGE_A, fields);
        },
        'missing_field',
        'householdId',
      ],
      [
        'an attendance with a field the schema does not have',
        () =>
          rowChange('attendance', VILLAGE_A, { ...fieldWork.attendance(newId(), residentId), present: true }),
        'unknown_field',
        'present',
      ],
      [
        'an attendance whose class is not an id',
        () => rowChange('attendance', VILLAGE_A, { ...fieldWork.attendance('buoi-1', residentId) }),
        'invalid_value',
        'classId',
      ],
    ];

    it.each(cases)('%s', async (_name, make, code, field, message) => {
      const before = await storedCounts(h);
      const bad = make();
      const res = await push(h.app, token('member-a'), [bad]);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('invalid_changes');
      expect(res.json().error.details).toEqual([
        { changeId: bad.changeId, code, field, message: expect.stringContaining(message ?? field) },
      ]);
      expect(await storedCounts(h)).toEqual(before);
    });

    it('a good visit in the same batch as a bad assist is not stored either', async () => {
      const before = await storedCounts(h);
      const day = fieldDay(VILLAGE_A);
      const badAssist = { ...day.assist, fields: { ...day.assist.fields, howKnown: 'guessed' } };
      const res = await push(h.app, token('member-a'), [...day.people, day.visit, badAssist]);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details).toEqual([
        expect.objectContaining({ changeId: badAssist.changeId, field: 'howKnown' }),
      ]);
      expect(await storedCounts(h)).toEqual(before);
    });
  });

  describe('village scope', () => {
    it.each(['visits', 'assists', 'classes', 'attendance'] as const)(
      'a member of village A cannot push %s for village B, and nothing of the batch is stored',
      async (table) => {
        const ownDay = fieldDay(VILLAGE_A);
        const otherDay = fieldDay(VILLAGE_B);
        const pick = {
          visits: 'visit',
          assists: 'assist',
          classes: 'session',
          attendance: 'attendance',
        } as const;
        const foreign = otherDay[pick[table]];
        const before = await storedCounts(h);
        const res = await push(h.app, token('member-a'), [...ownDay.people, ownDay.visit, foreign]);
        expect(res.statusCode).toBe(403);
        expect(res.json().error.code).toBe('village_forbidden');
        expect(res.json().error.details).toEqual([expect.objectContaining({ changeId: foreign.changeId })]);
        expect(await storedCounts(h)).toEqual(before);
      },
    );

    it('a phone of village A never pulls village B’s field work; the commune pulls both', async () => {
      const a = fieldDay(VILLAGE_A);
      const b = fieldDay(VILLAGE_B);
      const tables = (d: ReturnType<typeof fieldDay>) => [
        ...d.people,
        d.visit,
        d.session,
        d.assist,
        d.attendance,
      ];
      expect((await push(h.app, token('member-a'), tables(a))).statusCode).toBe(200);
      expect((await push(h.app, token('member-b'), tables(b))).statusCode).toBe(200);

      const seenByA = await pullAll('member-a');
      expect(seenByA.every((r) => r.g === VILLAGE_A)).toBe(true);
      const idsOfA = new Set(seenByA.map((r) => r.i));
      for (const c of tables(a)) expect(idsOfA.has(c.rowId)).toBe(true);
      for (const c of tables(b)) expect(idsOfA.has(c.rowId)).toBe(false);

      const seenByB = await pullAll('member-b');
      expect(seenByB.every((r) => r.g === VILLAGE_B)).toBe(true);
      expect(seenByB.filter((r) => r.t === 'visits').map((r) => r.i)).toContain(b.visit.rowId);

      const idsOfCommune = new Set((await pullAll('commune')).map((r) => r.i));
      for (const c of [...tables(a), ...tables(b)]) expect(idsOfCommune.has(c.rowId)).toBe(true);
    });

    it('an assist pushed for village A cannot be moved to village B by a later change', async () => {
      const day = fieldDay(VILLAGE_A);
      expect((await push(h.app, token('member-a'), [...day.people, day.visit, day.assist])).statusCode).toBe(
        200,
      );
      const before = await storedCounts(h);
      const moved = rowChange(
        'assists',
        VILLAGE_B,
        { status: 'in_progress' },
        {
          rowId: day.assist.rowId,
          base: { status: day.assist.hlc },
        },
      );
      const res = await push(h.app, token('commune'), [moved]);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details).toEqual([
        expect.objectContaining({ changeId: moved.changeId, code: 'village_mismatch' }),
      ]);
      expect(await storedCounts(h)).toEqual(before);
    });
  });

  describe('protocol version', () => {
    const send = (method: 'GET' | 'POST', version: string | undefined) =>
      h.app.inject({
        method,
        url: method === 'GET' ? '/api/sync/pull?since=0' : '/api/sync/push',
        headers: { ...bearer(token('member-a')), ...(version ? { [PROTOCOL_HEADER]: version } : {}) },
        ...(method === 'POST' ? { payload: { deviceId: DEVICE, changes: [fieldDay(VILLAGE_A).visit] } } : {}),
      });

    it.each([
      ['push', 'POST', '1'],
      ['pull', 'GET', '1'],
      ['push', 'POST', '2'],
      ['pull', 'GET', '2'],
      ['push', 'POST', '3'],
      ['pull', 'GET', '3'],
      ['push', 'POST', '4'],
      ['pull', 'GET', '4'],
      ['push', 'POST', '5'],
      ['pull', 'GET', '5'],
      ['push', 'POST', undefined],
      ['pull', 'GET', undefined],
    ] as const)(
      'a %s from a protocol v%s app is answered 426 client_too_old with the version to reload into',
      async (_what, method, version) => {
        const before = await storedCounts(h);
        const res = await send(method, version);
        expect(res.statusCode).toBe(426);
        expect(res.json().error).toMatchObject({
          code: 'client_too_old',
          minProtocol: MIN_SUPPORTED_PROTOCOL,
          protocol: PROTOCOL_VERSION,
        });
        expect(PROTOCOL_VERSION).toBe(6);
        expect(await storedCounts(h)).toEqual(before);
      },
    );

    it('a protocol newer than the server’s is refused as server_too_old, not misread', async () => {
      const res = await send('POST', String(PROTOCOL_VERSION + 1));
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('server_too_old');
    });
  });
});
