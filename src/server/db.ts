import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

export type DatabaseKind = 'pglite' | 'postgres';

export interface QueryResult<T> {
  rows: T[];
}

/**
 * The one seam between the server and SQL. Both backends speak the same PostgreSQL dialect,
 * so everything above this interface (Drizzle, migrations, routes) is backend-agnostic.
 */
export interface Database {
  readonly kind: DatabaseKind;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<T>>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** PGlite data directory; `memory://` keeps it in memory (tests). Ignored when databaseUrl is set. */
  dataDir: string;
  databaseUrl?: string | undefined;
  /** Called for errors on idle PostgreSQL connections, which would otherwise crash the process. */
  onBackgroundError?: (error: Error) => void;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.onBackgroundError);
  return openPglite(options.dataDir);
}

async function openPglite(dataDir: string): Promise<Database> {
  const inMemory = dataDir.startsWith('memory://');
  const location = inMemory ? dataDir : resolve(dataDir);
  if (!inMemory) await mkdir(location, { recursive: true });
  const client = new PGlite(location);
  await client.waitReady;
  return {
    kind: 'pglite',
    async query<T>(sql: string, params?: unknown[]) {
      const result = await client.query<T>(sql, params);
      return { rows: result.rows };
    },
    async close() {
      // A PGlite data dir left mid-write is not recoverable, so closing must be awaited and idempotent.
      if (!client.closed) await client.close();
    },
  };
}

async function openPostgres(
  connectionString: string,
  onBackgroundError: ((error: Error) => void) | undefined,
): Promise<Database> {
  const pool = new pg.Pool({
    connectionString,
    // Without a timeout an unreachable server hangs /api/health instead of answering 503.
    connectionTimeoutMillis: 5_000,
  });
  pool.on('error', (error) => onBackgroundError?.(error));
  let closed = false;
  return {
    kind: 'postgres',
    async query<T>(sql: string, params?: unknown[]) {
      const result = await pool.query(sql, params);
      return { rows: result.rows as T[] };
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

/**
 * Placeholder for the real migration runner: it only guarantees the bookkeeping table exists,
 * so startup already has the shape (open → migrate → serve) that real migrations will need.
 */
export async function migrate(db: Database): Promise<void> {
  await db.query(
    `create table if not exists schema_migrations (
       version integer primary key,
       applied_at timestamptz not null default now()
     )`,
  );
}
