/**
 * Repairs changes stamped by a phone whose clock ran ahead. The server refuses timestamps too far in
 * the future (they would win every merge for months); none of these changes were accepted anywhere,
 * so the phone may safely give them fresh timestamps from its corrected clock, in their original
 * order, and move its own clock back. Row clocks that pointed at an old stamp follow it.
 */
import type { Table } from 'dexie';
import { SYNCED_TABLES } from '../../core/changes';
import { formatHlc, initialHlc, parseHlc, tickHlc } from '../../core/hlc';
import { getDeviceId, storeClockOffset } from '../db/clock';
import { getDb, type RowMeta } from '../db/database';

export async function restampFutureChanges(serverTime: number, maxAheadMs: number): Promise<number> {
  const deviceId = await getDeviceId();
  const db = getDb();
  await storeClockOffset(serverTime - Date.now());
  // Every record table: a queued change of any of them may carry a stamp to repair.
  const records = SYNCED_TABLES.map((table) => db.table(table));
  return db.transaction('rw', [db.outbox, db.meta, ...records], async () => {
    const entries = await db.outbox.orderBy('seq').toArray();
    const limit = serverTime + maxAheadMs;
    const future = entries.filter((e) => parseHlc(e.hlc).wall > limit);
    if (future.length === 0) return 0;
    // Restart from the newest stamp that is still acceptable, so order with the rest is kept.
    const keep = entries.filter((e) => parseHlc(e.hlc).wall <= limit).map((e) => e.hlc);
    let clock = keep.length > 0 ? parseHlc(keep.sort().at(-1) as string) : initialHlc(deviceId);
    for (const entry of future) {
      clock = tickHlc(clock, serverTime);
      const stamp = formatHlc(clock);
      const rows = db.table(entry.table) as Table<RowMeta & { id: string }, string>;
      const row = await rows.get(entry.rowId);
      if (row?.clocks) {
        const clocks = { ...row.clocks };
        for (const [field, value] of Object.entries(clocks)) if (value === entry.hlc) clocks[field] = stamp;
        await rows.update(entry.rowId, { clocks });
      }
      await db.outbox.update(entry.seq as number, { hlc: stamp });
    }
    await db.meta.put({ key: 'clock', value: formatHlc(clock) });
    return future.length;
  });
}
