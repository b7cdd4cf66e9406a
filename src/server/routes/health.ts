/**
 * GET /api/health — for uptime monitors and load balancers (issue 16, item 4). 200 when the database
 * answers a trivial query within `timeoutMs`, else 503 with `{ error: { code, message } }`, so a
 * monitor sees a server whose database is gone or stuck, not only one whose port is closed.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { Database } from '../db.js';

export interface HealthOptions {
  db: Database;
  version: string;
  /**
   * How long the database may take to answer (ms). A monitor's own timeout is usually 10 s: the
   * answer must come well before, and PGlite's one connection may be busy with a large push for a
   * second or two without anything being wrong (README, issue 14's hostile rows: 1.5 s at worst).
   */
  timeoutMs: number;
}

/** Default of HealthOptions.timeoutMs. */
export const HEALTH_DB_TIMEOUT_MS = 3_000;

class TimedOut extends Error {}

/** Resolves with `work`, or rejects with TimedOut after `ms`; the work itself goes on (a query cannot be recalled). */
async function within<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimedOut()), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The answer: `ok`, `db` (`pglite` | `postgres`), `version` (package.json), `uptimeSeconds` (this
 * process), `dbMs` (how long the check's query took, when it answered). 503 answers carry
 * `error.code` `db_unavailable` (the query failed) or `db_timeout` (no answer within timeoutMs).
 */
export const healthRoutes: FastifyPluginAsync<HealthOptions> = async (app, { db, version, timeoutMs }) => {
  app.get('/health', async (request, reply) => {
    const base = { db: db.kind, version, uptimeSeconds: Math.floor(process.uptime()) };
    const started = performance.now();
    try {
      await within(db.query('select 1'), timeoutMs);
    } catch (err) {
      const timedOut = err instanceof TimedOut;
      request.log.warn(
        timedOut ? { timeoutMs } : { err },
        timedOut ? 'health check: database did not answer in time' : 'health check: database query failed',
      );
      return reply.code(503).send({
        ok: false,
        ...base,
        error: timedOut
          ? { code: 'db_timeout', message: `The database did not answer within ${timeoutMs} ms.` }
          : { code: 'db_unavailable', message: 'The database is not answering.' },
      });
    }
    return { ok: true, ...base, dbMs: Math.round(performance.now() - started) };
  });
};
