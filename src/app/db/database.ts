/**
 * The phone's database (IndexedDB through Dexie). Record tables hold the current local state; the
 * outbox holds every change not yet acknowledged by the server. UI code never writes here directly:
 * repositories do, one transaction per change (record + outbox entry together).
 */
import Dexie, { type EntityTable, type Transaction } from 'dexie';
import { type Change, type FieldValue, LOCAL_ONLY_FIELDS, type SyncedTable } from '../../core/changes';
import type { LessonCardRecord } from '../../core/lessons/card';
import type {
  Activity,
  Assist,
  Attendance,
  ClassSession,
  Household,
  Report,
  ReportingUnit,
  Resident,
  Target,
  UnitFigures,
  Village,
  Visit,
} from '../../core/schemas';
import { foldForSearch } from '../../core/search';
import { type DataVersion, dataVersionMiddleware } from './data-versions';

/**
 * Local-only row metadata, never synced as fields: `search` (folded text for search-as-you-type) and
 * `clocks` (the HLC of each field's current value, for the field-level merge of pulled rows).
 */
export interface RowMeta {
  clocks?: Record<string, string>;
}
export type HouseholdRow = Household & RowMeta & { search: string };
export type ResidentRow = Resident & RowMeta & { search: string };
export type VillageRow = Village & RowMeta;
export type VisitRow = Visit & RowMeta;
export type AssistRow = Assist & RowMeta;
export type ClassRow = ClassSession & RowMeta;
export type AttendanceRow = Attendance & RowMeta;
export type TargetRow = Target & RowMeta;
export type ReportingUnitRow = ReportingUnit & RowMeta;
export type UnitFiguresRow = UnitFigures & RowMeta;
export type ActivityRow = Activity & RowMeta;
export type ReportRow = Report & RowMeta;
export type LessonCardRow = LessonCardRecord & RowMeta;

/** A change the server refused; kept (never dropped) so a lead can see what was not accepted and why. */
export interface RejectedChange {
  id?: number;
  change: Change;
  /** The account that made the change (issue 13, kind 3): shown only to it. */
  userId?: string;
  code: string;
  message: string;
  /** The field the server named, when it named one. */
  field?: string;
  rejectedAt: string;
}

/**
 * A value this account typed that lost to a teammate's concurrent edit (issue 15): the server kept the
 * other value and logged hers for the lead. Kept on the phone until she taps "Đã hiểu", so nothing
 * she typed is lost without her knowing. One per change and field.
 */
export interface LostEdit {
  /** `${changeId}:${field}`: the push result and GET /api/sync/lost name the same loss alike. */
  key: string;
  /** The account that made the change: shown only to it. */
  userId: string;
  changeId: string;
  table: SyncedTable;
  rowId: string;
  villageId: string;
  field: string;
  /** What she wrote (null: an edit of a row someone deleted meanwhile); dropped once dismissed. */
  value?: FieldValue;
  /** The clock her change was written with: its wall time is when she made the edit. */
  hlc: string;
  /**
   * Set by "Đã hiểu"; the entry stays, without its value, so that learning of the same loss again
   * (the lost list after a cursor reset) does not bring the notice back.
   */
  dismissedAt?: string;
}

export interface OutboxEntry extends Change {
  /** Local order of changes; the sync engine pushes in this order. */
  seq?: number;
  createdAt: string;
  /**
   * The account that made the change, which alone pushes it (sync/account.ts); absent for changes
   * made before any account logged in on this phone.
   */
  userId?: string;
}

export interface MetaEntry {
  key: string;
  value: unknown;
}

/**
 * What a person typed in a form and has not saved yet (issue 13, kind 9): kept on the phone so a
 * reload, Android discarding the tab, or Back does not lose it, and offered back when the form opens.
 */
export interface FormDraft {
  /** The form and its record, e.g. "household:new:<villageId>" or "resident:<id>". */
  key: string;
  /** The account that typed it: a draft is shown only to it (sync/account.ts). */
  userId?: string;
  values: unknown;
  /** The record as the form showed it when the typing began: the edit is saved against it. */
  seen?: unknown;
  savedAt: string;
}

export function householdSearchText(h: Pick<Household, 'label' | 'lane' | 'address'>): string {
  return foldForSearch([h.label, h.lane, h.address].filter(Boolean).join(' '));
}

/** An erased resident has no name (issue 14, kind 8): nothing to search for. */
export function residentSearchText(r: { name?: string | undefined }): string {
  return foldForSearch(r.name ?? '');
}

/**
 * The dashboard's compact copy of one village's rows (dashboard-api.ts): the fields the indicators
 * read, packed as one JSON text (snapshot-codec.ts): one string read where 20,000 objects take seconds.
 * Deleted by any write of the village (data-versions.ts); valid while its stamps are the current ones.
 */
export interface IndicatorSnapshot {
  villageId: string;
  /** The village's stamp and the any-village stamp when the rows were read ('' when none yet). */
  stamp: string;
  anyStamp: string;
  /** The database version and the snapshot's own format it was built under. */
  verno: number;
  format: number;
  text: string;
}

export const DB_NAME = 'ngo-so';

export class NgoSoDatabase extends Dexie {
  villages!: EntityTable<VillageRow, 'id'>;
  households!: EntityTable<HouseholdRow, 'id'>;
  residents!: EntityTable<ResidentRow, 'id'>;
  visits!: EntityTable<VisitRow, 'id'>;
  assists!: EntityTable<AssistRow, 'id'>;
  classes!: EntityTable<ClassRow, 'id'>;
  attendance!: EntityTable<AttendanceRow, 'id'>;
  targets!: EntityTable<TargetRow, 'id'>;
  reportingUnits!: EntityTable<ReportingUnitRow, 'id'>;
  unitFigures!: EntityTable<UnitFiguresRow, 'id'>;
  activities!: EntityTable<ActivityRow, 'id'>;
  reports!: EntityTable<ReportRow, 'id'>;
  lessonCards!: EntityTable<LessonCardRow, 'id'>;
  dataVersions!: EntityTable<DataVersion, 'villageId'>;
  indicatorSnapshots!: EntityTable<IndicatorSnapshot, 'villageId'>;
  outbox!: EntityTable<OutboxEntry, 'seq'>;
  meta!: EntityTable<MetaEntry, 'key'>;
  drafts!: EntityTable<FormDraft, 'key'>;
  rejected!: EntityTable<RejectedChange, 'id'>;
  lostEdits!: EntityTable<LostEdit, 'key'>;

  constructor(name = DB_NAME) {
    super(name);
    // Versions are append-only: phones in the field upgrade from whatever they have. Never edit a
    // shipped version; add the next one with its upgrade function.
    this.version(1).stores({
      villages: 'id, code',
      households: 'id, villageId',
      residents: 'id, householdId, villageId',
      outbox: '++seq, &changeId, rowId',
      meta: 'key',
    });
    // v2: folded search text on households and residents, so search-as-you-type does no Unicode work
    // per keystroke. Rows written by v1 get it here.
    this.version(2)
      .stores({})
      .upgrade(async (tx: Transaction) => {
        await tx
          .table<HouseholdRow>('households')
          .toCollection()
          .modify((h) => {
            h.search = householdSearchText(h);
          });
        await tx
          .table<ResidentRow>('residents')
          .toCollection()
          .modify((r) => {
            r.search = residentSearchText(r);
          });
      });
    // v3: sync. Rows keep a clock per field; the outbox is indexed by village (demo villages never
    // sync); refused changes go to `rejected`. Rows written before v3 get their clocks from their
    // queued changes, which still hold every field they wrote.
    this.version(3)
      .stores({ outbox: '++seq, &changeId, rowId, villageId', rejected: '++id, &change.changeId' })
      .upgrade(async (tx: Transaction) => {
        const clocks = new Map<string, Record<string, string>>();
        await tx
          .table<OutboxEntry>('outbox')
          .orderBy('seq')
          .each((entry) => {
            const row = clocks.get(entry.rowId) ?? {};
            for (const field of Object.keys(entry.fields)) row[field] = entry.hlc;
            clocks.set(entry.rowId, row);
          });
        for (const table of ['villages', 'households', 'residents']) {
          await tx
            .table<RowMeta & { id: string }>(table)
            .toCollection()
            .modify((row) => {
              row.clocks = clocks.get(row.id) ?? {};
            });
        }
      });
    // v4: deleted households indexed by village (rows without deletedAt are not in the index), so
    // the village list counts live households from indexes alone, without reading 20,000 rows.
    this.version(4).stores({ households: 'id, villageId, [villageId+deletedAt]' });
    // v5: field work. A household's visits and assists, a resident's assists and a class's attendance
    // are each read by one index; the round planner reads a village's visits by villageId.
    this.version(5).stores({
      visits: 'id, villageId, householdId',
      assists: 'id, villageId, householdId, residentId',
      classes: 'id, villageId',
      attendance: 'id, villageId, classId, residentId',
    });
    // v6: text in one form (NFC, single spaces) and ids in lower case (issue 13, kinds 1 and 7), so
    //     one lane typed on two keyboards is one lane. Only the spelling changes here, never the
    //     clocks: the server repairs its copy with newer clocks and every phone pulls the same value.
    //     Queued changes get the account that made them (issue 13, kind 3): the account logged in
    //     when the phone upgrades, which becomes the phone's owner.
    this.version(6)
      .stores({ outbox: '++seq, &changeId, rowId, villageId, userId', drafts: 'key' })
      .upgrade(async (tx: Transaction) => {
        const meta = tx.table<MetaEntry, string>('meta');
        const session = (await meta.get('session'))?.value as
          | { user?: { id?: string; username?: string; displayName?: string } }
          | undefined;
        const user = session?.user;
        if (user?.id) {
          await tx.table<OutboxEntry>('outbox').toCollection().modify({ userId: user.id });
          await tx.table<RejectedChange>('rejected').toCollection().modify({ userId: user.id });
          await meta.put({
            key: 'owner',
            value: { id: user.id, username: user.username ?? '', displayName: user.displayName ?? '' },
          });
        }
        // Text and ids in one stored form: done after start by db/normalise-stored.ts (its rules are
        // the zod schemas, which stay off the first load).
        await meta.put({ key: NORMALISE_KEY, value: true });
      });
    // v7: notices of typed values that lost to a teammate's concurrent edit (issue 15), read per
    //     account and dropped per row (erasure) and per village (a village taken away). New and
    //     empty: the phone learns of older losses from the server's list on its next sync.
    this.version(7).stores({ lostEdits: 'key, userId, rowId, villageId' });
    // v8: the commune's targets (issue 18), read whole (a few rows a year). New and empty: they come
    //     with the next pull. Residents and households gain a register status, which needs no index.
    this.version(8).stores({ targets: 'id, villageId, year' });
    // v9: the dashboard's compact copy of each village's rows, and the stamps that say whether it still
    //     holds (data-versions.ts; issue 18). New and empty: built on the first dashboard opened.
    this.version(9).stores({ dataVersions: 'villageId', indicatorSnapshots: 'villageId' });
    // v10: quarterly reporting (issue 19): the commune's reporting units, their figures per quarter, the
    //     activity log and the reports, each under its scope (a village, a unit or the commune office).
    //     New and empty: they come with the next pull.
    this.version(10).stores({
      reportingUnits: 'id, villageId',
      unitFigures: 'id, villageId, period',
      activities: 'id, villageId, date',
      reports: 'id, villageId, period',
    });
    // v11: the commune's lesson cards (issue 20), read whole (tens of rows). New and empty: they come
    //     with the next pull; until then the bundled cards are shown.
    this.version(11).stores({ lessonCards: 'id, villageId' });
    this.use(dataVersionMiddleware);
  }
}

/**
 * Meta key of the lost-list cursors (db/lost-edit-repository.ts): per account, the last conflict id
 * looked at. Here, not there, so that dropping it does not load that module with the app.
 */
export const LOST_CURSOR_KEY = 'lostCursor';

/** Set by the v6 upgrade: stored rows still to be rewritten in the one stored form. */
export const NORMALISE_KEY = 'normaliseStored';

/** Runs db/normalise-stored.ts when an upgrade asked for it (loaded only then). */
export async function normaliseStoredIfNeeded(db: NgoSoDatabase = getDb()): Promise<void> {
  if (!(await db.meta.get(NORMALISE_KEY))) return;
  const { normaliseStoredRows } = await import('./normalise-stored');
  await normaliseStoredRows(db);
}

/** A stored row's synced fields (without id, village, local bookkeeping). */
export function syncedFieldsOf(row: Readonly<Record<string, unknown>>): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  const skip = new Set<string>(LOCAL_ONLY_FIELDS);
  for (const [key, value] of Object.entries(row)) if (!skip.has(key)) out[key] = value as FieldValue;
  return out;
}

let instance: NgoSoDatabase | undefined;

/** The app's single database connection. */
export function getDb(): NgoSoDatabase {
  instance ??= new NgoSoDatabase();
  return instance;
}

/** Tests swap in a fresh database per case. */
export function setDbForTesting(db: NgoSoDatabase | undefined): void {
  instance = db;
}
