/**
 * GET /api/sync/pull?since=N&scope=K — the current state of rows changed after sequence number N, in the
 * caller's villages, in pages ordered by sequence number. Tombstones come as rows whose deletedAt is
 * set. A page's cursor is the sequence number of its last row; because writers number changes in
 * commit order (see store.ts), no row with a smaller number can appear after a client has passed it.
 */
import { and, asc, count, gt, inArray, type SQL } from 'drizzle-orm';
import type { FastifyPluginAsync } from 'fastify';
import { encodeClocks, type PullResponse, type WireRow } from '../../core/sync/protocol';
import { pullQuerySchema, type RowsResponse, rowsRequestSchema } from '../../core/sync/protocol-schemas';
import { COMMUNE_VILLAGE_ID, scopeKey } from '../../core/sync/scope';
import { requireUser } from '../auth/authenticate.js';
import { visibleVillageIds } from '../auth/scope.js';
import { records } from '../db/schema.js';
import type { Database } from '../db.js';
import { ApiError } from '../errors.js';
import { parseInput } from '../validation.js';
import { checkDataIdentity, readDataIdentity } from './epoch.js';
import { checkProtocol } from './protocol-check.js';

function toWire(r: typeof records.$inferSelect): WireRow {
  return {
    t: r.tbl as WireRow['t'],
    i: r.id,
    g: r.villageId,
    s: r.seq,
    d: r.data,
    ...encodeClocks(r.clocks),
  };
}

export const pullRoutes: FastifyPluginAsync<{ db: Database; now: () => number }> = async (
  app,
  { db, now },
) => {
  app.get('/sync/pull', { preHandler: app.authenticate }, async (request): Promise<PullResponse> => {
    checkProtocol(request);
    const auth = requireUser(request);
    const {
      since,
      limit,
      scope: cursorScope,
      epoch,
    } = parseInput(pullQuerySchema, request.query, 'pull query');
    // First: a cursor of another copy of the data says nothing, whatever its scope (epoch.ts).
    const identity = await readDataIdentity(db.orm);
    checkDataIdentity(identity, epoch, since);
    const villages = visibleVillageIds(auth);
    const scope = scopeKey(villages);
    // A cursor says "everything up to here that you may see": under another scope it says nothing
    // true (rows of a newly granted village below it were never sent). The phone starts that scope
    // afresh, dropping what it may no longer see. From the start too, the phone names the scope it
    // narrowed its rows to: a village taken away since then must be dropped, not merely not sent.
    if ((since > 0 || cursorScope !== undefined) && cursorScope !== scope) {
      throw new ApiError(
        409,
        'scope_changed',
        'The villages you may see have changed; pull them from the start.',
        {
          extra: { scope, villageIds: villages, role: auth.role },
        },
      );
    }
    // The commune's own rows (targets) are part of every scope, even one with no village yet.
    const after = (cursor: number): SQL | undefined =>
      villages === 'all'
        ? gt(records.seq, cursor)
        : and(gt(records.seq, cursor), inArray(records.villageId, [...villages, COMMUNE_VILLAGE_ID]));
    const found = await db.orm
      .select()
      .from(records)
      .where(after(since))
      .orderBy(asc(records.seq))
      .limit(limit + 1);
    const hasMore = found.length > limit;
    const page = hasMore ? found.slice(0, limit) : found;
    const cursor = page.at(-1)?.seq ?? since;
    const [left] = hasMore
      ? await db.orm.select({ n: count() }).from(records).where(after(cursor))
      : [{ n: 0 }];
    const rows = page.map(toWire);
    return {
      rows,
      cursor,
      hasMore,
      remaining: Number(left?.n ?? 0),
      scope,
      epoch: identity.epoch,
      serverTime: now(),
    };
  });

  /**
   * POST /api/sync/rows { rows: [{ t, i }] } — the current state of the named rows the caller may
   * see (absent: not on the server, or not in the caller's villages). A phone asks after the server
   * refused some of its changes, to put back on its copy what the server holds (issue 13).
   */
  app.post('/sync/rows', { preHandler: app.authenticate }, async (request): Promise<RowsResponse> => {
    checkProtocol(request);
    const auth = requireUser(request);
    const { rows: wanted } = parseInput(rowsRequestSchema, request.body, 'rows request');
    const villages = visibleVillageIds(auth);
    const keys = new Set(wanted.map((w) => `${w.t}:${w.i}`));
    const found = await db.orm
      .select()
      .from(records)
      .where(
        and(
          inArray(records.id, [...new Set(wanted.map((w) => w.i))]),
          villages === 'all' ? undefined : inArray(records.villageId, [...villages, COMMUNE_VILLAGE_ID]),
        ),
      );
    return { rows: found.filter((r) => keys.has(`${r.tbl}:${r.id}`)).map(toWire), serverTime: now() };
  });
};
