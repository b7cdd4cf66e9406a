import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';
import type { Database, DatabaseKind } from '../../src/server/db.js';
import { migrate, openDatabase } from '../../src/server/db.js';

export interface Backend {
  kind: DatabaseKind;
  databaseUrl: string | undefined;
}

/** PGlite always; PostgreSQL too when DATABASE_URL is set (CI sets it). */
export function availableBackends(): Backend[] {
  const backends: Backend[] = [{ kind: 'pglite', databaseUrl: undefined }];
  const url = process.env.DATABASE_URL?.trim();
  if (url) backends.push({ kind: 'postgres', databaseUrl: url });
  return backends;
}

/** Logs once per test file which backends its tests run on. */
export function backendsForFile(file: string): Backend[] {
  const backends = availableBackends();
  console.log(`server tests backends (${file}): ${backends.map((b) => b.kind).join(', ')}`);
  return backends;
}

function unavailable(name: string): never {
  throw new Error(`fakeDatabase has no ${name}: use openTestDatabase for tests that need SQL`);
}

/** Stands in for a database in tests about HTTP behaviour, where SQL is irrelevant. */
export function fakeDatabase(overrides: Partial<Database> = {}): Database {
  return {
    kind: 'pglite',
    get orm(): Database['orm'] {
      return unavailable('orm');
    },
    query: async <T>() => ({ rows: [] as T[] }),
    transaction: async () => unavailable('transaction'),
    withConnection: async () => unavailable('withConnection'),
    close: async () => undefined,
    ...overrides,
  };
}

export interface TestDatabase {
  db: Database;
  /** What DATABASE_URL must be to reach this same database (PostgreSQL only). */
  databaseUrl: string | undefined;
  /** PGlite's data directory (PGlite only). */
  dataDir: string | undefined;
  /** Closes the database and deletes everything it stored. */
  dispose(): Promise<void>;
}

/**
 * A fresh, empty database for one test file.
 *
 * PGlite: an in-memory instance, or a temporary directory with `onDisk` (to reopen it).
 *
 * PostgreSQL: test files run in parallel against the one `test` database, so each gets its own
 * schema (`t_<label>_<random>`), reached through `?options=-c search_path=…` in the URL. Tables
 * and drizzle's migration bookkeeping both land in that schema (migrate() uses the current
 * schema), so files never see each other's rows and every file runs the migrations from scratch.
 * dispose() drops the schema; a crashed run may leave `t_*` schemas behind, which are safe to drop.
 */
export async function openTestDatabase(
  backend: Backend,
  label: string,
  options: { migrate?: boolean; onDisk?: boolean } = {},
): Promise<TestDatabase> {
  const shouldMigrate = options.migrate ?? true;
  if (!backend.databaseUrl) {
    const dataDir = options.onDisk ? join(await makeTempDir(label), 'pgdata') : undefined;
    const db = await openDatabase({ dataDir: dataDir ?? 'memory://' });
    if (shouldMigrate) await migrate(db);
    return {
      db,
      databaseUrl: undefined,
      dataDir,
      async dispose() {
        await db.close();
        if (dataDir) await removeDir(dirname(dataDir));
      },
    };
  }

  const schema = `t_${label.replace(/\W/g, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  await adminQuery(backend.databaseUrl, `create schema "${schema}"`);
  const url = new URL(backend.databaseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const databaseUrl = url.toString();
  const db = await openDatabase({ dataDir: 'unused', databaseUrl });
  if (shouldMigrate) await migrate(db);
  return {
    db,
    databaseUrl,
    dataDir: undefined,
    async dispose() {
      await db.close();
      await adminQuery(backend.databaseUrl as string, `drop schema if exists "${schema}" cascade`);
    },
  };
}

async function adminQuery(databaseUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function makeTempDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `ngo-so-${prefix}-`));
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

export async function writeFiles(root: string, files: Record<string, string>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    const full = join(root, path);
    await mkdir(dirname(full), { recursive: true });
    await writeFile(full, content);
  }
}
