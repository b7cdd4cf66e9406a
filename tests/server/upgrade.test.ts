/**
 * Issue 16, part 3: an upgrade from the schema that landed before this version keeps every row and
 * syncs on; a server older than its database refuses to start and changes nothing; a migration that
 * fails leaves the database as it was.
 */
import { spawn } from 'node:child_process';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../../src/core/ids';
import { buildServer } from '../../src/server/app.js';
import { DatabaseTooNewError, MIGRATIONS_FOLDER } from '../../src/server/db/migrate.js';
import { type Database, migrate } from '../../src/server/db.js';
import { projectRoot } from '../../src/server/project.js';
import { insertChanges, upsertRecords } from '../../src/server/sync/store.js';
import { bearer, createUser, GENEROUS_RATE_LIMITS, loginToken, TEST_SCRYPT_LOG_N } from './auth-harness.js';
import {
  type Backend,
  backendsForFile,
  makeTempDir,
  openTestDatabase,
  removeDir,
  type TestDatabase,
} from './helpers.js';
import { householdChange, pull, push, residentChange, VILLAGE_A } from './sync-fixtures.js';

/** The last migration of the schema that landed before issue 16 (stop 24). */
const PREVIOUS_LANDED = '0004_change_rows';

interface JournalEntry {
  idx: number;
  when: number;
  tag: string;
}

async function readJournal(): Promise<{ entries: JournalEntry[] }> {
  return JSON.parse(await readFile(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8'));
}

/** A migrations folder in drizzle's layout holding `entries` (and any extra SQL files given). */
async function migrationsFolder(
  dir: string,
  entries: JournalEntry[],
  extra: Record<string, string> = {},
): Promise<string> {
  await mkdir(join(dir, 'meta'), { recursive: true });
  const journal = await readJournal();
  for (const entry of entries) {
    const file = `${entry.tag}.sql`;
    if (extra[file] !== undefined) await writeFile(join(dir, file), extra[file]);
    else await copyFile(join(MIGRATIONS_FOLDER, file), join(dir, file));
  }
  await writeFile(join(dir, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries }));
  return dir;
}

async function previousEntries(): Promise<JournalEntry[]> {
  const { entries } = await readJournal();
  const end = entries.findIndex((e) => e.tag === PREVIOUS_LANDED);
  expect(end, `${PREVIOUS_LANDED} is in the journal`).toBeGreaterThanOrEqual(0);
  return entries.slice(0, end + 1);
}

async function columnsOf(db: Database, table: string): Promise<string[]> {
  const { rows } = await db.query<{ name: string }>(
    `select column_name as name from information_schema.columns
      where table_schema = current_schema() and table_name = $1 order by 1`,
    [table],
  );
  return rows.map((r) => r.name);
}

async function appliedCount(db: Database): Promise<number> {
  const { rows } = await db.query<{ n: number }>('select count(*)::int as n from __drizzle_migrations');
  return rows[0]?.n ?? 0;
}

/** What the previous version's push wrote: a household numbered 1, through the same store functions. */
async function seedPreviousVersionData(db: Database): Promise<{ householdId: string }> {
  const change = householdChange(VILLAGE_A);
  await db.transaction(async (tx) => {
    await upsertRecords(tx, [
      {
        table: 'households',
        id: change.rowId,
        villageId: VILLAGE_A,
        state: {
          values: change.fields,
          clocks: Object.fromEntries(Object.keys(change.fields).map((f) => [f, change.hlc])),
        },
        seq: 1,
      },
    ]);
    await insertChanges(tx, [{ seq: 1, change, userId: newId(), deviceId: 'aaaaaaaaaaaaaaaa' }]);
  });
  await db.query('update sync_state set last_seq = 1');
  return { householdId: change.rowId };
}

describe.each(backendsForFile('upgrade'))('upgrades on $kind', (backend: Backend) => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function previousVersionDatabase(label: string, onDisk = false): Promise<TestDatabase> {
    const database = await openTestDatabase(backend, label, { migrate: false, onDisk });
    cleanups.push(() => database.dispose());
    const dir = await makeTempDir(`${label}-migrations`);
    cleanups.push(() => removeDir(dir));
    await migrate(database.db, { migrationsFolder: await migrationsFolder(dir, await previousEntries()) });
    return database;
  }

  it('from the previous landed schema keeps every row, numbers on from it and syncs', async () => {
    const { db } = await previousVersionDatabase('from-previous');
    expect(await columnsOf(db, 'sync_state')).toEqual(['id', 'last_seq']);
    await createUser(db, { username: 'xa-officer', role: 'commune' });
    const { householdId } = await seedPreviousVersionData(db);

    await migrate(db);
    expect(await appliedCount(db)).toBe((await readJournal()).entries.length);
    expect(await columnsOf(db, 'sync_state')).toEqual(['epoch', 'id', 'last_seq', 'server_hlc']);

    const app = buildServer({
      db,
      distDir: '/nonexistent',
      auth: { scryptLogN: TEST_SCRYPT_LOG_N },
      rateLimits: GENEROUS_RATE_LIMITS,
    });
    cleanups.push(() => app.close());
    const token = await loginToken(app, 'xa-officer');
    const first = await pull(app, token, 0);
    expect(first.statusCode).toBe(200);
    expect(first.json().rows).toEqual([expect.objectContaining({ i: householdId, s: 1 })]);

    const pushed = await push(app, token, [residentChange(VILLAGE_A, householdId)]);
    expect(pushed.statusCode).toBe(200);
    const after = await pull(app, token, 1, undefined, first.json().scope);
    expect(after.json().rows.map((r: { s: number }) => r.s)).toEqual([2]);
    const { rows } = await db.query<{ server_hlc: string | null; epoch: string | null }>(
      'select server_hlc, epoch from sync_state',
    );
    expect(rows[0]?.epoch).toMatch(/^[0-9a-f-]{36}$/);
    // A bearer token from before the upgrade would have lived in `tokens`, whose new columns are nullable.
    expect((await app.inject({ url: '/api/me', headers: bearer(token) })).statusCode).toBe(200);
  });

  it('refuses a database migrated by a newer version, and changes nothing', async () => {
    const database = await openTestDatabase(backend, 'too-new');
    cleanups.push(() => database.dispose());
    const { db } = database;
    const { entries } = await readJournal();
    const newest = entries.at(-1)?.when ?? 0;
    await db.query('insert into __drizzle_migrations (hash, created_at) values ($1, $2)', [
      'from-a-newer-version',
      newest + 86_400_000,
    ]);
    const before = await appliedCount(db);

    const refusal = migrate(db);
    await expect(refusal).rejects.toBeInstanceOf(DatabaseTooNewError);
    await expect(refusal).rejects.toThrow(/newer version of Ngõ Số/);
    expect(await appliedCount(db)).toBe(before);
  });

  it('rolls back every pending migration when one of them fails', async () => {
    const { db } = await previousVersionDatabase('rollback');
    const before = await appliedCount(db);
    const { entries } = await readJournal();
    const last = entries.at(-1) as JournalEntry;
    const broken: JournalEntry = { idx: last.idx + 1, when: last.when + 1, tag: '9999_broken' };
    const dir = await makeTempDir('broken-migrations');
    cleanups.push(() => removeDir(dir));
    const folder = await migrationsFolder(dir, [...entries, broken], {
      '9999_broken.sql':
        'ALTER TABLE "users" ADD COLUMN "half_done" integer;--> statement-breakpoint\nSELECT 1/0;',
    });

    await expect(migrate(db, { migrationsFolder: folder })).rejects.toThrow(/SELECT 1\/0/);
    expect(await appliedCount(db)).toBe(before);
    // 0005 ran in the same transaction as the broken one: it is not half-applied either.
    expect(await columnsOf(db, 'sync_state')).toEqual(['id', 'last_seq']);
    expect(await columnsOf(db, 'users')).not.toContain('half_done');
  });

  it('`npm start` on a newer database exits with the reason and without building or serving', async () => {
    const database = await openTestDatabase(backend, 'start-too-new', { onDisk: true });
    cleanups.push(() => database.dispose());
    await database.db.query('insert into __drizzle_migrations (hash, created_at) values ($1, $2)', [
      'from-a-newer-version',
      Date.now() + 365 * 86_400_000,
    ]);
    // PGlite's data directory belongs to one process at a time.
    if (database.dataDir) await database.db.close();

    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/start.ts'], {
      cwd: projectRoot,
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: database.dataDir ?? join(projectRoot, 'unused'),
        DATABASE_URL: database.databaseUrl ?? '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(output).toMatch(/upgraded by a newer version of Ngõ Số/);
    expect(output).not.toMatch(/Building the app|is running at/);
  });
});
