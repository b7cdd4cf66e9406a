/**
 * Applies one pulled page to the phone's database: each row is merged field by field with the local
 * row (local edits still waiting in the outbox keep their newer clocks), and the page's cursor is saved
 * in the same transaction, so a dropped connection resumes after the last applied page, never from zero.
 */
import type { Table } from 'dexie';
import { type FieldValue, LOCAL_ONLY_FIELDS, SYNCED_TABLES, type SyncedTable } from '../../core/changes';
import { parseHlc } from '../../core/hlc';
import { namesOf, type ResidentErasureEvent, residentErasure } from '../../core/sync/erasure';
import { decodeRow, type WireRow } from '../../core/sync/protocol';
import { mergeStates, type RowState, rowClock } from '../../core/sync/row-state';
import { observeTimestamp } from '../db/clock';
import { getDb, householdSearchText, residentSearchText } from '../db/database';
import { communeNowMs } from '../state/commune-clock';
import { dropDraftMirrors, eraseLocally } from './erase-local';
import { EPOCH_KEY, noteResyncRow, type ResyncState } from './resync';

export const CURSOR_KEY = 'pullCursor';
/** The scope the cursor was pulled under (core/sync/scope.ts), saved with it. */
export const SCOPE_KEY = 'pullScope';
/**
 * The scope key of the last pull that reached its end (nothing more to fetch): the villages then held
 * in full (pwa/offline-readiness.ts). Written by the sync engine after a whole successful pull.
 */
export const PULLED_SCOPE_KEY = 'pulledScope';
/** Rows merged and written per step of a page's transaction. */
const APPLY_SLICE = 200;
const localOnly = new Set<string>(LOCAL_ONLY_FIELDS);

type StoredRow = Record<string, unknown> & { id: string; clocks?: Record<string, string> };

function localState(row: StoredRow | undefined): RowState | undefined {
  if (!row) return undefined;
  const values: Record<string, FieldValue> = {};
  for (const [key, value] of Object.entries(row)) if (!localOnly.has(key)) values[key] = value as FieldValue;
  const clocks = row.clocks ?? {};
  for (const field of Object.keys(clocks)) if (!(field in values)) values[field] = null;
  return { values, clocks };
}

function toStoredRow(table: SyncedTable, id: string, villageId: string, state: RowState): StoredRow {
  const row: StoredRow = { id, villageId, clocks: state.clocks };
  for (const [field, value] of Object.entries(state.values)) if (value !== null) row[field] = value;
  const clock = rowClock(state);
  row.updatedAt = new Date(clock ? parseHlc(clock).wall : communeNowMs()).toISOString();
  if (table === 'households') row.search = householdSearchText(row as never);
  if (table === 'residents') row.search = residentSearchText(row as never);
  return row;
}

/**
 * What a pull knows across its pages. On a first sync into an empty database a row can only exist
 * locally if an earlier page of this pull brought it or the person created or edited it meanwhile
 * (then it is in the outbox): every other row is new, and reading it back first is wasted work —
 * a fifth of a first sync's time on a phone.
 */
export interface PullContext {
  fresh: boolean;
  seen: Set<string>;
  /** During the re-pull after a restore: what the phone has that the server lost (resync.ts). */
  resync?: ResyncState;
}

export async function startPull(resync?: ResyncState): Promise<PullContext> {
  const db = getDb();
  const counts = await Promise.all(SYNCED_TABLES.map((table) => db.table(table).count()));
  return { fresh: counts.every((n) => n === 0), seen: new Set(), ...(resync ? { resync } : {}) };
}

/**
 * @param scope the scope the page was pulled under, saved with the cursor
 * @param epoch the data's epoch the page came from (issue 16), saved with the cursor
 */
export async function applyPulledPage(
  rows: readonly WireRow[],
  cursor: number,
  context: PullContext = { fresh: false, seen: new Set() },
  scope?: string,
  epoch?: string,
): Promise<void> {
  const db = getDb();
  const byTable = new Map<SyncedTable, WireRow[]>();
  for (const row of rows) {
    const list = byTable.get(row.t);
    if (list) list.push(row);
    else byTable.set(row.t, [row]);
  }
  const records = SYNCED_TABLES.map((table) => db.table(table));
  // Residents this page deletes or whose consent it withdraws, as this phone learns it (issue 14, kind 8).
  const erasures: ResidentErasureEvent[] = [];
  let mirrors: string[] = [];
  const stores = [...records, db.meta, db.outbox, db.rejected, db.drafts, db.lostEdits];
  await db.transaction('rw', stores, async () => {
    let newest = '';
    const pending = context.fresh && (await db.outbox.count()) > 0;
    for (const [table, tableRows] of byTable) {
      const store = db.table(table) as Table<StoredRow, string>;
      let existing: Array<StoredRow | undefined>;
      if (!context.fresh || pending) existing = await store.bulkGet(tableRows.map((r) => r.i));
      else {
        const known = tableRows.filter((r) => context.seen.has(r.i)).map((r) => r.i);
        const found = known.length > 0 ? await store.bulkGet(known) : [];
        const byId = new Map(found.filter((r): r is StoredRow => r !== undefined).map((r) => [r.id, r]));
        existing = tableRows.map((r) => byId.get(r.i));
      }
      for (const row of tableRows) context.seen.add(row.i);
      // In slices, each awaited: one bulkPut of a whole page is a single synchronous burst of put()
      // calls, a 300 ms freeze on a slow phone; between slices the phone can answer a tap. Still one
      // transaction, so the page and its cursor stay all-or-nothing.
      for (let start = 0; start < tableRows.length; start += APPLY_SLICE) {
        const merged = tableRows.slice(start, start + APPLY_SLICE).map((row, i) => {
          const local = localState(existing[start + i]);
          const remote = decodeRow(row);
          if (context.resync) noteResyncRow(context.resync, table, row.i, local, remote);
          const state = mergeStates(local, remote);
          const clock = rowClock(state);
          if (clock > newest) newest = clock;
          // A row this phone never held leaves nothing here to erase. One it held is erased even when
          // the phone made the deletion itself: its drafts and refused changes still name the person.
          const reason = table === 'residents' && local ? residentErasure(state.values) : undefined;
          if (reason && local) {
            const householdId = state.values.householdId;
            // A withdrawal the phone already knew left a label, not a name to look for in notes.
            const known = reason === 'withdrawn' && residentErasure(local.values) === 'withdrawn';
            erasures.push({
              residentId: row.i,
              villageId: row.g,
              householdId: typeof householdId === 'string' ? householdId : undefined,
              reason,
              names: known ? [] : namesOf(local.values),
            });
          }
          return toStoredRow(table, row.i, row.g, state);
        });
        await store.bulkPut(merged);
      }
    }
    if (erasures.length > 0) mirrors = await eraseLocally(erasures);
    await db.meta.put({ key: CURSOR_KEY, value: cursor });
    if (scope !== undefined) await db.meta.put({ key: SCOPE_KEY, value: scope });
    if (epoch !== undefined) await db.meta.put({ key: EPOCH_KEY, value: epoch });
    if (newest) await observeTimestamp(db.meta, newest);
  });
  dropDraftMirrors(mirrors);
}

export async function readCursor(): Promise<number> {
  const entry = await getDb().meta.get(CURSOR_KEY);
  return typeof entry?.value === 'number' ? entry.value : 0;
}

/** The cursor and the scope it belongs to (undefined: pulled before scopes were kept, or never). */
export async function readPullState(): Promise<{ cursor: number; scope: string | undefined }> {
  const [cursor, scope] = await getDb().meta.bulkGet([CURSOR_KEY, SCOPE_KEY]);
  return {
    cursor: typeof cursor?.value === 'number' ? cursor.value : 0,
    scope: typeof scope?.value === 'string' ? scope.value : undefined,
  };
}

/** Rows whose fields still carry refused changes' values: rowKey → the refused stamps (meta). */
export const REFUSED_ROWS_KEY = 'refusedRows';
export type RefusedRows = Record<string, { table: SyncedTable; id: string; stamps: string[] }>;

export async function readRefusedRows(): Promise<RefusedRows> {
  const entry = await getDb().meta.get(REFUSED_ROWS_KEY);
  return (entry?.value as RefusedRows | undefined) ?? {};
}

/**
 * Puts back on the phone what the server holds for rows that changes it refused had written to
 * (issue 13): a field whose clock is one of the refused stamps takes the server's value and clock,
 * or is cleared when the server has none; a row the server does not have (or the caller may not see)
 * and that keeps no created value is removed. The refused changes themselves stay in `rejected`,
 * so nothing typed is lost. `serverRows` are the server's answer for those rows (POST /api/sync/rows).
 * One transaction, which also forgets the rows it repaired.
 */
export async function restoreRefusedRows(
  refused: RefusedRows,
  serverRows: readonly WireRow[],
): Promise<void> {
  const db = getDb();
  const byKey = new Map(serverRows.map((r) => [`${r.t}:${r.i}`, r]));
  const records = SYNCED_TABLES.map((table) => db.table(table));
  await db.transaction('rw', [...records, db.meta], async () => {
    for (const [key, { table, id, stamps }] of Object.entries(refused)) {
      const store = db.table(table) as Table<StoredRow, string>;
      const row = await store.get(id);
      const local = localState(row);
      const server = byKey.get(key);
      if (!row || !local) continue;
      const refusedStamps = new Set(stamps);
      const kept: RowState = { values: {}, clocks: {} };
      for (const [field, value] of Object.entries(local.values)) {
        const clock = local.clocks[field];
        if (clock !== undefined && refusedStamps.has(clock)) continue;
        kept.values[field] = value;
        if (clock !== undefined) kept.clocks[field] = clock;
      }
      const state = server ? mergeStates(kept, decodeRow(server)) : kept;
      const villageId = server?.g ?? String(row.villageId);
      if (state.values.createdAt == null) await store.delete(id);
      else await store.put(toStoredRow(table, id, villageId, state));
    }
    const left = await readRefusedRows();
    // A row refused again meanwhile keeps its entry, with the stamps this repair did not see.
    for (const [key, { stamps }] of Object.entries(refused))
      if (left[key]?.stamps.every((s) => stamps.includes(s))) delete left[key];
    await db.meta.put({ key: REFUSED_ROWS_KEY, value: left });
  });
}
