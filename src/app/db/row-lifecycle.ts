/**
 * Making, loading, soft-deleting and restoring a row, the same for every synced table. A delete is a
 * tombstone (deletedAt) that syncs like any edit, so another phone learns of it and an undo is just
 * another edit.
 */
import type { z } from 'zod';
import { diffFields, type SyncedTable } from '../../core/changes';
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

export interface EditResult<T> {
  row: T;
  /**
   * Fields the person changed that someone else had changed too since the form showed them: their
   * value is saved, and the other value goes to the conflict log for a lead to review.
   */
  overwritten: string[];
}

type Shown = SyncedRow & { createdAt: string; deletedAt?: string | undefined };

/**
 * An edit made in a form (issue 13, kind 4): only the fields the person changed are written, on top
 * of the row as it is now, with the clocks of the values the form showed (`seen`, the row when the
 * form opened; the current row when omitted). A teammate's edit of another field that arrived while
 * the form was open stays; one of the same field is reported in `overwritten`.
 * @param fields the form's editable fields, as `editedRow` takes them
 * @param kept fields the form does not edit, taken from the row (a resident's household)
 */
export async function editRow<S extends z.ZodType, R extends Shown>(
  table: SyncedTable,
  schema: S,
  id: string,
  fields: object,
  options: { seen?: R | undefined; kept?: (row: R) => object; toRow?: (row: z.infer<S>) => SyncedRow } = {},
): Promise<EditResult<z.infer<S>>> {
  const current = await loadRow<R>(table, id);
  const seen = options.seen ?? current;
  const kept = options.kept ?? (() => ({}));
  const changes = diffFields(seen, editedRow(schema, seen, fields, kept(seen)) as object);
  const merged: Record<string, unknown> = { ...(current as object) };
  for (const [field, value] of Object.entries(changes)) {
    if (value === null) delete merged[field];
    else merged[field] = value;
  }
  delete merged.clocks;
  delete merged.search;
  const row = parseOrThrow(schema, { ...merged, updatedAt: nowIso() });
  const base: Record<string, string | null> = {};
  const overwritten: string[] = [];
  for (const field of Object.keys(changes)) {
    base[field] = seen.clocks?.[field] ?? null;
    if ((current.clocks?.[field] ?? null) !== base[field]) overwritten.push(field);
  }
  await writeRow(table, options.toRow ? options.toRow(row) : (row as SyncedRow), { base });
  return { row, overwritten };
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

/** Undoes a delete; `resend` sends the whole row with it (WriteOptions.resend). */
export async function restoreRow(
  table: SyncedTable,
  id: string,
  options: { resend?: boolean } = {},
): Promise<void> {
  const { deletedAt: _deleted, ...row } = await loadRow<SyncedRow & { deletedAt?: string }>(table, id);
  await writeRow(table, { ...row, updatedAt: nowIso() }, options);
}
