import fastifyCompress from '@fastify/compress';
import Fastify, { type FastifyInstance } from 'fastify';
import { type AuthOptions, resolveAuthOptions } from './auth/options.js';
import type { Database } from './db.js';
import { answerClientError, answerFrameworkError, installErrorHandler } from './errors.js';
import { readPackageVersion } from './project.js';
import { apiRoutes } from './routes/api.js';
import { registerSecurityHeaders } from './security-headers.js';
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
  /**
   * Fastify's `trustProxy`: whom to believe about the client's address and protocol
   * (X-Forwarded-For / -Proto). Off by default; set it (TRUST_PROXY) only behind a reverse proxy that
   * overwrites those headers, or any client could claim HTTPS or another address.
   */
  trustProxy?: boolean | string;
}

export function buildServer(options: ServerOptions): FastifyInstance {
  const app = Fastify({
    logger: options.logger ? { level: process.env.LOG_LEVEL ?? 'info' } : false,
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    trustProxy: options.trustProxy ?? false,
    // Answers no hook reaches still get the error shape and the security headers (issue 14).
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
  });
  installErrorHandler(app);
  // First, so that every answer (API, files, 404s, errors, refusals by later hooks) carries them.
  registerSecurityHeaders(app);
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
