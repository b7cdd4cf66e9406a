/** The conflict log for leads and commune officers: list what lost, and mark each as kept or restored. */
import { and, desc, eq, inArray, isNull, type SQL } from 'drizzle-orm';
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { SERVER_NODE } from '../../core/sync/server-merge';
import { audit } from '../audit.js';
import { requireUser } from '../auth/authenticate.js';
import { canWriteVillage, visibleVillageIds } from '../auth/scope.js';
import { conflicts, RESOLUTIONS } from '../db/schema.js';
import type { Database } from '../db.js';
import { ApiError } from '../errors.js';
import { parseInput } from '../validation.js';

const listQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(100) });
const resolveBody = z.strictObject({ resolution: z.enum(RESOLUTIONS) });
const idParams = z.object({ id: z.coerce.number().int().positive() });

export const conflictRoutes: FastifyPluginAsync<{ db: Database }> = async (app, { db }) => {
  app.get('/sync/conflicts', { preHandler: app.authenticate }, async (request) => {
    const auth = requireUser(request);
    if (auth.role === 'member')
      throw new ApiError(403, 'forbidden', 'Only leads and commune officers review conflicts.');
    const { limit } = parseInput(listQuery, request.query, 'query');
    const villages = visibleVillageIds(auth);
    const where: SQL | undefined =
      villages === 'all'
        ? isNull(conflicts.resolvedAt)
        : and(
            isNull(conflicts.resolvedAt),
            inArray(
              conflicts.villageId,
              villages.length ? villages : ['00000000-0000-0000-0000-000000000000'],
            ),
          );
    const rows = await db.orm.select().from(conflicts).where(where).orderBy(desc(conflicts.id)).limit(limit);
    return {
      conflicts: rows.map((c) => ({
        id: c.id,
        table: c.tbl,
        rowId: c.rowId,
        villageId: c.villageId,
        field: c.field,
        winnerValue: c.winnerValue,
        loserValue: c.loserValue,
        privacy: c.winnerHlc.endsWith(SERVER_NODE),
        createdAt: c.createdAt.toISOString(),
      })),
    };
  });

  app.post('/sync/conflicts/:id/resolve', { preHandler: app.authenticate }, async (request) => {
    const auth = requireUser(request);
    if (auth.role === 'member')
      throw new ApiError(403, 'forbidden', 'Only leads and commune officers review conflicts.');
    const { id } = parseInput(idParams, request.params, 'path');
    const { resolution } = parseInput(resolveBody, request.body, 'body');
    const [row] = await db.orm.select().from(conflicts).where(eq(conflicts.id, id));
    // Another village's conflict is answered as if it did not exist: a 403 would tell a lead which
    // ids are real elsewhere (issue 14, kind 10).
    if (!row || !canWriteVillage(auth, row.villageId))
      throw new ApiError(404, 'not_found', 'No such conflict.');
    const done = await db.transaction(async (tx) => {
      // Only an open conflict is resolved: "kept" then "restored" must not both succeed.
      const updated = await tx
        .update(conflicts)
        .set({ resolvedAt: new Date(), resolvedBy: auth.userId, resolution })
        .where(and(eq(conflicts.id, id), isNull(conflicts.resolvedAt)))
        .returning({ id: conflicts.id });
      if (updated.length === 0) return false;
      await audit(tx, { userId: auth.userId, action: 'conflict.resolve', detail: { id, resolution } });
      return true;
    });
    if (!done) {
      const [now] = await db.orm.select().from(conflicts).where(eq(conflicts.id, id));
      // The same answer again (a retry after a lost reply) is fine; another one is a conflict.
      if (now?.resolution !== resolution)
        throw new ApiError(409, 'already_resolved', 'This conflict was already resolved.', {
          extra: { resolution: now?.resolution ?? null },
        });
    }
    return { ok: true };
  });
};
