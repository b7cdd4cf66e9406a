/**
 * A phone learns of an erasure on its next sync (issue 14, kind 8): after pulling a resident's deletion
 * or withdrawn consent, nothing in its IndexedDB — rows, queued changes, refused changes, drafts — nor
 * this tab's draft mirror holds the person's name, phone number or notes about them, even what the
 * phone typed itself and had not sent. The server's side is tests/server/erasure.test.ts; here the
 * pulled rows are what it sends.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb, type ResidentRow } from '../../src/app/db/database';
import { residentRepository } from '../../src/app/db/resident-repository';
import { formToResidentInput, residentToForm } from '../../src/app/features/residents/resident-form-values';
import { applyPulledPage } from '../../src/app/sync/apply-pulled';
import { useSession } from '../../src/app/sync/session';
import { DRAFT_MIRROR_PREFIX } from '../../src/app/ui/draft-mirror';
import type { SyncedTable } from '../../src/core/changes';
import { attendanceId } from '../../src/core/ids';
import { foldForSearch } from '../../src/core/search';
import { WITHDRAWN_LABEL } from '../../src/core/sync/erasure';
import { encodeClocks, type WireRow } from '../../src/core/sync/protocol';
import { sessionFor, VILLAGE_ID } from './fixtures';

const TEAMMATE = '001764000000000:00000:bbbbbbbbbbbbbbbb';
/** The server's clears: stamped above everything it knew of the row. */
const SERVER = '009000000000000:00000:0000000000000000';
const HOUSEHOLD = '0191f5a0-0000-7000-8000-0000000000e1';
const RESIDENT = '0191f5a0-0000-7000-8000-0000000000e2';
const VISIT = '0191f5a0-0000-7000-8000-0000000000e3';
const ASSIST = '0191f5a0-0000-7000-8000-0000000000e4';
const CLASS = '0191f5a0-0000-7000-8000-0000000000e5';
const CREATED = '2026-11-25T08:00:00.000Z';
const NAME = 'Bàn Thị Sửu';
const PHONE = '0911222333';

function wire(t: SyncedTable, i: string, d: Record<string, unknown>, s: number, clock = TEAMMATE): WireRow {
  return {
    t,
    i,
    g: VILLAGE_ID,
    s,
    d,
    ...encodeClocks(Object.fromEntries(Object.keys(d).map((k) => [k, clock]))),
  };
}

const consent = {
  purposes: ['skills_support', 'phone_contact'],
  collectedBy: 'Lục Thị Hoa',
  collectedAt: CREATED,
};

/** The person as the team wrote them, pulled by this phone. */
function teamPage(): WireRow[] {
  return [
    wire(
      'households',
      HOUSEHOLD,
      { label: 'Hộ ông Tâm', membersCount: 3, poor: false, notes: `Mẹ chồng ${NAME}`, createdAt: CREATED },
      1,
    ),
    wire(
      'residents',
      RESIDENT,
      {
        householdId: HOUSEHOLD,
        name: NAME,
        birthYear: 1949,
        groups: ['trader'],
        phone: PHONE,
        consent,
        createdAt: CREATED,
      },
      2,
    ),
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
        notes: `${NAME} cần nhắc lại`,
        createdAt: CREATED,
      },
      3,
    ),
    wire(
      'assists',
      ASSIST,
      {
        residentId: RESIDENT,
        householdId: HOUSEHOLD,
        kind: 'vneid_level1',
        status: 'failed',
        failReason: `${NAME} quên mật khẩu`,
        howKnown: 'observed',
        on: '2026-11-25',
        by: 'Lục Thị Hoa',
        createdAt: CREATED,
      },
      4,
    ),
    wire(
      'classes',
      CLASS,
      {
        date: '2026-11-28',
        topic: 'online_safety',
        audience: 'elderly',
        venue: 'Nhà văn hoá',
        trainer: 'Hoàng Văn Sơn',
        walkIns: 0,
        createdAt: CREATED,
      },
      5,
    ),
    wire(
      'attendance',
      attendanceId(CLASS, RESIDENT),
      { classId: CLASS, residentId: RESIDENT, createdAt: CREATED },
      6,
    ),
  ];
}

/** Everything the phone's database holds, every table, as text. */
async function dumpPhone(): Promise<string> {
  const db = getDb();
  const tables = await Promise.all(db.tables.map(async (t) => [t.name, await t.toArray()]));
  const mirror: string[] = [];
  for (let i = 0; i < sessionStorage.length; i++) {
    const key = sessionStorage.key(i);
    if (key) mirror.push(`${key}=${sessionStorage.getItem(key)}`);
  }
  return JSON.stringify([tables, mirror]);
}

function expectNothingOf(dump: string, strings: readonly string[]): void {
  for (const s of strings) expect(foldForSearch(dump), s).not.toContain(foldForSearch(s));
}

/** What this phone typed about the person and has not sent: an edit, a draft, a refused change. */
async function localTraces(): Promise<void> {
  const db = getDb();
  const resident = await db.residents.get(RESIDENT);
  if (!resident) throw new Error('resident not pulled');
  await residentRepository.update(RESIDENT, {
    householdId: HOUSEHOLD,
    name: `${NAME} (bà Sửu)`,
    birthYear: 1949,
    groups: ['trader'],
    phone: PHONE,
    consent,
  } as never);
  const draft = {
    key: `resident:${RESIDENT}`,
    userId: 'u1',
    values: { name: `${NAME} sửa dở` },
    savedAt: CREATED,
  };
  await db.drafts.put(draft);
  sessionStorage.setItem(`${DRAFT_MIRROR_PREFIX}${draft.key}`, JSON.stringify(draft));
  sessionStorage.setItem(
    `${DRAFT_MIRROR_PREFIX}visit:${HOUSEHOLD}`,
    JSON.stringify({ key: `visit:${HOUSEHOLD}`, values: { residentIds: [RESIDENT], notes: 'Gặp bà Sửu' } }),
  );
  await db.rejected.add({
    change: {
      changeId: '0191f5a0-0000-7000-8000-0000000000f1',
      table: 'residents',
      rowId: RESIDENT,
      villageId: VILLAGE_ID,
      fields: { name: `${NAME} 123` },
      hlc: TEAMMATE,
    },
    code: 'invalid_changes',
    message: 'x',
    rejectedAt: CREATED,
  });
  expect(await dumpPhone()).toContain(NAME);
}

beforeEach(() => {
  useSession.setState({ session: sessionFor({ id: 'u1', villageIds: [VILLAGE_ID] }), loaded: true });
});

describe('a phone syncing an erasure', () => {
  it('keeps nothing of a deleted resident, what it typed itself included', async () => {
    await applyPulledPage(teamPage(), 6);
    await localTraces();
    // The server's row after the deletion. Its purged step, attendance and visit come on a later page
    // (the phone erases them itself first); the household's notes name the person by a name this
    // phone no longer holds (it renamed them), so that clear is the server's, from its change log.
    await applyPulledPage(
      [
        wire(
          'residents',
          RESIDENT,
          {
            name: null,
            birthYear: null,
            groups: null,
            phone: null,
            consent: null,
            deletedAt: '2026-11-26T08:00:00.000Z',
          },
          7,
          SERVER,
        ),
        wire('households', HOUSEHOLD, { notes: null }, 8, SERVER),
      ],
      8,
    );
    expectNothingOf(await dumpPhone(), [NAME, PHONE]);
    const db = getDb();
    expect(await db.residents.get(RESIDENT)).toMatchObject({
      householdId: HOUSEHOLD,
      deletedAt: '2026-11-26T08:00:00.000Z',
    });
    expect((await db.assists.get(ASSIST))?.deletedAt).toEqual(expect.any(String));
    expect((await db.attendance.get(attendanceId(CLASS, RESIDENT)))?.deletedAt).toEqual(expect.any(String));
    expect(await db.visits.get(VISIT)).toMatchObject({ residentIds: [], outcome: 'met' });
    expect(await db.households.get(HOUSEHOLD)).toMatchObject({ label: 'Hộ ông Tâm' });
    expect(await db.outbox.where('rowId').equals(RESIDENT).count()).toBe(0);
    expect(await db.rejected.count()).toBe(0);
    expect(await db.drafts.count()).toBe(0);
  });

  it('keeps a withdrawn resident as a label and birth year, and drops what needed consent', async () => {
    await applyPulledPage(teamPage(), 6);
    await localTraces();
    await applyPulledPage(
      [
        wire(
          'residents',
          RESIDENT,
          {
            consent: { ...consent, withdrawnAt: '2026-11-26T08:00:00.000Z' },
            name: WITHDRAWN_LABEL,
            phone: null,
            groups: [],
          },
          7,
          SERVER,
        ),
        // The server clears notes naming the person by any name it ever held (its change log).
        wire('households', HOUSEHOLD, { notes: null }, 8, SERVER),
        wire('visits', VISIT, { notes: null }, 9, SERVER),
      ],
      7,
    );
    expectNothingOf(await dumpPhone(), [NAME, PHONE]);
    const db = getDb();
    expect(await db.residents.get(RESIDENT)).toMatchObject({
      name: WITHDRAWN_LABEL,
      birthYear: 1949,
      groups: [],
    });
    expect((await db.assists.get(ASSIST))?.deletedAt).toEqual(expect.any(String));
    // Attendance is kept: a class is public, and the row names a labelled person now.
    expect((await db.attendance.get(attendanceId(CLASS, RESIDENT)))?.deletedAt).toBeUndefined();
    expect(await db.visits.get(VISIT)).toMatchObject({ residentIds: [RESIDENT] });
  });

  it('the phone that deleted the person drops its own traces of them when the erasure comes back', async () => {
    await applyPulledPage(teamPage(), 6);
    await localTraces();
    await residentRepository.remove(RESIDENT);
    await getDb().outbox.clear(); // pushed and acknowledged
    await applyPulledPage(
      [
        wire(
          'residents',
          RESIDENT,
          {
            name: null,
            birthYear: null,
            groups: null,
            phone: null,
            consent: null,
            deletedAt: '2026-11-26T08:00:00.000Z',
          },
          7,
          SERVER,
        ),
        wire('households', HOUSEHOLD, { notes: null }, 8, SERVER),
      ],
      8,
    );
    expectNothingOf(await dumpPhone(), [NAME, PHONE]);
  });

  it('an undo of a deletion still on this phone carries the whole person; one already erased here fails', async () => {
    await applyPulledPage(teamPage(), 6);
    await residentRepository.remove(RESIDENT);
    await residentRepository.restore(RESIDENT);
    const [, undo] = await getDb().outbox.orderBy('seq').toArray();
    expect(undo?.fields).toMatchObject({ deletedAt: null, name: NAME, birthYear: 1949, groups: ['trader'] });

    await residentRepository.remove(RESIDENT);
    await applyPulledPage(
      [
        wire(
          'residents',
          RESIDENT,
          {
            name: null,
            birthYear: null,
            groups: null,
            phone: null,
            consent: null,
            deletedAt: '2026-11-26T08:00:00.000Z',
          },
          7,
          SERVER,
        ),
      ],
      7,
    );
    await expect(residentRepository.restore(RESIDENT)).rejects.toThrow();
  });
});

describe('withdrawing consent in the resident form', () => {
  const resident = {
    id: RESIDENT,
    villageId: VILLAGE_ID,
    householdId: HOUSEHOLD,
    name: NAME,
    birthYear: 1949,
    groups: ['trader'],
    phone: PHONE,
    consent,
    createdAt: CREATED,
    updatedAt: CREATED,
    search: '',
  } as ResidentRow;
  const now = new Date('2026-11-26T08:00:00.000Z');

  it('replaces a full name left as it was with the label, and keeps one the person typed', () => {
    const form = { ...residentToForm(resident, 'Lục Thị Hoa'), purposes: [] };
    expect(formToResidentInput(form, HOUSEHOLD, resident, now)).toMatchObject({
      name: WITHDRAWN_LABEL,
      consent: { withdrawnAt: now.toISOString() },
      groups: [],
    });
    expect(formToResidentInput({ ...form, name: 'Bà cụ nhà ông Tâm' }, HOUSEHOLD, resident, now).name).toBe(
      'Bà cụ nhà ông Tâm',
    );
  });

  it('leaves the name of a resident who never consented, or still does, alone', () => {
    const never = { ...resident, consent: undefined } as ResidentRow;
    expect(formToResidentInput(residentToForm(never, 'x'), HOUSEHOLD, never, now).name).toBe(NAME);
    expect(formToResidentInput(residentToForm(resident, 'x'), HOUSEHOLD, resident, now).name).toBe(NAME);
  });
});
