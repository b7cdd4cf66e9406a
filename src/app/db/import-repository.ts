/**
 * Writes a confirmed register import (issue 17, item 5): every new household and resident, every
 * update of a household already there, and their outbox entries, in ONE Dexie transaction, so a tab
 * closed or a write failing midway leaves the register and the outbox exactly as they were. The
 * import is remembered (its outbox range) so it can be undone as a whole while none of it has synced.
 */
import type { HouseholdUpdate, ImportWrite, NewHousehold } from '../../core/import/resolve';
import { householdSchema, residentSchema } from '../../core/schemas';
import { nowIso } from '../state/commune-clock';
import {
  getDb,
  type HouseholdRow,
  householdSearchText,
  type ResidentRow,
  residentSearchText,
} from './database';
import { notifyOutboxChanged } from './outbox-events';
import { type SyncedRow, writeNewRows, writeRow } from './record-writer';
import { parseOrThrow } from './repository-errors';
import { newRow } from './row-lifecycle';

const LAST_IMPORT_KEY = 'lastImport';

/** What the last import wrote, kept on the phone so it can be undone (and shown in the summary). */
export interface ImportRecord {
  id: string;
  at: string;
  villageIds: string[];
  /**
   * The outbox entries it queued: every seq above `afterSeq` (the highest before it; new seqs only
   * grow) up to `lastSeq`, `entries` of them.
   */
  afterSeq: number;
  lastSeq: number;
  entries: number;
  createdHouseholds: string[];
  createdResidents: string[];
  /** Households it changed, as they were before (clocks included), to put back on undo. */
  before: HouseholdRow[];
  counts: { newHouseholds: number; updatedHouseholds: number; newResidents: number };
}

/**
 * Where the confirmed write comes from, in slices: the import worker holds it (a village's write set
 * copied to the page at once held it for 100 ms and more on a slow phone), a test holds it whole.
 */
export interface ImportSource {
  counts: { newHouseholds: number; updatedHouseholds: number };
  slice(part: 'create' | 'update', start: number, count: number): Promise<NewHousehold[] | HouseholdUpdate[]>;
}

/** A whole write set as a source (tests, and any caller that already holds it). */
export function wholeWrite(write: ImportWrite): ImportSource {
  return {
    counts: { newHouseholds: write.create.length, updatedHouseholds: write.update.length },
    slice: async (part, start, count) =>
      part === 'create' ? write.create.slice(start, start + count) : write.update.slice(start, start + count),
  };
}

/** Households fetched from the source at a time. */
const SLICE = 50;

export type UndoOutcome = 'undone' | 'synced' | 'changed' | 'none';

/**
 * Rows built (checked against the schema, searched for forbidden data) between two pauses. Building
 * a village's 10,000 rows in one go held the page for ~340 ms, ~1.1 s at a phone's 4× slower CPU
 * (npm run bench, import); a chunk of 250 still took up to 153 ms at 4×, so 100.
 */
const BUILD_CHUNK = 100;

/**
 * Lets the page paint and answer taps before going on. A message, not a timer: a tab in the
 * background would slow timers to one a second.
 */
function yieldToPage(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

function residentRow(
  villageId: string,
  householdId: string,
  r: { name: string; birthYear: number },
): ResidentRow {
  const resident = newRow(residentSchema, villageId, {
    householdId,
    name: r.name,
    birthYear: r.birthYear,
    groups: [],
  });
  return { ...resident, search: residentSearchText(resident) };
}

function updatedHousehold(current: HouseholdRow, update: HouseholdUpdate): HouseholdRow {
  const { clocks: _clocks, search: _search, ...row } = current;
  const next = parseOrThrow(householdSchema, { ...row, ...update.changes, updatedAt: nowIso() });
  return { ...next, search: householdSearchText(next) };
}

export const importRepository = {
  /**
   * Writes `write` all or nothing. The rows are built first, BUILD_CHUNK at a time with the page
   * free in between, then stored in one transaction. `onProgress(done, total)` reports rows stored.
   * Returns the record kept for undo. Throws what the building or the transaction threw
   * (ValidationError, a storage error); then nothing was written.
   */
  async apply(
    source: ImportSource,
    onProgress?: (done: number, total: number) => void,
  ): Promise<ImportRecord> {
    const db = getDb();
    const households: SyncedRow[] = [];
    const residents: SyncedRow[] = [];
    const updates: HouseholdUpdate[] = [];
    // Built before the transaction opens, so the pauses cannot let it commit half-written. The first
    // pause lets the tap that confirmed draw the progress screen before any row is made.
    await yieldToPage();
    let built = 0;
    const paused = async (rows: number) => {
      built += rows;
      if (built < BUILD_CHUNK) return;
      built = 0;
      await yieldToPage();
    };
    for (let start = 0; start < source.counts.newHouseholds; start += SLICE) {
      for (const c of (await source.slice('create', start, SLICE)) as NewHousehold[]) {
        const h = c.household;
        const household = newRow(householdSchema, c.villageId, {
          label: h.label,
          ...(h.lane ? { lane: h.lane } : {}),
          ...(h.address ? { address: h.address } : {}),
          membersCount: h.membersCount,
          poor: h.poor,
          ...(h.notes ? { notes: h.notes } : {}),
        });
        households.push({ ...household, search: householdSearchText(household) } as HouseholdRow);
        for (const r of c.residents) residents.push(residentRow(c.villageId, household.id, r));
        await paused(1 + c.residents.length);
      }
    }
    for (let start = 0; start < source.counts.updatedHouseholds; start += SLICE) {
      for (const u of (await source.slice('update', start, SLICE)) as HouseholdUpdate[]) {
        updates.push(u);
        for (const r of u.residents) residents.push(residentRow(u.villageId, u.householdId, r));
        await paused(u.residents.length);
      }
    }
    const write = { update: updates };
    const record: ImportRecord = {
      id: crypto.randomUUID(),
      at: nowIso(),
      villageIds: [...new Set([...households, ...residents].map((r) => r.villageId))],
      afterSeq: 0,
      lastSeq: 0,
      entries: 0,
      createdHouseholds: households.map((h) => h.id),
      createdResidents: residents.map((r) => r.id),
      before: [],
      counts: {
        newHouseholds: households.length,
        updatedHouseholds: updates.length,
        newResidents: residents.length,
      },
    };
    const total = write.update.length + households.length + residents.length;
    await db.transaction('rw', [db.households, db.residents, db.villages, db.outbox, db.meta], async () => {
      record.afterSeq = (await db.outbox.orderBy('seq').last())?.seq ?? 0;
      let done = 0;
      for (const u of write.update) {
        const current = await db.households.get(u.householdId);
        if (!current || current.deletedAt) continue;
        const next = updatedHousehold(current, u);
        if (await writeRow('households', next)) record.before.push(current);
        onProgress?.(++done, total);
      }
      const batches = [
        { table: 'households' as const, rows: households },
        { table: 'residents' as const, rows: residents },
      ].filter((b) => b.rows.length > 0);
      if (batches.length > 0) await writeNewRows(db, batches, (n) => onProgress?.(done + n, total));
      record.lastSeq = (await db.outbox.orderBy('seq').last())?.seq ?? 0;
      record.entries = record.before.length + households.length + residents.length;
      await db.meta.put({ key: LAST_IMPORT_KEY, value: record });
    });
    notifyOutboxChanged();
    return record;
  },

  /** The last import on this phone, for its summary and undo; undefined when none or undone. */
  async last(): Promise<ImportRecord | undefined> {
    return (await getDb().meta.get(LAST_IMPORT_KEY))?.value as ImportRecord | undefined;
  },

  /**
   * Undoes the last import as a whole (issue 17, item 5) when nothing of it has left the phone and
   * nothing was queued after it in its villages: its outbox entries are removed, its new rows deleted
   * and the households it changed put back as they were, in one transaction. Otherwise nothing is
   * changed: `synced` (part of it reached the server: its records are the team's now) or `changed`
   * (later work in those villages may build on it). Call it inside SyncEngine.exclusive, so no push
   * takes the entries while they are removed.
   */
  async undo(id: string): Promise<UndoOutcome> {
    const db = getDb();
    return db.transaction('rw', [db.households, db.residents, db.outbox, db.meta], async () => {
      const record = (await db.meta.get(LAST_IMPORT_KEY))?.value as ImportRecord | undefined;
      if (!record || record.id !== id) return 'none';
      const range = db.outbox.where('seq').between(record.afterSeq, record.lastSeq, false, true);
      if ((await range.count()) !== record.entries) return 'synced';
      const villages = new Set(record.villageIds);
      const later = await db.outbox
        .where('seq')
        .above(record.lastSeq)
        .filter((e) => villages.has(e.villageId))
        .count();
      if (later > 0) return 'changed';
      await range.delete();
      await db.residents.bulkDelete(record.createdResidents);
      await db.households.bulkDelete(record.createdHouseholds);
      await db.households.bulkPut(record.before);
      await db.meta.delete(LAST_IMPORT_KEY);
      return 'undone';
    });
  },

  /** Whether the last import can still be undone: none of its outbox entries has been sent. */
  async undoable(): Promise<boolean> {
    const record = await this.last();
    if (!record) return false;
    const range = getDb().outbox.where('seq').between(record.afterSeq, record.lastSeq, false, true);
    return (await range.count()) === record.entries;
  },
};
