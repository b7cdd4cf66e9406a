import type { FastifyPluginAsync } from 'fastify';
import type { Database } from '../db.js';

export interface HealthOptions {
  db: Database;
  version: string;
}

export const healthRoutes: FastifyPluginAsync<HealthOptions> = async (app, { db, version }) => {
  app.get('/health', async (request, reply) => {
    try {
      await db.query('select 1');
    } catch (err) {
      request.log.warn({ err }, 'health check: database query failed');
      return reply.code(503).send({
        ok: false,
        db: db.kind,
        version,
        error: { code: 'db_unavailable', message: 'The database is not answering.' },
      });
    }
    return { ok: true, db: db.kind, version };
  });
};
