/**
 * A person's requests about their data (issue 14, kind 8; Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15: the
 * right to know what is held and to have it deleted; DESIGN §7):
 *
 *   GET  /api/admin/residents/:id/export — everything the server holds about one resident, as JSON
 *   POST /api/admin/residents/:id/erase  — erases them, as deleting them does (sync/erasure.ts)
 *
 * For commune officers (every village) and team leads (their villages); a resident of a village the
 * caller may not see is a 404, like a missing one, so ids elsewhere cannot be probed. Both are written to
 * the audit log with who and when, and no personal value.
 */
import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { FastifyPluginAsync } from 'fastify';
import type { FieldValue } from '../../core/changes';
import { residentErasure } from '../../core/sync/erasure';
import type { StoredRow } from '../../core/sync/server-merge';
import { audit } from '../audit.js';
import { type AuthContext, requireUser } from '../auth/authenticate.js';
import { canReadVillage, canWriteVillage } from '../auth/scope.js';
import { auditLog, changes, conflicts, records } from '../db/schema.js';
import type { Database, Orm } from '../db.js';
import { ApiError } from '../errors.js';
import { eraseByServer } from '../sync/server-erasure.js';
import { lockSequence, saveSequence } from '../sync/store.js';
import { idParamsSchema, parseInput } from '../validation.js';

export interface AdminResidentsOptions {
  db: Database;
  /** The sync clock (ms): erasure stamps and tombstone times come from it, as a push's do. */
  now: () => number;
}

const notFound = () => new ApiError(404, 'not_found', 'No such resident.');

function mayAnswer(auth: AuthContext): void {
  if (auth.role !== 'commune' && auth.role !== 'lead')
    throw new ApiError(403, 'forbidden', 'Only leads and commune officers answer residents’ requests.');
}

function rowView(r: typeof records.$inferSelect) {
  return { table: r.tbl, id: r.id, villageId: r.villageId, seq: r.seq, values: r.data };
}

async function findResident(orm: Orm, id: string) {
  const [row] = await orm
    .select()
    .from(records)
    .where(and(eq(records.tbl, 'residents'), eq(records.id, id)));
  return row;
}

export const adminResidentRoutes: FastifyPluginAsync<AdminResidentsOptions> = async (app, { db, now }) => {
  app.get('/:id/export', { preHandler: app.authenticate }, async (request) => {
    const auth = requireUser(request);
    mayAnswer(auth);
    const { id } = parseInput(idParamsSchema, request.params, 'path');
    const resident = await findResident(db.orm, id);
    if (!resident || !canReadVillage(auth, resident.villageId)) throw notFound();

    const village = resident.villageId;
    const linked = await db.orm
      .select()
      .from(records)
      .where(
        and(
          eq(records.villageId, village),
          or(
            sql`(${records.tbl} in ('assists', 'attendance') and ${records.data}->>'residentId' = ${id})`,
            sql`(${records.tbl} = 'visits' and ${records.data}->'residentIds' @> jsonb_build_array(${id}::text))`,
          ),
        ),
      )
      .orderBy(asc(records.seq));
    const classIds = linked
      .filter((r) => r.tbl === 'attendance' && typeof r.data.classId === 'string')
      .map((r) => r.data.classId as string);
    const classes = classIds.length
      ? await db.orm
          .select()
          .from(records)
          .where(and(eq(records.tbl, 'classes'), inArray(records.id, classIds)))
      : [];
    const own = [id, ...linked.filter((r) => r.tbl !== 'visits').map((r) => r.id)];
    const logged = await db.orm
      .select()
      .from(changes)
      .where(inArray(changes.rowId, own))
      .orderBy(asc(changes.seq));
    const conflictRows = await db.orm
      .select()
      .from(conflicts)
      .where(inArray(conflicts.rowId, own))
      .orderBy(asc(conflicts.id));
    const audited = await db.orm
      .select()
      .from(auditLog)
      .where(or(sql`${auditLog.detail}->>'rowId' = ${id}`, sql`${auditLog.detail}->>'residentId' = ${id}`))
      .orderBy(asc(auditLog.id));

    await audit(db.orm, {
      userId: auth.userId,
      action: 'resident.export',
      detail: { residentId: id, villageId: village },
    });
    const values = resident.data as Record<string, FieldValue>;
    return {
      exportedAt: new Date(now()).toISOString(),
      resident: { ...rowView(resident), erasure: residentErasure(values) ?? null },
      consent: values.consent ?? null,
      assists: linked.filter((r) => r.tbl === 'assists').map(rowView),
      attendance: linked.filter((r) => r.tbl === 'attendance').map(rowView),
      classes: classes.filter((c) => c.villageId === village).map(rowView),
      visits: linked.filter((r) => r.tbl === 'visits').map(rowView),
      changes: logged.map((c) => ({
        seq: c.seq,
        changeId: c.changeId,
        table: c.tbl,
        rowId: c.rowId,
        hlc: c.hlc,
        receivedAt: c.receivedAt.toISOString(),
        fields: c.fields,
      })),
      conflicts: conflictRows.map((c) => ({
        id: c.id,
        table: c.tbl,
        rowId: c.rowId,
        field: c.field,
        winnerValue: c.winnerValue,
        loserValue: c.loserValue,
        createdAt: c.createdAt.toISOString(),
        resolution: c.resolution,
      })),
      audit: audited.map((a) => ({ id: a.id, at: a.at.toISOString(), action: a.action, detail: a.detail })),
    };
  });

  app.post('/:id/erase', { preHandler: app.authenticate }, async (request) => {
    const auth = requireUser(request);
    mayAnswer(auth);
    const { id } = parseInput(idParamsSchema, request.params, 'path');
    const at = now();
    return db.transaction(async (tx) => {
      const sequence = await lockSequence(tx);
      const row = await findResident(tx, id);
      if (!row || !canWriteVillage(auth, row.villageId)) throw notFound();
      const stored: StoredRow = {
        table: 'residents',
        id,
        villageId: row.villageId,
        state: { values: row.data as Record<string, FieldValue>, clocks: row.clocks },
        seq: row.seq,
      };
      const wasErased = residentErasure(stored.state.values) === 'deleted';
      // A server change deleting the resident: the same path as a phone's delete, so the row, its
      // log and every phone end up as after any deletion.
      const deletedAt =
        typeof stored.state.values.deletedAt === 'string'
          ? stored.state.values.deletedAt
          : new Date(at).toISOString();
      const purged = await eraseByServer(tx, {
        row: stored,
        fields: { deletedAt },
        reason: 'deleted',
        sequence,
        now: at,
        userId: auth.userId,
      });
      await saveSequence(tx, purged.sequence);
      await audit(tx, {
        userId: auth.userId,
        action: 'resident.erase',
        detail: { residentId: id, villageId: row.villageId, alreadyDeleted: wasErased },
      });
      return { erased: true, residentId: id, erasedAt: new Date(at).toISOString(), purged: purged.report };
    });
  });
};
