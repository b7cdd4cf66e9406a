/**
 * GET /api/admin/devices — every logged-in phone of the accounts the caller manages, with its last
 * sync and pending count, the ones that stopped syncing first (issue 16, item 4).
 */
import { and, eq, gt } from 'drizzle-orm';
import type { FastifyPluginAsync } from 'fastify';
import type { DeviceSyncList, DeviceSyncStatus } from '../../core/device-sync';
import { canAdministerUsers, canManageAccount } from '../auth/admin-policy.js';
import { requireUser } from '../auth/authenticate.js';
import { type AuthOptions, DAY_MS } from '../auth/options.js';
import { tokens, users } from '../db/schema.js';
import type { Database } from '../db.js';
import { ApiError } from '../errors.js';

/** A device that has not synced for longer than this is flagged (issue 16: "e.g. 3"). */
export const STALE_SYNC_DAYS = 3;
/**
 * A session that expired longer ago than this is no longer listed: its phone has not been used with
 * this account for that long (a phone that logs in again gets a new session, which replaces it).
 */
export const EXPIRED_LISTED_DAYS = 30;
/** At most this many devices in one answer, the stale ones first: more than a province's officer reads. */
const MAX_LISTED = 2000;

interface Row {
  id: string;
  userId: string;
  knownDeviceId: string | null;
  deviceName: string;
  createdAt: Date;
  lastUsedAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  lastSyncAt: Date | null;
  pendingChanges: number | null;
  username: string;
  displayName: string;
  role: (typeof users.$inferSelect)['role'];
  villageIds: string[];
}

/**
 * Whether a device stopped syncing: its last successful sync (or, never synced, its login) is more
 * than STALE_SYNC_DAYS days before `now`. This also covers "pending changes older than that": the
 * app pulls only after its whole outbox went through (sync-engine.ts), so a change waiting longer than
 * N days means no successful sync for N days — and the pending count, recorded at every push and pull,
 * failed ones included, says how much is at stake.
 */
export function isStale(device: Pick<Row, 'lastSyncAt' | 'createdAt'>, now: Date): boolean {
  const since = device.lastSyncAt ?? device.createdAt;
  return now.getTime() - since.getTime() > STALE_SYNC_DAYS * DAY_MS;
}

/**
 * Newest session per phone: a phone that logged in again (same account, same device key) has a new
 * token, and its earlier one says nothing more about it — nor when that newest one was revoked (the
 * phone logged out). Sessions without a device key stand alone.
 */
function newestPerPhone(rows: readonly Row[]): Row[] {
  const newest = new Map<string, Row>();
  for (const row of rows) {
    const key = `${row.userId}:${row.knownDeviceId ?? row.id}`;
    const seen = newest.get(key);
    if (!seen || row.createdAt > seen.createdAt) newest.set(key, row);
  }
  return [...newest.values()];
}

/** Stale first, longest silent first; then the others, most recently synced first; then by name. */
function byAttention(a: DeviceSyncStatus, b: DeviceSyncStatus): number {
  if (a.stale !== b.stale) return a.stale ? -1 : 1;
  const at = (d: DeviceSyncStatus) => Date.parse(d.lastSyncAt ?? d.createdAt);
  const silence = a.stale ? at(a) - at(b) : at(b) - at(a);
  return silence || a.displayName.localeCompare(b.displayName, 'vi') || a.id.localeCompare(b.id);
}

/**
 * → DeviceSyncList: sessions neither revoked nor expired
 * more than EXPIRED_LISTED_DAYS ago, of enabled accounts the caller may manage (commune: everyone;
 * lead: the members of its villages; others 403), one per phone.
 */
export const adminDeviceRoutes: FastifyPluginAsync<{ db: Database; auth: AuthOptions }> = async (
  app,
  { db, auth: options },
) => {
  app.get('/', { preHandler: app.authenticate }, async (request): Promise<DeviceSyncList> => {
    const actor = requireUser(request);
    if (!canAdministerUsers(actor)) throw new ApiError(403, 'forbidden', 'You may not manage accounts.');
    const now = options.now();
    const rows: Row[] = await db.orm
      .select({
        id: tokens.id,
        userId: tokens.userId,
        knownDeviceId: tokens.knownDeviceId,
        deviceName: tokens.deviceName,
        createdAt: tokens.createdAt,
        lastUsedAt: tokens.lastUsedAt,
        expiresAt: tokens.expiresAt,
        revokedAt: tokens.revokedAt,
        lastSyncAt: tokens.lastSyncAt,
        pendingChanges: tokens.pendingChanges,
        username: users.username,
        displayName: users.displayName,
        role: users.role,
        villageIds: users.villageIds,
      })
      .from(tokens)
      .innerJoin(users, eq(users.id, tokens.userId))
      .where(
        and(
          eq(users.disabled, false),
          gt(tokens.expiresAt, new Date(now.getTime() - EXPIRED_LISTED_DAYS * DAY_MS)),
        ),
      );
    const devices = newestPerPhone(rows.filter((row) => canManageAccount(actor, row)))
      .filter((row) => row.revokedAt === null)
      .map(
        (row): DeviceSyncStatus => ({
          id: row.id,
          userId: row.userId,
          username: row.username,
          displayName: row.displayName,
          deviceName: row.deviceName,
          status: row.expiresAt <= now ? 'expired' : 'active',
          createdAt: row.createdAt.toISOString(),
          lastUsedAt: row.lastUsedAt.toISOString(),
          lastSyncAt: row.lastSyncAt?.toISOString() ?? null,
          pendingChanges: row.pendingChanges,
          stale: isStale(row, now),
        }),
      )
      .sort(byAttention)
      .slice(0, MAX_LISTED);
    return { serverTime: now.toISOString(), staleAfterDays: STALE_SYNC_DAYS, devices };
  });
};
