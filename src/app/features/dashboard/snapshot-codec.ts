/**
 * The dashboard's compact copy of a village's rows (issue 18, item 5; dashboard-api.ts), as bytes.
 *
 * Reading back from IndexedDB costs about 27 ms per MB here, and unpacking a gzipped copy through
 * DecompressionStream cost more than reading the unpacked one, so the copy is made small instead: one
 * tuple per row (no repeated keys, no village id, only the fields the indicators read), and a pointer
 * to a household, resident, class or visit of the same village written as its index in that table's
 * list rather than its 36-character id. Plain JSON, parsed in one call.
 */
import type { IndicatorAssist, IndicatorRows } from '../../../core/indicators/types';

/** A village's rows without the commune's targets (read whole each time). */
export type VillageRows = Omit<IndicatorRows, 'targets'>;
type Table = Exclude<keyof VillageRows, 'villages'>;

/** Bumped when the fields or the encoding change: older copies are then rebuilt, never misread. */
export const SNAPSHOT_FORMAT = 4;

/** Fields holding an id of another table's row, and that table: written as the row's index. */
const POINTERS: Partial<Record<Table, Record<string, Table>>> = {
  residents: { householdId: 'households' },
  visits: { householdId: 'households', residentIds: 'residents' },
  assists: { residentId: 'residents', householdId: 'households', classId: 'classes', visitId: 'visits' },
  attendance: { classId: 'classes', residentId: 'residents' },
};

/** The fields kept per table (core/indicators/types.ts), in tuple order. `villageId` is added back. */
const FIELDS: Record<Table, readonly string[]> = {
  households: [
    'id',
    'label',
    'lane',
    'address',
    'walkOrder',
    'poor',
    'ethnicMinority',
    'ethnicMinorityConsentAt',
    'status',
    'statusOn',
    'createdAt',
    'deletedAt',
  ],
  residents: [
    'id',
    'householdId',
    'name',
    'birthYear',
    'groups',
    'hasSmartphone',
    // Format 4 (issue 20): the next card of a dashboard list reads the SIM and chip card facts too.
    'hasChipId',
    'simOwnName',
    'consent',
    'status',
    'statusOn',
    'createdAt',
    'updatedAt',
    'deletedAt',
  ],
  visits: ['id', 'householdId', 'visitedAt', 'outcome', 'residentIds', 'deletedAt'],
  assists: [
    'id',
    'residentId',
    'householdId',
    'kind',
    'status',
    'howKnown',
    'failReason',
    'on',
    'hlc',
    'classId',
    'visitId',
    'deletedAt',
  ],
  classes: ['id', 'date', 'topic', 'audience', 'walkIns', 'deletedAt'],
  attendance: ['id', 'classId', 'residentId', 'deletedAt'],
};
const TABLES = Object.keys(FIELDS) as Table[];
const VILLAGE_FIELDS = ['id', 'name', 'code', 'official', 'laneOrder', 'deletedAt'] as const;

interface Encoded {
  format: number;
  village: Record<string, unknown> | null;
  tables: Record<Table, unknown[][]>;
}

/** An assist as the phone stores it: the creation clock of its kind ranks it (skills/status.ts). */
export function assistOfRow(row: object & { clocks?: Record<string, string> | undefined }): IndicatorAssist {
  return { ...(row as IndicatorAssist), hlc: row.clocks?.kind ?? '' };
}

/** A consent without its keys (it is on most rows): [purposes, collectedBy, collectedAt, withdrawnAt?]. */
function consentTuple(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value ?? null;
  const c = value as { purposes: unknown; collectedBy: unknown; collectedAt: unknown; withdrawnAt?: unknown };
  return c.withdrawnAt === undefined
    ? [c.purposes, c.collectedBy, c.collectedAt]
    : [c.purposes, c.collectedBy, c.collectedAt, c.withdrawnAt];
}

function consentOf(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  const [purposes, collectedBy, collectedAt, withdrawnAt] = value as unknown[];
  return withdrawnAt === undefined
    ? { purposes, collectedBy, collectedAt }
    : { purposes, collectedBy, collectedAt, withdrawnAt };
}

function tuple(row: object, fields: readonly string[]): unknown[] {
  const values = row as Record<string, unknown>;
  // Absent fields as null: JSON has no undefined, and decode leaves them absent again.
  return fields.map((f) => (f === 'consent' ? consentTuple(values[f]) : (values[f] ?? null)));
}

/**
 * Rows (as stored) → the compact text. A pointer to a row the village does not hold (a tombstone's
 * leftovers, another village's row) stays its id: indexes are numbers, ids strings, so both decode.
 */
export function encodeSnapshot(rows: VillageRows): string {
  const village = rows.villages[0];
  const index = new Map<Table, Map<string, number>>();
  for (const table of TABLES) {
    index.set(table, new Map((rows[table] as ReadonlyArray<{ id: string }>).map((r, i) => [r.id, i])));
  }
  const encodeTable = (table: Table) => {
    const pointers = POINTERS[table] ?? {};
    const fields = FIELDS[table];
    return (rows[table] as readonly object[]).map((row) => {
      const values = tuple(row, fields);
      fields.forEach((field, i) => {
        const target = pointers[field];
        if (!target) return;
        const at = index.get(target) as Map<string, number>;
        const value = values[i];
        if (typeof value === 'string') values[i] = at.get(value) ?? value;
        else if (Array.isArray(value)) values[i] = value.map((v: string) => at.get(v) ?? v);
      });
      return values;
    });
  };
  const encoded: Encoded = {
    format: SNAPSHOT_FORMAT,
    village: village ? Object.fromEntries(VILLAGE_FIELDS.map((f) => [f, village[f] ?? null])) : null,
    tables: Object.fromEntries(TABLES.map((table) => [table, encodeTable(table)])) as Record<
      Table,
      unknown[][]
    >,
  };
  return JSON.stringify(encoded);
}

/**
 * The compact text → rows of `villageId`, or undefined when it is of another format.
 * @throws SyntaxError when the text is not JSON (a damaged copy: the caller reads the rows again)
 */
export function decodeSnapshot(text: string, villageId: string): VillageRows | undefined {
  const encoded = JSON.parse(text) as Encoded;
  if (encoded.format !== SNAPSHOT_FORMAT) return undefined;
  const ids = new Map<Table, string[]>();
  for (const table of TABLES) {
    ids.set(
      table,
      (encoded.tables[table] ?? []).map((values) => values[0] as string),
    );
  }
  const objects = (table: Table) => {
    const fields = FIELDS[table];
    const pointers = POINTERS[table] ?? {};
    const resolve = fields.map((field) => {
      const target = pointers[field];
      return target ? (ids.get(target) as string[]) : undefined;
    });
    const idOf = (list: string[], value: unknown) => (typeof value === 'number' ? list[value] : value);
    return (encoded.tables[table] ?? []).map((values) => {
      const row: Record<string, unknown> = { villageId };
      for (let i = 0; i < fields.length; i++) {
        const value = values[i];
        if (value === null || value === undefined) continue;
        const list = resolve[i];
        const field = fields[i] as string;
        if (field === 'consent') {
          row[field] = consentOf(value);
          continue;
        }
        row[field] = !list
          ? value
          : Array.isArray(value)
            ? value.map((v) => idOf(list, v))
            : idOf(list, value);
      }
      return row;
    });
  };
  const village = encoded.village
    ? Object.fromEntries(Object.entries(encoded.village).filter(([, v]) => v !== null))
    : undefined;
  return {
    villages: village ? [village as unknown as VillageRows['villages'][number]] : [],
    ...(Object.fromEntries(TABLES.map((table) => [table, objects(table)])) as unknown as Omit<
      VillageRows,
      'villages'
    >),
  };
}
