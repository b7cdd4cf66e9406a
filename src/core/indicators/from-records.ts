/**
 * Stored sync records → the indicators' rows (issue 18, item 6). The server keeps every row as
 * `{ tbl, id, villageId, data, clocks }` (records table; `data` holds the synced fields, without id
 * and village, which travel beside them); the phone keeps flat rows with their clocks. Both give
 * an assist its creation clock the same way, so both order a resident's steps alike
 * (skills/status.ts compareAssists).
 */
import { SYNCED_TABLES, type SyncedTable } from '../changes';
import type { IndicatorAssist, IndicatorRows } from './types';

export interface StoredRecord {
  tbl: string;
  id: string;
  villageId: string;
  data: unknown;
  clocks: unknown;
}

/**
 * The clock an assist was recorded with: its `kind` is written once, when the step is recorded, so its
 * field clock is the creation's (the phone's assist-repository.ts reads it the same way).
 */
export function assistClock(clocks: unknown): string {
  const kind = (clocks as Record<string, unknown> | null | undefined)?.kind;
  return typeof kind === 'string' ? kind : '';
}

/** A phone's stored assist (flat fields plus `clocks`) as the indicators read it. */
export function indicatorAssist<T extends Omit<IndicatorAssist, 'hlc'> & { clocks?: unknown }>(
  row: T,
): IndicatorAssist {
  return { ...row, hlc: assistClock(row.clocks) };
}

const TABLES: ReadonlySet<string> = new Set(SYNCED_TABLES);

/**
 * Groups stored records by table into IndicatorRows. Rows are taken as stored (tombstones included:
 * the indicators leave them out themselves); records of unknown tables are ignored.
 */
export function indicatorRowsOf(list: Iterable<StoredRecord>): IndicatorRows {
  const out: Record<SyncedTable, unknown[]> = {
    villages: [],
    households: [],
    residents: [],
    visits: [],
    assists: [],
    classes: [],
    attendance: [],
    targets: [],
    reportingUnits: [],
    unitFigures: [],
    activities: [],
    reports: [],
    lessonCards: [],
  };
  for (const record of list) {
    const table = record.tbl as SyncedTable;
    if (!TABLES.has(table)) continue;
    // The server keeps a cleared field as null; the phone leaves it out, and so do the indicators'
    // rows (a `statusOn: null` once kept a moved-out household in the server's count, issue 18).
    const row: Record<string, unknown> = { id: record.id, villageId: record.villageId };
    for (const [field, value] of Object.entries(record.data as object)) {
      if (value !== null && field !== 'id' && field !== 'villageId') row[field] = value;
    }
    out[table].push(table === 'assists' ? { ...row, hlc: assistClock(record.clocks) } : row);
  }
  return out as unknown as IndicatorRows;
}
