/**
 * Data repairs: rewrites of stored rows that a schema migration cannot express, run once each after
 * the migrations (recorded in `maintenance`). A repaired field gets a new server clock and the row a
 * new sequence number, exactly as a privacy clear does, so every phone pulls the repaired value and
 * converges; a phone's own later edit of the field still merges as usual.
 *
 * Safe with several server processes on one database: each batch holds the sequence lock, and a row
 * that is already repaired is left alone, so a repair that runs twice changes nothing the second time.
 */
import { and, eq } from 'drizzle-orm';
import { normaliseStoredFields } from '../../core/sync/field-rules';
import type { Database } from '../db.js';
import { redactForbiddenData } from './redact-forbidden.js';
import { type Repair, rewriteRecords } from './rewrite-records.js';
import { maintenance } from './schema.js';

export { SYSTEM_USER_ID } from './rewrite-records.js';

/**
 * Issue 13, kinds 1 and 7: rows stored before every text was kept in NFC with single spaces and every
 * id in lower case. The same lane typed composed on one phone and decomposed on another showed as two
 * lanes; an id inside a field in upper case pointed at no row on the phones.
 */
const normaliseFields: Repair = {
  name: '2026-12-normalise-text-and-ids',
  run: (db, now) => rewriteRecords(db, now, normaliseStoredFields),
};

export const REPAIRS: readonly Repair[] = [normaliseFields, redactForbiddenData];

/** Runs every repair not yet recorded as done. */
export async function runRepairs(db: Database, now: () => number = Date.now): Promise<void> {
  for (const repair of REPAIRS) {
    const done = await db.orm
      .select({ name: maintenance.name })
      .from(maintenance)
      .where(and(eq(maintenance.name, repair.name)));
    if (done.length > 0) continue;
    const detail = await repair.run(db, now);
    await db.orm.insert(maintenance).values({ name: repair.name, detail }).onConflictDoNothing();
  }
}
