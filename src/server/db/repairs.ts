/**
 * Data repairs: rewrites of stored rows that a schema migration cannot express, run once each after
 * the migrations (recorded in `maintenance`). A repaired field gets a new server clock and the row a
 * new sequence number, exactly as a privacy clear does, so every phone pulls the repaired value and
 * converges; a phone's own later edit of the field still merges as usual.
 *
 * Safe with several server processes on one database: each batch holds the sequence lock, and a row
 * that is already repaired is left alone, so a repair that runs twice changes nothing the second time.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { FieldValue } from '../../core/changes';
import { formatHlc, parseHlc, receiveHlc, tickHlc } from '../../core/hlc';
import { newId } from '../../core/ids';
import { eraseRowState, namesOf, type ResidentErasureEvent, residentErasure } from '../../core/sync/erasure';
import { normaliseStoredFields } from '../../core/sync/field-rules';
import { type RowState, rowClock } from '../../core/sync/row-state';
import { SERVER_NODE, type StoredRow } from '../../core/sync/server-merge';
import type { Database } from '../db.js';
import { purgeErasures } from '../sync/erasure.js';
import { insertChanges, lockSequence, saveSequence, upsertRecords } from '../sync/store.js';
import { redactForbiddenData } from './redact-forbidden.js';
import { BATCH, type Repair, rewriteRecords, SYSTEM_USER_ID } from './rewrite-records.js';
import { maintenance, records } from './schema.js';

export { SYSTEM_USER_ID } from './rewrite-records.js';

/**
 * Issue 13, kinds 1 and 7: rows stored before every text was kept in NFC with single spaces and every
 * id in lower case. The same lane typed composed on one phone and decomposed on another showed as two
 * lanes; an id inside a field in upper case pointed at no row on the phones.
 */
const normaliseFields: Repair = {
  name: '2026-12-normalise-text-and-ids',
  run: (db, now) => rewriteRecords(db, now, normaliseStoredFields),
};

/** Residents erased per transaction: each purge reads their village's rows around them. */
const ERASE_BATCH = 50;

/**
 * Issue 14, kind 8: residents deleted or withdrawn before erasure existed kept their values in their
 * row (a deleted one), in the change and conflict logs, in their steps and in notes. Each is erased
 * now as a deletion or withdrawal arriving today would be (core/sync/erasure.ts, sync/erasure.ts).
 */
const eraseEarlier: Repair = {
  name: '2026-12-erase-deleted-and-withdrawn-residents',
  async run(db, now) {
    let after: string | undefined;
    let erased = 0;
    for (;;) {
      const batch = await db.transaction(async (tx) => {
        let { lastSeq, clock } = await lockSequence(tx);
        const rows = await tx
          .select()
          .from(records)
          .where(
            after
              ? sql`${records.tbl} = 'residents' and ${records.id} > ${after}::uuid`
              : eq(records.tbl, 'residents'),
          )
          .orderBy(asc(records.id))
          .limit(BATCH);
        const time = now();
        const changedRows: StoredRow[] = [];
        const log: Parameters<typeof insertChanges>[1][number][] = [];
        const events: ResidentErasureEvent[] = [];
        for (const row of rows) {
          const state: RowState = { values: row.data as Record<string, FieldValue>, clocks: row.clocks };
          const reason = residentErasure(state.values);
          if (!reason) continue;
          const newest = rowClock(state);
          if (newest) clock = receiveHlc(clock, parseHlc(newest), time, Number.POSITIVE_INFINITY);
          clock = tickHlc(clock, time);
          const stamp = formatHlc(clock);
          const next = eraseRowState('residents', state, {
            reason,
            erasedRow: false,
            stripped: [],
            stamp,
            deletedAt: new Date(time).toISOString(),
            labelWithWithdrawal: false,
          });
          const householdId = state.values.householdId;
          events.push({
            residentId: row.id,
            villageId: row.villageId,
            householdId: typeof householdId === 'string' ? householdId : undefined,
            reason,
            names: namesOf(state.values),
          });
          if (next === state) continue;
          lastSeq += 1;
          changedRows.push({
            table: 'residents',
            id: row.id,
            villageId: row.villageId,
            state: next,
            seq: lastSeq,
          });
          const cleared = Object.keys(next.clocks).filter((f) => next.clocks[f] === stamp);
          log.push({
            seq: lastSeq,
            change: {
              changeId: newId(),
              table: 'residents',
              rowId: row.id,
              villageId: row.villageId,
              // What the fields hold now (null, no groups, the label), never what they held.
              fields: Object.fromEntries(cleared.map((f) => [f, next.values[f] ?? null])),
              hlc: stamp,
            },
            userId: SYSTEM_USER_ID,
            deviceId: SERVER_NODE,
          });
          if (events.length >= ERASE_BATCH) break;
        }
        if (changedRows.length > 0) {
          await upsertRecords(tx, changedRows);
          await insertChanges(tx, log);
        }
        if (events.length > 0) {
          const purged = await purgeErasures(tx, events, { lastSeq, clock, now: time }, null);
          lastSeq = purged.lastSeq;
          clock = purged.clock;
        }
        await saveSequence(tx, { lastSeq, clock });
        const last = events.at(-1)?.residentId ?? rows.at(-1)?.id;
        return { last, scanned: rows.length, erased: events.length, full: events.length >= ERASE_BATCH };
      });
      erased += batch.erased;
      if (!batch.last || (!batch.full && batch.scanned < BATCH)) break;
      after = batch.last;
    }
    return { erased };
  },
};

export const REPAIRS: readonly Repair[] = [normaliseFields, eraseEarlier, redactForbiddenData];

/** Runs every repair not yet recorded as done. */
export async function runRepairs(db: Database, now: () => number = Date.now): Promise<void> {
  for (const repair of REPAIRS) {
    const done = await db.orm
      .select({ name: maintenance.name })
      .from(maintenance)
      .where(and(eq(maintenance.name, repair.name)));
    if (done.length > 0) continue;
    const detail = await repair.run(db, now);
    await db.orm.insert(maintenance).values({ name: repair.name, detail }).onConflictDoNothing();
  }
}
