import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Change } from '../../core/changes';
import { formatHlc, type Hlc, initialHlc, parseHlc } from '../../core/hlc';
import { rowKey, SERVER_NODE, type StoredRow } from '../../core/sync/server-merge';
import { changes, records, syncState } from '../db/schema.js';
import type { Tx } from '../db.js';

/** What a writer holds while its transaction holds the sequence lock. */
export interface SequenceState {
  /** The last sequence number handed out (DESIGN §4.3). */
  lastSeq: number;
  /**
   * The server's clock as the last writer left it, in any process sharing the database: server
   * changes (repairs, erasures, an officer's erase) are stamped from it, so two processes never issue
   * the same server timestamp and a restart never goes back in time (issue 16, part 5).
   */
  clock: Hlc;
}

/**
 * Locks the sequence counter for the rest of the transaction and returns it with the server's clock.
 * The row lock queues every writer of every process, so numbers are handed out in commit order.
 *
 * @throws Error when sync_state has no row (migrations did not run)
 */
export async function lockSequence(tx: Tx): Promise<SequenceState> {
  // Asked twice at most: a writer that waited here while a restore replaced the tables wakes with a
  // snapshot from before the restore's TRUNCATE, which is not MVCC-safe and shows the table empty;
  // the next statement's snapshot sees the restored row (backup/restore-backup.ts).
  for (let attempt = 0; attempt < 2; attempt++) {
    const [row] = await tx.select().from(syncState).where(eq(syncState.id, 1)).for('update');
    if (row) {
      return {
        lastSeq: row.lastSeq,
        clock: row.serverHlc ? parseHlc(row.serverHlc) : initialHlc(SERVER_NODE),
      };
    }
  }
  throw new Error('sync_state has no row: migrations did not run');
}

/** Saves what the writer handed out; call it in the transaction that took the lock. */
export async function saveSequence(tx: Tx, state: SequenceState): Promise<void> {
  await tx
    .update(syncState)
    .set({ lastSeq: state.lastSeq, serverHlc: formatHlc(state.clock) })
    .where(eq(syncState.id, 1));
}

/**
 * Bulk writes send one JSON parameter and let the database unpack it (jsonb_to_recordset): building a
 * 500-row multi-VALUES statement through the query builder took as long as the database work itself,
 * and every push waits for the one before it (the sequence lock), so this time is the ceiling.
 */
export async function upsertRecords(tx: Tx, rows: readonly StoredRow[]): Promise<void> {
  const json = JSON.stringify(
    rows.map((r) => ({
      tbl: r.table,
      id: r.id,
      village_id: r.villageId,
      data: r.state.values,
      clocks: r.state.clocks,
      seq: r.seq,
    })),
  );
  await tx.execute(sql`
    insert into records (tbl, id, village_id, data, clocks, seq)
    select r.tbl, r.id, r.village_id, r.data, r.clocks, r.seq
    from jsonb_to_recordset(${json}::jsonb)
      as r(tbl text, id uuid, village_id uuid, data jsonb, clocks jsonb, seq bigint)
    on conflict (tbl, id) do update set data = excluded.data, clocks = excluded.clocks, seq = excluded.seq`);
}

export interface ChangeLogRow {
  seq: number;
  change: Change;
  userId: string;
  deviceId: string;
}

export async function insertChanges(tx: Tx, rows: readonly ChangeLogRow[]): Promise<void> {
  const json = JSON.stringify(
    rows.map(({ seq, change, userId, deviceId }) => ({
      seq,
      change_id: change.changeId,
      tbl: change.table,
      row_id: change.rowId,
      village_id: change.villageId,
      fields: change.fields,
      hlc: change.hlc,
      user_id: userId,
      device_id: deviceId,
    })),
  );
  await tx.execute(sql`
    insert into changes (seq, change_id, tbl, row_id, village_id, fields, hlc, user_id, device_id)
    select c.seq, c.change_id, c.tbl, c.row_id, c.village_id, c.fields, c.hlc, c.user_id, c.device_id
    from jsonb_to_recordset(${json}::jsonb) as c(seq bigint, change_id uuid, tbl text, row_id uuid,
      village_id uuid, fields jsonb, hlc text, user_id uuid, device_id text)`);
}

/** The current state of the rows a batch of changes touches, by rowKey. */
export async function loadRows(tx: Tx, list: readonly Change[]): Promise<Map<string, StoredRow>> {
  const ids = [...new Set(list.map((c) => c.rowId))];
  const tables = [...new Set(list.map((c) => c.table))];
  // Both key columns, so the lookup is an index search of the (tbl, id) primary key: by id alone the
  // database read the whole index, and every push slowed down as the commune's records grew.
  const existing = ids.length
    ? await tx
        .select()
        .from(records)
        .where(and(inArray(records.tbl, tables), inArray(records.id, ids)))
    : [];
  const rows = new Map<string, StoredRow>();
  for (const r of existing) {
    rows.set(rowKey(r.tbl, r.id), {
      table: r.tbl as StoredRow['table'],
      id: r.id,
      villageId: r.villageId,
      state: { values: r.data as StoredRow['state']['values'], clocks: r.clocks },
      seq: r.seq,
    });
  }
  return rows;
}

/** The village of each stored row named here (rows the server does not have are left out), by rowKey. */
export async function villagesOfRows(
  tx: Tx,
  wanted: ReadonlyArray<{ table: string; id: string }>,
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (wanted.length === 0) return out;
  const ids = [...new Set(wanted.map((w) => w.id))];
  const tables = [...new Set(wanted.map((w) => w.table))];
  const found = await tx
    .select({ tbl: records.tbl, id: records.id, villageId: records.villageId })
    .from(records)
    .where(and(inArray(records.tbl, tables), inArray(records.id, ids)));
  for (const r of found) out.set(rowKey(r.tbl, r.id), r.villageId);
  return out;
}

/** Which of these changes the server already has (pushed before: duplicates). */
export async function knownChangeIds(tx: Tx, list: readonly Change[]): Promise<Set<string>> {
  if (list.length === 0) return new Set();
  const known = await tx
    .select({ id: changes.changeId })
    .from(changes)
    .where(
      inArray(
        changes.changeId,
        list.map((c) => c.changeId),
      ),
    );
  return new Set(known.map((k) => k.id));
}
