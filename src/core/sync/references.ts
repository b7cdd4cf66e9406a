/**
 * Rows point at other rows (a resident at its household, an attendance at its class). Every row
 * lives in one village and is seen only by that village's team (DESIGN §4.8), so a pointer may only
 * lead to a row of the same village: otherwise a member of one village could hang visits, steps or
 * attendance onto another village's people. An attendance row's id is derived from its class and
 * resident (ids.ts), so two phones ticking one person write one row; the server holds every phone
 * to that rule.
 */
import type { Change, SyncedTable } from '../changes';
import { attendanceId, targetId } from '../ids';
import type { FieldIssue } from './field-rules';
import { COMMUNE_TABLES, COMMUNE_VILLAGE_ID } from './scope';

/** Per table, the fields holding ids of other rows, and the table each one points into. */
export const REFERENCES: Readonly<Record<SyncedTable, Readonly<Record<string, SyncedTable>>>> = {
  villages: {},
  households: { mergedInto: 'households' },
  residents: { householdId: 'households' },
  visits: { householdId: 'households', residentIds: 'residents' },
  assists: { residentId: 'residents', householdId: 'households', visitId: 'visits', classId: 'classes' },
  classes: {},
  attendance: { classId: 'classes', residentId: 'residents' },
  targets: {},
};

export interface Reference {
  field: string;
  table: SyncedTable;
  id: string;
}

/** The rows a change points at (ids already canonical: the change was parsed by its schema). */
export function referencesOf(change: Pick<Change, 'table' | 'fields'>): Reference[] {
  const out: Reference[] = [];
  for (const [field, table] of Object.entries(REFERENCES[change.table])) {
    const value = change.fields[field];
    const ids = typeof value === 'string' ? [value] : Array.isArray(value) ? value : [];
    for (const id of ids) out.push({ field, table, id });
  }
  return out;
}

/**
 * What is wrong with a change's pointers.
 * @param villageOf the village of an existing row (stored, or created earlier in the same push), or
 *   undefined when the server does not have the row: such a pointer is refused (unknown_reference).
 */
export function referenceIssues(
  change: Pick<Change, 'table' | 'rowId' | 'villageId' | 'fields'>,
  villageOf: (table: SyncedTable, id: string) => string | undefined,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const ref of referencesOf(change)) {
    const village = villageOf(ref.table, ref.id);
    if (village === undefined) {
      // A pointer must lead to a row the server holds (or one created earlier in the same push): the
      // phone that wrote it had the row, and queued its creation first. Accepting a pointer into the
      // unknown would let the row be created later in another village, with nothing to check then.
      issues.push({
        field: ref.field,
        code: 'unknown_reference',
        message: `"${ref.field}" points at a ${ref.table} row the server does not have`,
      });
    } else if (village !== change.villageId) {
      issues.push({
        field: ref.field,
        code: 'village_mismatch',
        message: `"${ref.field}" points at a ${ref.table} row of another village`,
      });
    }
  }
  if (change.table === 'attendance') {
    const { classId, residentId } = change.fields;
    if (classId !== undefined || residentId !== undefined) {
      if (typeof classId !== 'string' || typeof residentId !== 'string') {
        issues.push({
          field: classId === undefined ? 'classId' : 'residentId',
          code: 'missing_field',
          message: 'An attendance names its class and its resident together',
        });
      } else if (attendanceId(classId, residentId) !== change.rowId) {
        issues.push({
          field: 'rowId',
          code: 'invalid_value',
          message: 'An attendance id is derived from its class and resident (attendanceId)',
        });
      }
    }
  }
  // A household merges into another: into itself it would leave every figure of the household's
  // people hanging on a household that no longer counts (issue 18).
  if (change.table === 'households' && change.fields.mergedInto === change.rowId) {
    issues.push({
      field: 'mergedInto',
      code: 'invalid_value',
      message: 'A household cannot be merged into itself',
    });
  }
  issues.push(...communeRowIssues(change));
  return issues;
}

/**
 * The commune's rows live under COMMUNE_VILLAGE_ID and nothing else does (scope.ts); a target's id
 * is derived from its year and code (targetId), so one year's target is one row on every phone.
 */
function communeRowIssues(change: Pick<Change, 'table' | 'rowId' | 'villageId' | 'fields'>): FieldIssue[] {
  const communeRow = COMMUNE_TABLES.has(change.table);
  if (communeRow !== (change.villageId === COMMUNE_VILLAGE_ID)) {
    return [
      {
        field: 'villageId',
        code: 'village_mismatch',
        message: communeRow
          ? `A ${change.table} row belongs to the commune (${COMMUNE_VILLAGE_ID})`
          : "Only the commune's own rows belong to the commune scope",
      },
    ];
  }
  if (change.table === 'targets') {
    const { year, code } = change.fields;
    if (year !== undefined || code !== undefined) {
      if (typeof year !== 'number' || typeof code !== 'string') {
        return [
          {
            field: year === undefined ? 'year' : 'code',
            code: 'missing_field',
            message: 'A target names its year and its indicator together',
          },
        ];
      }
      if (targetId(year, code) !== change.rowId) {
        return [
          {
            field: 'rowId',
            code: 'invalid_value',
            message: 'A target id is derived from its year and indicator (targetId)',
          },
        ];
      }
    }
  }
  return [];
}
