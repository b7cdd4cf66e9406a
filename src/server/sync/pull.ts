/**
 * GET /api/sync/pull?since=N — the current state of rows changed after sequence number N, in the
 * caller's villages, in pages ordered by sequence number. Tombstones come as rows whose deletedAt is
 * set. A page's cursor is the sequence number of its last row; because writers number changes in
 * commit order (see store.ts), no row with a smaller number can appear after a client has passed it.
 */
import { and, asc, count, gt, inArray, type SQL } from 'drizzle-orm';
import type { FastifyPluginAsync } from 'fastify';
import { encodeClocks, type PullResponse, type WireRow } from '../../core/sync/protocol';
import { pullQuerySchema } from '../../core/sync/protocol-schemas';
import { requireUser } from '../auth/authenticate.js';
import { visibleVillageIds } from '../auth/scope.js';
import { records } from '../db/schema.js';
import type { Database } from '../db.js';
import { parseInput } from '../validation.js';
import { checkProtocol } from './protocol-check.js';

export const pullRoutes: FastifyPluginAsync<{ db: Database; now: () => number }> = async (
  app,
  { db, now },
) => {
  app.get('/sync/pull', { preHandler: app.authenticate }, async (request): Promise<PullResponse> => {
    checkProtocol(request);
    const auth = requireUser(request);
    const { since, limit } = parseInput(pullQuerySchema, request.query, 'pull query');
    const villages = visibleVillageIds(auth);
    const scope = (after: number): SQL | undefined =>
      villages === 'all'
        ? gt(records.seq, after)
        : and(gt(records.seq, after), inArray(records.villageId, villages));
    if (villages !== 'all' && villages.length === 0) {
      return { rows: [], cursor: since, hasMore: false, remaining: 0, serverTime: now() };
    }
    const found = await db.orm
      .select()
      .from(records)
      .where(scope(since))
      .orderBy(asc(records.seq))
      .limit(limit + 1);
    const hasMore = found.length > limit;
    const page = hasMore ? found.slice(0, limit) : found;
    const cursor = page.at(-1)?.seq ?? since;
    const [left] = hasMore
      ? await db.orm.select({ n: count() }).from(records).where(scope(cursor))
      : [{ n: 0 }];
    const rows: WireRow[] = page.map((r) => ({
      t: r.tbl as WireRow['t'],
      i: r.id,
      g: r.villageId,
      s: r.seq,
      d: r.data,
      ...encodeClocks(r.clocks),
    }));
    return { rows, cursor, hasMore, remaining: Number(left?.n ?? 0), serverTime: now() };
  });
};
