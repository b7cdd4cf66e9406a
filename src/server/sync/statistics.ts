/**
 * Keeps the query planner's statistics on the sync tables in step with their growth. With statistics
 * from when a table was nearly empty, the planner finds a push's rows by reading every row of their
 * table (measured: a 500-row lookup at 150,000 records went from ~2 ms to ~85 ms, and push throughput
 * fell by half run after run). PostgreSQL's autovacuum catches up within about a minute; PGlite runs
 * no autovacuum at all, so without this its statistics would never change.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../db.js';

/** Analyze after this many written rows, or once the tables have doubled, whichever is more: a few
 * analyses over a table's whole growth, each a short pause for the other pushes (PGlite has one connection). */
const MIN_WRITES = 5_000;
const GROWTH = 1;

export interface StatisticsKeeper {
  /** Counts rows a push wrote; starts an ANALYZE in the background when they add up. */
  wrote(rows: number): void;
  /** Resolves when no ANALYZE is running (tests, shutdown). */
  idle(): Promise<void>;
}

export function keepStatistics(db: Database, log: FastifyBaseLogger): StatisticsKeeper {
  let written = 0;
  let sizeAtLast = 0;
  let running: Promise<void> | undefined;
  return {
    wrote(rows) {
      written += rows;
      if (running || written < Math.max(MIN_WRITES, sizeAtLast * GROWTH)) return;
      const started = Date.now();
      const batch = written;
      written = 0;
      running = db
        .query<{ n: string | number }>('analyze records, changes')
        .then(() => db.query<{ n: string | number }>('select count(*) as n from records'))
        .then((result) => {
          sizeAtLast = Number(result.rows[0]?.n ?? 0);
          log.info({ ms: Date.now() - started, records: sizeAtLast, writes: batch }, 'sync tables analyzed');
        })
        .catch((error: Error) => {
          // Only a missed optimisation: the next pushes try again.
          written += batch;
          log.warn({ err: error }, 'analyze of the sync tables failed');
        })
        .finally(() => {
          running = undefined;
        });
    },
    async idle() {
      await running;
    },
  };
}
