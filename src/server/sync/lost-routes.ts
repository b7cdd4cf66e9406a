/**
 * GET /api/sync/lost?since=<conflict id>&deviceId=<16 hex> — the values this device wrote under this
 * account that later lost to a teammate's concurrent edit (issue 15, the case the push result cannot
 * tell: her change was applied first, and an edit made without seeing it arrived after it and won).
 * The phone asks after each pull and keeps a notice per lost value, so nothing she typed is lost
 * without her knowing.
 *
 * Who lost is read from the change log: a conflict names the losing change when it was the incoming
 * one (`loserChangeId`), and otherwise only by the clock the losing value was written with, which is
 * that change's clock on that row. The log also holds who pushed the change and from which device, so
 * a value goes back only to the account and device that wrote it. Erasure deletes the conflicts that
 * hold an erased person's values (erasure.ts), so none of them is ever listed.
 */
import { and, asc, eq, gt, inArray, isNull, lte, max, ne, or } from 'drizzle-orm';
import type { FastifyPluginAsync } from 'fastify';
import type { FieldValue } from '../../core/changes';
import type { LostResponse } from '../../core/sync/protocol';
import { lostQuerySchema } from '../../core/sync/protocol-schemas';
import { tellsLoser } from '../../core/sync/server-merge';
import { requireUser } from '../auth/authenticate.js';
import { visibleVillageIds } from '../auth/scope.js';
import { changes, conflicts } from '../db/schema.js';
import type { Database } from '../db.js';
import { parseInput } from '../validation.js';
import { checkProtocol } from './protocol-check.js';

export const lostRoutes: FastifyPluginAsync<{ db: Database; now: () => number }> = async (
  app,
  { db, now },
) => {
  app.get('/sync/lost', { preHandler: app.authenticate }, async (request): Promise<LostResponse> => {
    checkProtocol(request);
    const auth = requireUser(request);
    const { since, deviceId, limit } = parseInput(lostQuerySchema, request.query, 'lost query');
    const villages = visibleVillageIds(auth);
    if (villages !== 'all' && villages.length === 0)
      return { lost: [], cursor: since, hasMore: false, serverTime: now() };
    // Conflicts are written only by pushes, which hold the sequence lock to commit (push.ts): ids
    // become visible in order, so every id up to the highest one seen now is already visible, and a
    // cursor moved there skips nothing that commits later. Read first, then bound the page by it.
    const [top] = await db.orm.select({ id: max(conflicts.id) }).from(conflicts);
    const highest = Number(top?.id ?? 0);
    const found = await db.orm
      .select({
        id: conflicts.id,
        changeId: changes.changeId,
        table: conflicts.tbl,
        rowId: conflicts.rowId,
        villageId: conflicts.villageId,
        field: conflicts.field,
        value: conflicts.loserValue,
        hlc: conflicts.loserHlc,
        winnerValue: conflicts.winnerValue,
        winnerHlc: conflicts.winnerHlc,
      })
      .from(conflicts)
      .innerJoin(
        changes,
        or(
          eq(changes.changeId, conflicts.loserChangeId),
          and(
            isNull(conflicts.loserChangeId),
            eq(changes.rowId, conflicts.rowId),
            eq(changes.tbl, conflicts.tbl),
            eq(changes.hlc, conflicts.loserHlc),
          ),
        ),
      )
      .where(
        and(
          gt(conflicts.id, since),
          lte(conflicts.id, highest),
          villages === 'all' ? undefined : inArray(conflicts.villageId, villages),
          eq(changes.userId, auth.userId),
          eq(changes.deviceId, deviceId),
          // A value a lead restored is back: there is nothing to tell.
          or(isNull(conflicts.resolution), ne(conflicts.resolution, 'restored')),
        ),
      )
      .orderBy(asc(conflicts.id))
      .limit(limit + 1);
    const hasMore = found.length > limit;
    const page = hasMore ? found.slice(0, limit) : found;
    const cursor = hasMore ? (page.at(-1)?.id ?? since) : Math.max(since, highest);
    const lost = page
      .filter((c) =>
        tellsLoser({
          field: c.field,
          value: c.value as FieldValue,
          winnerValue: c.winnerValue as FieldValue,
          winnerHlc: c.winnerHlc,
        }),
      )
      .map(({ winnerValue: _w, winnerHlc: _h, table, ...c }) => ({
        ...c,
        table: table as LostResponse['lost'][number]['table'],
      }));
    return { lost, cursor, hasMore, serverTime: now() };
  });
};
