/**
 * After the server's data was restored from a backup (issue 16; 409 `data_restored`), the phone pulls
 * everything again and sends back what the restore lost and the phone still has.
 *
 * The phone's cursor and rows came from the data as it was before the restore: changes acknowledged
 * after the backup was taken — its own and its teammates' — are on the phone and no longer on the
 * server. During the re-pull from 0, each pulled row is compared with the phone's before merging: a
 * field whose local clock is newer than the server's is the restore's loss; a row the re-pull never
 * brings is one the server lost whole. When the re-pull ends, those fields are queued again as changes
 * with their original clocks (merge is field-level last-writer-wins by HLC, so a field sent twice by two
 * phones is the same write), ahead of the phone's own waiting changes, which may point at rows only
 * the re-sent changes bring back. Nothing waiting in the outbox is dropped; a field it already carries
 * is not queued twice.
 *
 * Not re-sent: values the server stamped itself (its node may not be pushed with; its privacy clears
 * and erasures are put back by the restore, backup/restore-backup.ts), and what this account may not
 * write (a team's phone sends only a village's walking order).
 *
 * The state between the start and the end of a re-pull lives in memory: an app closed mid-way starts
 * the re-pull again from 0 (meta `resync` says one is due), which gives the same comparison.
 *
 * Loaded with the app (1.2 kB of the first load, its words included): loading the end of a re-pull on
 * demand measured 0.7 kB more, as the chunks the first load shares with it split.
 */
import type { Table } from 'dexie';
import { type FieldValue, LOCAL_ONLY_FIELDS, type SyncedTable } from '../../core/changes';
import { newId } from '../../core/ids';
import { SERVER_NODE } from '../../core/sync/erasure';
import type { RowState } from '../../core/sync/row-state';
import { type Role, roleMayWrite } from '../../core/sync/scope';
import { getDb, LOST_CURSOR_KEY, type OutboxEntry } from '../db/database';
import { nowIso } from '../state/commune-clock';

/** The epoch of the data the cursor was pulled from (pull replies' `epoch`), saved with the cursor. */
export const EPOCH_KEY = 'pullEpoch';
/** Set while a re-pull after a restore is due or running: `{ at }`. */
export const RESYNC_KEY = 'resync';
/** The note shown until "Đã hiểu": `{ at, resent }`. */
export const RESTORE_NOTE_KEY = 'restoreNote';

export interface RestoreNote {
  at: string;
  /** Changes queued again. */
  resent: number;
}

/** What one re-pull has learned so far (module doc). */
export interface ResyncState {
  /** `table:id` of every row the re-pull brought. */
  seen: Set<string>;
  /** Rows with fields newer on the phone: field → its local clock and the server's (null: none). */
  newer: Map<
    string,
    { table: SyncedTable; id: string; fields: Record<string, { clock: string; base: string | null }> }
  >;
}

/**
 * Marks a re-pull as due, from 0, without the old epoch; the lost-edits cursors go too (conflict ids
 * restart with the restored data). One transaction; nothing else on the phone changes.
 * @param cursorKeys the pull cursor's meta keys (apply-pulled.ts)
 */
export async function startResync(cursorKeys: readonly string[]): Promise<void> {
  const db = getDb();
  await db.transaction('rw', db.meta, async () => {
    await db.meta.bulkDelete([...cursorKeys, EPOCH_KEY, LOST_CURSOR_KEY]);
    await db.meta.put({ key: RESYNC_KEY, value: { at: nowIso() } });
  });
}

export async function resyncDue(): Promise<boolean> {
  return (await getDb().meta.get(RESYNC_KEY)) !== undefined;
}

/**
 * Called for each pulled row during a re-pull, before it is merged into the phone's copy.
 * @param local the phone's row (undefined: it has none)
 */
export function noteResyncRow(
  state: ResyncState,
  table: SyncedTable,
  id: string,
  local: RowState | undefined,
  pulled: RowState,
): void {
  const key = `${table}:${id}`;
  state.seen.add(key);
  if (!local) return;
  const fields: Record<string, { clock: string; base: string | null }> = {};
  for (const [field, clock] of Object.entries(local.clocks)) {
    const theirs = pulled.clocks[field];
    if (theirs === undefined || clock > theirs) fields[field] = { clock, base: theirs ?? null };
  }
  if (Object.keys(fields).length > 0) state.newer.set(key, { table, id, fields });
  else state.newer.delete(key);
}

/** Rows before the rows that point at them (the server refuses a pointer to a row it lacks). */
const LOAD_ORDER: readonly SyncedTable[] = [
  'villages',
  'households',
  'residents',
  'classes',
  'visits',
  'assists',
  'attendance',
  'targets',
  'reportingUnits',
  'unitFigures',
  'activities',
  'reports',
  'lessonCards',
];

const serverStamped = (clock: string) => clock.endsWith(`:${SERVER_NODE}`);
const localOnly = new Set<string>(LOCAL_ONLY_FIELDS);

type Row = Record<string, unknown> & { id: string; villageId: string; clocks?: Record<string, string> };

/**
 * Ends a re-pull that reached the end: queues the restore's losses (module doc), ahead of the waiting
 * changes, forgets that a re-pull is due and leaves the note. One transaction.
 * @returns how many changes were queued
 */
export async function finishResync(state: ResyncState, user: { id: string; role: Role }): Promise<number> {
  const db = getDb();
  const stores = [...LOAD_ORDER.map((t) => db.table(t)), db.outbox, db.meta];
  return db.transaction('rw', stores, async () => {
    const demo = new Set((await db.villages.toArray()).filter((v) => v.demo).map((v) => v.id));
    const queued = new Set(
      (await db.outbox.toArray()).flatMap((e) =>
        Object.keys(e.fields).map((f) => `${e.table}:${e.rowId}:${f}:${e.hlc}`),
      ),
    );
    const entries: OutboxEntry[] = [];
    const at = nowIso();
    for (const table of LOAD_ORDER) {
      await (db.table(table) as Table<Row, string>).each((row) => {
        if (demo.has(row.villageId)) return;
        const key = `${table}:${row.id}`;
        const clocks = row.clocks ?? {};
        const lost = !state.seen.has(key);
        const newer = state.newer.get(key)?.fields;
        if (!lost && !newer) return;
        // field → clock and base, of what the server lacks and this account may send
        const send = new Map<string, { clock: string; base: string | null }>();
        for (const [field, clock] of Object.entries(clocks)) {
          const known = lost ? { clock, base: null } : newer?.[field];
          // A field edited since the comparison is in the outbox with its new clock.
          if (!known || known.clock !== clock || serverStamped(clock)) continue;
          if (queued.has(`${table}:${row.id}:${field}:${clock}`)) continue;
          if (!roleMayWrite(user.role, { table, fields: { [field]: null } })) continue;
          send.set(field, known);
        }
        entries.push(...changesFor(table, row, send, lost, user.id, at));
      });
    }
    if (entries.length > 0) {
      // Ahead of the waiting changes, in this order: below the lowest number the outbox holds.
      const first = (await db.outbox.orderBy('seq').first())?.seq ?? entries.length + 1;
      entries.forEach((e, i) => {
        e.seq = first - entries.length + i;
      });
      await db.outbox.bulkAdd(entries);
    }
    await db.meta.delete(RESYNC_KEY);
    await db.meta.put({ key: RESTORE_NOTE_KEY, value: { at, resent: entries.length } satisfies RestoreNote });
    return entries.length;
  });
}

/**
 * One change per clock: each field goes back with the clock it was written with. A row the server
 * lost whole is created by the change of its `createdAt` clock carrying every value the row has (a
 * new visit, step, class or attendance must arrive whole, field-rules.ts); the later clocks follow.
 */
function changesFor(
  table: SyncedTable,
  row: Row,
  send: ReadonlyMap<string, { clock: string; base: string | null }>,
  lost: boolean,
  userId: string,
  at: string,
): OutboxEntry[] {
  const byClock = new Map<
    string,
    { fields: Record<string, FieldValue>; base: Record<string, string | null> }
  >();
  const add = (clock: string, field: string, value: FieldValue, base: string | null) => {
    const group = byClock.get(clock) ?? { fields: {}, base: {} };
    group.fields[field] = value;
    group.base[field] = base;
    byClock.set(clock, group);
  };
  const value = (field: string) => (row[field] ?? null) as FieldValue;
  // A deleted row the server lost goes back as its deletion alone, not created anew: an erased step
  // keeps too little to pass as a new one, and the deletion is all a late copy of the row must meet.
  const tombstone = lost && row.deletedAt != null;
  const created = lost && !tombstone ? send.get('createdAt')?.clock : undefined;
  for (const [field, { clock, base }] of send)
    if (!tombstone || field === 'deletedAt') add(clock, field, value(field), base);
  if (created !== undefined) {
    for (const [field, v] of Object.entries(row)) {
      if (
        !localOnly.has(field) &&
        v !== null &&
        v !== undefined &&
        !(field in (byClock.get(created)?.fields ?? {}))
      )
        add(created, field, v as FieldValue, null);
    }
  }
  const clocks = [...byClock.keys()].sort();
  // The creation first, so the row exists when its later fields arrive.
  if (created !== undefined) clocks.sort((a, b) => (a === created ? -1 : b === created ? 1 : 0));
  return clocks.map((hlc) => {
    const group = byClock.get(hlc) as {
      fields: Record<string, FieldValue>;
      base: Record<string, string | null>;
    };
    return {
      changeId: newId(),
      table,
      rowId: row.id,
      villageId: row.villageId,
      fields: group.fields,
      hlc,
      base: group.base,
      createdAt: at,
      userId,
    };
  });
}

/** Drops the note ("Đã hiểu"). */
export async function dismissRestoreNote(): Promise<void> {
  await getDb().meta.delete(RESTORE_NOTE_KEY);
}
