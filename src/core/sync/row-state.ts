/**
 * Field-level last-writer-wins merge (DESIGN §4.2), one pure function for the server and the phone.
 *
 * A row's state is its field values plus one HLC per field. A change carries new values for some fields
 * and one HLC. For each field the higher HLC wins (HLCs embed the device id, so there are no ties between
 * devices). The result does not depend on the order changes arrive in, nor on duplicates: merging is
 * commutative, associative and idempotent per field. A value that loses to a *concurrent* write is
 * reported as lost so the server can keep it in the conflict log; a value overwritten by an edit made
 * with knowledge of it (the change's `base` clock equals the current clock) is a normal update.
 */
import { type FieldValue, sameValue } from '../changes';

export interface RowState {
  /** Current values; a cleared field holds null (its clock still matters). */
  values: Record<string, FieldValue>;
  clocks: Record<string, string>;
}

export interface IncomingChange {
  fields: Readonly<Record<string, FieldValue>>;
  hlc: string;
  base?: Readonly<Record<string, string | null>> | undefined;
}

export interface LostValue {
  field: string;
  /** The value that lost, and the clock it was written with. */
  value: FieldValue;
  hlc: string;
  winnerValue: FieldValue;
  winnerHlc: string;
  /** Whether the losing value was the incoming change's or the row's previous one. */
  loser: 'incoming' | 'current';
}

export interface MergeResult {
  state: RowState;
  /** Fields whose value or clock changed. */
  changed: string[];
  lost: LostValue[];
}

export function emptyRowState(): RowState {
  return { values: {}, clocks: {} };
}

export function mergeChange(current: RowState | undefined, change: IncomingChange): MergeResult {
  const values = { ...current?.values };
  const clocks = { ...current?.clocks };
  const changed: string[] = [];
  const lost: LostValue[] = [];
  for (const [field, incoming] of Object.entries(change.fields)) {
    const clock = clocks[field];
    const value = values[field] ?? null;
    if (clock === undefined || change.hlc > clock) {
      const sawCurrent = (change.base?.[field] ?? null) === (clock ?? null);
      if (clock !== undefined && !sawCurrent && !sameValue(value, incoming)) {
        lost.push({
          field,
          value,
          hlc: clock,
          winnerValue: incoming,
          winnerHlc: change.hlc,
          loser: 'current',
        });
      }
      values[field] = incoming;
      clocks[field] = change.hlc;
      changed.push(field);
    } else if (change.hlc < clock && !sameValue(value, incoming)) {
      lost.push({
        field,
        value: incoming,
        hlc: change.hlc,
        winnerValue: value,
        winnerHlc: clock,
        loser: 'incoming',
      });
    }
  }
  return { state: { values, clocks }, changed, lost };
}

/** Merges two full states (a pulled row into the local one): per field, the higher clock wins. */
export function mergeStates(local: RowState | undefined, remote: RowState): RowState {
  if (!local) return { values: { ...remote.values }, clocks: { ...remote.clocks } };
  const values = { ...local.values };
  const clocks = { ...local.clocks };
  for (const [field, clock] of Object.entries(remote.clocks)) {
    const mine = clocks[field];
    if (mine === undefined || clock > mine) {
      values[field] = remote.values[field] ?? null;
      clocks[field] = clock;
    }
  }
  return { values, clocks };
}

/** The newest clock of a row: the HLC of its last effective change. */
export function rowClock(state: RowState): string {
  let max = '';
  for (const clock of Object.values(state.clocks)) if (clock > max) max = clock;
  return max;
}
