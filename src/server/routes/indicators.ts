/**
 * GET /api/indicators?period=2025-Q4[&villageIds=<id>,<id>] — the plan's indicators (issue 18, item 6)
 * computed on the server by the same pure module the phones run (src/core/indicators), never by a
 * second implementation in SQL: issue 19's report aggregation and a province export read figures that
 * match the dashboard's to the person.
 *
 * Who: any signed-in account, over the villages it may see (DESIGN §4.8); `villageIds` narrows that set
 * and naming a village the caller may not see is 403 `forbidden`. The answer is the total over the
 * villages and each village alone (CommuneFigures), for the period, as of today in the commune.
 */
import { inArray } from 'drizzle-orm';
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { localDay } from '../../core/dates';
import { computeCommune, parsePeriodKey, periodKey } from '../../core/indicators';
import { indicatorRowsOf, type StoredRecord } from '../../core/indicators/from-records';
import { COMMUNE_VILLAGE_ID } from '../../core/sync/scope';
import { uuidSchema } from '../../core/uuid';
import { requireUser } from '../auth/authenticate.js';
import { canReadVillage, visibleVillageIds } from '../auth/scope.js';
import { records } from '../db/schema.js';
import type { Database } from '../db.js';
import { ApiError } from '../errors.js';
import { parseInput } from '../validation.js';

/** More villages than a commune has; bounds the query string's work. */
const MAX_VILLAGES = 500;

const querySchema = z.strictObject({
  period: z
    .string()
    .max(10)
    .refine((text) => parsePeriodKey(text) !== undefined, {
      message: 'A period is a year ("2025") or a quarter ("2025-Q4"), from 2020 to 2100.',
    }),
  villageIds: z
    .string()
    .max(MAX_VILLAGES * 37)
    .transform((text) => text.split(','))
    .pipe(z.array(uuidSchema).min(1).max(MAX_VILLAGES))
    .optional(),
});

export const indicatorRoutes: FastifyPluginAsync<{ db: Database; now: () => number }> = async (
  app,
  { db, now },
) => {
  app.get('/indicators', { preHandler: app.authenticate }, async (request) => {
    const auth = requireUser(request);
    const query = parseInput(querySchema, request.query, 'indicators query');
    const period = parsePeriodKey(query.period);
    if (!period) throw new ApiError(400, 'invalid_request', 'Unknown period.');
    if (query.villageIds?.some((id) => !canReadVillage(auth, id)))
      throw new ApiError(403, 'forbidden', 'You may not see a village that is not yours.');
    const visible = visibleVillageIds(auth);
    const villageFilter = query.villageIds ?? (visible === 'all' ? undefined : visible);
    const found = (await db.orm
      .select({
        tbl: records.tbl,
        id: records.id,
        villageId: records.villageId,
        data: records.data,
        clocks: records.clocks,
      })
      .from(records)
      .where(
        villageFilter === undefined
          ? undefined
          : inArray(records.villageId, [...villageFilter, COMMUNE_VILLAGE_ID]),
      )) as StoredRecord[];
    const rows = indicatorRowsOf(found);
    const villageIds = query.villageIds ?? rows.villages.filter((v) => !v.deletedAt).map((v) => v.id);
    const referenceDay = localDay(new Date(now()));
    return {
      period: periodKey(period),
      referenceDay,
      ...computeCommune(rows, period, referenceDay, villageIds),
    };
  });
};
