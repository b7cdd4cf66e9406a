/**
 * Prometheus metrics (issue 16, item 4 "Watching it"), with prom-client. `/metrics` is off unless
 * METRICS_TOKEN is set; then it answers only a request carrying `Authorization: Bearer <token>`, the
 * token compared in constant time. Off, it answers 404 (and never the app's index.html).
 *
 * Every label takes its values from a fixed set written here — route templates, status classes,
 * outcomes, the push's refusal codes, login failure reasons — never a path, a username or any other
 * value a client sends, so no request can add a time series (an unbounded label would grow the
 * server's memory and Prometheus's with each new value). Counters live in the process: with several
 * processes, each is scraped on its own port and Prometheus adds them up (docs/OPERATIONS.md §4).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type {
  FastifyError,
  FastifyInstance,
  FastifyPluginAsync,
  FastifyReply,
  FastifyRequest,
} from 'fastify';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import type { PushResponse } from '../core/sync/protocol';
import { ApiError, sendError } from './errors.js';

/** Route templates of the sync endpoints, as Fastify names them in `request.routeOptions.url`. */
export const SYNC_ROUTES = { push: '/api/sync/push', pull: '/api/sync/pull' } as const;
type SyncEndpoint = keyof typeof SYNC_ROUTES;
const LOGIN_ROUTE = '/api/auth/login';

/**
 * Codes of the push's per-change refusals (push.ts, core/sync/field-rules.ts, references.ts,
 * server-merge.ts): the `code` label of rejected changes. Anything else counts as `other`.
 */
export const REJECTION_CODES = [
  'village_forbidden',
  'village_mismatch',
  'clock_ahead',
  'implausible_date',
  'reserved_node',
  'change_id_reused',
  'too_many_fields',
  'unknown_field',
  'invalid_value',
  'cannot_clear',
  'missing_field',
  'unknown_reference',
  'erased',
  'other',
] as const;
type RejectionCode = (typeof REJECTION_CODES)[number];

/**
 * Why a login failed: the reasons login.ts audits, and `rate_limited` for the per-address login
 * limit (rate-limits.ts). Anything else counts as `other`.
 */
export const LOGIN_FAILURE_REASONS = [
  'unknown_user',
  'bad_password',
  'locked',
  'device_locked',
  'disabled',
  'rate_limited',
  'other',
] as const;
type LoginFailureReason = (typeof LOGIN_FAILURE_REASONS)[number];

/** How a push or a pull ended, from its status: the `outcome` label. */
const SYNC_OUTCOMES = ['ok', 'rejected', 'unauthorized', 'rate_limited', 'error'] as const;
export type SyncOutcome = (typeof SYNC_OUTCOMES)[number];

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
/** The route label of a request no route declares (the not-found handler: a 404, or the app's page for a deep link); as in the log. */
export const UNMATCHED_ROUTE = '(no route)';

/** Seconds. Pushes of 500 changes take ~0.1 s on an idle server; a queue behind PGlite's one connection, seconds. */
const SYNC_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

function outcomeOf(status: number): SyncOutcome {
  if (status < 400) return 'ok';
  if (status === 401) return 'unauthorized';
  if (status === 429) return 'rate_limited';
  return status >= 500 ? 'error' : 'rejected';
}

function oneOf<T extends string>(set: readonly T[], value: unknown, fallback: T): T {
  return set.includes(value as T) ? (value as T) : fallback;
}

/**
 * The server's metrics in a registry of its own: one per server, so tests can build many servers in
 * one process. Names start with `ngo_so_`; the process metrics keep prom-client's standard names
 * (`process_cpu_seconds_total`, `nodejs_eventloop_lag_seconds`, …).
 */
export class ServerMetrics {
  readonly registry = new Registry();
  private readonly http = new Counter({
    name: 'ngo_so_http_requests_total',
    help: 'HTTP requests answered, by method, route template and status class (2xx, 4xx, …).',
    labelNames: ['method', 'route', 'status_class'] as const,
    registers: [this.registry],
  });
  private readonly syncRequests = new Counter({
    name: 'ngo_so_sync_requests_total',
    help: 'Pushes and pulls answered, by endpoint (push, pull) and outcome (ok, rejected, unauthorized, rate_limited, error).',
    labelNames: ['endpoint', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly syncDuration = new Histogram({
    name: 'ngo_so_sync_request_duration_seconds',
    help: 'Time from a push or pull arriving to its answer being sent, in seconds, by endpoint.',
    labelNames: ['endpoint'] as const,
    buckets: SYNC_BUCKETS,
    registers: [this.registry],
  });
  private readonly changes = new Counter({
    name: 'ngo_so_sync_changes_total',
    help: 'Pushed changes by outcome (applied, duplicate, rejected); rejected ones by code.',
    labelNames: ['outcome', 'code'] as const,
    registers: [this.registry],
  });
  private readonly loginFailures = new Counter({
    name: 'ngo_so_login_failures_total',
    help: 'Failed logins by reason (unknown_user, bad_password, locked, device_locked, disabled, rate_limited).',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });

  /**
   * @param processMetrics also collect prom-client's process metrics (CPU, memory, event loop lag,
   *   GC). They start timers and observers that live as long as the process, so only a server that
   *   serves `/metrics` asks for them.
   */
  constructor(processMetrics: boolean) {
    if (processMetrics) collectDefaultMetrics({ register: this.registry });
    // Every series at zero from the start: Prometheus's increase() and rate() miss the first event of a
    // series that appears with it (a first refusal would count 0), and alerts see quiet series too.
    for (const endpoint of Object.keys(SYNC_ROUTES)) {
      for (const outcome of SYNC_OUTCOMES) this.syncRequests.inc({ endpoint, outcome }, 0);
    }
    this.changes.inc({ outcome: 'applied' }, 0);
    this.changes.inc({ outcome: 'duplicate' }, 0);
    for (const code of REJECTION_CODES) this.changes.inc({ outcome: 'rejected', code }, 0);
    for (const reason of LOGIN_FAILURE_REASONS) this.loginFailures.inc({ reason }, 0);
  }

  /** One answered request: the HTTP counter, and for a push or pull its outcome and duration. */
  answered(request: FastifyRequest, reply: FastifyReply): void {
    const route = request.routeOptions.url ?? UNMATCHED_ROUTE;
    const status = reply.statusCode;
    this.http.inc({
      method: METHODS.has(request.method) ? request.method : 'OTHER',
      route,
      status_class: `${Math.floor(status / 100)}xx`,
    });
    const endpoint = syncEndpointOf(route);
    if (!endpoint) return;
    this.syncRequests.inc({ endpoint, outcome: outcomeOf(status) });
    this.syncDuration.observe({ endpoint }, reply.elapsedTime / 1000);
  }

  /** A push's answer: each change applied or duplicate. */
  pushed(results: PushResponse['results']): void {
    let applied = 0;
    for (const result of results) if (result.status === 'applied') applied++;
    if (applied > 0) this.changes.inc({ outcome: 'applied' }, applied);
    if (results.length > applied) this.changes.inc({ outcome: 'duplicate' }, results.length - applied);
  }

  /**
   * A refused push: the changes its error names (`details[].changeId`), by code. A push refused as a
   * whole (bad JSON, wrong shape, no token) names no change and counts only as a rejected push.
   */
  refused(error: unknown): void {
    const details = error instanceof ApiError ? error.extra?.details : undefined;
    if (!Array.isArray(details)) return;
    const counts = new Map<RejectionCode, number>();
    for (const detail of details) {
      if (typeof detail !== 'object' || detail === null || !('changeId' in detail)) continue;
      const code = oneOf(REJECTION_CODES, (detail as { code?: unknown }).code, 'other');
      counts.set(code, (counts.get(code) ?? 0) + 1);
    }
    for (const [code, n] of counts) this.changes.inc({ outcome: 'rejected', code }, n);
  }

  /** A failed login, by one of LOGIN_FAILURE_REASONS. */
  loginFailed(reason: string): void {
    this.loginFailures.inc({ reason: oneOf<LoginFailureReason>(LOGIN_FAILURE_REASONS, reason, 'other') });
  }
}

function syncEndpointOf(route: string): SyncEndpoint | undefined {
  if (route === SYNC_ROUTES.push) return 'push';
  return route === SYNC_ROUTES.pull ? 'pull' : undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The server's metrics (metrics.ts); counted whether or not `/metrics` is served. */
    metrics: ServerMetrics;
  }
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;
const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * Whether an Authorization header carries `token`. Both sides are hashed first, so the comparison
 * takes the same time whatever the length or the first wrong character of a guess.
 */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const given = header ? BEARER.exec(header)?.[1] : undefined;
  return given !== undefined && timingSafeEqual(digest(given), digest(token));
}

/**
 * Counts every request into `app.metrics`. Called on the root instance before any route is declared.
 *
 * @param serving whether `/metrics` is served (METRICS_TOKEN set): only then are the process metrics
 *   collected; the counters run either way (a few map lookups per request) and nothing reads them
 */
export function installMetrics(app: FastifyInstance, serving: boolean): void {
  const metrics = new ServerMetrics(serving);
  app.decorate('metrics', metrics);
  app.addHook('onResponse', async (request, reply) => metrics.answered(request, reply));
  // Before serialisation the push's answer is still an object: its results are counted as they are.
  app.addHook('preSerialization', async (request, reply, payload) => {
    if (request.routeOptions.url === SYNC_ROUTES.push && reply.statusCode === 200) {
      metrics.pushed((payload as PushResponse).results);
    }
    return payload;
  });
  app.addHook('onError', async (request, _reply, error: FastifyError) => {
    const route = request.routeOptions.url;
    if (route === SYNC_ROUTES.push) metrics.refused(error);
    else if (route === LOGIN_ROUTE && (error as Partial<ApiError>).code === 'too_many_requests') {
      metrics.loginFailed('rate_limited');
    }
  });
}

/**
 * `GET /metrics` in Prometheus's text format, registered as a plugin after compression and the rate
 * limits so it gets both. `token` is METRICS_TOKEN: without it the route answers `404 not_found`
 * (rather than the app's index.html, as an unknown path would); with it, `401 unauthorized` unless
 * the request bears it.
 */
export const metricsRoute: FastifyPluginAsync<{ token: string | undefined }> = async (app, { token }) => {
  app.get('/metrics', async (request, reply) => {
    reply.header('cache-control', 'no-store');
    if (token === undefined) {
      return sendError(reply, 404, 'not_found', 'Metrics are off: set METRICS_TOKEN to serve them.');
    }
    if (!bearerMatches(request.headers.authorization, token)) {
      reply.header('www-authenticate', 'Bearer realm="metrics"');
      return sendError(reply, 401, 'unauthorized', 'The metrics need the METRICS_TOKEN as a bearer token.');
    }
    reply.type(app.metrics.registry.contentType);
    return app.metrics.registry.metrics();
  });
};
