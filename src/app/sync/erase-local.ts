/**
 * The phone's side of erasure (issue 14, kind 8; rules in core/sync/erasure.ts). A pulled page that
 * deletes a resident or records their withdrawn consent merges like any other (the server's clears are
 * stamped above every value it knew), and then, in the same transaction, the phone removes what the
 * merge alone would keep:
 *
 * - values on its own rows written after the server's clears (a local edit not yet sent);
 * - queued changes (the outbox) for the person's row and their steps and attendance, and the person's
 *   values in queued changes of their visits and household. Erasure is the one exception to "nothing
 *   typed is lost": what was typed about an erased person must not outlive them;
 * - changes the server refused earlier, kept with their reason (`rejected`), and the notices of
 *   values that lost to a teammate's edit (`lostEdits`, issue 15) that hold the person's;
 * - unsaved form drafts that name them, in IndexedDB and in this tab's sessionStorage mirror.
 *
 * IndexedDB frees deleted records' space when the browser compacts its files; until then the bytes can
 * remain on the phone's storage, beyond what the app can reach (docs/erasure.md).
 */
import type { Table } from 'dexie';
import { type FieldValue, isStringList, type SyncedTable } from '../../core/changes';
import {
  dependentErased,
  ERASED_KEEPS,
  eraseDependentState,
  mentions,
  namesOf,
  type ResidentErasureEvent,
  scrubLoggedFields,
  WITHDRAWN_FIELDS,
} from '../../core/sync/erasure';
import { getDb, type OutboxEntry, type RejectedChange } from '../db/database';
import { DRAFT_MIRROR_PREFIX } from '../ui/draft-mirror';

type LocalRow = Record<string, unknown> & { id: string; clocks?: Record<string, string> };
/** Rows around an erased person, by id, and how erasure treats what is logged of them. */
type Touched = ReadonlyMap<string, { table: SyncedTable; kind: 'rowErased' | 'visit' | 'household' }>;

/** Keys that are never a synced field: identity, bookkeeping, search text. */
const BOOKKEEPING = new Set(['id', 'villageId', 'updatedAt', 'clocks', 'search']);

function valuesOf(row: LocalRow): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  for (const [key, value] of Object.entries(row)) if (!BOOKKEEPING.has(key)) out[key] = value as FieldValue;
  return out;
}

/** The row with only these synced values (and its bookkeeping, clocks kept as they are). */
function withValues(row: LocalRow, values: Readonly<Record<string, FieldValue>>): LocalRow {
  const out: LocalRow = { id: row.id };
  for (const [key, value] of Object.entries(row)) if (BOOKKEEPING.has(key)) out[key] = value;
  for (const [key, value] of Object.entries(values))
    if (value !== null && value !== undefined) out[key] = value;
  return out;
}

/** A resident row as erasure leaves it on the phone, whatever local edits it carried. */
export function erasedResidentRow(row: LocalRow, reason: ResidentErasureEvent['reason']): LocalRow {
  const values = valuesOf(row);
  if (reason === 'deleted') {
    const keep: readonly string[] = ERASED_KEEPS.residents;
    for (const key of Object.keys(values)) if (!keep.includes(key)) delete values[key];
    return { ...withValues(row, values), search: '' };
  }
  for (const field of WITHDRAWN_FIELDS) delete values[field];
  return withValues(row, { ...values, groups: [] });
}

/**
 * What a queued change of the resident's own row may still send (undefined: nothing). After a
 * withdrawal: no consent-only field, and no name written before it (the full name); a change that
 * consents again is kept whole, as the server takes it (stripForErasure).
 */
function residentEntryFields(
  entry: Pick<OutboxEntry, 'fields' | 'hlc'>,
  reason: ResidentErasureEvent['reason'],
  consentClock: string,
): Record<string, FieldValue> | undefined {
  if (reason === 'deleted') return undefined;
  const consent = entry.fields.consent as { withdrawnAt?: string } | null | undefined;
  if (consent && typeof consent === 'object' && consent.withdrawnAt === undefined) return entry.fields;
  const out: Record<string, FieldValue> = { ...entry.fields };
  for (const field of WITHDRAWN_FIELDS) delete out[field];
  if (entry.hlc < consentClock) delete out.name;
  if (Object.keys(out).length === Object.keys(entry.fields).length) return entry.fields;
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * Carries out these erasures on the phone. Call inside a read-write transaction over the record tables,
 * the outbox, `rejected`, `drafts` and `lostEdits` (applyPulledPage's). Returns the draft keys to drop from the
 * sessionStorage mirror once the transaction has committed.
 */
export async function eraseLocally(events: readonly ResidentErasureEvent[]): Promise<string[]> {
  const db = getDb();
  const mirrors: string[] = [];
  for (const pulled of events) {
    // Names this phone typed and has not sent are names too: notes may use them.
    const queued = await db.outbox.where('rowId').equals(pulled.residentId).toArray();
    const refused = await db.rejected.filter((r) => r.change.rowId === pulled.residentId).toArray();
    const typed = namesOf(...queued.map((e) => e.fields), ...refused.map((r) => r.change.fields));
    const event = { ...pulled, names: [...new Set([...pulled.names, ...typed])] };
    const residents = db.residents as unknown as Table<LocalRow, string>;
    const resident = await residents.get(event.residentId);
    if (resident) await residents.put(erasedResidentRow(resident, event.reason));
    const consentClock = resident?.clocks?.consent ?? '';

    // The rows around the person, as the server purges them (its clears arrive in later pages).
    const deletedAt = new Date().toISOString();
    const touched = new Map<string, { table: SyncedTable; kind: 'rowErased' | 'visit' | 'household' }>();
    const rowsBy = (table: SyncedTable, index: string, key: string) =>
      (db.table(table) as Table<LocalRow, string>).where(index).equals(key).toArray();
    const around: Array<[SyncedTable, LocalRow[]]> = [
      ['assists', await rowsBy('assists', 'residentId', event.residentId)],
      ['attendance', await rowsBy('attendance', 'residentId', event.residentId)],
    ];
    if (event.householdId) {
      around.push(['visits', await rowsBy('visits', 'householdId', event.householdId)]);
      const household = await (db.households as unknown as Table<LocalRow, string>).get(event.householdId);
      if (household) around.push(['households', [household]]);
    }
    for (const [table, rows] of around) {
      const store = db.table(table) as Table<LocalRow, string>;
      for (const row of rows) {
        const erasedRow =
          table !== 'visits' && table !== 'households' && dependentErased(table, event.reason);
        // No stamp of its own: the phone's clocks stay, and the server's clears replace them on pull.
        const next = eraseDependentState(
          table,
          { values: valuesOf(row), clocks: row.clocks ?? {} },
          event,
          '',
          deletedAt,
        );
        if (next) await store.put(withValues(row, next.values));
        if (erasedRow) touched.set(row.id, { table, kind: 'rowErased' });
        else if (next) touched.set(row.id, { table, kind: table === 'visits' ? 'visit' : 'household' });
      }
    }

    await scrubOutbox(event, touched, consentClock);
    await scrubRejected(event, touched, consentClock);
    await scrubLostEdits(event, touched, consentClock);
    mirrors.push(...(await dropDrafts(event)));
  }
  return mirrors;
}

async function scrubOutbox(
  event: ResidentErasureEvent,
  touched: Touched,
  consentClock: string,
): Promise<void> {
  const db = getDb();
  const ids = [event.residentId, ...touched.keys()];
  const entries = await db.outbox.where('rowId').anyOf(ids).toArray();
  for (const entry of entries) {
    const fields = scrubbed(entry, event, touched, consentClock);
    if (fields === undefined) await db.outbox.delete(entry.seq as number);
    else if (fields !== entry.fields) await db.outbox.update(entry.seq as number, { fields });
  }
}

async function scrubRejected(
  event: ResidentErasureEvent,
  touched: Touched,
  consentClock: string,
): Promise<void> {
  const db = getDb();
  const ids = new Set([event.residentId, ...touched.keys()]);
  const refused: RejectedChange[] = await db.rejected.filter((r) => ids.has(r.change.rowId)).toArray();
  for (const entry of refused) {
    const fields = scrubbed(entry.change, event, touched, consentClock);
    if (fields === undefined) await db.rejected.delete(entry.id as number);
    else if (fields !== entry.change.fields)
      await db.rejected.update(entry.id as number, { change: { ...entry.change, fields } });
  }
}

/** Drops the notices of lost values that name the person: what a queued change would lose, they lose whole. */
async function scrubLostEdits(
  event: ResidentErasureEvent,
  touched: Touched,
  consentClock: string,
): Promise<void> {
  const db = getDb();
  const notices = await db.lostEdits
    .where('rowId')
    .anyOf([event.residentId, ...touched.keys()])
    .toArray();
  const gone = notices.filter((n) => {
    const fields = { [n.field]: n.value ?? null };
    return scrubbed({ ...n, fields }, event, touched, consentClock) !== fields;
  });
  await db.lostEdits.bulkDelete(gone.map((n) => n.key));
}

/** What a queued or refused change keeps (the same object when nothing changes); undefined: drop it. */
function scrubbed(
  change: Pick<OutboxEntry, 'table' | 'rowId' | 'fields' | 'hlc'>,
  event: ResidentErasureEvent,
  touched: Touched,
  consentClock: string,
): Record<string, FieldValue> | undefined {
  if (change.table === 'residents' && change.rowId === event.residentId)
    return residentEntryFields(change, event.reason, consentClock);
  const target = touched.get(change.rowId);
  if (!target || target.table !== change.table) return change.fields;
  if (target.kind === 'rowErased') return undefined;
  const listed =
    isStringList(change.fields.residentIds) && change.fields.residentIds.includes(event.residentId);
  if (!listed && !mentions(change.fields.notes, event.names)) return change.fields;
  const out = scrubLoggedFields(change.table, change.fields, event, target.kind);
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Drafts about the person (their form, a step for them, a visit naming them); returns their keys. */
async function dropDrafts(event: ResidentErasureEvent): Promise<string[]> {
  const db = getDb();
  const about = (text: string) => text.includes(event.residentId) || mentions(text, event.names);
  const drafts = await db.drafts
    .filter((d) => about(`${d.key} ${JSON.stringify([d.values, d.seen])}`))
    .toArray();
  await db.drafts.bulkDelete(drafts.map((d) => d.key));
  const keys = drafts.map((d) => d.key);
  try {
    const storage = globalThis.sessionStorage;
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (key?.startsWith(DRAFT_MIRROR_PREFIX) && about(`${key} ${storage.getItem(key) ?? ''}`))
        keys.push(key.slice(DRAFT_MIRROR_PREFIX.length));
    }
  } catch {
    // No sessionStorage here: nothing mirrored to drop.
  }
  return keys;
}

/** Drops the sessionStorage mirrors of these drafts (after the transaction that dropped the drafts). */
export function dropDraftMirrors(keys: readonly string[]): void {
  try {
    for (const key of keys) globalThis.sessionStorage.removeItem(DRAFT_MIRROR_PREFIX + key);
  } catch {
    // Storage turned off: there is no mirror.
  }
}
