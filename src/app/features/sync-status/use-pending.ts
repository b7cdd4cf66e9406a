import { useLiveQuery } from 'dexie-react-hooks';
import { getDb } from '../../db/database';
import { ACCOUNTS_KEY, type Owner } from '../../sync/account';
import { RESTORE_NOTE_KEY, type RestoreNote } from '../../sync/resync';
import { useSession } from '../../sync/session';

/** The accounts that have used this phone, by id. */
export function useKnownAccounts(): Record<string, Owner> | undefined {
  return useLiveQuery(
    async () => ((await getDb().meta.get(ACCOUNTS_KEY))?.value ?? {}) as Record<string, Owner>,
    [],
  );
}

export interface PendingCounts {
  total: number;
  /** In demo villages: they never sync. */
  demo: number;
  /** Made by other accounts on this phone, waiting for them to log in (sync/account.ts). */
  others: Array<{ userId: string; count: number }>;
}

/** Outbox counts: all queued changes, those in demo villages, and those of other accounts. */
export function usePendingCounts(userId: string | undefined): PendingCounts | undefined {
  return useLiveQuery(async () => {
    const db = getDb();
    const demoIds = (await db.villages.toArray()).filter((v) => v.demo).map((v) => v.id);
    // One native index count per demo village and per account: Dexie counts `anyOf` by walking a
    // cursor over every entry (20,000 after loading demo data, ~450 ms on a phone after each save).
    // Demo changes carry no account, so the two never overlap.
    const owners = (await db.outbox.orderBy('userId').uniqueKeys()).map(String).filter((u) => u !== userId);
    const [total, ...counts] = await Promise.all([
      db.outbox.count(),
      ...demoIds.map((id) => db.outbox.where('villageId').equals(id).count()),
      ...owners.map((id) => db.outbox.where('userId').equals(id).count()),
    ]);
    const demo = counts.slice(0, demoIds.length).reduce((a, b) => a + b, 0);
    const others = owners.map((id, i) => ({ userId: id, count: counts[demoIds.length + i] ?? 0 }));
    return { total, demo, others };
  }, [userId]);
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

/** Changes of this account (or of none) the server refused: another account's are not shown. */
export function useRejectedCount(userId: string | undefined): number | undefined {
  return useLiveQuery(
    () =>
      getDb()
        .rejected.filter((r) => r.userId === undefined || r.userId === userId)
        .count(),
    [userId],
  );
}

/**
 * Values the logged-in account typed that lost to a teammate's concurrent edit and it has not yet
 * acknowledged ("Đã hiểu"; Settings, section `lost-edits`, issue 15). Undefined while loading.
 */
export function useLostEditsCount(): number | undefined {
  const userId = useSession((s) => s.session?.user.id);
  return useLiveQuery(
    () =>
      userId === undefined
        ? 0
        : getDb()
            .lostEdits.where('userId')
            .equals(userId)
            .filter((n) => n.dismissedAt === undefined)
            .count(),
    [userId],
  );
}

/** The note left by the re-pull after the server's data was restored (sync/resync.ts), until dismissed. */
export function useRestoreNote(): RestoreNote | undefined {
  return useLiveQuery(
    async () => (await getDb().meta.get(RESTORE_NOTE_KEY))?.value as RestoreNote | undefined,
    [],
  );
}
