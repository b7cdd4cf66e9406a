import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { Database, Orm, Schema } from '../db.js';
import { projectRoot } from '../project.js';
import { runRepairs } from './repairs.js';

export const MIGRATIONS_FOLDER = join(projectRoot, 'drizzle');

// Any constant works; it only has to be the same for every server process sharing the database.
const MIGRATION_LOCK_KEY = 0x6e676f73;

/**
 * Applies the pending migrations from drizzle/, then the data repairs not yet run (repairs.ts).
 * Safe to run on every start: applied ones are recorded in `__drizzle_migrations` and
 * `maintenance` and skipped.
 *
 * The bookkeeping table lives in the connection's current schema (not drizzle's default `drizzle`
 * schema), so a database reached with another search_path — a test file's private schema — gets
 * its own tables *and* its own record of what was applied.
 */
export function migrate(db: Database): Promise<void> {
  // Calls on one connection run one after the other: the advisory lock only orders separate
  // connections, and PGlite has just one.
  const next = (inProcess.get(db) ?? Promise.resolve())
    .catch(() => {})
    .then(() => migrateNow(db))
    .then(() => runRepairs(db));
  inProcess.set(db, next);
  return next;
}

const inProcess = new WeakMap<Database, Promise<void>>();

async function migrateNow(db: Database): Promise<void> {
  await db.withConnection(async (orm) => {
    const migrationsSchema = await currentSchema(orm);
    const config = { migrationsFolder: MIGRATIONS_FOLDER, migrationsSchema };
    if (db.kind === 'pglite') {
      // Both migrators only use what every PgDatabase has; the casts name the driver they expect.
      await migratePglite(orm as PgliteDatabase<Schema>, config);
      return;
    }
    // Two servers starting together would otherwise both apply the same migration.
    await orm.execute(sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`);
    try {
      await migrateNodePg(orm as NodePgDatabase<Schema>, config);
    } finally {
      await orm.execute(sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`);
    }
  });
}

async function currentSchema(orm: Orm): Promise<string> {
  const result = await orm.execute<{ schema: string | null }>(sql`select current_schema() as schema`);
  const schema = result.rows[0]?.schema;
  if (!schema) {
    throw new Error('No schema in the search_path exists; create it before starting the server.');
  }
  return schema;
}
