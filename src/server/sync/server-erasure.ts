/**
 * A resident erased by the server itself rather than by a phone's push: an officer's erase at the
 * person's request (routes/admin-residents.ts), and a restore putting back an erasure made after its
 * backup was taken (backup/restore-backup.ts). One server change, stamped by the server's node above
 * every clock of the row, goes through the same merge as a push (so the row ends as after any
 * deletion or withdrawal), and the purge carries the erasure to everything else (sync/erasure.ts).
 */
import type { Change, FieldValue } from '../../core/changes';
import { formatHlc, parseHlc, receiveHlc, tickHlc } from '../../core/hlc';
import { newId } from '../../core/ids';
import { type ErasureReason, namesOf } from '../../core/sync/erasure';
import { rowClock } from '../../core/sync/row-state';
import { mergeBatch, rowKey, SERVER_NODE, type StoredRow } from '../../core/sync/server-merge';
import { SYSTEM_USER_ID } from '../db/rewrite-records.js';
import type { Tx } from '../db.js';
import { type PurgeReport, purgeErasures } from './erasure.js';
import { insertChanges, type SequenceState, upsertRecords } from './store.js';

export interface ServerErasure {
  /** The resident's stored row. */
  row: StoredRow;
  /** `{ deletedAt }` to delete, `{ consent }` (with `withdrawnAt`) to withdraw. */
  fields: Record<string, FieldValue>;
  /** Purged for this reason even when the change finds the row already erased (a second erase). */
  reason: ErasureReason;
  /** The last sequence number and the server's clock; the caller holds the sequence lock (store.ts). */
  sequence: SequenceState;
  /** The server's clock (ms since the epoch): stamps and tombstone times. */
  now: number;
  /** The account whose request erased, for the change and audit logs; null for the server itself. */
  userId: string | null;
}

/**
 * Applies one server change erasing a resident, and purges the erasure (module doc). Call inside a
 * transaction holding the sequence lock, then save the returned sequence number.
 * @returns the sequence state to save (last number handed out, server clock), and what the purge did (counts only)
 */
export async function eraseByServer(
  tx: Tx,
  input: ServerErasure,
): Promise<{ sequence: SequenceState; report: PurgeReport }> {
  const { row, now } = input;
  const { clock, lastSeq } = input.sequence;
  // Above every clock of the row and every stamp the server gave before: the server's decision wins
  // on every phone, and two server processes never give the same stamp (issue 16, part 5).
  const top = rowClock(row.state);
  const seen = top ? receiveHlc(clock, parseHlc(top), now, Number.POSITIVE_INFINITY) : clock;
  const hlc = formatHlc(tickHlc(seen, now));
  const change: Change = {
    changeId: newId(),
    table: 'residents',
    rowId: row.id,
    villageId: row.villageId,
    fields: input.fields,
    hlc,
  };
  const result = mergeBatch({
    changes: [change],
    rows: new Map([[rowKey('residents', row.id), row]]),
    known: new Set(),
    lastSeq,
    serverClock: parseHlc(hlc),
    now,
  });
  await upsertRecords(tx, result.rows);
  await insertChanges(
    tx,
    result.applied.map(({ change: c, seq }) => ({
      seq,
      change: c,
      userId: input.userId ?? SYSTEM_USER_ID,
      deviceId: SERVER_NODE,
    })),
  );
  // Erased before: purged again all the same, which clears anything that reached the server in a
  // form the rules did not catch then.
  const householdId = row.state.values.householdId;
  const events =
    result.erasures.length > 0
      ? result.erasures
      : [
          {
            residentId: row.id,
            villageId: row.villageId,
            householdId: typeof householdId === 'string' ? householdId : undefined,
            reason: input.reason,
            names: namesOf(row.state.values),
          },
        ];
  const purged = await purgeErasures(
    tx,
    events,
    { lastSeq: result.lastSeq, clock: result.serverClock, now },
    input.userId,
  );
  return {
    sequence: { lastSeq: purged.lastSeq, clock: purged.clock },
    report: purged.reports[0] ?? { rows: 0, changes: 0, conflicts: 0 },
  };
}
