import { eq, sql } from 'drizzle-orm';
import type { StoredRow } from '../../core/sync/server-merge';
import { records, syncState } from '../db/schema.js';
import type { Tx } from '../db.js';

/** Locks the sequence counter for the rest of the transaction and returns the last number handed out. */
export async function lockSequence(tx: Tx): Promise<number> {
  const [row] = await tx.select().from(syncState).where(eq(syncState.id, 1)).for('update');
  if (!row) throw new Error('sync_state has no row: migrations did not run');
  return row.lastSeq;
}

export async function saveSequence(tx: Tx, lastSeq: number): Promise<void> {
  await tx.update(syncState).set({ lastSeq }).where(eq(syncState.id, 1));
}

export async function upsertRecords(tx: Tx, rows: readonly StoredRow[]): Promise<void> {
  await tx
    .insert(records)
    .values(
      rows.map((r) => ({
        tbl: r.table,
        id: r.id,
        villageId: r.villageId,
        data: r.state.values,
        clocks: r.state.clocks,
        seq: r.seq,
      })),
    )
    .onConflictDoUpdate({
      target: [records.tbl, records.id],
      set: { data: sql`excluded.data`, clocks: sql`excluded.clocks`, seq: sql`excluded.seq` },
    });
}
