import { useLiveQuery } from 'dexie-react-hooks';
import { getDb } from '../../db/database';

/** Outbox counts: all queued changes, and those in demo villages (which never sync). */
export function usePendingCounts(): { total: number; demo: number } | undefined {
  return useLiveQuery(async () => {
    const db = getDb();
    const demoIds = (await db.villages.toArray()).filter((v) => v.demo).map((v) => v.id);
    // One native index count per demo village: Dexie counts `anyOf` by walking a cursor over every
    // entry (20,000 after loading demo data, ~450 ms on a phone after each save).
    const [total, ...perDemoVillage] = await Promise.all([
      db.outbox.count(),
      ...demoIds.map((id) => db.outbox.where('villageId').equals(id).count()),
    ]);
    return { total, demo: perDemoVillage.reduce((a, b) => a + b, 0) };
  }, []);
}

/**
 * Ids of rows with changes not yet acknowledged by the server, for "chưa đồng bộ" markers. None for a
 * demo village: its data never syncs, so marking every row would only be noise.
 */
export function usePendingRowIds(villageId: string): Set<string> | undefined {
  return useLiveQuery(async () => {
    const db = getDb();
    if ((await db.villages.get(villageId))?.demo) return new Set<string>();
    const ids = await db.outbox
      .where('villageId')
      .equals(villageId)
      .toArray((rows) => rows.map((r) => r.rowId));
    return new Set(ids);
  }, [villageId]);
}

export function useRejectedCount(): number | undefined {
  return useLiveQuery(() => getDb().rejected.count(), []);
}
