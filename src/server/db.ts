import { chmod, mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import * as schema from './db/schema.js';

export { migrate } from './db/migrate.js';

export type DatabaseKind = 'pglite' | 'postgres';

export interface QueryResult<T> {
  rows: T[];
}

export type Schema = typeof schema;

/**
 * Drizzle over either backend. Both drivers extend the same PgDatabase, so code written against
 * this type runs unchanged on PGlite and PostgreSQL. A transaction (`Tx`) is also an `Orm`, so
 * helpers that take an `Orm` work inside and outside transactions.
 */
export type Orm = PgDatabase<RowsResultHKT, Schema>;
export type Tx = PgTransaction<RowsResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

/** What both drivers' raw results share, so `orm.execute<Row>(sql`…`)` is typed on either. */
export interface RowsResultHKT extends PgQueryResultHKT {
  type: QueryResult<this['row']>;
}

/**
 * The one seam between the server and SQL. Both backends speak the same PostgreSQL dialect,
 * so everything above this interface (Drizzle, migrations, routes) is backend-agnostic.
 */
export interface Database {
  readonly kind: DatabaseKind;
  readonly orm: Orm;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<T>>;
  /**
   * Runs fn in one SQL transaction: it commits when fn resolves and rolls back when it throws.
   * Inside fn, query only through `tx`: on PGlite (one connection) a query through `orm` or
   * `query` waits for the transaction to end, which never happens.
   */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Runs fn with exclusive use of one connection, for session-level state such as advisory locks. */
  withConnection<T>(fn: (orm: Orm) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** PGlite data directory; `memory://` keeps it in memory (tests). Ignored when databaseUrl is set. */
  dataDir: string;
  /**
   * PostgreSQL connection string. `?options=-c%20search_path%3Dname` puts every table (and the
   * migrations bookkeeping) in that schema instead of `public`.
   */
  databaseUrl?: string | undefined;
  /** Called for errors on idle PostgreSQL connections, which would otherwise crash the process. */
  onBackgroundError?: (error: Error) => void;
  /**
   * PostgreSQL: names every connection `<applicationName>/<schema>` in pg_stat_activity, so
   * `npm run restore` can tell that a server is using this database (SERVER_APPLICATION_NAME).
   */
  applicationName?: string;
}

/** What a server's connections are called (openDatabase's applicationName). */
export const SERVER_APPLICATION_NAME = 'ngo-so';

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.databaseUrl)
    return openPostgres(options.databaseUrl, options.onBackgroundError, options.applicationName);
  return openPglite(options.dataDir);
}

async function openPglite(dataDir: string): Promise<Database> {
  const inMemory = dataDir.startsWith('memory://');
  const location = inMemory ? dataDir : resolve(dataDir);
  if (!inMemory) {
    await mkdir(location, { recursive: true, mode: 0o700 });
    // PGlite writes some files (the write-ahead log among them) 0666 under the usual umask: the
    // register, password hashes included, must not be readable by the machine's other users. Closing
    // the directory closes every file in it, whatever their modes (issue 16; DESIGN §7).
    await chmod(location, 0o700);
  }
  const client = new PGlite(location);
  await client.waitReady;
  const orm: Orm = drizzlePglite({ client, schema });
  return {
    kind: 'pglite',
    orm,
    async query<T>(sql: string, params?: unknown[]) {
      const result = await client.query<T>(sql, params);
      return { rows: result.rows };
    },
    transaction: (fn) => orm.transaction(fn),
    // PGlite is a single connection already.
    withConnection: (fn) => fn(orm),
    async close() {
      // A PGlite data dir left mid-write is not recoverable, so closing must be awaited and idempotent.
      if (!client.closed) await client.close();
    },
  };
}

async function openPostgres(
  connectionString: string,
  onBackgroundError: ((error: Error) => void) | undefined,
  applicationName: string | undefined,
): Promise<Database> {
  const pool = new pg.Pool({
    connectionString,
    // Without a timeout an unreachable server hangs /api/health instead of answering 503.
    connectionTimeoutMillis: 5_000,
    // A named server keeps one connection even when idle, so pg_stat_activity always shows it.
    ...(applicationName ? { min: 1 } : {}),
  });
  pool.on('error', (error) => onBackgroundError?.(error));
  if (applicationName) {
    // Queued on the new connection before anything else runs on it. The schema is in the name
    // because several test files (each in its own schema) share one database.
    pool.on('connect', (client) => {
      client
        .query(`select set_config('application_name', $1 || '/' || current_schema(), false)`, [
          applicationName,
        ])
        .catch(() => {});
    });
  }
  const orm: Orm = drizzleNodePg({ client: pool, schema });
  let closed = false;
  return {
    kind: 'postgres',
    orm,
    async query<T>(sql: string, params?: unknown[]) {
      const result = await pool.query(sql, params);
      return { rows: result.rows as T[] };
    },
    transaction: (fn) => orm.transaction(fn),
    async withConnection(fn) {
      const client = await pool.connect();
      try {
        const result = await fn(drizzleNodePg({ client, schema }));
        client.release();
        return result;
      } catch (error) {
        // The connection may still hold session state (a lock, an open transaction): discard it.
        client.release(true);
        throw error;
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}
