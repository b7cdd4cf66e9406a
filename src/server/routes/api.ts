import type { FastifyPluginAsync } from 'fastify';
import type { Database } from '../db.js';
import { healthRoutes } from './health.js';

export interface ApiOptions {
  db: Database;
  version: string;
}

/** Everything under /api. New route groups (sync, auth, reports) register here as plugins. */
export const apiRoutes: FastifyPluginAsync<ApiOptions> = async (app, { db, version }) => {
  // API answers describe live state; a shared cache or the service worker must never replay them.
  app.addHook('onSend', async (_request, reply, payload) => {
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });
  await app.register(healthRoutes, { db, version });
};
