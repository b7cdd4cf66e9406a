import type { SyncedTable } from '../../core/changes';
import { lessonCardSchema } from '../../core/lessons/card';
import {
  activitySchema,
  assistSchema,
  attendanceSchema,
  classSchema,
  householdSchema,
  reportingUnitSchema,
  reportSchema,
  residentSchema,
  targetSchema,
  unitFiguresSchema,
  villageSchema,
  visitSchema,
} from '../../core/schemas';
import { nowIso } from '../state/commune-clock';
import { getDb, householdSearchText, residentSearchText } from './database';
import { type SyncedRow, writeRow } from './record-writer';
import { parseOrThrow, RecordNotFoundError } from './repository-errors';

const SCHEMAS = {
  villages: villageSchema,
  households: householdSchema,
  residents: residentSchema,
  visits: visitSchema,
  assists: assistSchema,
  classes: classSchema,
  attendance: attendanceSchema,
  targets: targetSchema,
  reportingUnits: reportingUnitSchema,
  unitFigures: unitFiguresSchema,
  activities: activitySchema,
  reports: reportSchema,
  lessonCards: lessonCardSchema,
} as const;

/**
 * Puts one field back to an earlier value (a lead restoring the losing side of a conflict). The row is
 * validated whole, as any edit is, so a restore can never produce a row the app would refuse.
 */
export async function restoreFieldValue(
  table: SyncedTable,
  rowId: string,
  field: string,
  value: unknown,
): Promise<void> {
  const row = (await getDb().table(table).get(rowId)) as (SyncedRow & Record<string, unknown>) | undefined;
  if (!row) throw new RecordNotFoundError(table, rowId);
  const { search: _search, clocks, ...fields } = row;
  const next: Record<string, unknown> = { ...fields, updatedAt: nowIso() };
  if (value === null || value === undefined) delete next[field];
  else next[field] = value;
  const parsed = parseOrThrow(SCHEMAS[table], next) as SyncedRow & Record<string, unknown>;
  const search =
    table === 'households'
      ? { search: householdSearchText(parsed as never) }
      : table === 'residents'
        ? { search: residentSearchText(parsed as never) }
        : {};
  await writeRow(table, { ...parsed, ...search, ...(clocks ? { clocks } : {}) });
}
