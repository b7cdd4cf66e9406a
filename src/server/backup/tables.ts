/**
 * The tables a backup holds, in the order a restore loads them (a row before the rows that point at it:
 * accounts before their sessions and known devices). Every table of db/schema.ts is here; drizzle's
 * migration bookkeeping is not — the header records the migration level instead (backup-file.ts), and
 * tests/server/backup.test.ts fails when a table is added to the schema and not to this list.
 */
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import {
  auditLog,
  changes,
  conflicts,
  knownDevices,
  maintenance,
  records,
  syncState,
  tokens,
  users,
} from '../db/schema.js';

export const BACKUP_TABLES: readonly PgTable[] = [
  users,
  knownDevices,
  tokens,
  auditLog,
  records,
  changes,
  conflicts,
  syncState,
  maintenance,
];

/** SQL names of the backed-up tables, in load order. */
export const BACKUP_TABLE_NAMES: readonly string[] = BACKUP_TABLES.map((t) => getTableConfig(t).name);

/**
 * Tables whose `id` is a bigserial: after a restore their sequence must continue above the restored
 * ids, or the next audit entry or conflict would collide with a restored one.
 */
export const SERIAL_ID_TABLES: readonly string[] = [auditLog, conflicts].map((t) => getTableConfig(t).name);

/** `"name"`: every name here is a plain lower-case identifier, quoted so no keyword can trip it. */
export function quoted(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Not a table name: ${name}`);
  return `"${name}"`;
}
