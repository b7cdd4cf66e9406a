/**
 * The notices of typed values that lost to a teammate's concurrent edit (issue 15; `LostEdit` in
 * database.ts). The phone learns of a loss two ways, which may both name the same one: the push
 * result of its change (`lost`: the other value was on the server first), and the server's list of
 * this device's values that lost later (GET /api/sync/lost). A notice is keyed by change and field,
 * so the second telling changes nothing, and one dismissed stays dismissed.
 *
 * Local to the phone (never synced, so no outbox entry), loaded only when there is a loss to record
 * or a list to show.
 */
import type { FieldValue } from '../../core/changes';
import type { LostEditWire } from '../../core/sync/protocol';
import { nowIso } from '../state/commune-clock';
import { getDb, LOST_CURSOR_KEY, type LostEdit, type OutboxEntry } from './database';

export function lostEditKey(changeId: string, field: string): string {
  return `${changeId}:${field}`;
}

/** Adds the notices not already on the phone (shown or dismissed). Call inside a transaction over lostEdits. */
async function addNew(notices: readonly LostEdit[]): Promise<void> {
  const table = getDb().lostEdits;
  const known = await table.bulkGet(notices.map((n) => n.key));
  const fresh = notices.filter((_, i) => known[i] === undefined);
  if (fresh.length > 0) await table.bulkPut(fresh);
}

/**
 * Removes the acknowledged changes from the outbox and, for the fields their results name as lost,
 * keeps notices with the values the entries hold — in one transaction, so her values are never gone
 * from the outbox before they are in a notice.
 * @param results the push results (applied or duplicate), `lost` naming a change's fields that lost
 */
export async function acknowledgePushed(
  batch: readonly OutboxEntry[],
  results: ReadonlyArray<{ changeId: string; lost?: string[] | undefined }>,
  userId: string,
): Promise<void> {
  const db = getDb();
  const byId = new Map(batch.map((e) => [e.changeId, e]));
  const notices: LostEdit[] = [];
  for (const result of results) {
    const entry = byId.get(result.changeId);
    if (!entry) continue;
    for (const field of result.lost ?? []) {
      notices.push({
        key: lostEditKey(entry.changeId, field),
        userId: entry.userId ?? userId,
        changeId: entry.changeId,
        table: entry.table,
        rowId: entry.rowId,
        villageId: entry.villageId,
        field,
        // `deletedAt`: the change edited a row deleted meanwhile; as she saw it, it was not deleted.
        value: entry.fields[field] ?? null,
        hlc: entry.hlc,
      });
    }
  }
  await db.transaction('rw', [db.outbox, db.lostEdits], async () => {
    if (notices.length > 0) await addNew(notices);
    await db.outbox
      .where('changeId')
      .anyOf(results.map((r) => r.changeId))
      .delete();
  });
}

/** The lost-list cursor of this account (0: never asked). */
export async function readLostCursor(userId: string): Promise<number> {
  const cursors = (await getDb().meta.get(LOST_CURSOR_KEY))?.value as Record<string, number> | undefined;
  return cursors?.[userId] ?? 0;
}

/** Stores one page of the server's lost list and its cursor, in one transaction. */
export async function recordLostPage(
  lost: readonly LostEditWire[],
  cursor: number,
  userId: string,
): Promise<void> {
  const db = getDb();
  await db.transaction('rw', [db.lostEdits, db.meta], async () => {
    await addNew(
      lost.map((l) => ({
        key: lostEditKey(l.changeId, l.field),
        userId,
        changeId: l.changeId,
        table: l.table,
        rowId: l.rowId,
        villageId: l.villageId,
        field: l.field,
        value: (l.value ?? null) as FieldValue,
        hlc: l.hlc,
      })),
    );
    const cursors = ((await db.meta.get(LOST_CURSOR_KEY))?.value ?? {}) as Record<string, number>;
    await db.meta.put({ key: LOST_CURSOR_KEY, value: { ...cursors, [userId]: cursor } });
  });
}

/** "Đã hiểu": the notice leaves the list, and the value she typed leaves the phone with it. */
export async function dismissLostEdit(key: string): Promise<void> {
  const table = getDb().lostEdits;
  await getDb().transaction('rw', table, async () => {
    const notice = await table.get(key);
    if (!notice || notice.dismissedAt) return;
    const { value: _value, ...rest } = notice;
    await table.put({ ...rest, dismissedAt: nowIso() });
  });
}
