/**
 * Rows stored before text and ids had one form (issue 13, kinds 1 and 7) are rewritten in it: NFC
 * text, lower-case ids, digits-only phones (core/sync/field-rules.ts, the server's repair does the
 * same). Not inside the v6 upgrade itself: the rules are the zod schemas, and importing them there
 * would put zod on every phone's first load (DESIGN §6 budget) for work done once. The upgrade only
 * marks that it is needed; the app loads this module after start when the mark is there.
 */
import { SYNCED_TABLES } from '../../core/changes';
import { normaliseStoredFields } from '../../core/sync/field-rules';
import {
  getDb,
  type HouseholdRow,
  householdSearchText,
  type NgoSoDatabase,
  NORMALISE_KEY,
  type ResidentRow,
  residentSearchText,
  syncedFieldsOf,
} from './database';

/** Rewrites every stored row in the one stored form, in one transaction, and clears the mark. */
export async function normaliseStoredRows(db: NgoSoDatabase = getDb()): Promise<void> {
  const records = SYNCED_TABLES.map((table) => db.table(table));
  await db.transaction('rw', [...records, db.meta], async () => {
    for (const table of SYNCED_TABLES) {
      await db
        .table<Record<string, unknown> & { id: string }>(table)
        .toCollection()
        .modify((row) => {
          const { fields: normal, changed } = normaliseStoredFields(table, syncedFieldsOf(row));
          for (const field of changed) row[field] = normal[field];
          if (table === 'households') row.search = householdSearchText(row as unknown as HouseholdRow);
          if (table === 'residents') row.search = residentSearchText(row as unknown as ResidentRow);
        });
    }
    await db.meta.delete(NORMALISE_KEY);
  });
}
