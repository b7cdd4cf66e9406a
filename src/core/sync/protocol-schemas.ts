/** Zod schemas of the sync wire protocol (see protocol.ts for its version history and constants). */
import { z } from 'zod';
import { changeSchema } from '../change-schema';
import { SYNCED_TABLES } from '../changes';
import { isHlc } from '../hlc';
import { uuidSchema } from '../uuid';
import {
  LOST_PAGE_SIZE,
  MAX_LOST_PAGE_SIZE,
  MAX_PULL_PAGE_SIZE,
  MAX_PUSH_CHANGES,
  PULL_PAGE_SIZE,
} from './protocol';

export const pushRequestSchema = z.strictObject({
  deviceId: z.string().regex(/^[0-9a-f]{16}$/),
  changes: z.array(changeSchema).min(1).max(MAX_PUSH_CHANGES),
});
export type PushRequest = z.infer<typeof pushRequestSchema>;

export const pushResultSchema = z.object({
  changeId: z.string(),
  status: z.enum(['applied', 'duplicate']),
  /**
   * Fields of this applied change whose value lost to a concurrent edit already on the server (it went
   * to the conflict log); absent when none did. `deletedAt`: the change edited a row someone had
   * deleted without knowing it, and the delete stands. Added within protocol 3: older apps ignore it.
   */
  lost: z.array(z.string()).optional(),
});
export const pushResponseSchema = z.object({
  results: z.array(pushResultSchema),
  serverTime: z.number(),
});
export type PushResponse = z.infer<typeof pushResponseSchema>;

export const pullQuerySchema = z.strictObject({
  since: z.coerce.number().int().min(0),
  /**
   * The scope key the cursor `since` was pulled under (scope.ts); required once since > 0. At 0, the
   * scope the phone kept its rows to, checked the same way.
   */
  scope: z
    .string()
    .regex(/^(all|v\d{1,4}-[0-9a-f]{16})$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PULL_PAGE_SIZE).default(PULL_PAGE_SIZE),
  /**
   * The data epoch the cursor was pulled under (issue 16): another than the server's means the server's
   * data was restored from a backup since, and the answer is 409 data_restored. Absent: not known yet.
   */
  epoch: uuidSchema.optional(),
});

/**
 * POST /api/sync/push?epoch=… — the epoch the phone last pulled under (issue 16): a phone that has not
 * pulled since a restore learns it before its changes are stored (409 data_restored), so it can first
 * put back the rows its changes point at. Other query parameters are ignored, as before.
 */
export const pushQuerySchema = z.object({ epoch: uuidSchema.optional() });

/**
 * One row's current state on the wire, compact because the first sync of a village moves 20,000 of
 * them: values of every clocked field (null when cleared), the clock most fields share (`h`), and only
 * the fields whose clock differs (`f`).
 */
export const wireRowSchema = z.object({
  t: z.enum(SYNCED_TABLES),
  i: z.string(),
  g: z.string(),
  s: z.number(),
  d: z.record(z.string(), z.unknown()),
  h: z.string().refine(isHlc),
  f: z.record(z.string(), z.string()).optional(),
});
export type WireRow = z.infer<typeof wireRowSchema>;

export const pullResponseSchema = z.object({
  rows: z.array(wireRowSchema),
  /** Pass as `since` for the next page; saved with the page so a broken sync resumes here. */
  cursor: z.number(),
  hasMore: z.boolean(),
  /** Rows after this page, for a progress bar. */
  remaining: z.number(),
  /** The scope these rows were chosen for: saved with the cursor, sent back with the next pull. */
  scope: z.string(),
  /** The data's identity (issue 16): saved with the cursor, sent back with every pull and push. */
  epoch: z.string().optional(),
  serverTime: z.number(),
});
export type PullResponse = z.infer<typeof pullResponseSchema>;

/**
 * POST /api/sync/rows — the server's current state of named rows, for a phone undoing on its copy
 * the effect of changes the server refused (sync-engine.ts). At most MAX_PUSH_CHANGES rows: one
 * refused batch.
 */
export const rowsRequestSchema = z.strictObject({
  rows: z
    .array(z.strictObject({ t: z.enum(SYNCED_TABLES), i: uuidSchema }))
    .min(1)
    .max(MAX_PUSH_CHANGES),
});
export type RowsRequest = z.infer<typeof rowsRequestSchema>;

export const rowsResponseSchema = z.object({
  /** Those of the named rows the server has and the caller may see; the others are absent. */
  rows: z.array(wireRowSchema),
  serverTime: z.number(),
});
export type RowsResponse = z.infer<typeof rowsResponseSchema>;

/**
 * GET /api/sync/lost — conflict-log entries whose losing value this device wrote under this account
 * (issue 15), after the conflict id `since`. `deviceId` is the one the device pushes with: values go
 * back only to the device and account that wrote them.
 */
export const lostQuerySchema = z.strictObject({
  since: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  deviceId: z.string().regex(/^[0-9a-f]{16}$/),
  limit: z.coerce.number().int().min(1).max(MAX_LOST_PAGE_SIZE).default(LOST_PAGE_SIZE),
});

export const lostEditSchema = z.object({
  /** The conflict's id: the cursor a phone keeps. */
  id: z.number(),
  /** The change of this device whose value lost; with `field`, what names one notice on the phone. */
  changeId: z.string(),
  table: z.enum(SYNCED_TABLES),
  rowId: z.string(),
  villageId: z.string(),
  field: z.string(),
  /** The value this device wrote, which lost; null for an edit of a row deleted meanwhile. */
  value: z.unknown(),
  /** The clock it was written with (its wall time is when the person made the edit). */
  hlc: z.string(),
});
export type LostEditWire = z.infer<typeof lostEditSchema>;

export const lostResponseSchema = z.object({
  lost: z.array(lostEditSchema),
  /** Pass as the next `since`: past every conflict this answer looked at, told or not. */
  cursor: z.number(),
  hasMore: z.boolean(),
  serverTime: z.number(),
});
export type LostResponse = z.infer<typeof lostResponseSchema>;
