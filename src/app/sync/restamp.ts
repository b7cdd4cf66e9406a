/**
 * Applies the repair of core/sync/restamp.ts to the phone: the refused outbox entries get their new
 * stamps, bases and dates, the rows whose field clocks (and dated values) came from those entries
 * follow them, and the phone's clock moves back to the repaired time. One transaction: a repair is
 * whole or not at all.
 */
import type { Table } from 'dexie';
import { SYNCED_TABLES } from '../../core/changes';
import { parseHlc } from '../../core/hlc';
import { restampFuture } from '../../core/sync/restamp';
import { getDeviceId, readSeenClock, saveRepairedClock, storeClockOffset } from '../db/clock';
import { getDb, type OutboxEntry, type RowMeta } from '../db/database';

type StoredRow = RowMeta & { id: string } & Record<string, unknown>;

export async function restampFutureChanges(serverTime: number, maxAheadMs: number): Promise<number> {
  const localNow = Date.now();
  const deviceId = await getDeviceId();
  const db = getDb();
  await storeClockOffset(serverTime - localNow, serverTime);
  // Every record table: a queued change of any of them may carry a stamp to repair.
  const records = SYNCED_TABLES.map((table) => db.table(table));
  return db.transaction('rw', [db.outbox, db.meta, ...records], async () => {
    const entries = await db.outbox.orderBy('seq').toArray();
    const result = restampFuture({
      changes: entries,
      serverTime,
      localNow,
      maxAheadMs,
      seen: await readSeenClock(db.meta),
      node: deviceId,
    });
    if (result.restamped === 0) return 0;
    const touched = new Map<string, { table: OutboxEntry['table']; entries: OutboxEntry[] }>();
    for (const [i, repaired] of result.changes.entries()) {
      const entry = entries[i] as OutboxEntry;
      if (repaired === entry) continue;
      await db.outbox.put({ ...entry, ...repaired });
      const row = touched.get(entry.rowId) ?? { table: entry.table, entries: [] };
      row.entries.push(entry);
      touched.set(entry.rowId, row);
    }
    for (const [rowId, { table, entries: changed }] of touched) {
      const rows = db.table(table) as Table<StoredRow, string>;
      const row = await rows.get(rowId);
      if (!row?.clocks) continue;
      const clocks = { ...row.clocks };
      const values: Record<string, unknown> = {};
      for (const entry of changed) {
        const moved = result.movedDates.get(entry.changeId) ?? {};
        for (const [field, clock] of Object.entries(clocks)) {
          if (clock !== entry.hlc) continue;
          clocks[field] = result.stamps.get(entry.hlc) ?? clock;
          if (Object.hasOwn(moved, field)) values[field] = moved[field];
        }
      }
      await rows.update(rowId, { ...values, clocks });
    }
    await saveRepairedClock(db.meta, result.clock);
    // A repair that leaves a stamp the server would refuse again must not be retried at once: the
    // caller would loop on clock_ahead. Saying "nothing repaired" lets the sync fail and back off.
    const limit = serverTime + maxAheadMs;
    return result.changes.some((c) => parseHlc(c.hlc).wall > limit) ? 0 : result.restamped;
  });
}
