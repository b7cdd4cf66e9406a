/**
 * The server's side of erasure (issue 14, kind 8; rules in core/sync/erasure.ts). mergeBatch erases the
 * rows a push touches; this carries a resident's erasure to everything else the database holds about
 * them, inside the same transaction as the push (or the officer's erase) that caused it, so there is no
 * moment when a deleted person's values are still stored:
 *
 * - rows: their skill steps and (deleted) attendance become erased tombstones; visits listing them
 *   drop them (deleted) and their notes; notes of their household and its visits naming them are
 *   cleared. Each changed row gets a new sequence number and server-stamped clears, so phones pull it.
 * - the change log keeps every entry's change id, sequence number, row, clock and author (what
 *   idempotency and pulls need) but not the erased values in its `fields`.
 * - the conflict log loses every entry about the erased values.
 * - the audit log records the purge: who, when, which resident, how many rows — no values.
 */
import { and, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Change, FieldValue, SyncedTable } from '../../core/changes';
import { formatHlc, type Hlc, parseHlc, receiveHlc, tickHlc } from '../../core/hlc';
import {
  dependentErased,
  eraseDependentState,
  isHeldName,
  namesOf,
  type ResidentErasureEvent,
  residentErasure,
  scrubLoggedFields,
  WITHDRAWN_LABEL,
} from '../../core/sync/erasure';
import { rowClock } from '../../core/sync/row-state';
import { rowKey, type StoredRow } from '../../core/sync/server-merge';
import { audit } from '../audit.js';
import { changes, conflicts, records } from '../db/schema.js';
import type { Tx } from '../db.js';
import { upsertRecords } from './store.js';

function toStored(r: typeof records.$inferSelect): StoredRow {
  return {
    table: r.tbl as SyncedTable,
    id: r.id,
    villageId: r.villageId,
    state: { values: r.data as Record<string, FieldValue>, clocks: r.clocks },
    seq: r.seq,
  };
}

/**
 * Adds to `rows` the residents a batch's steps, attendance and visits point at (by the change or by
 * the stored row), so the merge can tell whether they are erased. One primary-key lookup, only for
 * residents not already loaded.
 */
export async function loadErasureContext(
  tx: Tx,
  list: readonly Change[],
  rows: Map<string, StoredRow>,
): Promise<void> {
  const wanted = new Set<string>();
  const add = (id: FieldValue | undefined) => {
    if (typeof id === 'string' && !rows.has(rowKey('residents', id))) wanted.add(id);
  };
  for (const change of list) {
    if (change.table === 'assists' || change.table === 'attendance') {
      add(change.fields.residentId);
      add(rows.get(rowKey(change.table, change.rowId))?.state.values.residentId);
    } else if (change.table === 'visits' && Array.isArray(change.fields.residentIds)) {
      for (const id of change.fields.residentIds) add(id);
    }
  }
  if (wanted.size === 0) return;
  const found = await tx
    .select()
    .from(records)
    .where(and(eq(records.tbl, 'residents'), inArray(records.id, [...wanted])));
  for (const r of found) rows.set(rowKey(r.tbl, r.id), toStored(r));
}

export interface PurgeState {
  /** The last sequence number handed out (the caller holds the sequence lock). */
  lastSeq: number;
  /** The server's HLC; its stamps must stay above every clock they clear. */
  clock: Hlc;
  now: number;
}

/** What one purge did, for the audit log: counts only, never values. */
export interface PurgeReport {
  rows: number;
  changes: number;
  conflicts: number;
}

/**
 * Carries each erasure to the rows, change-log and conflict-log entries outside the batch that caused
 * it (module doc). Call inside the transaction, after the batch's rows and log entries are written.
 * @param userId the account whose push or request erased the person, for the audit log (null: the CLI)
 * @returns the sequence number and clock after the purge
 */
export async function purgeErasures(
  tx: Tx,
  events: readonly ResidentErasureEvent[],
  state: PurgeState,
  userId: string | null,
): Promise<{ lastSeq: number; clock: Hlc; reports: PurgeReport[] }> {
  let { lastSeq, clock } = state;
  const reports: PurgeReport[] = [];
  for (const given of events) {
    // Notes may name the person as they were called before the last edit: the logs still know.
    const event = {
      ...given,
      names: [...new Set([...given.names, ...(await formerNames(tx, given.residentId))])],
    };
    const around = await rowsAround(tx, event);
    const own = event.reason === 'withdrawn' ? await withdrawnFullName(tx, event) : undefined;
    let top = '';
    for (const row of own ? [own, ...around] : around) {
      const c = rowClock(row.state);
      if (c > top) top = c;
    }
    if (top) clock = receiveHlc(clock, parseHlc(top), state.now, Number.POSITIVE_INFINITY);
    clock = tickHlc(clock, state.now);
    const stamp = formatHlc(clock);
    const deletedAt = new Date(state.now).toISOString();

    const changed: StoredRow[] = [];
    if (own) {
      lastSeq += 1;
      const values = { ...own.state.values, name: WITHDRAWN_LABEL };
      changed.push({ ...own, state: { values, clocks: { ...own.state.clocks, name: stamp } }, seq: lastSeq });
    }
    /** Rows whose logged changes and conflicts are scrubbed, and how. */
    const scrub = new Map<string, { table: SyncedTable; id: string; kind: LogKind }>();
    scrub.set(rowKey('residents', event.residentId), {
      table: 'residents',
      id: event.residentId,
      kind: event.reason === 'deleted' ? 'rowErased' : 'withdrawn',
    });
    for (const row of around) {
      const next = eraseDependentState(row.table, row.state, event, stamp, deletedAt);
      if (next) {
        lastSeq += 1;
        changed.push({ ...row, state: next, seq: lastSeq });
      }
      const kind = logKind(row, next, event);
      if (kind) scrub.set(rowKey(row.table, row.id), { table: row.table, id: row.id, kind });
    }
    if (changed.length > 0) await upsertRecords(tx, changed);
    const scrubbed = await scrubChangeLog(tx, [...scrub.values()], event);
    const dropped = await dropConflicts(tx, [...scrub.values()]);
    const report = { rows: changed.length, changes: scrubbed, conflicts: dropped };
    reports.push(report);
    await audit(tx, {
      userId,
      action: 'resident.purge',
      detail: {
        residentId: event.residentId,
        villageId: event.villageId,
        reason: event.reason,
        ...report,
      },
    });
  }
  return { lastSeq, clock, reports };
}

/**
 * A withdrawn resident's row when its name is still one of their former full names (the logs know more
 * of them than the merge did): the caller makes it the label. Undefined otherwise.
 */
async function withdrawnFullName(tx: Tx, event: ResidentErasureEvent): Promise<StoredRow | undefined> {
  const [found] = await tx
    .select()
    .from(records)
    .where(and(eq(records.tbl, 'residents'), eq(records.id, event.residentId)));
  if (!found) return undefined;
  const row = toStored(found);
  // A later change of the same push may have consented again: then the name is theirs to keep.
  if (residentErasure(row.state.values) !== 'withdrawn') return undefined;
  return isHeldName(row.state.values.name, event.names) ? row : undefined;
}

type LogKind = 'rowErased' | 'withdrawn' | 'visit' | 'household';

/** How a row's logged changes are scrubbed for this erasure, or undefined when they are not. */
function logKind(
  row: StoredRow,
  next: StoredRow['state'] | undefined,
  event: ResidentErasureEvent,
): LogKind | undefined {
  const v = row.state.values;
  if ((row.table === 'assists' || row.table === 'attendance') && v.residentId === event.residentId)
    return dependentErased(row.table, event.reason) ? 'rowErased' : undefined;
  if (!next) return undefined;
  if (row.table === 'visits') return 'visit';
  if (row.table === 'households') return 'household';
  return undefined;
}

/** Every name and phone number the change and conflict logs hold for the resident (namesOf). */
async function formerNames(tx: Tx, residentId: string): Promise<string[]> {
  const logged = await tx
    .select({ fields: changes.fields })
    .from(changes)
    .where(and(eq(changes.rowId, residentId), eq(changes.tbl, 'residents')));
  const lost = await tx
    .select({ field: conflicts.field, winner: conflicts.winnerValue, loser: conflicts.loserValue })
    .from(conflicts)
    .where(and(eq(conflicts.rowId, residentId), eq(conflicts.tbl, 'residents')));
  const values: Array<Record<string, FieldValue>> = logged.map((c) => c.fields as Record<string, FieldValue>);
  for (const c of lost) {
    for (const value of [c.winner, c.loser]) values.push({ [c.field]: value as FieldValue });
  }
  return namesOf(...values);
}

/**
 * Everything in the resident's village that may hold their values: their steps and attendance, visits
 * listing them or of their household, and their household. Village-scoped (an index), so an erasure
 * reads one village's rows at most.
 */
async function rowsAround(tx: Tx, event: ResidentErasureEvent): Promise<StoredRow[]> {
  const id = event.residentId;
  const conditions: SQL[] = [
    sql`(${records.tbl} in ('assists', 'attendance') and ${records.data}->>'residentId' = ${id})`,
    sql`(${records.tbl} = 'visits' and ${records.data}->'residentIds' @> jsonb_build_array(${id}::text))`,
  ];
  if (event.householdId) {
    const household = event.householdId;
    conditions.push(sql`(${records.tbl} = 'visits' and ${records.data}->>'householdId' = ${household})`);
    conditions.push(sql`(${records.tbl} = 'households' and ${records.id} = ${household}::uuid)`);
  }
  const found = await tx
    .select()
    .from(records)
    .where(and(eq(records.villageId, event.villageId), or(...conditions)));
  return found.map(toStored);
}

/** Rewrites the `fields` of the logged changes of these rows without the erased values. */
async function scrubChangeLog(
  tx: Tx,
  targets: ReadonlyArray<{ table: SyncedTable; id: string; kind: LogKind }>,
  event: ResidentErasureEvent,
): Promise<number> {
  if (targets.length === 0) return 0;
  const byKey = new Map(targets.map((t) => [rowKey(t.table, t.id), t]));
  const logged = await tx
    .select({ seq: changes.seq, tbl: changes.tbl, rowId: changes.rowId, fields: changes.fields })
    .from(changes)
    .where(
      inArray(
        changes.rowId,
        targets.map((t) => t.id),
      ),
    );
  const updates: Array<{ seq: number; fields: Record<string, FieldValue> }> = [];
  for (const entry of logged) {
    const target = byKey.get(rowKey(entry.tbl, entry.rowId));
    if (!target) continue;
    const before = entry.fields as Record<string, FieldValue>;
    const after = scrubLoggedFields(target.table, before, event, target.kind);
    if (JSON.stringify(after) !== JSON.stringify(before)) updates.push({ seq: entry.seq, fields: after });
  }
  if (updates.length === 0) return 0;
  await tx.execute(sql`
    update changes set fields = u.fields
    from jsonb_to_recordset(${JSON.stringify(updates)}::jsonb) as u(seq bigint, fields jsonb)
    where changes.seq = u.seq`);
  return updates.length;
}

/** Deletes the conflict-log entries that hold erased values: all of an erased row's, a visit's notes. */
async function dropConflicts(
  tx: Tx,
  targets: ReadonlyArray<{ table: SyncedTable; id: string; kind: LogKind }>,
): Promise<number> {
  let dropped = 0;
  for (const target of targets) {
    const fields =
      target.kind === 'visit'
        ? ['notes', 'residentIds']
        : target.kind === 'household'
          ? ['notes']
          : undefined;
    const gone = await tx
      .delete(conflicts)
      .where(
        and(
          eq(conflicts.tbl, target.table),
          eq(conflicts.rowId, target.id),
          fields ? inArray(conflicts.field, fields) : undefined,
        ),
      )
      .returning({ id: conflicts.id });
    dropped += gone.length;
  }
  return dropped;
}
