/**
 * A change is the unit of sync: one row's changed fields, stamped with the HLC of the device that made
 * it. Phones queue changes in their outbox; the server merges them field by field (DESIGN §4).
 */
import type { Change, FieldValue } from './change-schema';

export type { Change, FieldValue };

export const SYNCED_TABLES = [
  'villages',
  'households',
  'residents',
  'visits',
  'assists',
  'classes',
  'attendance',
  'targets',
  'reportingUnits',
  'unitFigures',
  'activities',
  'reports',
  'lessonCards',
] as const;
export type SyncedTable = (typeof SYNCED_TABLES)[number];

/**
 * Fields that are never sent as field changes: identity (id, villageId) travels with every change, updatedAt
 * is derived from the field clocks, and search text and clocks are local bookkeeping.
 */
/** Whether a field value is a list of ids or words (not a list of objects, such as a card's steps). */
export function isStringList(value: FieldValue | undefined): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

export const LOCAL_ONLY_FIELDS = ['id', 'villageId', 'updatedAt', 'search', 'clocks'] as const;

/**
 * The fields that differ between two versions of a row, as a change carries them: new and changed
 * values, and `null` for fields that were removed. Compared by value (arrays, objects) not identity.
 */
export function diffFields(beforeRow: object | undefined, afterRow: object): Record<string, FieldValue> {
  const before = beforeRow as Readonly<Record<string, unknown>> | undefined;
  const after = afterRow as Readonly<Record<string, unknown>>;
  const out: Record<string, FieldValue> = {};
  const skip = new Set<string>(LOCAL_ONLY_FIELDS);
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after)]);
  for (const key of keys) {
    if (skip.has(key)) continue;
    const next = after[key];
    const prev = before?.[key];
    if (next === undefined) {
      if (prev !== undefined) out[key] = null;
    } else if (!sameValue(prev, next)) {
      out[key] = next as FieldValue;
    }
  }
  return out;
}

/** Structural equality for field values (JSON-like data). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ak = Object.keys(a);
  const bk = Object.keys(b);
  if (ak.length !== bk.length) return false;
  const ar = a as Record<string, unknown>;
  const br = b as Record<string, unknown>;
  return ak.every((k) => Object.hasOwn(br, k) && sameValue(ar[k], br[k]));
}
