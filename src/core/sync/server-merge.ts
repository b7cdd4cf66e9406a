/**
 * What the server does with a batch of pushed changes, as a pure function over the rows they touch:
 * skip duplicates, merge each change field by field, enforce the privacy rules on the result, and
 * number every applied change. The HTTP handler loads the rows, calls this inside one transaction, and
 * stores what it returns; the property tests call it directly as the "server" of simulated phones.
 */
import type { Change, FieldValue, SyncedTable } from '../changes';
import { formatHlc, type Hlc, parseHlc, receiveHlc, tickHlc } from '../hlc';
import { clearedValue, privacyViolations } from './field-rules';
import { type LostValue, mergeChange, type RowState, rowClock } from './row-state';

/** The server's node id in HLC timestamps (for the clears it makes itself). */
export const SERVER_NODE = '0000000000000000';

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
  results: Array<{ changeId: string; status: 'applied' | 'duplicate' }>;
  /** Rows to store (changed by this batch), with their new sequence number. */
  rows: StoredRow[];
  /** Applied changes with their sequence numbers, in order, for the change log. */
  applied: Array<{ change: Change; seq: number }>;
  conflicts: ConflictEntry[];
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

export function rowKey(table: string, id: string): string {
  return `${table}:${id}`;
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
    const merged = mergeChange(existing?.state, change);
    let state = merged.state;
    const context = { table: change.table, rowId: change.rowId, villageId: change.villageId };
    for (const lost of merged.lost) {
      conflicts.push({
        ...lost,
        ...context,
        loserChangeId: lost.loser === 'incoming' ? change.changeId : undefined,
      });
    }

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
        conflicts.push({
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

    seq += 1;
    applied.push({ change, seq });
    results.push({ changeId: change.changeId, status: 'applied' });
    rows.set(key, { table: change.table, id: change.rowId, villageId: change.villageId, state, seq });
    touched.add(key);
  }

  return {
    results,
    rows: [...touched].map((k) => rows.get(k) as StoredRow),
    applied,
    conflicts,
    lastSeq: seq,
    serverClock: clock,
  };
}
