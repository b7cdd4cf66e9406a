/**
 * Rows point at other rows (a resident at its household, an attendance at its class). Every row
 * lives in one village and is seen only by that village's team (DESIGN §4.8), so a pointer may only
 * lead to a row of the same village: otherwise a member of one village could hang visits, steps or
 * attendance onto another village's people. An attendance row's id is derived from its class and
 * resident (ids.ts), so two phones ticking one person write one row; the server holds every phone
 * to that rule.
 */
import { type Change, type FieldValue, isStringList, type SyncedTable } from '../changes';
import { attendanceId, lessonCardId, reportId, targetId, unitFiguresId } from '../ids';
import type { FieldIssue } from './field-rules';
import { COMMUNE_OFFICE_ID, COMMUNE_TABLES, COMMUNE_VILLAGE_ID, OFFICE_TABLES } from './scope';

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
  // A village-kind unit names its thôn; the unit (a commune row) and the thôn live in different scopes.
  reportingUnits: {},
  // A unit's figures name their unit, whose id is their scope (scopeRowIssues), not a row of that scope.
  unitFigures: {},
  activities: {},
  reports: {},
  lessonCards: {},
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
    const ids = typeof value === 'string' ? [value] : isStringList(value) ? value : [];
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
  issues.push(...scopeRowIssues(change));
  return issues;
}

/** A row whose id derives from some of its fields: both named together, and the id their function's. */
function derivedIdIssues(
  change: Pick<Change, 'rowId' | 'fields'>,
  fields: readonly string[],
  derive: (values: Record<string, FieldValue>) => string | undefined,
  what: string,
): FieldIssue[] {
  const named = fields.filter((f) => change.fields[f] !== undefined);
  if (named.length === 0) return [];
  if (named.length < fields.length) {
    const missing = fields.find((f) => change.fields[f] === undefined) ?? fields[0] ?? '_';
    return [
      { field: missing, code: 'missing_field', message: `A ${what} names ${fields.join(' and ')} together` },
    ];
  }
  if (derive(change.fields) !== change.rowId) {
    return [
      {
        field: 'rowId',
        code: 'invalid_value',
        message: `A ${what} id is derived from ${fields.join(' and ')}`,
      },
    ];
  }
  return [];
}

const str = (v: FieldValue | undefined) => (typeof v === 'string' ? v : undefined);

/**
 * Where a row may live (scope.ts) and the ids derived from its fields (ids.ts):
 * - the commune's tables (targets, reporting units) under COMMUNE_VILLAGE_ID, and nothing else there;
 * - the office scope (COMMUNE_OFFICE_ID) holds the commune's reports and activities only, and a
 *   commune-level report lives nowhere else;
 * - a unit's figures live under their unit's id; a target's id derives from year and code, a unit's
 *   figures' from unit and quarter, a report's from its scope, quarter and version, a lesson card's
 *   from its key.
 */
function scopeRowIssues(change: Pick<Change, 'table' | 'rowId' | 'villageId' | 'fields'>): FieldIssue[] {
  const mismatch = (message: string): FieldIssue[] => [
    { field: 'villageId', code: 'village_mismatch', message },
  ];
  const communeRow = COMMUNE_TABLES.has(change.table);
  if (communeRow !== (change.villageId === COMMUNE_VILLAGE_ID)) {
    return mismatch(
      communeRow
        ? `A ${change.table} row belongs to the commune (${COMMUNE_VILLAGE_ID})`
        : "Only the commune's own rows belong to the commune scope",
    );
  }
  if (change.villageId === COMMUNE_OFFICE_ID && !OFFICE_TABLES.has(change.table)) {
    return mismatch("Only the commune's reports and activities belong to the office scope");
  }
  switch (change.table) {
    case 'targets':
      return derivedIdIssues(
        change,
        ['year', 'code'],
        (f) =>
          typeof f.year === 'number' && typeof f.code === 'string' ? targetId(f.year, f.code) : undefined,
        'target',
      );
    case 'unitFigures': {
      const unitId = str(change.fields.unitId);
      if (unitId !== undefined && unitId !== change.villageId) {
        return [
          {
            field: 'unitId',
            code: 'village_mismatch',
            message: "A unit's figures live in the unit's own scope",
          },
        ];
      }
      return derivedIdIssues(
        change,
        ['unitId', 'period'],
        (f) => {
          const [u, p] = [str(f.unitId), str(f.period)];
          return u && p ? unitFiguresId(u, p) : undefined;
        },
        "unit's figures",
      );
    }
    case 'reports': {
      const level = str(change.fields.level);
      if (level !== undefined && (level === 'commune') !== (change.villageId === COMMUNE_OFFICE_ID)) {
        return [
          {
            field: 'level',
            code: 'village_mismatch',
            message: `The commune's report, and only it, lives in the office scope (${COMMUNE_OFFICE_ID})`,
          },
        ];
      }
      return derivedIdIssues(
        change,
        ['period', 'version'],
        (f) => {
          const p = str(f.period);
          return p && typeof f.version === 'number' ? reportId(change.villageId, p, f.version) : undefined;
        },
        'report',
      );
    }
    case 'lessonCards':
      return derivedIdIssues(
        change,
        ['key'],
        (f) => {
          const key = str(f.key);
          return key ? lessonCardId(key) : undefined;
        },
        'lesson card',
      );
    default:
      return [];
  }
}
