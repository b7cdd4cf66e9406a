/**
 * The field-work repositories: each write is its row and its outbox entry in one transaction; an assist
 * needs the resident's consent for skills support; attendance has one row per class and resident however
 * often it is ticked; recording a class topic for those present never records anything twice.
 */
import { describe, expect, it } from 'vitest';
import { assistRepository } from '../../src/app/db/assist-repository';
import { classRepository } from '../../src/app/db/class-repository';
import { getDb } from '../../src/app/db/database';
import { householdRepository } from '../../src/app/db/household-repository';
import { RecordNotFoundError, ValidationError } from '../../src/app/db/repository-errors';
import { residentRepository } from '../../src/app/db/resident-repository';
import { VISIT_SAVE_MEASURE, visitRepository } from '../../src/app/db/visit-repository';
import { attendanceId } from '../../src/core/ids';
import type { AssistFields, ClassFields, ResidentFields, VisitFields } from '../../src/core/schemas';
import { householdInput, residentInput, VILLAGE_ID } from './fixtures';

function visitInput(householdId: string, overrides: Partial<VisitFields> = {}): VisitFields {
  return {
    householdId,
    visitedAt: '2026-11-25T09:30:00.000+07:00',
    members: ['Lục Thị Hoa'],
    outcome: 'met',
    residentIds: [],
    topics: ['vneid_installed'],
    ...overrides,
  };
}

function assistInput(residentId: string, overrides: Partial<AssistFields> = {}): AssistFields {
  return {
    residentId,
    // The repository takes the household from the resident, whatever the form says.
    householdId: '0191f5a0-0000-7000-8000-0000000000ff',
    kind: 'vneid_level1',
    status: 'done',
    howKnown: 'observed',
    on: '2026-11-25',
    by: 'Lục Thị Hoa',
    ...overrides,
  };
}

function classInput(overrides: Partial<ClassFields> = {}): ClassFields {
  return {
    date: '2026-11-28',
    startTime: '19:30',
    topic: 'online_safety',
    audience: 'elderly',
    venue: 'Nhà văn hoá thôn',
    trainer: 'Hoàng Văn Sơn',
    walkIns: 0,
    ...overrides,
  };
}

const withoutConsent: Partial<ResidentFields> = {
  name: 'Cụ bà',
  consent: undefined,
  sex: undefined,
  hasChipId: undefined,
};

async function household() {
  return householdRepository.create(VILLAGE_ID, householdInput());
}

async function resident(householdId: string, overrides: Partial<ResidentFields> = {}) {
  return residentRepository.create(VILLAGE_ID, residentInput(householdId, overrides));
}

/** Makes the next outbox write fail, as a full disk would, and returns the function that undoes it. */
function failNextOutboxWrite(): () => void {
  const db = getDb();
  const fail = () => {
    throw new Error('disk full');
  };
  db.outbox.hook('creating', fail);
  return () => db.outbox.hook('creating').unsubscribe(fail);
}

describe('visit repository', () => {
  it('create stores the visit and one outbox entry with every field, and records the save timing', async () => {
    const h = await household();
    const db = getDb();
    const before = await db.outbox.count();
    performance.clearMeasures(VISIT_SAVE_MEASURE);
    const v = await visitRepository.create(
      VILLAGE_ID,
      visitInput(h.id, { outcome: 'come_back', followUpOn: '2026-12-02', notes: 'Hẹn chiều thứ Ba' }),
    );
    expect(await db.visits.get(v.id)).toMatchObject({ householdId: h.id, outcome: 'come_back' });
    expect(await db.visits.where('householdId').equals(h.id).count()).toBe(1);
    const entries = (await db.outbox.orderBy('seq').toArray()).slice(before);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ table: 'visits', rowId: v.id, villageId: VILLAGE_ID });
    expect(entries[0]?.fields).toMatchObject({
      householdId: h.id,
      outcome: 'come_back',
      followUpOn: '2026-12-02',
      members: ['Lục Thị Hoa'],
      topics: ['vneid_installed'],
    });
    expect(entries[0]?.fields).not.toHaveProperty('updatedAt');
    expect(performance.getEntriesByName(VISIT_SAVE_MEASURE, 'measure')).toHaveLength(1);
  });

  it('a failing outbox write leaves neither the visit nor its outbox entry', async () => {
    const h = await household();
    const db = getDb();
    const before = await db.outbox.count();
    const restore = failNextOutboxWrite();
    try {
      await expect(visitRepository.create(VILLAGE_ID, visitInput(h.id))).rejects.toThrow('disk full');
    } finally {
      restore();
    }
    expect(await db.visits.count()).toBe(0);
    expect(await db.outbox.count()).toBe(before);
  });

  it('a "come back" visit without a date is refused with its field key and writes nothing', async () => {
    const h = await household();
    const before = await getDb().outbox.count();
    const error = await visitRepository
      .create(VILLAGE_ID, visitInput(h.id, { outcome: 'come_back' }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fields).toEqual({ followUpOn: 'err.followUpNeeded' });
    expect(await getDb().visits.count()).toBe(0);
    expect(await getDb().outbox.count()).toBe(before);
  });

  it('an edit keeps the household and queues only what changed; remove and restore are tombstones', async () => {
    const h = await household();
    const other = await household();
    const v = await visitRepository.create(VILLAGE_ID, visitInput(h.id));
    const db = getDb();
    await visitRepository.update(v.id, visitInput(other.id, { notes: 'Đã cài VNeID cho ông' }));
    expect((await db.visits.get(v.id))?.householdId).toBe(h.id);
    const [, edit] = await db.outbox.where('rowId').equals(v.id).sortBy('seq');
    expect(edit?.fields).toEqual({ notes: 'Đã cài VNeID cho ông' });
    expect(edit?.base).toEqual({ notes: null });

    await visitRepository.remove(v.id);
    expect((await db.visits.get(v.id))?.deletedAt).toBeDefined();
    await visitRepository.restore(v.id);
    expect((await db.visits.get(v.id))?.deletedAt).toBeUndefined();
    const last = (await db.outbox.where('rowId').equals(v.id).sortBy('seq')).at(-1);
    expect(last?.fields).toEqual({ deletedAt: null });
  });
});

describe('assist repository', () => {
  it('records a step with the resident’s household, as one row and one outbox entry', async () => {
    const h = await household();
    const r = await resident(h.id);
    const before = await getDb().outbox.count();
    const a = await assistRepository.record(VILLAGE_ID, assistInput(r.id));
    expect(a.householdId).toBe(h.id);
    expect(await getDb().assists.where('residentId').equals(r.id).count()).toBe(1);
    const entries = (await getDb().outbox.orderBy('seq').toArray()).slice(before);
    expect(entries.map((e) => [e.table, e.rowId])).toEqual([['assists', a.id]]);
    expect(entries[0]?.fields).toMatchObject({ householdId: h.id, kind: 'vneid_level1', status: 'done' });
  });

  it.each([
    ['no consent at all', withoutConsent],
    [
      'consent for other purposes only',
      {
        consent: {
          purposes: ['progress_report' as const],
          collectedBy: 'Tổ viên A',
          collectedAt: '2026-11-20T08:00:00.000Z',
        },
      },
    ],
    [
      'consent withdrawn',
      {
        ...withoutConsent,
        consent: {
          purposes: ['skills_support' as const],
          collectedBy: 'Tổ viên A',
          collectedAt: '2026-11-20T08:00:00.000Z',
          withdrawnAt: '2026-11-22T08:00:00.000Z',
        },
      },
    ],
  ])('is refused for a resident with %s, and nothing is written', async (_name, overrides) => {
    const h = await household();
    const r = await resident(h.id, overrides);
    const before = await getDb().outbox.count();
    const error = await assistRepository.record(VILLAGE_ID, assistInput(r.id)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fields).toEqual({ residentId: 'err.needsConsent' });
    expect(await getDb().assists.count()).toBe(0);
    expect(await getDb().outbox.count()).toBe(before);
  });

  it('is refused for a deleted resident', async () => {
    const h = await household();
    const r = await resident(h.id);
    await residentRepository.remove(r.id);
    await expect(assistRepository.record(VILLAGE_ID, assistInput(r.id))).rejects.toBeInstanceOf(
      RecordNotFoundError,
    );
    expect(await getDb().assists.count()).toBe(0);
  });

  it('a failed step needs its reason', async () => {
    const h = await household();
    const r = await resident(h.id);
    const error = await assistRepository
      .record(VILLAGE_ID, assistInput(r.id, { status: 'failed' }))
      .catch((e: unknown) => e);
    expect((error as ValidationError).fields).toEqual({ failReason: 'err.failReasonNeeded' });
  });
});

describe('class repository: attendance', () => {
  async function setUp() {
    const h = await household();
    const r = await resident(h.id);
    const session = await classRepository.create(VILLAGE_ID, classInput());
    return { h, r, session, id: attendanceId(session.id, r.id) };
  }

  const attendanceEntries = async (id: string) => getDb().outbox.where('rowId').equals(id).sortBy('seq');

  it('ticking a resident twice stores one row under the derived id and queues one change', async () => {
    const { r, session, id } = await setUp();
    await classRepository.setPresent(session.id, r.id, true);
    await classRepository.setPresent(session.id, r.id, true);
    const rows = await getDb().attendance.where('classId').equals(session.id).toArray();
    expect(rows.map((a) => a.id)).toEqual([id]);
    expect(rows[0]).toMatchObject({ classId: session.id, residentId: r.id, villageId: VILLAGE_ID });
    expect(await attendanceEntries(id)).toHaveLength(1);
  });

  it('a double tap (two calls at once) still stores one row and queues one change', async () => {
    const { r, session, id } = await setUp();
    await Promise.all([
      classRepository.setPresent(session.id, r.id, true),
      classRepository.setPresent(session.id, r.id, true),
    ]);
    expect(await getDb().attendance.count()).toBe(1);
    expect(await attendanceEntries(id)).toHaveLength(1);
  });

  it('absent writes a tombstone under the same id, and present again restores that row', async () => {
    const { r, session, id } = await setUp();
    await classRepository.setPresent(session.id, r.id, true);
    const created = await getDb().attendance.get(id);
    await classRepository.setPresent(session.id, r.id, false);
    expect((await getDb().attendance.get(id))?.deletedAt).toBeDefined();
    await classRepository.setPresent(session.id, r.id, true);
    const restored = await getDb().attendance.get(id);
    expect(restored?.deletedAt).toBeUndefined();
    expect(restored?.createdAt).toBe(created?.createdAt);
    expect(await getDb().attendance.count()).toBe(1);
    const changes = (await attendanceEntries(id)).map((e) => e.fields);
    expect(changes).toHaveLength(3);
    expect(changes[1]).toEqual({ deletedAt: expect.any(String) });
    expect(changes[2]).toEqual({ deletedAt: null });
  });

  it('marking absent someone never ticked writes nothing', async () => {
    const { r, session, id } = await setUp();
    await classRepository.setPresent(session.id, r.id, false);
    expect(await getDb().attendance.get(id)).toBeUndefined();
    expect(await attendanceEntries(id)).toHaveLength(0);
  });

  it('walk-ins change only the head count', async () => {
    const { session } = await setUp();
    await classRepository.setWalkIns(session.id, 12);
    expect((await getDb().classes.get(session.id))?.walkIns).toBe(12);
    const last = (await getDb().outbox.where('rowId').equals(session.id).sortBy('seq')).at(-1);
    expect(last?.fields).toEqual({ walkIns: 12 });
    await expect(classRepository.setWalkIns(session.id, -3)).rejects.toBeInstanceOf(ValidationError);
  });
});

describe('class repository: recording the topic for those present', () => {
  async function classWithAttendees() {
    const h = await household();
    const consenting = await resident(h.id, { name: 'Hoàng Thị Lan' });
    const secondConsenting = await resident(h.id, { name: 'Nông Văn Khải', sex: 'male' });
    const refusing = await resident(h.id, withoutConsent);
    const leftEarly = await resident(h.id, { name: 'Lý Thị Mai' });
    const session = await classRepository.create(VILLAGE_ID, classInput());
    for (const r of [consenting, secondConsenting, refusing, leftEarly])
      await classRepository.setPresent(session.id, r.id, true);
    await classRepository.setPresent(session.id, leftEarly.id, false);
    return { h, session, consenting, secondConsenting, refusing, leftEarly };
  }

  it('records an observed assist on the class date for each consenting attendee, in one go', async () => {
    const { h, session, consenting, secondConsenting } = await classWithAttendees();
    const result = await classRepository.recordTopicForPresent(session.id, 'Hoàng Văn Sơn');
    expect(result).toEqual({
      recorded: 2,
      withoutConsent: 1,
      withoutConsentNames: ['Cụ bà'],
      alreadyRecorded: 0,
    });
    const assists = await getDb().assists.toArray();
    expect(assists.map((a) => a.residentId).sort()).toEqual([consenting.id, secondConsenting.id].sort());
    for (const a of assists) {
      expect(a).toMatchObject({
        householdId: h.id,
        classId: session.id,
        kind: 'online_safety',
        status: 'done',
        howKnown: 'observed',
        on: '2026-11-28',
        by: 'Hoàng Văn Sơn',
      });
    }
    const queued = await getDb()
      .outbox.where('rowId')
      .anyOf(assists.map((a) => a.id))
      .count();
    expect(queued).toBe(2);
  });

  it('a second tap records nothing twice and says who already had it', async () => {
    const { session } = await classWithAttendees();
    await classRepository.recordTopicForPresent(session.id, 'Hoàng Văn Sơn');
    const outbox = await getDb().outbox.count();
    const again = await classRepository.recordTopicForPresent(session.id, 'Hoàng Văn Sơn');
    expect(again).toEqual({
      recorded: 0,
      withoutConsent: 1,
      withoutConsentNames: ['Cụ bà'],
      alreadyRecorded: 2,
    });
    expect(await getDb().assists.count()).toBe(2);
    expect(await getDb().outbox.count()).toBe(outbox);
  });

  it('two taps at once still record each attendee once', async () => {
    const { session } = await classWithAttendees();
    await Promise.all([
      classRepository.recordTopicForPresent(session.id, 'Hoàng Văn Sơn'),
      classRepository.recordTopicForPresent(session.id, 'Hoàng Văn Sơn'),
    ]);
    expect(await getDb().assists.count()).toBe(2);
  });

  it('someone ticked later gets the topic on the next tap, the others are not recorded again', async () => {
    const { h, session } = await classWithAttendees();
    await classRepository.recordTopicForPresent(session.id, 'Hoàng Văn Sơn');
    const late = await resident(h.id, { name: 'Đàm Thị Thu' });
    await classRepository.setPresent(session.id, late.id, true);
    const result = await classRepository.recordTopicForPresent(session.id, 'Hoàng Văn Sơn');
    expect(result).toEqual({
      recorded: 1,
      withoutConsent: 1,
      withoutConsentNames: ['Cụ bà'],
      alreadyRecorded: 2,
    });
    expect(await getDb().assists.where('residentId').equals(late.id).count()).toBe(1);
  });
});
