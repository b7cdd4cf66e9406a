/**
 * The phone's side of syncing the field-work tables: pulled visits, assists, classes and attendance
 * are stored with their clocks and merged with local edits still waiting to be pushed; a change of
 * one of them stamped by a clock that ran ahead is re-stamped like a household's.
 */
import { describe, expect, it } from 'vitest';
import { classRepository } from '../../src/app/db/class-repository';
import { getDb, type VisitRow } from '../../src/app/db/database';
import { householdRepository } from '../../src/app/db/household-repository';
import { visitRepository } from '../../src/app/db/visit-repository';
import { nowIso, setClockOffset } from '../../src/app/state/commune-clock';
import { applyPulledPage, readCursor, startPull } from '../../src/app/sync/apply-pulled';
import { restampFutureChanges } from '../../src/app/sync/restamp';
import type { SyncedTable } from '../../src/core/changes';
import { parseHlc } from '../../src/core/hlc';
import { attendanceId } from '../../src/core/ids';
import { encodeClocks, type WireRow } from '../../src/core/sync/protocol';
import { householdInput, VILLAGE_ID } from './fixtures';

const REMOTE = '001764000000000:00000:bbbbbbbbbbbbbbbb';
const HOUSEHOLD = '0191f5a0-0000-7000-8000-0000000000a1';
const RESIDENT = '0191f5a0-0000-7000-8000-0000000000a2';
const VISIT = '0191f5a0-0000-7000-8000-0000000000a3';
const ASSIST = '0191f5a0-0000-7000-8000-0000000000a4';
const CLASS = '0191f5a0-0000-7000-8000-0000000000a5';
const CREATED = '2026-11-25T08:00:00.000Z';

function wire(t: SyncedTable, i: string, d: Record<string, unknown>, s: number, clock = REMOTE): WireRow {
  return {
    t,
    i,
    g: VILLAGE_ID,
    s,
    d,
    ...encodeClocks(Object.fromEntries(Object.keys(d).map((k) => [k, clock]))),
  };
}

/** A teammate's field day as the server sends it: a visit, a step, a class and one attendee. */
function teammatePage(): WireRow[] {
  return [
    wire(
      'visits',
      VISIT,
      {
        householdId: HOUSEHOLD,
        visitedAt: '2026-11-25T02:30:00.000Z',
        members: ['Lục Thị Hoa'],
        outcome: 'met',
        residentIds: [RESIDENT],
        topics: ['vneid_level1'],
        notes: null,
        createdAt: CREATED,
      },
      1,
    ),
    wire(
      'assists',
      ASSIST,
      {
        residentId: RESIDENT,
        householdId: HOUSEHOLD,
        kind: 'vneid_level1',
        status: 'done',
        howKnown: 'observed',
        on: '2026-11-25',
        by: 'Lục Thị Hoa',
        visitId: VISIT,
        createdAt: CREATED,
      },
      2,
    ),
    wire(
      'classes',
      CLASS,
      {
        date: '2026-11-28',
        topic: 'online_safety',
        audience: 'elderly',
        venue: 'Nhà văn hoá thôn',
        trainer: 'Hoàng Văn Sơn',
        walkIns: 4,
        createdAt: CREATED,
      },
      3,
    ),
    wire(
      'attendance',
      attendanceId(CLASS, RESIDENT),
      { classId: CLASS, residentId: RESIDENT, createdAt: CREATED },
      4,
    ),
  ];
}

describe('pulling field-work rows', () => {
  it('stores a teammate’s visit, step, class and attendance with their clocks, and the cursor', async () => {
    await applyPulledPage(teammatePage(), 4, await startPull());
    const db = getDb();
    const visit = await db.visits.get(VISIT);
    expect(visit).toMatchObject({ householdId: HOUSEHOLD, outcome: 'met', villageId: VILLAGE_ID });
    expect(visit).not.toHaveProperty('notes');
    expect(visit?.clocks?.outcome).toBe(REMOTE);
    expect(await db.visits.where('householdId').equals(HOUSEHOLD).count()).toBe(1);
    expect(await db.assists.where('residentId').equals(RESIDENT).count()).toBe(1);
    expect((await db.classes.get(CLASS))?.walkIns).toBe(4);
    expect(await db.attendance.where('classId').equals(CLASS).count()).toBe(1);
    expect(await readCursor()).toBe(4);
  });

  it('an attendee the teammate removed comes as a tombstone; the same person ticked here stays one row', async () => {
    const db = getDb();
    await applyPulledPage(teammatePage(), 4);
    const id = attendanceId(CLASS, RESIDENT);
    await applyPulledPage([wire('attendance', id, { deletedAt: '2026-11-28T13:00:00.000Z' }, 5)], 5);
    expect((await db.attendance.get(id))?.deletedAt).toBe('2026-11-28T13:00:00.000Z');
    await classRepository.setPresent(CLASS, RESIDENT, true);
    expect(await db.attendance.where('classId').equals(CLASS).count()).toBe(1);
    expect((await db.attendance.get(id))?.deletedAt).toBeUndefined();
  });

  it('keeps notes added on this phone and not yet pushed when the server sends the visit again', async () => {
    await applyPulledPage(teammatePage(), 4);
    const current = await getDb().visits.get(VISIT);
    const {
      clocks: _clocks,
      id: _id,
      villageId: _v,
      createdAt: _c,
      updatedAt: _u,
      ...fields
    } = current as NonNullable<typeof current>;
    await visitRepository.update(VISIT, { ...fields, notes: 'Hẹn tuần sau cài cho con dâu' });
    await applyPulledPage([wire('visits', VISIT, { notes: null, members: ['Lục Thị Hoa'] }, 6)], 6);
    expect((await getDb().visits.get(VISIT))?.notes).toBe('Hẹn tuần sau cài cho con dâu');
  });
});

describe('re-stamping field-work changes made with a clock that ran ahead', () => {
  it('gives a queued visit a stamp the server accepts, and the visit row, its dates and the next edit follow it', async () => {
    const db = getDb();
    const h = await householdRepository.create(VILLAGE_ID, householdInput());
    // The phone's clock jumps a year ahead, then a visit is logged and a note added to it.
    setClockOffset(365 * 86_400_000);
    const visit = await visitRepository.create(VILLAGE_ID, {
      householdId: h.id,
      visitedAt: nowIso(),
      members: ['Lục Thị Hoa'],
      outcome: 'nobody_home',
      residentIds: [],
      topics: [],
    });
    const {
      clocks: _c,
      id: _i,
      villageId: _v,
      createdAt: _cr,
      updatedAt: _u,
      ...fields
    } = (await db.visits.get(visit.id)) as VisitRow;
    await visitRepository.update(visit.id, { ...fields, notes: 'Hẹn chiều quay lại' });
    const [created, noted] = await db.outbox.where('rowId').equals(visit.id).sortBy('seq');
    expect(parseHlc(created?.hlc as string).wall).toBeGreaterThan(Date.now() + 300 * 86_400_000);
    expect(noted?.base).toEqual({ notes: null });

    const serverTime = Date.now();
    const fixed = await restampFutureChanges(serverTime, 10 * 60_000);
    expect(fixed).toBe(2);
    const [after, afterNote] = await db.outbox.where('rowId').equals(visit.id).sortBy('seq');
    const wall = parseHlc(after?.hlc as string).wall;
    expect(wall).toBeLessThanOrEqual(serverTime + 10 * 60_000);
    expect((afterNote?.hlc ?? '') > (after?.hlc ?? '')).toBe(true);
    const row = await db.visits.get(visit.id);
    expect(row?.clocks?.outcome).toBe(after?.hlc);
    expect(row?.clocks?.notes).toBe(afterNote?.hlc);
    // Its dates said a year from now: they say now, on the row and in the queued change.
    expect(Math.abs(Date.parse(row?.visitedAt ?? '') - serverTime)).toBeLessThan(60_000);
    expect(after?.fields.visitedAt).toBe(row?.visitedAt);
    expect(after?.fields.createdAt).toBe(row?.createdAt);
    // The clock is back: the next edit is stamped now, above the repaired ones.
    const { row: next } = await householdRepository.update(h.id, { ...householdInput(), notes: 'sau' });
    const [last] = await db.outbox.where('rowId').equals(next.id).reverse().sortBy('seq');
    expect(parseHlc(last?.hlc ?? '').wall).toBeLessThanOrEqual(Date.now() + 10 * 60_000);
  });

  it('an edit outranks the value it overwrites even when the phone’s clock is behind it', async () => {
    const ahead = '009999999999999:00007:bbbbbbbbbbbbbbbb';
    await applyPulledPage(
      [
        wire(
          'households',
          HOUSEHOLD,
          { label: 'Nông Văn Tâm', membersCount: 4, poor: false, createdAt: CREATED },
          1,
          ahead,
        ),
      ],
      1,
    );
    await getDb().meta.put({ key: 'clock', value: '000000000000001:00000:aaaaaaaaaaaaaaaa' });
    await householdRepository.update(HOUSEHOLD, householdInput({ label: 'Nông Văn Tâm', membersCount: 5 }));
    const [entry] = await getDb().outbox.where('rowId').equals(HOUSEHOLD).toArray();
    expect(entry?.base).toEqual(expect.objectContaining({ membersCount: ahead }));
    expect((entry?.hlc ?? '') > ahead).toBe(true);
  });

  it('once the clock is corrected, a clock state left a day ahead is not ticked on: new edits are stamped now', async () => {
    const h = await householdRepository.create(VILLAGE_ID, householdInput());
    await getDb().outbox.clear();
    // Stamps were made with a phone clock a day ahead; then the server's time set the offset right.
    const dayAhead = `${String(Date.now() + 86_400_000).padStart(15, '0')}:00004:aaaaaaaaaaaaaaaa`;
    await getDb().meta.put({ key: 'clock', value: dayAhead });
    await householdRepository.update(h.id, { ...householdInput(), notes: 'hôm nay' });
    const [entry] = await getDb().outbox.where('rowId').equals(h.id).toArray();
    expect(parseHlc(entry?.hlc ?? '').wall).toBeLessThanOrEqual(Date.now() + 10 * 60_000);
    expect((await getDb().households.get(h.id))?.clocks?.notes).toBe(entry?.hlc);
  });

  it('a queued edit on top of a value the server refused (set aside, still a day ahead) is repaired once, for good', async () => {
    const db = getDb();
    const h = await householdRepository.create(VILLAGE_ID, householdInput());
    await db.outbox.clear();
    const setAside = `${String(Date.now() + 86_400_000).padStart(15, '0')}:00000:aaaaaaaaaaaaaaaa`;
    await db.households.update(h.id, {
      notes: 'bị từ chối',
      clocks: { ...(await db.households.get(h.id))?.clocks, notes: setAside },
    });
    await householdRepository.update(h.id, { ...householdInput(), notes: 'sửa lại' });
    const [queued] = await db.outbox.where('rowId').equals(h.id).toArray();
    expect(queued?.base).toEqual({ notes: setAside });
    expect((queued?.hlc ?? '') > setAside).toBe(true);
    const serverTime = Date.now();
    expect(await restampFutureChanges(serverTime, 10 * 60_000)).toBe(1);
    const [repaired] = await db.outbox.where('rowId').equals(h.id).toArray();
    expect(parseHlc(repaired?.hlc ?? '').wall).toBeLessThanOrEqual(serverTime + 10 * 60_000);
    expect((await db.households.get(h.id))?.clocks?.notes).toBe(repaired?.hlc);
  });

  it('an edit of a value still waiting for its repair never reuses a stamp already given to a queued change', async () => {
    const db = getDb();
    const h = await householdRepository.create(VILLAGE_ID, householdInput());
    await db.outbox.clear();
    // Two edits made with the phone's clock a day ahead, then the offset is measured right.
    setClockOffset(86_400_000);
    await householdRepository.update(h.id, { ...householdInput(), label: 'Tên mới' });
    await householdRepository.update(h.id, { ...householdInput(), label: 'Tên mới', notes: 'ghi chú' });
    setClockOffset(0);
    await householdRepository.update(h.id, { ...householdInput(), label: 'Tên khác', notes: 'ghi chú' });
    await householdRepository.update(h.id, {
      ...householdInput(),
      label: 'Tên khác',
      notes: 'ghi chú',
      poor: true,
    });
    const stamps = (await db.outbox.where('rowId').equals(h.id).sortBy('seq')).map((e) => e.hlc);
    expect(stamps).toHaveLength(4);
    expect(new Set(stamps).size).toBe(4);
    const [label1, notes1, label2, poor] = stamps as [string, string, string, string];
    // On top of its own future value: above every stamp issued since, to be repaired with them.
    expect(label2 > notes1 && notes1 > label1).toBe(true);
    // A field nobody stamped ahead: stamped now.
    expect(parseHlc(poor).wall).toBeLessThanOrEqual(Date.now() + 10 * 60_000);
    const serverTime = Date.now();
    expect(await restampFutureChanges(serverTime, 10 * 60_000)).toBe(3);
    const repaired = (await db.outbox.where('rowId').equals(h.id).sortBy('seq')).map((e) => e.hlc);
    expect(new Set(repaired).size).toBe(4);
    for (const stamp of repaired) expect(parseHlc(stamp).wall).toBeLessThanOrEqual(serverTime + 10 * 60_000);
    const row = await db.households.get(h.id);
    expect(row?.clocks?.label).toBe(repaired[2]);
    expect(row?.clocks?.notes).toBe(repaired[1]);
  });
});
