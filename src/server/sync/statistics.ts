/**
 * Keeps the query planner's statistics on the sync tables in step with their growth. With statistics
 * from when a table was nearly empty, the planner finds a push's rows by reading every row of their
 * table (measured: a 500-row lookup at 150,000 records went from ~2 ms to ~85 ms, and push throughput
 * fell by half run after run). PostgreSQL's autovacuum catches up within about a minute; PGlite runs
 * no autovacuum at all, so without this its statistics would never change.
 *
 * Several server processes on one PostgreSQL (issue 16, part 5) each count only their own writes, so
 * there the decision is taken from the database's own counters, shared by every process
 * (pg_stat_user_tables.n_mod_since_analyze), under an advisory lock: one process analyzes, the others
 * find the statistics fresh or the lock taken and go on.
 */
import { sql } from 'drizzle-orm';
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
      const analyze = db.kind === 'postgres' ? analyzeShared(db) : analyzeAlone(db);
      running = analyze
        .then((records) => {
          if (records === undefined) return;
          sizeAtLast = records;
          log.info({ ms: Date.now() - started, records, writes: batch }, 'sync tables analyzed');
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

/** PGlite: this process is the only writer. Returns the records counted after the analysis. */
async function analyzeAlone(db: Database): Promise<number> {
  await db.query('analyze records, changes');
  const result = await db.query<{ n: string | number }>('select count(*) as n from records');
  return Number(result.rows[0]?.n ?? 0);
}

/** Advisory-lock class of the analysis; the second key is the schema, so each schema has its own. */
const ANALYZE_LOCK_CLASS = 0x6e67_6f61;

/**
 * PostgreSQL: analyzes when the writes of every process since the last analysis call for it.
 * Returns the records counted, or undefined when another process is analyzing or it was not due.
 */
async function analyzeShared(db: Database): Promise<number | undefined> {
  return db.withConnection(async (orm) => {
    const lock = sql`${ANALYZE_LOCK_CLASS}::int, hashtext(current_schema())`;
    const taken = await orm.execute<{ ok: boolean }>(sql`select pg_try_advisory_lock(${lock}) as ok`);
    if (!taken.rows[0]?.ok) return undefined;
    try {
      const stats = await orm.execute<{ mods: string | number; live: string | number }>(sql`
        select n_mod_since_analyze as mods, n_live_tup as live from pg_stat_user_tables
        where schemaname = current_schema() and relname = 'records'`);
      const mods = Number(stats.rows[0]?.mods ?? 0);
      const live = Number(stats.rows[0]?.live ?? 0);
      if (mods < Math.max(MIN_WRITES, (live - mods) * GROWTH)) return undefined;
      await orm.execute(sql`analyze records, changes`);
      const counted = await orm.execute<{ n: string | number }>(sql`select count(*) as n from records`);
      return Number(counted.rows[0]?.n ?? 0);
    } finally {
      await orm.execute(sql`select pg_advisory_unlock(${lock})`);
    }
  });
}
