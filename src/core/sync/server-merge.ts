/**
 * What the server does with a batch of pushed changes, as a pure function over the rows they touch:
 * skip duplicates, merge each change field by field, enforce the privacy rules on the result, and
 * number every applied change. The HTTP handler loads the rows, calls this inside one transaction, and
 * stores what it returns; the property tests call it directly as the "server" of simulated phones.
 */
import type { Change, FieldValue, SyncedTable } from '../changes';
import { formatHlc, type Hlc, parseHlc, receiveHlc, tickHlc } from '../hlc';
import {
  conflictAllowed,
  eraseRowState,
  namesOf,
  type ResidentErasureEvent,
  residentErasure,
  SERVER_NODE,
  stripForErasure,
} from './erasure';
import { clearedValue, privacyViolations } from './field-rules';
import { type LostValue, mergeChange, type RowState, rowClock } from './row-state';

/** The server's node id in HLC timestamps (for the clears it makes itself); defined in erasure.ts. */
export { SERVER_NODE };

export interface StoredRow {
  table: SyncedTable;
  id: string;
  villageId: string;
  state: RowState;
  seq: number;
}

export interface ConflictEntry extends LostValue {
  table: SyncedTable;
  rowId: string;
  villageId: string;
  /** The change whose value lost, when it was the incoming one. */
  loserChangeId: string | undefined;
}

export interface BatchOutcome {
  /**
   * Per change, in order. `lost` names the fields of an applied change whose value lost to a concurrent
   * one already stored (tellsLoser), so its phone can tell the person (issue 15); absent when none did.
   */
  results: Array<{ changeId: string; status: 'applied' | 'duplicate'; lost?: string[] }>;
  /** Rows to store (changed by this batch), with their new sequence number. */
  rows: StoredRow[];
  /**
   * Applied changes with their sequence numbers, in order, for the change log; `logged` is what the
   * log keeps of a change erasure stripped (erasure.ts), absent when it keeps the change whole.
   */
  applied: Array<{ change: Change; seq: number; logged?: Record<string, FieldValue> }>;
  conflicts: ConflictEntry[];
  /**
   * Residents this batch deleted or whose consent it withdrew (erasure.ts): their other rows (steps,
   * attendance, visits, notes) and the change and conflict logs are purged by the caller, in the
   * same transaction.
   */
  erasures: ResidentErasureEvent[];
  lastSeq: number;
  serverClock: Hlc;
}

export class VillageMismatchError extends Error {
  constructor(
    readonly changeId: string,
    readonly rowVillageId: string,
  ) {
    super(`Change ${changeId} names another village than its row (${rowVillageId})`);
    this.name = 'VillageMismatchError';
  }
}

/**
 * A change that un-deletes an erased resident without being the undo of that phone's own delete
 * (erasure.ts, `undoesDelete`; issue 14, kind 8). The whole push is refused (400 `invalid_changes`,
 * detail code `erased`) and nothing is stored; the phone sets the change aside with its reason.
 */
export class ErasedRowError extends Error {
  readonly code = 'erased';
  constructor(readonly changeId: string) {
    super(`Change ${changeId} would bring back an erased resident`);
    this.name = 'ErasedRowError';
  }
}

function stringOr(value: FieldValue | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function rowKey(table: string, id: string): string {
  return `${table}:${id}`;
}

/**
 * An edit that lands on a row someone deleted without the editor knowing (issue 13: the user is told and
 * both values are kept). The edit's fields merge as usual and the delete stands — `deletedAt` is a field
 * the edit does not write — but the row is gone from the editor's phone and nobody would learn that the
 * edit was made on a deleted row. So it is logged as a conflict on `deletedAt`: the delete won, the value
 * that lost is `null` (the row as the editor saw it, not deleted), and "restore" on the conflicts page
 * writes that null back, undeleting the row with the edit's values in it.
 *
 * Concurrent means the edit's `base` did not see the delete: its clock for `deletedAt` (absent on an
 * edit from today's phones, which send base only for the fields they write) is not the row's. An edit
 * made knowing the delete would carry that clock. A change from the device that made the delete is never
 * concurrent with it: a phone knows its own delete, and its earlier changes (a create, an edit) can only
 * reach the server after the delete when delivered out of order. A change that writes `deletedAt` itself
 * (a second delete, a restore) is merged and logged as that field, by mergeChange.
 *
 * Logged once per edit: a duplicate or a retry of the same change is skipped by its change id before it
 * gets here, and the row does not change, so delivery order gives the same rows. Each distinct edit made
 * on the deleted row is its own entry, naming its change (`loserChangeId`).
 *
 * The other order, the edit stored first and the delete arriving after it, is not logged: it cannot be
 * told from an ordinary delete by what the delete carries. Its base holds only the `deletedAt` clock
 * (null: the row was not deleted), nothing about the fields the edit wrote, so "deleted without having
 * seen the edit" and "pulled the edit, looked at it, then deleted" arrive identically. Comparing HLCs
 * does not decide it either: a delete stamped above the edit may or may not have seen it (clocks are only
 * a partial witness of causality), and one stamped below is not proof of the contrary here, since a
 * stamp repaired after a clock_ahead refusal (restamp.ts) may be placed below edits its phone had already
 * pulled. Guessing would put ordinary deletes in the lead's list, so it is left out.
 */
export function editOfUnseenDelete(
  current: RowState | undefined,
  change: Pick<Change, 'fields' | 'hlc' | 'base'>,
): LostValue | undefined {
  if (Object.hasOwn(change.fields, 'deletedAt')) return undefined;
  const deletedAt = current?.values.deletedAt;
  const clock = current?.clocks.deletedAt;
  if (typeof deletedAt !== 'string' || clock === undefined) return undefined;
  if ((change.base?.deletedAt ?? null) === clock) return undefined;
  if (parseHlc(clock).node === parseHlc(change.hlc).node) return undefined;
  return {
    field: 'deletedAt',
    value: null,
    hlc: change.hlc,
    winnerValue: deletedAt,
    winnerHlc: clock,
    loser: 'incoming',
  };
}

/**
 * Whether the person whose value lost this conflict is told on her phone (issue 15: nothing she typed
 * may be lost without her knowing). Not for a privacy clear (the server's own node won): it is no
 * teammate's edit, the phone's forms keep the same rules, and a value cleared for want of consent must
 * not be copied back onto a phone. Not for two deletes of one row either: both wanted it gone, and
 * only the deletion times differ.
 */
export function tellsLoser(entry: Pick<LostValue, 'field' | 'value' | 'winnerValue' | 'winnerHlc'>): boolean {
  if (entry.winnerHlc.endsWith(`:${SERVER_NODE}`)) return false;
  return !(entry.field === 'deletedAt' && entry.value !== null && entry.winnerValue !== null);
}

/**
 * @param rows the current rows the changes touch, by rowKey (missing = not created yet)
 * @param known change ids already in the change log (duplicates)
 * @param lastSeq the highest sequence number handed out so far
 */
export function mergeBatch(input: {
  changes: readonly Change[];
  rows: ReadonlyMap<string, StoredRow>;
  known: ReadonlySet<string>;
  lastSeq: number;
  serverClock: Hlc;
  now: number;
}): BatchOutcome {
  const rows = new Map(input.rows);
  const touched = new Set<string>();
  const results: BatchOutcome['results'] = [];
  const applied: BatchOutcome['applied'] = [];
  const conflicts: ConflictEntry[] = [];
  const erasures: ResidentErasureEvent[] = [];
  const seen = new Set(input.known);
  let seq = input.lastSeq;
  let clock = input.serverClock;

  for (const change of input.changes) {
    if (seen.has(change.changeId)) {
      results.push({ changeId: change.changeId, status: 'duplicate' });
      continue;
    }
    seen.add(change.changeId);
    const key = rowKey(change.table, change.rowId);
    const existing = rows.get(key);
    if (existing && existing.villageId !== change.villageId) {
      throw new VillageMismatchError(change.changeId, existing.villageId);
    }
    clock = receiveHlc(clock, parseHlc(change.hlc), input.now, Number.POSITIVE_INFINITY);
    // Newer than every clock in the row and than the change: what the server writes itself wins
    // on every phone, the one that sent the change included.
    const freshStamp = (state: RowState | undefined): string => {
      const above = state ? rowClock(state) : '';
      if (above) clock = receiveHlc(clock, parseHlc(above), input.now, Number.POSITIVE_INFINITY);
      clock = tickHlc(clock, input.now);
      return formatHlc(clock);
    };
    const residentOf = (id: string) => rows.get(rowKey('residents', id))?.state.values;
    const strip = stripForErasure(change, existing?.state, residentOf);
    if (strip.refused) throw new ErasedRowError(change.changeId);
    // A restore of an erased resident is merged above the erasure's clears (which the server stamped
    // after the delete's own clock, so possibly above the restore's).
    const incoming: Change = strip.restoring
      ? { ...change, hlc: freshStamp(existing?.state) }
      : { ...change, fields: strip.fields };
    const merged = mergeChange(existing?.state, incoming);
    let state = merged.state;
    const context = { table: change.table, rowId: change.rowId, villageId: change.villageId };
    const found: ConflictEntry[] = [];
    if (!strip.restoring) {
      for (const lost of merged.lost) {
        found.push({
          ...lost,
          ...context,
          loserChangeId: lost.loser === 'incoming' ? change.changeId : undefined,
        });
      }
    }
    const overDelete = editOfUnseenDelete(existing?.state, change);
    if (overDelete) found.push({ ...overDelete, ...context, loserChangeId: change.changeId });

    const violations = privacyViolations(change.table, state.values);
    if (violations.length > 0) {
      // Newer than every clock in the row, so the clear wins on every phone.
      clock = tickHlc(
        receiveHlc(clock, parseHlc(rowClock(state)), input.now, Number.POSITIVE_INFINITY),
        input.now,
      );
      const stamp = formatHlc(clock);
      const values: Record<string, FieldValue> = { ...state.values };
      const clocks = { ...state.clocks };
      for (const field of violations) {
        found.push({
          ...context,
          field,
          value: values[field] ?? null,
          hlc: clocks[field] ?? '',
          winnerValue: clearedValue(field),
          winnerHlc: stamp,
          loser: 'current',
          loserChangeId: undefined,
        });
        values[field] = clearedValue(field);
        clocks[field] = stamp;
      }
      state = { values, clocks };
    }

    const isResident = change.table === 'residents';
    const before = isResident ? residentErasure(existing?.state.values) : undefined;
    const after = isResident ? residentErasure(state.values) : undefined;
    if (after !== undefined || strip.erasedRow || strip.stripped.length > 0) {
      // Above the row's clocks (the privacy clears included) and the change's, as freshStamp is.
      const top = rowClock(state);
      const seenTop = top ? receiveHlc(clock, parseHlc(top), input.now, Number.POSITIVE_INFINITY) : clock;
      const next = tickHlc(seenTop, input.now);
      const erased = eraseRowState(change.table, state, {
        reason: after,
        erasedRow: strip.erasedRow,
        stripped: strip.stripped,
        stamp: formatHlc(next),
        writtenBy: change.hlc,
        deletedAt: new Date(input.now).toISOString(),
        // The full name the row held until this change, if it was not withdrawn yet: a withdrawal
        // writing it again keeps no label (a withdrawn row's own name is already a label).
        heldNames: isResident && before === undefined ? namesOf(existing?.state.values) : [],
      });
      if (erased !== state) {
        state = erased;
        clock = next;
      }
    }
    const kept = { reason: after, erasedRow: strip.erasedRow, stripped: strip.stripped };
    const lost: string[] = [];
    for (const entry of found) {
      if (!conflictAllowed(change.table, entry, kept)) continue;
      conflicts.push(entry);
      // Only what the log keeps: an erased person's values are named to no phone.
      if (entry.loserChangeId === change.changeId && tellsLoser(entry)) lost.push(entry.field);
    }
    if (isResident && after !== undefined && after !== before) {
      erasures.push({
        residentId: change.rowId,
        villageId: change.villageId,
        householdId: stringOr(state.values.householdId),
        reason: after,
        names: namesOf(existing?.state.values, after === 'deleted' ? merged.state.values : undefined),
      });
    }

    seq += 1;
    applied.push(strip.stripped.length > 0 ? { change, seq, logged: strip.fields } : { change, seq });
    results.push(
      lost.length > 0
        ? { changeId: change.changeId, status: 'applied', lost }
        : { changeId: change.changeId, status: 'applied' },
    );
    rows.set(key, { table: change.table, id: change.rowId, villageId: change.villageId, state, seq });
    touched.add(key);
  }

  return {
    results,
    rows: [...touched].map((k) => rows.get(k) as StoredRow),
    applied,
    conflicts,
    erasures,
    lastSeq: seq,
    serverClock: clock,
  };
}
