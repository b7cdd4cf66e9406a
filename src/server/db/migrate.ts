import { readFileSync } from 'node:fs';
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
export function migrate(db: Database, options: MigrateOptions = {}): Promise<void> {
  const folder = options.migrationsFolder ?? MIGRATIONS_FOLDER;
  // Calls on one connection run one after the other: the advisory lock only orders separate
  // connections, and PGlite has just one.
  const next = (inProcess.get(db) ?? Promise.resolve())
    .catch(() => {})
    .then(() => migrateNow(db, folder))
    // The repairs are this version's code: they need this version's schema, not another folder's.
    .then(() => (folder === MIGRATIONS_FOLDER ? runRepairs(db) : undefined));
  inProcess.set(db, next);
  return next;
}

export interface MigrateOptions {
  /** Another folder of migrations in drizzle's layout (tests of upgrades); default drizzle/. */
  migrationsFolder?: string;
}

const inProcess = new WeakMap<Database, Promise<void>>();

/**
 * The database was migrated by a newer Ngõ Số than this one. Drizzle's migrator would carry on
 * silently (it only compares the last applied migration's date with each file's), and this server
 * would then read and write tables whose shape it does not know.
 */
export class DatabaseTooNewError extends Error {
  constructor(
    readonly databaseLevel: string,
    readonly serverLevel: string,
  ) {
    super(
      `This database was upgraded by a newer version of Ngõ Số (its schema is at "${databaseLevel}"; this ` +
        `server knows up to "${serverLevel}"). Install the newer version again, or restore a backup made ` +
        'by this version (docs/OPERATIONS.md, "Upgrades"). Nothing was changed.',
    );
    this.name = 'DatabaseTooNewError';
  }
}

type Applied = { hash: string; created_at: string | number };

/** The migrations of drizzle/ by their journal date: what the migrator records as `created_at`. */
function knownMigrations(folder: string): Map<number, string> {
  const journal = JSON.parse(readFileSync(join(folder, 'meta', '_journal.json'), 'utf8')) as {
    entries: Array<{ when: number; tag: string }>;
  };
  return new Map(journal.entries.map((e) => [e.when, e.tag]));
}

/**
 * Refuses a database that holds a migration this server's drizzle/ folder does not have.
 *
 * @throws DatabaseTooNewError naming both levels (issue 16, part 3)
 */
async function refuseNewerDatabase(orm: Orm, schema: string, folder: string): Promise<void> {
  const table = await orm.execute<{ t: string | null }>(
    sql`select to_regclass(${`${quoteIdent(schema)}.__drizzle_migrations`}) as t`,
  );
  if (!table.rows[0]?.t) return;
  const applied = await orm.execute<Applied>(
    sql`select hash, created_at from ${sql.identifier(schema)}.__drizzle_migrations order by created_at`,
  );
  const known = knownMigrations(folder);
  const unknown = applied.rows.filter((r) => !known.has(Number(r.created_at)));
  const first = unknown[0];
  if (!first) return;
  const newest = [...known.values()].at(-1) ?? 'none';
  throw new DatabaseTooNewError(`${unknown.length} unknown migration(s) from ${first.created_at}`, newest);
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * Drizzle's migrators apply every pending migration in one transaction: a migration that fails
 * leaves the database as it was, and the server does not start.
 */
async function migrateNow(db: Database, migrationsFolder: string): Promise<void> {
  await db.withConnection(async (orm) => {
    const migrationsSchema = await currentSchema(orm);
    const config = { migrationsFolder, migrationsSchema };
    if (db.kind === 'pglite') {
      await refuseNewerDatabase(orm, migrationsSchema, migrationsFolder);
      // Both migrators only use what every PgDatabase has; the casts name the driver they expect.
      await migratePglite(orm as PgliteDatabase<Schema>, config);
      return;
    }
    // Two servers starting together would otherwise both apply the same migration.
    await orm.execute(sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`);
    try {
      await refuseNewerDatabase(orm, migrationsSchema, migrationsFolder);
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
