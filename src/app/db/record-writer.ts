/**
 * The one way a record reaches the phone's database: the row and its outbox entry are written in a
 * single Dexie transaction, so a change is either fully recorded and queued for sync, or not at all.
 */
import type { Table } from 'dexie';
import { diffFields, type SyncedTable } from '../../core/changes';
import { newId } from '../../core/ids';
import { nextTimestamp, nextTimestamps } from './clock';
import { getDb, type NgoSoDatabase, type OutboxEntry } from './database';

export interface SyncedRow {
  id: string;
  villageId: string;
  updatedAt: string;
}

/**
 * Stores `next` as the row's new state and queues the fields that changed. Returns false (and writes
 * nothing) when nothing changed. `next` must already be validated by its schema.
 */
export async function writeRow<R extends SyncedRow>(table: SyncedTable, next: R): Promise<boolean> {
  const db = getDb();
  const rows = db.table(table) as Table<R, string>;
  return db.transaction('rw', [rows, db.outbox, db.meta], async (tx) => {
    const current = await rows.get(next.id);
    const fields = diffFields(current, next);
    if (Object.keys(fields).length === 0) return false;
    const hlc = await nextTimestamp(tx);
    const entry: OutboxEntry = {
      changeId: newId(),
      table,
      rowId: next.id,
      villageId: next.villageId,
      fields,
      hlc,
      createdAt: new Date().toISOString(),
    };
    await rows.put(next);
    await db.outbox.add(entry);
    return true;
  });
}

/** Many new rows in one transaction (demo data, imports): all are stored and queued, or none. */
export async function writeNewRows(
  db: NgoSoDatabase,
  batches: ReadonlyArray<{ table: SyncedTable; rows: readonly SyncedRow[] }>,
): Promise<void> {
  const tables = batches.map((b) => db.table(b.table));
  await db.transaction('rw', [...tables, db.outbox, db.meta], async (tx) => {
    const entries: OutboxEntry[] = [];
    const createdAt = new Date().toISOString();
    const total = batches.reduce((n, b) => n + b.rows.length, 0);
    const hlcs = await nextTimestamps(tx, total);
    for (const { table, rows } of batches) {
      for (const row of rows) {
        entries.push({
          changeId: newId(),
          table,
          rowId: row.id,
          villageId: row.villageId,
          fields: diffFields(undefined, row),
          hlc: hlcs[entries.length] as string,
          createdAt,
        });
      }
      await db.table(table).bulkPut(rows as SyncedRow[]);
    }
    await db.outbox.bulkAdd(entries);
  });
}
