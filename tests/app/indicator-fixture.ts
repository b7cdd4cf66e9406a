/**
 * The dashboard's hand-made register (tests/fixtures/indicators/fixture-village.ts) stored on the
 * phone as a pull stores it: ids lower-case (issue 13, kind 1; the fixture writes "vA", "hA1"),
 * tombstones included, assists with their clock. Shared by the dashboard's and the report's tests.
 */
import { getDb } from '../../src/app/db/database';
import { FIXTURE_ROWS } from '../fixtures/indicators/fixture-village';

export const STAMP = '2025-02-01T02:00:00.000Z';
const ID_FIELDS = ['id', 'villageId', 'householdId', 'residentId', 'classId', 'visitId'] as const;

function lowerIds<T extends object>(row: T): T {
  const out = { ...row } as Record<string, unknown>;
  for (const field of ID_FIELDS) {
    const value = out[field];
    if (typeof value === 'string') out[field] = value.toLowerCase();
  }
  if (Array.isArray(out.residentIds)) out.residentIds = out.residentIds.map((r: string) => r.toLowerCase());
  return out as T;
}

/** The fixture's rows stored as a pull stores them (tombstones included, assists with their clock). */
export async function seedFixture() {
  const db = getDb();
  const rows = Object.fromEntries(
    Object.entries(FIXTURE_ROWS).map(([table, list]) => [table, (list as object[]).map(lowerIds)]),
  ) as unknown as typeof FIXTURE_ROWS;
  const meta = { createdAt: STAMP, updatedAt: STAMP };
  await db.villages.bulkPut(rows.villages.map((v) => ({ ...meta, ...v, villageId: v.id }) as never));
  await db.households.bulkPut(
    rows.households.map((h) => ({ ...meta, membersCount: 1, search: '', ...h }) as never),
  );
  await db.residents.bulkPut(rows.residents.map((r) => ({ search: '', ...r }) as never));
  await db.visits.bulkPut(
    rows.visits.map((v) => ({ ...meta, members: ['Tổ viên Hà'], topics: [], ...v }) as never),
  );
  await db.assists.bulkPut(
    rows.assists.map(({ hlc, ...a }) => ({ ...meta, ...a, clocks: { kind: hlc } }) as never),
  );
  await db.classes.bulkPut(rows.classes.map((c) => ({ ...meta, ...c }) as never));
  await db.attendance.bulkPut(rows.attendance.map((a) => ({ ...meta, ...a }) as never));
  await db.targets.bulkPut(
    rows.targets.map((t, i) => ({ ...meta, id: `target-${i}`, villageId: 'commune', ...t }) as never),
  );
}
