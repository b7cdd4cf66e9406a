/**
 * One spelling of every id. UUIDs are case-insensitive by RFC 9562 and PostgreSQL's uuid type
 * compares them so, but JavaScript maps, IndexedDB keys and JSON fields compare strings: an id
 * accepted in upper case once slipped past the row lookup of a push and wiped a row of another
 * village (issue 13, kind 1). Every boundary parses ids with this schema, which accepts either case
 * and hands on the lower-case form only.
 */
import { z } from 'zod';

export const uuidSchema = z.uuid({ error: 'err.invalid' }).transform((id) => id.toLowerCase());

/** The canonical (lower-case) form of an id that is already known to be a UUID. */
export function canonicalId(id: string): string {
  return id.toLowerCase();
}
