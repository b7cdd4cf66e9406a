/**
 * The dashboard's compact copy of each village (issue 18, item 5; src/app/db/data-versions.ts): built
 * on first use, read instead of the rows while it holds, and gone with any write of the village in the
 * same transaction — whichever code path writes, a delete included — so the figures never lag a write
 * and an erased person or a dropped village leaves no copy behind.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { ANY_VILLAGE } from '../../src/app/db/data-versions';
import { getDb } from '../../src/app/db/database';
import { dashboardWorkerApi } from '../../src/app/features/dashboard/dashboard-api';
import { decodeSnapshot, encodeSnapshot } from '../../src/app/features/dashboard/snapshot-codec';
import { computeFigures, DRILL_KEYS, drillDown } from '../../src/core/indicators';
import {
  FIXTURE_PERIOD,
  FIXTURE_REFERENCE_DAY,
  FIXTURE_ROWS,
  VILLAGE_A,
} from '../fixtures/indicators/fixture-village';

/** A village's snapshot text ('' when there is none). */
async function snapshotText(villageId: string): Promise<string> {
  return (await getDb().indicatorSnapshots.get(villageId))?.text ?? '';
}

const A = '0191f5a0-0000-7000-8000-0000000000a1';
const B = '0191f5a0-0000-7000-8000-0000000000b2';
const STAMP = '2026-01-10T02:00:00.000Z';
const PERIOD = '2026-Q1';
const TODAY = '2026-03-31';

function household(villageId: string, id: string) {
  return {
    id,
    villageId,
    label: `Hộ ${id.slice(-2)}`,
    membersCount: 2,
    poor: false,
    search: '',
    createdAt: STAMP,
    updatedAt: STAMP,
  };
}
function resident(villageId: string, householdId: string, id: string, name: string) {
  return {
    id,
    villageId,
    householdId,
    name,
    birthYear: 1980,
    groups: [],
    search: '',
    createdAt: STAMP,
    updatedAt: STAMP,
  };
}
function level2(villageId: string, householdId: string, residentId: string, id: string) {
  return {
    id,
    villageId,
    householdId,
    residentId,
    kind: 'vneid_level2_active',
    status: 'done',
    howKnown: 'observed',
    on: '2026-02-01',
    by: 'Tổ viên Hà',
    createdAt: STAMP,
    updatedAt: STAMP,
    clocks: { kind: `${STAMP}-0000-aaaaaaaaaaaaaaaa` },
  };
}

const HA = '0191f5a0-0000-7000-8000-00000000aa01';
const HB = '0191f5a0-0000-7000-8000-00000000bb01';
const RA1 = '0191f5a0-0000-7000-8000-0000000a0001';
const RA2 = '0191f5a0-0000-7000-8000-0000000a0002';
const RB1 = '0191f5a0-0000-7000-8000-0000000b0001';

beforeEach(async () => {
  const db = getDb();
  for (const [id, name] of [
    [A, 'Thôn A'],
    [B, 'Thôn B'],
  ] as const) {
    await db.villages.put({
      id,
      villageId: id,
      name,
      code: name.slice(-1),
      createdAt: STAMP,
      updatedAt: STAMP,
    });
  }
  await db.households.bulkPut([household(A, HA), household(B, HB)] as never);
  await db.residents.bulkPut([
    resident(A, HA, RA1, 'Nông Văn Tâm'),
    resident(A, HA, RA2, 'Nông Thị Mai'),
    resident(B, HB, RB1, 'Hoàng Văn Dũng'),
  ] as never);
});

describe('the dashboard snapshots', () => {
  it('are built on first use, then read instead of the rows', async () => {
    const db = getDb();
    const api = dashboardWorkerApi();
    expect((await api.figures([A], PERIOD, TODAY)).targets.id).toMatchObject({
      count: 0,
      denominator: { register: 2 },
    });
    const text = await snapshotText(A);
    expect(text).toContain('Nông Văn Tâm');
    // What the indicators do not read stays out of the copy.
    expect(text).not.toContain('"search"');
    expect(text).not.toContain('clocks');

    // Changed behind the database's back (no write through it): a fresh worker still answers from the
    // snapshot, which proves it reads the copy and not the rows.
    const raw = db.backendDB().transaction('residents', 'readwrite');
    raw.objectStore('residents').delete(RA2);
    await new Promise((resolve) => {
      raw.oncomplete = resolve;
    });
    expect((await dashboardWorkerApi().figures([A], PERIOD, TODAY)).targets.id.denominator.register).toBe(2);
  });

  it("go with any write of their village, in the write's own transaction, and keep the others", async () => {
    const db = getDb();
    await dashboardWorkerApi().commune([A, B], PERIOD, TODAY);
    expect((await db.indicatorSnapshots.toArray()).map((s) => s.villageId).sort()).toEqual([A, B].sort());
    const before = (await db.dataVersions.get(A))?.stamp;

    await db.assists.put(level2(A, HA, RA1, '0191f5a0-0000-7000-8000-00000000a551') as never);
    expect(await db.indicatorSnapshots.get(A)).toBeUndefined();
    expect(await db.indicatorSnapshots.get(B)).toBeDefined();
    expect((await db.dataVersions.get(A))?.stamp).not.toBe(before);
    // A fresh worker (the next app start) counts the new step.
    expect((await dashboardWorkerApi().figures([A], PERIOD, TODAY)).targets.id.count).toBe(1);

    // A write that fails takes its snapshot deletion with it: the copy stays, still right.
    await dashboardWorkerApi().figures([A], PERIOD, TODAY);
    await expect(
      db.transaction('rw', db.residents, async () => {
        await db.residents.put(resident(A, HA, RA2, 'Nông Thị Mai Anh') as never);
        throw new Error('the form failed');
      }),
    ).rejects.toThrow('the form failed');
    expect(await snapshotText(A)).toContain('"Nông Thị Mai"');
  });

  it('all go with a delete, whose villages the database cannot see (a village dropped, an erasure)', async () => {
    const db = getDb();
    await dashboardWorkerApi().commune([A, B], PERIOD, TODAY);
    await db.residents.where('villageId').equals(B).delete();
    expect(await db.indicatorSnapshots.count()).toBe(0);
    expect(await db.dataVersions.get(ANY_VILLAGE)).toBeDefined();
    const figures = await dashboardWorkerApi().commune([A, B], PERIOD, TODAY);
    expect(figures.villages[B]?.targets.id.denominator.register).toBe(0);
    expect(figures.villages[A]?.targets.id.denominator.register).toBe(2);
  });

  it('are refused when a write came between the read and the store', async () => {
    const db = getDb();
    const api = dashboardWorkerApi(getDb, async () => {
      await db.residents.put(resident(A, HA, RA2, 'Nông Thị Mai Anh') as never);
    });
    // The answer is the read's (taken before the write), but it is not kept as the village's copy.
    await api.figures([A], PERIOD, TODAY);
    expect(await db.indicatorSnapshots.get(A)).toBeUndefined();
    await dashboardWorkerApi().figures([A], PERIOD, TODAY);
    expect(await snapshotText(A)).toContain('Nông Thị Mai Anh');
  });

  it('pack a village so that every figure and every list comes out the same (the hand-counted fixture)', async () => {
    const of = <T extends { villageId?: string; id?: string }>(list: readonly T[]) =>
      list.filter((r) => (r.villageId ?? r.id) === VILLAGE_A);
    const village = {
      villages: of(FIXTURE_ROWS.villages),
      households: of(FIXTURE_ROWS.households),
      residents: of(FIXTURE_ROWS.residents),
      visits: of(FIXTURE_ROWS.visits),
      assists: of(FIXTURE_ROWS.assists),
      classes: of(FIXTURE_ROWS.classes),
      attendance: of(FIXTURE_ROWS.attendance),
    };
    const unpacked = decodeSnapshot(encodeSnapshot(village), VILLAGE_A);
    if (!unpacked) throw new Error('not decoded');
    const query = { villageIds: [VILLAGE_A], period: FIXTURE_PERIOD, referenceDay: FIXTURE_REFERENCE_DAY };
    const targets = FIXTURE_ROWS.targets;
    expect(computeFigures({ ...unpacked, targets }, query)).toEqual(
      computeFigures({ ...village, targets }, query),
    );
    for (const key of DRILL_KEYS) {
      expect(drillDown({ ...unpacked, targets }, query, key), key).toEqual(
        drillDown({ ...village, targets }, query, key),
      );
    }
  });
});
