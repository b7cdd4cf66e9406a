/**
 * The one way a record reaches the phone's database: the row and its outbox entry are written in a
 * single Dexie transaction, so a change is either fully recorded and queued for sync, or not at all.
 * The row keeps the clock of each field's value; the change carries the clocks it overwrote (`base`),
 * which is how the server tells an ordinary edit from a concurrent one.
 */
import type { Table } from 'dexie';
import { diffFields, type SyncedTable } from '../../core/changes';
import { dateIssues } from '../../core/date-rules';
import { newId } from '../../core/ids';
import { communeNowMs, nowIso } from '../state/commune-clock';
import { useSession } from '../sync/session';
import { nextTimestamp, nextTimestamps } from './clock';
import { getDb, type NgoSoDatabase, type OutboxEntry, type RowMeta } from './database';
import { notifyOutboxChanged } from './outbox-events';
import { ValidationError } from './repository-errors';

/**
 * The server refuses dates that cannot be right (date-rules.ts); the phone refuses them first, beside
 * the field, rather than queueing a change the server will not take. Only the fields being written
 * are judged: an old row with a wrong date can still be edited elsewhere.
 */
function refuseImpossibleDates(fields: Readonly<Record<string, unknown>>): void {
  const issues = dateIssues(fields, communeNowMs());
  if (issues.length > 0)
    throw new ValidationError(Object.fromEntries(issues.map((i) => [i.field, i.message])));
}

/**
 * The account a change belongs to: the one logged in on this phone (sync/account.ts). Demo data
 * belongs to nobody: it never leaves the phone.
 */
function changeOwner(demo: boolean | undefined): { userId?: string } {
  const userId = useSession.getState().session?.user.id;
  return userId && !demo ? { userId } : {};
}

export interface SyncedRow extends RowMeta {
  id: string;
  villageId: string;
  updatedAt: string;
}

export interface WriteOptions {
  /**
   * The clocks of the values the person saw when they made the edit, by field (issue 13, kind 4):
   * a form open while a teammate's edit arrived saves against what it showed, so the server tells a
   * concurrent edit from a sequential one and keeps the loser in the conflict log. Fields left out
   * use the row's current clocks.
   */
  base?: Readonly<Record<string, string | null>>;
  /**
   * Send every field of the row, not only those that changed: the undo of a resident's deletion
   * carries the whole person, since the server erased them when the deletion reached it (issue 14,
   * kind 8; core/sync/erasure.ts).
   */
  resend?: boolean;
  /**
   * Fields the change does not write but was made from (a report's texts, frozen by its submission):
   * their current clocks go in `base` too, so the server can refuse the change if any of them moved
   * on there since (core/report/submission.ts, report_stale).
   */
  basedOn?: readonly string[];
}

/**
 * Stores `next` as the row's new state and queues the fields that changed. Returns false (and writes
 * nothing) when nothing changed. `next` must already be validated by its schema.
 */
export async function writeRow<R extends SyncedRow>(
  table: SyncedTable,
  next: R,
  options: WriteOptions = {},
): Promise<boolean> {
  const db = getDb();
  const rows = db.table(table) as Table<R, string>;
  const tables = table === 'villages' ? [rows, db.outbox, db.meta] : [rows, db.villages, db.outbox, db.meta];
  const written = await db.transaction('rw', tables, async (tx) => {
    const current = await rows.get(next.id);
    const fields = options.resend
      ? { ...diffFields(undefined, next), ...diffFields(current, next) }
      : diffFields(current, next);
    const changed = Object.keys(fields);
    if (changed.length === 0) return false;
    refuseImpossibleDates(fields);
    const clocks = { ...current?.clocks };
    let overwritten: string | undefined;
    for (const field of changed) {
      const clock = clocks[field];
      if (clock && (overwritten === undefined || clock > overwritten)) overwritten = clock;
    }
    const hlc = await nextTimestamp(tx, undefined, overwritten);
    const base: Record<string, string | null> = {};
    for (const field of changed) {
      base[field] =
        options.base && Object.hasOwn(options.base, field)
          ? (options.base[field] ?? null)
          : (clocks[field] ?? null);
      clocks[field] = hlc;
    }
    for (const field of options.basedOn ?? []) {
      if (!Object.hasOwn(base, field)) base[field] = current?.clocks?.[field] ?? null;
    }
    const entry: OutboxEntry = {
      changeId: newId(),
      table,
      rowId: next.id,
      villageId: next.villageId,
      fields,
      hlc,
      ...(current ? { base } : {}),
      createdAt: nowIso(),
      ...changeOwner(
        table === 'villages'
          ? (next as unknown as { demo?: boolean }).demo
          : (await db.villages.get(next.villageId))?.demo,
      ),
    };
    await rows.put({ ...next, clocks });
    await db.outbox.add(entry);
    return true;
  });
  if (written) notifyOutboxChanged();
  return written;
}

/**
 * Rows per bulk write: storing one chunk blocks the page; at 4× CPU slowdown 400 rows took up to
 * 280 ms and 150 up to 118 ms (npm run bench, import), so 100.
 */
const WRITE_CHUNK = 100;

/**
 * Many new rows in one transaction (demo data, imports): all are stored and queued, or none.
 * `onProgress(done, total)` is called after each chunk of rows is stored, inside the transaction.
 */
export async function writeNewRows(
  db: NgoSoDatabase,
  batches: ReadonlyArray<{ table: SyncedTable; rows: readonly SyncedRow[] }>,
  onProgress?: (done: number, total: number) => void,
): Promise<void> {
  const tables = batches.map((b) => db.table(b.table));
  await db.transaction('rw', [...new Set([...tables, db.villages]), db.outbox, db.meta], async (tx) => {
    const createdAt = nowIso();
    const demoVillages = new Set(
      batches
        .filter((b) => b.table === 'villages')
        .flatMap((b) => b.rows.filter((v) => (v as unknown as { demo?: boolean }).demo).map((v) => v.id)),
    );
    const named = [...new Set(batches.flatMap((b) => b.rows.map((r) => r.villageId)))];
    for (const v of await db.villages.bulkGet(named)) if (v?.demo) demoVillages.add(v.id);
    const total = batches.reduce((n, b) => n + b.rows.length, 0);
    const hlcs = await nextTimestamps(tx, total);
    let done = 0;
    for (const { table, rows } of batches) {
      // Chunk by chunk, rows and their outbox entries (in the rows' order, so a household's change
      // goes before its people's): each await keeps the transaction alive and lets the page paint
      // and answer taps in between, so a village's import never freezes the screen for long.
      for (let start = 0; start < rows.length; start += WRITE_CHUNK) {
        const entries: OutboxEntry[] = [];
        const stored: SyncedRow[] = [];
        for (const row of rows.slice(start, start + WRITE_CHUNK)) {
          const hlc = hlcs[done + entries.length] as string;
          const fields = diffFields(undefined, row);
          refuseImpossibleDates(fields);
          entries.push({
            changeId: newId(),
            table,
            rowId: row.id,
            villageId: row.villageId,
            fields,
            hlc,
            createdAt,
            ...changeOwner(demoVillages.has(row.villageId)),
          });
          stored.push({ ...row, clocks: Object.fromEntries(Object.keys(fields).map((f) => [f, hlc])) });
        }
        await db.table(table).bulkPut(stored);
        await db.outbox.bulkAdd(entries);
        done += entries.length;
        onProgress?.(done, total);
      }
    }
  });
  notifyOutboxChanged();
}
