import fastifyCompress from '@fastify/compress';
import Fastify, { type FastifyInstance } from 'fastify';
import { type AuthOptions, resolveAuthOptions } from './auth/options.js';
import type { Database } from './db.js';
import { installErrorHandler } from './errors.js';
import { readPackageVersion } from './project.js';
import { apiRoutes } from './routes/api.js';
import { registerStaticFiles } from './static-files.js';

export interface ServerOptions {
  db: Database;
  distDir: string;
  logger?: boolean;
  /** Defaults to 1 MiB (Fastify's default); larger bodies get 413 payload_too_large. */
  bodyLimit?: number;
  version?: string;
  /** Clock, token lifetime, lockout and hashing cost; tests shorten them. */
  auth?: Partial<AuthOptions>;
  /**
   * The sync clock (ms since the epoch): judges pushed timestamps and record dates. Separate from
   * the auth clock, which tests move by days; defaults to the real time.
   */
  syncNow?: () => number;
}

export function buildServer(options: ServerOptions): FastifyInstance {
  const app = Fastify({
    logger: options.logger ? { level: process.env.LOG_LEVEL ?? 'info' } : false,
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
  });
  installErrorHandler(app);
  const version = options.version ?? readPackageVersion();

  // Registered in order: compression must wrap both the API and the static files.
  app.register(fastifyCompress, { global: true, encodings: ['br', 'gzip'] });
  app.register(apiRoutes, {
    prefix: '/api',
    db: options.db,
    version,
    auth: resolveAuthOptions(options.auth),
    syncNow: options.syncNow ?? Date.now,
  });
  registerStaticFiles(app, options.distDir);
  return app;
}
