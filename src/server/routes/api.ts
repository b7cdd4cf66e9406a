import type { FastifyPluginAsync } from 'fastify';
import { installAuth } from '../auth/authenticate.js';
import type { AuthOptions } from '../auth/options.js';
import type { Database } from '../db.js';
import { conflictRoutes } from '../sync/conflict-routes.js';
import { installDeviceStatus } from '../sync/device-status.js';
import { lostRoutes } from '../sync/lost-routes.js';
import { pullRoutes } from '../sync/pull.js';
import { pushRoutes } from '../sync/push.js';
import { adminAuditRoutes } from './admin-audit.js';
import { adminDeviceRoutes } from './admin-devices.js';
import { adminResidentRoutes } from './admin-residents.js';
import { adminUserRoutes } from './admin-users.js';
import { authRoutes } from './auth.js';
import { exportRoutes } from './exports.js';
import { healthRoutes } from './health.js';
import { indicatorRoutes } from './indicators.js';

export interface ApiOptions {
  db: Database;
  version: string;
  auth: AuthOptions;
  syncNow: () => number;
  /** How long /api/health waits for the database (ms; health.ts). */
  healthTimeoutMs: number;
}

/**
 * Everything under /api. New route groups (sync, reports) register here as plugins; they get
 * `app.authenticate` and `request.auth` from installAuth.
 */
export const apiRoutes: FastifyPluginAsync<ApiOptions> = async (
  app,
  { db, version, auth, syncNow, healthTimeoutMs },
) => {
  // API answers describe live state; a shared cache or the service worker must never replay them.
  app.addHook('onSend', async (_request, reply, payload) => {
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });
  installAuth(app, db, auth);
  installDeviceStatus(app, db, auth);
  await app.register(healthRoutes, { db, version, timeoutMs: healthTimeoutMs });
  await app.register(authRoutes, { db, auth });
  await app.register(adminUserRoutes, { prefix: '/admin/users', db, auth });
  await app.register(adminDeviceRoutes, { prefix: '/admin/devices', db, auth });
  await app.register(adminAuditRoutes, { prefix: '/admin/audit', db });
  await app.register(adminResidentRoutes, { prefix: '/admin/residents', db, now: syncNow });
  await app.register(pushRoutes, { db, now: syncNow });
  await app.register(pullRoutes, { db, now: syncNow });
  await app.register(indicatorRoutes, { db, now: syncNow });
  await app.register(conflictRoutes, { db });
  await app.register(lostRoutes, { db, now: syncNow });
  await app.register(exportRoutes, { db });
};
