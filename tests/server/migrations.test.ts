import { readdirSync, readFileSync } from 'node:fs';
import { chmod, mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER } from '../../src/server/db/migrate.js';
import { migrate, openDatabase } from '../../src/server/db.js';
import { backendsForFile, makeTempDir, openTestDatabase, removeDir, type TestDatabase } from './helpers.js';

const TABLES = ['audit_log', 'changes', 'conflicts', 'records', 'sync_state', 'tokens', 'users'];
const journal: { entries: unknown[] } = JSON.parse(
  readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8'),
);

describe('migration files', () => {
  // drizzle-kit writes `REFERENCES "public"."users"`; a schema name would pin the tables to
  // `public` and break databases reached through another search_path (the PostgreSQL tests).
  it.each(readdirSync(MIGRATIONS_FOLDER).filter((name) => name.endsWith('.sql')))(
    '%s names no schema',
    (name) => {
      expect(readFileSync(join(MIGRATIONS_FOLDER, name), 'utf8')).not.toMatch(/"public"\./);
    },
  );
});

describe.each(backendsForFile('migrations'))('migrations on $kind', (backend) => {
  const opened: TestDatabase[] = [];
  afterEach(async () => {
    for (const database of opened.splice(0)) await database.dispose();
  });

  async function state(database: TestDatabase) {
    const tables = await database.db.query<{ name: string }>(
      `select table_name as name from information_schema.tables
        where table_schema = current_schema() order by 1`,
    );
    const applied = await database.db.query<{ n: number }>(
      'select count(*)::int as n from __drizzle_migrations',
    );
    const sync = await database.db.query<{ id: number; last_seq: string }>('select * from sync_state');
    return { tables: tables.rows.map((r) => r.name), applied: applied.rows[0]?.n, sync: sync.rows };
  }

  it('creates every table and the sync_state row, and a second run changes nothing', async () => {
    const database = await openTestDatabase(backend, 'migrate', { migrate: false });
    opened.push(database);
    await migrate(database.db);
    const first = await state(database);
    expect(first.tables).toEqual(expect.arrayContaining(TABLES));
    expect(first.applied).toBe(journal.entries.length);
    expect(first.sync).toEqual([
      expect.objectContaining({ id: 1, last_seq: expect.anything(), epoch: expect.any(String) }),
    ]);
    expect(Number(first.sync[0]?.last_seq)).toBe(0);

    await migrate(database.db);
    expect(await state(database)).toEqual(first);
  });

  it('is idempotent across a restart', async () => {
    const database = await openTestDatabase(backend, 'restart', { onDisk: true });
    opened.push(database);
    await database.db.query(`update sync_state set last_seq = 42`);
    await database.db.close();

    const reopened = await openDatabase({
      dataDir: database.dataDir ?? 'unused',
      databaseUrl: database.databaseUrl,
    });
    try {
      await migrate(reopened);
      const { rows } = await reopened.query<{ last_seq: string }>('select last_seq from sync_state');
      expect(rows.map((r) => Number(r.last_seq))).toEqual([42]);
    } finally {
      await reopened.close();
    }
  });

  // PostgreSQL: two server processes on one database. PGlite has one process per data dir, so there
  // the race is two concurrent migrate() calls on one connection.
  it('two migrations started at once do not collide', async () => {
    const database = await openTestDatabase(backend, 'race', { migrate: false });
    opened.push(database);
    const second = database.databaseUrl
      ? await openDatabase({ dataDir: 'unused', databaseUrl: database.databaseUrl })
      : database.db;
    try {
      await Promise.all([migrate(database.db), migrate(second)]);
      expect((await state(database)).applied).toBe(journal.entries.length);
    } finally {
      if (second !== database.db) await second.close();
    }
  });
});

describe('the PGlite data directory', () => {
  it('is closed to the machine’s other users, also when it existed before', async () => {
    const root = await makeTempDir('data-mode');
    try {
      const dataDir = join(root, 'pgdata');
      await mkdir(dataDir, { mode: 0o755 });
      await chmod(dataDir, 0o755);
      const db = await openDatabase({ dataDir });
      try {
        expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
      } finally {
        await db.close();
      }
    } finally {
      await removeDir(root);
    }
  });
});
