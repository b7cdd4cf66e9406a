/** The wire schema of one change; the server parses every pushed change with it. */
import { z } from 'zod';
import { SYNCED_TABLES } from './changes';
import { isHlc } from './hlc';
import { uuidSchema } from './uuid';

/**
 * A field's new value; `null` clears an optional field. Lists of objects (a lesson card's steps, each
 * in two languages; protocol v6) are whole values like any other: the field's own schema checks them.
 */
export const fieldValueSchema = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.null(),
  z.array(z.string()),
  z.record(z.string(), z.unknown()),
  z.array(z.record(z.string(), z.unknown())),
]);

export const changeSchema = z.strictObject({
  changeId: uuidSchema,
  table: z.enum(SYNCED_TABLES),
  rowId: uuidSchema,
  villageId: uuidSchema,
  fields: z.record(z.string(), fieldValueSchema).refine((f) => Object.keys(f).length > 0, 'empty change'),
  hlc: z.string().refine(isHlc, 'not an HLC timestamp'),
  /**
   * The clock each changed field had on the device when it was edited (null: the device knew no value).
   * It tells a sequential overwrite (base equals the server's clock) from a concurrent one (it does
   * not), so only real conflicts reach the conflict log. Absent on creates.
   */
  base: z.record(z.string(), z.string().refine(isHlc, 'not an HLC timestamp').nullable()).optional(),
});
export type Change = z.infer<typeof changeSchema>;
export type FieldValue = z.infer<typeof fieldValueSchema>;
