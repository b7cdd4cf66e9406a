/**
 * Making, loading, soft-deleting and restoring a row, the same for every synced table. A delete is a
 * tombstone (deletedAt) that syncs like any edit, so another phone learns of it and an undo is just
 * another edit.
 */
import type { z } from 'zod';
import type { SyncedTable } from '../../core/changes';
import { newId } from '../../core/ids';
import { nowIso } from '../state/commune-clock';
import { getDb } from './database';
import { type SyncedRow, writeRow } from './record-writer';
import { parseOrThrow, RecordNotFoundError } from './repository-errors';

/** A new row of `schema`: the form's fields with a fresh id and timestamps, validated whole. */
export function newRow<S extends z.ZodType>(schema: S, villageId: string, fields: object): z.infer<S> {
  const now = nowIso();
  return parseOrThrow(schema, { ...fields, id: newId(), villageId, createdAt: now, updatedAt: now });
}

/**
 * An edit: the editable fields replaced (those left out are cleared), while identity, lifecycle and
 * the `kept` fields (a resident's household, a village's demo mark) stay as stored.
 */
export function editedRow<S extends z.ZodType>(
  schema: S,
  current: { id: string; villageId: string; createdAt: string; deletedAt?: string | undefined },
  fields: object,
  kept: object = {},
): z.infer<S> {
  return parseOrThrow(schema, {
    ...fields,
    ...kept,
    id: current.id,
    villageId: current.villageId,
    createdAt: current.createdAt,
    deletedAt: current.deletedAt,
    updatedAt: nowIso(),
  });
}

export async function loadRow<R extends SyncedRow>(table: SyncedTable, id: string): Promise<R> {
  const row = (await getDb().table(table).get(id)) as R | undefined;
  if (!row) throw new RecordNotFoundError(table, id);
  return row;
}

export async function removeRow(table: SyncedTable, id: string): Promise<void> {
  const row = await loadRow(table, id);
  const now = nowIso();
  await writeRow(table, { ...row, deletedAt: now, updatedAt: now });
}

export async function restoreRow(table: SyncedTable, id: string): Promise<void> {
  const { deletedAt: _deleted, ...row } = await loadRow<SyncedRow & { deletedAt?: string }>(table, id);
  await writeRow(table, { ...row, updatedAt: nowIso() });
}
