/**
 * Loading, soft-deleting and restoring a row, the same for every synced table. A delete is a tombstone
 * (deletedAt) that syncs like any edit, so another phone learns of it and an undo is just another edit.
 */
import type { SyncedTable } from '../../core/changes';
import { getDb } from './database';
import { type SyncedRow, writeRow } from './record-writer';
import { RecordNotFoundError } from './repository-errors';

export async function loadRow<R extends SyncedRow>(table: SyncedTable, id: string): Promise<R> {
  const row = (await getDb().table(table).get(id)) as R | undefined;
  if (!row) throw new RecordNotFoundError(table, id);
  return row;
}

export async function removeRow(table: SyncedTable, id: string): Promise<void> {
  const row = await loadRow(table, id);
  const now = new Date().toISOString();
  await writeRow(table, { ...row, deletedAt: now, updatedAt: now });
}

export async function restoreRow(table: SyncedTable, id: string): Promise<void> {
  const { deletedAt: _deleted, ...row } = await loadRow<SyncedRow & { deletedAt?: string }>(table, id);
  await writeRow(table, { ...row, updatedAt: new Date().toISOString() });
}
