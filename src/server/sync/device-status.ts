/**
 * Each device's sync status for the officers (issue 16, item 4): when it last synced and how many
 * changes were waiting on it, so a phone that stopped syncing is noticed before its work is lost.
 *
 * A phone sends its outbox count in `x-pending-changes` with every push and pull. When the answer is
 * sent, one UPDATE of the device's token row (migration 0005) records: `last_sync_at` on a successful
 * push or pull, `pending_changes` when the header holds a count, and `last_used_at` — which the
 * authentication then leaves alone for these two routes (authenticate.ts), so a sync costs one write,
 * whatever the number of processes. A rate-limited request writes nothing: a flood stays cheap.
 */
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { PENDING_CHANGES_HEADER } from '../../core/sync/protocol';
import type { AuthOptions } from '../auth/options.js';
import { tokens } from '../db/schema.js';
import type { Database } from '../db.js';
import { SYNC_ROUTES } from '../metrics.js';

/** The routes whose requests record the device's status; the authentication does not touch their token. */
export const SYNC_CONTACT_ROUTES: ReadonlySet<string> = new Set([SYNC_ROUTES.push, SYNC_ROUTES.pull]);

/** Largest count believed: more than any phone holds, and within PostgreSQL's `integer`. */
const MAX_PENDING = 10_000_000;

/**
 * The count in an `x-pending-changes` header: a whole number of changes written in digits, or
 * undefined for anything else (absent, repeated, negative, a fraction, text, over MAX_PENDING). A
 * bad value is ignored, never an error: the header is a courtesy and must not stop a sync.
 */
export function readPendingChanges(header: string | string[] | undefined): number | undefined {
  if (typeof header !== 'string' || !/^\s*\d{1,8}\s*$/.test(header)) return undefined;
  const count = Number(header);
  return count <= MAX_PENDING ? count : undefined;
}

/**
 * Records the status of the device behind each authenticated push and pull (see the module comment),
 * just before its answer leaves. A failure to record is logged and the answer goes out unchanged: the
 * push it follows has committed, and a 500 would only make the phone send it again.
 */
export function installDeviceStatus(app: FastifyInstance, db: Database, options: AuthOptions): void {
  app.addHook('onSend', async (request, reply, payload) => {
    const auth = request.auth;
    if (!auth || !SYNC_CONTACT_ROUTES.has(request.routeOptions.url ?? '') || reply.statusCode === 429) {
      return payload;
    }
    const now = options.now();
    const pending = readPendingChanges(request.headers[PENDING_CHANGES_HEADER]);
    try {
      await db.orm
        .update(tokens)
        .set({
          lastUsedAt: now,
          ...(reply.statusCode < 300 ? { lastSyncAt: now } : {}),
          ...(pending !== undefined ? { pendingChanges: pending } : {}),
        })
        .where(eq(tokens.id, auth.tokenId));
    } catch (err) {
      request.log.warn({ err }, 'could not record the device sync status');
    }
    return payload;
  });
}
