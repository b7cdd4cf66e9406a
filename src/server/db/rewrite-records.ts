/**
 * The one way a data repair rewrites stored rows (repairs.ts): a repaired field gets a new server
 * clock and the row a new sequence number, exactly as a privacy clear does, so every phone pulls the
 * repaired value and converges; the rewrite is logged as a change by the system user.
 *
 * Each batch holds the sequence lock, and a row the rewrite leaves unchanged is not touched, so a
 * rewrite that runs twice (two server processes) changes nothing the second time.
 */
import { asc, sql } from 'drizzle-orm';
import type { FieldValue, SyncedTable } from '../../core/changes';
import { formatHlc, type Hlc, initialHlc, parseHlc, receiveHlc, tickHlc } from '../../core/hlc';
import { newId } from '../../core/ids';
import { type RowState, rowClock } from '../../core/sync/row-state';
import { SERVER_NODE, type StoredRow } from '../../core/sync/server-merge';
import type { Database, Tx } from '../db.js';
import { insertChanges, lockSequence, saveSequence, upsertRecords } from '../sync/store.js';
import { records } from './schema.js';

/** The author of changes the server makes itself, in the change log. */
export const SYSTEM_USER_ID = '00000000-0000-0000-0000-000000000000';

export const BATCH = 500;

export interface Repair {
  name: string;
  run(db: Database, now: () => number): Promise<Record<string, unknown>>;
}

/** A row's fields as the repair wants them, and the names of the fields it changed (none: untouched). */
export type FieldsRewrite = (
  table: SyncedTable,
  fields: Readonly<Record<string, FieldValue>>,
) => { fields: Record<string, FieldValue>; changed: string[] };

/** Rewrites every stored row with `rewrite`, in batches of 500; returns how many were scanned and changed. */
export async function rewriteRecords(
  db: Database,
  now: () => number,
  rewrite: FieldsRewrite,
): Promise<{ scanned: number; repaired: number }> {
  let after: { tbl: string; id: string } | undefined;
  let scanned = 0;
  let repaired = 0;
  const _clock: Hlc = initialHlc(SERVER_NODE);
  for (;;) {
    const batch = await db.transaction(async (tx) => {
      let { lastSeq, clock } = await lockSequence(tx);
      const rows = await readBatch(tx, after);
      const changedRows: StoredRow[] = [];
      const log: Parameters<typeof insertChanges>[1][number][] = [];
      const time = now();
      for (const row of rows) {
        const table = row.tbl as SyncedTable;
        const state: RowState = { values: row.data as Record<string, FieldValue>, clocks: row.clocks };
        const { fields, changed } = rewrite(table, state.values);
        if (changed.length === 0) continue;
        const newest = rowClock(state);
        if (newest) clock = receiveHlc(clock, parseHlc(newest), time, Number.POSITIVE_INFINITY);
        clock = tickHlc(clock, time);
        const stamp = formatHlc(clock);
        const clocks = { ...state.clocks };
        for (const field of changed) clocks[field] = stamp;
        lastSeq += 1;
        const stored: StoredRow = {
          table,
          id: row.id,
          villageId: row.villageId,
          state: { values: fields, clocks },
          seq: lastSeq,
        };
        changedRows.push(stored);
        log.push({
          seq: lastSeq,
          change: {
            changeId: newId(),
            table,
            rowId: row.id,
            villageId: row.villageId,
            fields: Object.fromEntries(changed.map((f) => [f, fields[f] ?? null])),
            hlc: stamp,
          },
          userId: SYSTEM_USER_ID,
          deviceId: SERVER_NODE,
        });
      }
      if (changedRows.length > 0) {
        await upsertRecords(tx, changedRows);
        await insertChanges(tx, log);
        await saveSequence(tx, { lastSeq, clock });
      }
      return { rows, repaired: changedRows.length };
    });
    scanned += batch.rows.length;
    repaired += batch.repaired;
    const last = batch.rows.at(-1);
    if (!last || batch.rows.length < BATCH) break;
    after = { tbl: last.tbl, id: last.id };
  }
  return { scanned, repaired };
}

function readBatch(tx: Tx, after: { tbl: string; id: string } | undefined) {
  const query = tx.select().from(records);
  const ordered = after
    ? query.where(sql`(${records.tbl}, ${records.id}) > (${after.tbl}, ${after.id}::uuid)`)
    : query;
  return ordered.orderBy(asc(records.tbl), asc(records.id)).limit(BATCH);
}
