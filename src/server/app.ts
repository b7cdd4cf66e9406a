import fastifyCompress from '@fastify/compress';
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import type { DestinationStream } from 'pino';
import { type AuthOptions, resolveAuthOptions } from './auth/options.js';
import type { TlsSettings } from './config.js';
import type { Database } from './db.js';
import { clientErrorHandler, frameworkErrors, installErrorHandler } from './errors.js';
import { installRequestLog, loggerOptions } from './logging.js';
import { installMetrics, metricsRoute } from './metrics.js';
import { readPackageVersion } from './project.js';
import { DEFAULT_RATE_LIMITS, installRateLimits, type RateLimits } from './rate-limits.js';
import { apiRoutes } from './routes/api.js';
import { HEALTH_DB_TIMEOUT_MS } from './routes/health.js';
import { registerSecurityHeaders } from './security-headers.js';
import { registerStaticFiles } from './static-files.js';
import { type Certificate, reloadCertificateOnRenewal } from './tls.js';

export interface ServerOptions {
  db: Database;
  distDir: string;
  logger?: boolean;
  /** Where the log goes (default stdout); tests read it back. Implies `logger`. */
  logStream?: DestinationStream;
  /** Requests per window per address, per login address and per account (rate-limits.ts). */
  rateLimits?: Partial<RateLimits>;
  /**
   * Fastify's `trustProxy`: behind a reverse proxy, the phone's address comes from X-Forwarded-For,
   * so the per-address limits count phones, not the proxy, and X-Forwarded-Proto says whether it
   * came over HTTPS (HSTS, security-headers.ts). Off by default (a direct server would otherwise let
   * any client choose its address or claim HTTPS).
   */
  trustProxy?: boolean | string;
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
   * Serve HTTPS with this certificate, read again from its files when renewed (tls.ts; issue 16,
   * item 1). Without it, plain HTTP.
   */
  tls?: { files: TlsSettings; certificate: Certificate; checkIntervalMs?: number };
  /** METRICS_TOKEN: serve `/metrics` to requests bearing it (metrics.ts); off when undefined. */
  metricsToken?: string | undefined;
  /** How long /api/health waits for the database (ms); default HEALTH_DB_TIMEOUT_MS. */
  healthTimeoutMs?: number;
}

export function buildServer(options: ServerOptions): FastifyInstance {
  const logging = options.logger || options.logStream !== undefined;
  const app = Fastify({
    logger: logging ? loggerOptions(process.env.LOG_LEVEL ?? 'info', options.logStream) : false,
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    trustProxy: options.trustProxy ?? false,
    frameworkErrors,
    clientErrorHandler,
    // Fastify's own two lines per request (in, out) become one, written when the answer is sent
    // (installRequestLog; through the log controller: the top-level `disableRequestLogging` is
    // deprecated, FSTDEP023).
    logController: new LogController({ disableRequestLogging: true }),
    ...(options.tls
      ? { https: { cert: options.tls.certificate.cert, key: options.tls.certificate.key } }
      : {}),
  });
  if (options.tls) {
    reloadCertificateOnRenewal(app, options.tls.files, options.tls.certificate, options.tls.checkIntervalMs);
  }
  if (logging) installRequestLog(app);
  installErrorHandler(app);
  // Before the rate limits: every answer (API, files, 404s, errors, a 429) carries them.
  registerSecurityHeaders(app);
  acceptEmptyBodies(app);
  const rateLimits = { ...DEFAULT_RATE_LIMITS, ...options.rateLimits };
  installRateLimits(app, rateLimits);
  installMetrics(app, options.metricsToken !== undefined);
  const version = options.version ?? readPackageVersion();

  // Registered in order: compression must wrap both the API and the static files.
  app.register(fastifyCompress, { global: true, encodings: ['br', 'gzip'] });
  app.register(apiRoutes, {
    prefix: '/api',
    db: options.db,
    version,
    auth: resolveAuthOptions(options.auth),
    syncNow: options.syncNow ?? Date.now,
    healthTimeoutMs: options.healthTimeoutMs ?? HEALTH_DB_TIMEOUT_MS,
  });
  app.register(metricsRoute, { token: options.metricsToken });
  registerStaticFiles(app, options.distDir);
  return app;
}

/**
 * A DELETE or GET that says `Content-Type: application/json` but sends nothing (some HTTP clients
 * always set the header) has no body, not a broken one (issue 14, kind 3). Everything else goes
 * through Fastify's own JSON parser, which keeps refusing `__proto__` and `constructor` keys.
 */
function acceptEmptyBodies(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body === '' && (request.method === 'DELETE' || request.method === 'GET')) {
      done(null, undefined);
      return;
    }
    parseJson(request, body.toString(), done);
  });
}
