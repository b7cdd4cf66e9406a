import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { listAudit } from '../audit.js';
import { requireUser } from '../auth/authenticate.js';
import type { Database } from '../db.js';
import { ApiError } from '../errors.js';
import { parseInput } from '../validation.js';

const auditQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  before: z.coerce.number().int().min(1).optional(),
});

/** The audit log, newest first, for commune officers only. */
export const adminAuditRoutes: FastifyPluginAsync<{ db: Database }> = async (app, { db }) => {
  app.get('/', { preHandler: app.authenticate }, async (request) => {
    if (requireUser(request).role !== 'commune') {
      throw new ApiError(403, 'forbidden', 'Only commune officers may read the audit log.');
    }
    const query = parseInput(auditQuery, request.query, 'query');
    const rows = await listAudit(db.orm, query);
    return {
      entries: rows.map((row) => ({
        id: row.id,
        at: row.at.toISOString(),
        userId: row.userId,
        action: row.action,
        detail: row.detail,
      })),
    };
  });
};
