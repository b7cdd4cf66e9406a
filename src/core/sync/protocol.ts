/**
 * The sync wire protocol (documented with examples in docs/API.md). Phones in the field run old versions
 * for weeks, so every request names its protocol version and the server answers too-old clients with a
 * clear `client_too_old` instead of misreading them.
 *
 * History:
 *   1 — push of field changes with HLC and base clocks; paged pull of row states by sequence number.
 */
import { z } from 'zod';
import { changeSchema } from '../change-schema';
import { SYNCED_TABLES } from '../changes';
import { isHlc } from '../hlc';
import type { RowState } from './row-state';

export const PROTOCOL_VERSION = 1;
export const MIN_SUPPORTED_PROTOCOL = 1;
export const PROTOCOL_HEADER = 'x-ngo-so-protocol';

/** At most this many changes in one push; the phone sends its outbox in batches of this size. */
export const MAX_PUSH_CHANGES = 500;
export const PULL_PAGE_SIZE = 1000;
export const MAX_PULL_PAGE_SIZE = 5000;
/** A change stamped further ahead of the server's clock than this is refused: its phone's clock is wrong. */
export const MAX_CLOCK_AHEAD_MS = 10 * 60_000;

export const pushRequestSchema = z.strictObject({
  deviceId: z.string().regex(/^[0-9a-f]{16}$/),
  changes: z.array(changeSchema).min(1).max(MAX_PUSH_CHANGES),
});
export type PushRequest = z.infer<typeof pushRequestSchema>;

export const pushResultSchema = z.object({
  changeId: z.string(),
  status: z.enum(['applied', 'duplicate']),
});
export const pushResponseSchema = z.object({
  results: z.array(pushResultSchema),
  serverTime: z.number(),
});
export type PushResponse = z.infer<typeof pushResponseSchema>;

export const pullQuerySchema = z.strictObject({
  since: z.coerce.number().int().min(0),
  limit: z.coerce.number().int().min(1).max(MAX_PULL_PAGE_SIZE).default(PULL_PAGE_SIZE),
});

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
  serverTime: z.number(),
});
export type PullResponse = z.infer<typeof pullResponseSchema>;

/** Machine-readable error codes the app translates for the sync bar. */
export const SYNC_ERROR_CODES = [
  'auth_required',
  'token_invalid',
  'token_expired',
  'account_disabled',
  'village_forbidden',
  'invalid_changes',
  'clock_ahead',
  'client_too_old',
  'payload_too_large',
  'too_many_requests',
  'server_error',
  'network',
] as const;
export type SyncErrorCode = (typeof SYNC_ERROR_CODES)[number];

export function encodeClocks(clocks: Readonly<Record<string, string>>): {
  h: string;
  f?: Record<string, string>;
} {
  const counts = new Map<string, number>();
  for (const c of Object.values(clocks)) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = '';
  let best = 0;
  for (const [c, n] of counts) {
    if (n > best || (n === best && c > h)) {
      h = c;
      best = n;
    }
  }
  const f: Record<string, string> = {};
  let any = false;
  for (const [field, c] of Object.entries(clocks)) {
    if (c !== h) {
      f[field] = c;
      any = true;
    }
  }
  return any ? { h, f } : { h };
}

export function decodeRow(row: WireRow): RowState {
  const clocks: Record<string, string> = {};
  for (const field of Object.keys(row.d)) clocks[field] = row.f?.[field] ?? row.h;
  return { values: row.d as RowState['values'], clocks };
}
