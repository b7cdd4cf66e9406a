/**
 * The sync wire protocol (documented with examples in docs/API.md). Phones in the field run old versions
 * for weeks, so every request names its protocol version and the server answers too-old clients with a
 * clear `client_too_old` instead of misreading them.
 *
 * History:
 *   1 — push of field changes with HLC and base clocks; paged pull of row states by sequence number.
 *   2 — the field-work tables: visits, assists, classes, attendance.
 *   3 — a pull cursor belongs to a scope: pulls send `scope`, replies carry it, and a cursor of
 *       another scope is answered 409 scope_changed (scope.ts). A v2 app's cursor has no scope,
 *       so v2 is answered 426: it reloads into v3, keeps its outbox and pulls its scope afresh.
 *   3, issue 15 (no new version: nothing an older app sends or reads changes meaning) — a push result
 *       may name the fields of the change that lost to a concurrent edit (`lost`, ignored by older
 *       apps), and GET /api/sync/lost lists the device's values that lost later (a teammate's
 *       concurrent edit arriving after them), which older apps never ask for.
 *   3, issue 16 (no new version: an optional header) — pushes and pulls may carry the phone's outbox
 *       count in `x-pending-changes`, shown to officers with the device's last sync.
 *   3, issue 16 (no new version: an older app sends no epoch and is answered as before) — pull replies
 *       carry the data's `epoch`; pulls and pushes may send the epoch the phone pulled under, and get
 *       409 data_restored when the server's data was restored from a backup since. A pull whose cursor
 *       is past the server's last sequence number gets it too, epoch or not (before, an empty page).
 *   4 — the commune's own rows (issue 18): `targets`, under COMMUNE_VILLAGE_ID (scope.ts), sent in
 *       every scope without changing its key, written by commune officers only. Residents and
 *       households gain a register status (`status`, `statusOn`, households `mergedInto`). A v3 app
 *       would fail on rows of a table it does not know, so v3 is answered 426 and reloads.
 *   5 — quarterly reporting (issue 19): `reportingUnits` (commune rows), `unitFigures`, `activities`
 *       and `reports`, under a village, a reporting unit's id (its own scope; accounts of role `unit`)
 *       or COMMUNE_OFFICE_ID (the commune's report, in no team's scope). A change to a submitted
 *       report is refused (409 report_submitted). A v4 app would fail on the new tables: 426.
 *   6 — lesson cards (issue 20): `lessonCards`, commune rows (COMMUNE_VILLAGE_ID) written by commune
 *       officers, one per card key (id derived from it): the commune's edits of the bundled cards and
 *       its own cards. A v5 app would fail on the new table: 426.
 */
import type {
  LostEditWire,
  LostResponse,
  PullResponse,
  PushRequest,
  PushResponse,
  WireRow,
} from './protocol-schemas';
import type { RowState } from './row-state';

// The zod schemas live in protocol-schemas.ts so the phone's first load does not carry zod: the app
// only needs these constants and types; the server parses every request with the schemas.
export type { LostEditWire, LostResponse, PullResponse, PushRequest, PushResponse, WireRow };

// v2 adds the field-work tables (visits, assists, classes, attendance). A v1 app would refuse pulled
// pages holding them, so v1 is answered 426 and reloads into v2; its queued changes stay in its outbox.
// v4 adds the commune's own rows (targets). A v3 app would fail on pulled rows of a table it does not
// know, so v3 is answered 426 and reloads into v4, keeping its outbox.
export const PROTOCOL_VERSION = 6;
export const MIN_SUPPORTED_PROTOCOL = 6;
export const PROTOCOL_HEADER = 'x-ngo-so-protocol';
/** The phone's count of changes waiting to be pushed, sent with each push and pull (issue 16). */
export const PENDING_CHANGES_HEADER = 'x-pending-changes';

/** At most this many changes in one push; the phone sends its outbox in batches of this size. */
export const MAX_PUSH_CHANGES = 500;
export const PULL_PAGE_SIZE = 1000;
export const MAX_PULL_PAGE_SIZE = 5000;
/** Lost edits per page of GET /api/sync/lost: a phone has a few a month, so one page is the usual. */
export const LOST_PAGE_SIZE = 100;
export const MAX_LOST_PAGE_SIZE = 500;
/** A change stamped further ahead of the server's clock than this is refused: its phone's clock is wrong. */
export const MAX_CLOCK_AHEAD_MS = 10 * 60_000;

/** Machine-readable error codes the app translates for the sync bar. */
export const SYNC_ERROR_CODES = [
  'auth_required',
  'token_invalid',
  'token_expired',
  'account_disabled',
  /** The token was revoked (signed out, device revoked, password reset): the phone erases its register. */
  'device_revoked',
  'village_forbidden',
  'invalid_changes',
  'clock_ahead',
  'scope_changed',
  /** The server's data was restored from a backup since this phone's cursor (issue 16): pull afresh. */
  'data_restored',
  'client_too_old',
  'payload_too_large',
  'too_many_requests',
  'server_error',
  'network',
  /** No answer within the request's time limit (a dead 2G link). */
  'timeout',
  /** Something else answered (a Wi-Fi login page): the network is in the way. */
  'not_our_server',
  // Not the server's: the phone's own storage (full, or not opening) or a fault of the app itself.
  'storage_full',
  'storage_unavailable',
  'app_error',
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
