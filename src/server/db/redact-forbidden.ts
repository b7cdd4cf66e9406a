/**
 * Issue 14, kind 6: ID-card numbers, OTPs and passwords stored before the check refused them in every
 * form ("0012 0300 4567", fullwidth digits, "Mã OTP: 482913"…). DESIGN §7 (Luật 91/2025/QH15) says
 * they are never stored, so this repair hides each one wherever the server kept it:
 *
 * - the register (records): the field is rewritten with "***" in place of the secret, with a new
 *   server clock and sequence number, so every phone pulls the hidden value over its own copy;
 * - the change log and the conflict log: values rewritten in place (a logged change keeps its id and
 *   sequence number, all idempotency needs; pulls read the register, never the log);
 * - the audit log (usernames typed at failed logins): `[redacted: id_number]`;
 * - display names and device names: "***".
 *
 * Usernames are not rewritten, since a person logs in with theirs: accounts whose username holds an
 * ID number are counted in the repair's detail (`usernames`), for a commune officer to replace.
 */
import { asc, eq, gt } from 'drizzle-orm';
import type { FieldValue, SyncedTable } from '../../core/changes';
import { findForbiddenData, hiddenMask, redactForbiddenDeep } from '../../core/forbidden-data';
import { redactStoredFields } from '../../core/sync/field-rules';
import type { Database } from '../db.js';
import { BATCH, type Repair, rewriteRecords } from './rewrite-records.js';
import { auditLog, changes, conflicts, tokens, users } from './schema.js';

/** Walks rows in key order, a batch at a time; returns how many `rewrite` changed. */
async function rewriteInPlace<Row>(
  read: (after: Row | undefined) => Promise<Row[]>,
  rewrite: (row: Row) => Promise<boolean>,
): Promise<number> {
  let after: Row | undefined;
  let rewritten = 0;
  for (;;) {
    const rows = await read(after);
    for (const row of rows) if (await rewrite(row)) rewritten++;
    after = rows.at(-1);
    if (!after || rows.length < BATCH) return rewritten;
  }
}

function hide(table: string, fields: unknown) {
  return redactStoredFields(table as SyncedTable, fields as Record<string, FieldValue>, hiddenMask);
}

function changeLog(db: Database): Promise<number> {
  return rewriteInPlace<{ seq: number; tbl: string; fields: unknown }>(
    (after) =>
      db.orm
        .select({ seq: changes.seq, tbl: changes.tbl, fields: changes.fields })
        .from(changes)
        .where(gt(changes.seq, after?.seq ?? -1))
        .orderBy(asc(changes.seq))
        .limit(BATCH),
    async (row) => {
      const { fields, changed } = hide(row.tbl, row.fields);
      if (changed.length === 0) return false;
      await db.orm.update(changes).set({ fields }).where(eq(changes.seq, row.seq));
      return true;
    },
  );
}

interface ConflictValues {
  id: number;
  tbl: string;
  field: string;
  winnerValue: unknown;
  loserValue: unknown;
}

function conflictLog(db: Database): Promise<number> {
  return rewriteInPlace<ConflictValues>(
    (after) =>
      db.orm
        .select({
          id: conflicts.id,
          tbl: conflicts.tbl,
          field: conflicts.field,
          winnerValue: conflicts.winnerValue,
          loserValue: conflicts.loserValue,
        })
        .from(conflicts)
        .where(gt(conflicts.id, after?.id ?? -1))
        .orderBy(asc(conflicts.id))
        .limit(BATCH),
    async (row) => {
      const winner = hide(row.tbl, { [row.field]: row.winnerValue });
      const loser = hide(row.tbl, { [row.field]: row.loserValue });
      if (winner.changed.length === 0 && loser.changed.length === 0) return false;
      await db.orm
        .update(conflicts)
        .set({ winnerValue: winner.fields[row.field], loserValue: loser.fields[row.field] })
        .where(eq(conflicts.id, row.id));
      return true;
    },
  );
}

function auditEntries(db: Database): Promise<number> {
  return rewriteInPlace<{ id: number; detail: Record<string, unknown> }>(
    (after) =>
      db.orm
        .select({ id: auditLog.id, detail: auditLog.detail })
        .from(auditLog)
        .where(gt(auditLog.id, after?.id ?? -1))
        .orderBy(asc(auditLog.id))
        .limit(BATCH),
    async (row) => {
      const detail = redactForbiddenDeep(row.detail);
      if (detail === row.detail) return false;
      await db.orm.update(auditLog).set({ detail }).where(eq(auditLog.id, row.id));
      return true;
    },
  );
}

async function accountNames(db: Database): Promise<{ displayNames: number; usernames: number }> {
  let displayNames = 0;
  let usernames = 0;
  const all = await db.orm
    .select({ id: users.id, username: users.username, displayName: users.displayName })
    .from(users);
  for (const user of all) {
    if (findForbiddenData(user.username)) usernames++;
    const displayName = redactForbiddenDeep(user.displayName, hiddenMask);
    if (displayName === user.displayName) continue;
    await db.orm.update(users).set({ displayName }).where(eq(users.id, user.id));
    displayNames++;
  }
  return { displayNames, usernames };
}

function deviceNames(db: Database): Promise<number> {
  return rewriteInPlace<{ id: string; deviceName: string }>(
    (after) =>
      db.orm
        .select({ id: tokens.id, deviceName: tokens.deviceName })
        .from(tokens)
        .where(after ? gt(tokens.id, after.id) : undefined)
        .orderBy(asc(tokens.id))
        .limit(BATCH),
    async (row) => {
      const deviceName = redactForbiddenDeep(row.deviceName, hiddenMask);
      if (deviceName === row.deviceName) return false;
      await db.orm.update(tokens).set({ deviceName }).where(eq(tokens.id, row.id));
      return true;
    },
  );
}

export const redactForbiddenData: Repair = {
  name: '2026-12-redact-forbidden-data',
  async run(db, now) {
    const register = await rewriteRecords(db, now, hide);
    return {
      records: register.repaired,
      changes: await changeLog(db),
      conflicts: await conflictLog(db),
      audit: await auditEntries(db),
      devices: await deviceNames(db),
      ...(await accountNames(db)),
    };
  },
};
