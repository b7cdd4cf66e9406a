/**
 * Writes a backup (backup-file.ts) of the database as it is at one instant, while phones go on pushing.
 *
 * Consistency: every table is read inside one REPEATABLE READ, read-only transaction, so the file is
 * the database as of that transaction's start — every change in `changes` has its row state in
 * `records`, and `lastSeq` is the highest change number. On PostgreSQL the snapshot blocks no writer.
 * PGlite has one connection, so pushes wait for the backup to end and then go on (bench: `backup`).
 *
 * Memory stays bounded: rows come through a server-side cursor (`FETCH 2000`) as PostgreSQL's own JSON
 * text and go straight into gzip. The file is written under a temporary name in the target directory
 * (mode 0600; the directory is made 0700), synced, and renamed when complete: a backup that fails or is
 * interrupted leaves no file a restore or the retention could mistake for a backup.
 */
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { link, mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { sql } from 'drizzle-orm';
import type { Database, Tx } from '../db.js';
import { readPackageVersion } from '../project.js';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  type BackupHeader,
  backupBaseName,
  endLine,
  sectionLine,
} from './backup-file.js';
import { appliedMigrationLevel } from './migration-level.js';
import { BACKUP_TABLE_NAMES, quoted } from './tables.js';

/** Rows per FETCH: ~1 MB of JSON for the register's rows. */
const FETCH_ROWS = 2_000;

export interface WriteBackupOptions {
  /** The directory to write into; made (mode 0700) when missing. */
  dir: string;
  /** Stops the backup between two fetches (server shutdown); the partial file is removed. */
  signal?: AbortSignal;
  /** Called after each table with its row count, for the CLI's progress lines. */
  onTable?: (table: string, rows: number) => void;
}

export interface BackupResult {
  /** Absolute path of the finished file. */
  file: string;
  bytes: number;
  header: BackupHeader;
  /** Rows written, every table together. */
  rows: number;
  /** How long the database transaction was open (ms): on PGlite, how long pushes waited at most. */
  transactionMs: number;
  /** The whole backup, file sync and rename included (ms). */
  ms: number;
}

/**
 * Writes one backup of `db` into `options.dir` (module doc).
 * @throws the database's or the file system's error; no file is left behind then
 */
export async function writeBackup(db: Database, options: WriteBackupOptions): Promise<BackupResult> {
  const started = performance.now();
  const dir = resolve(options.dir);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const partial = join(dir, `.ngoso-partial-${process.pid}-${randomBytes(4).toString('hex')}.backup.gz`);
  let transactionMs = 0;
  try {
    const gzip = createGzip();
    const written = pipeline(gzip, createWriteStream(partial, { flags: 'wx', mode: 0o600 }));
    written.catch(() => {}); // awaited below; a failure while the transaction runs must not go unheard
    const write = async (text: string) => {
      if (!gzip.write(text)) await Promise.race([once(gzip, 'drain'), written]);
    };
    let header: BackupHeader;
    let rows = 0;
    try {
      const txStarted = performance.now();
      ({ header, rows } = await db.orm.transaction((tx) => writeTables(tx, db.kind, write, options), {
        isolationLevel: 'repeatable read',
        accessMode: 'read only',
      }));
      transactionMs = performance.now() - txStarted;
      gzip.end();
      await written;
    } catch (error) {
      gzip.destroy();
      await written.catch(() => {});
      throw error;
    }
    await syncFile(partial);
    const file = await finalName(dir, new Date(header.createdAt), partial);
    await syncFile(dir);
    const { size } = await stat(file);
    return { file, bytes: size, header, rows, transactionMs, ms: performance.now() - started };
  } catch (error) {
    await unlink(partial).catch(() => {});
    throw error;
  }
}

async function writeTables(
  tx: Tx,
  kind: Database['kind'],
  write: (text: string) => Promise<void>,
  options: WriteBackupOptions,
): Promise<{ header: BackupHeader; rows: number }> {
  // now() is the transaction's start, the instant the snapshot shows.
  const [clock] = (
    await tx.execute<{ at: string; last_seq: number | string }>(
      sql`select to_json(now()) #>> '{}' as at, last_seq from sync_state where id = 1`,
    )
  ).rows;
  if (!clock) throw new Error('sync_state has no row: migrations did not run');
  const tables: BackupHeader['tables'] = [];
  for (const name of BACKUP_TABLE_NAMES) {
    const [count] = (
      await tx.execute<{ n: number | string }>(sql.raw(`select count(*) as n from ${quoted(name)}`))
    ).rows;
    tables.push({ name, rows: Number(count?.n ?? 0) });
  }
  const header: BackupHeader = {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    createdAt: new Date(clock.at).toISOString(),
    appVersion: readPackageVersion(),
    database: kind,
    migrations: await appliedMigrationLevel(tx),
    lastSeq: Number(clock.last_seq),
    tables,
  };
  await write(`${JSON.stringify(header)}\n`);
  let total = 0;
  for (const { name, rows } of tables) {
    await write(`${sectionLine(name, rows)}\n`);
    const written = await copyTable(tx, name, write, options.signal);
    // The snapshot cannot change under the cursor: a difference is a bug, not a race.
    if (written !== rows) throw new Error(`${name}: counted ${rows} rows, read ${written}`);
    total += written;
    options.onTable?.(name, written);
  }
  await write(`${endLine(total)}\n`);
  return { header, rows: total };
}

async function copyTable(
  tx: Tx,
  name: string,
  write: (text: string) => Promise<void>,
  signal: AbortSignal | undefined,
): Promise<number> {
  const cursor = `backup_${name}`;
  await tx.execute(
    sql.raw(`declare ${cursor} no scroll cursor for select row_to_json(t)::text as j from ${quoted(name)} t`),
  );
  let count = 0;
  for (;;) {
    signal?.throwIfAborted();
    const { rows } = await tx.execute<{ j: string }>(sql.raw(`fetch ${FETCH_ROWS} from ${cursor}`));
    if (rows.length === 0) break;
    count += rows.length;
    await write(`${rows.map((r) => r.j).join('\n')}\n`);
  }
  await tx.execute(sql.raw(`close ${cursor}`));
  return count;
}

/**
 * Renames the finished file to its name by time; a second backup within the same second gets `-2`,
 * `-3`…, never overwriting one (link fails when the name exists, rename would not).
 */
async function finalName(dir: string, at: Date, partial: string): Promise<string> {
  const base = backupBaseName(at);
  for (let n = 1; ; n++) {
    const file = join(dir, `${base}${n === 1 ? '' : `-${n}`}.backup.gz`);
    try {
      await link(partial, file);
      await unlink(partial);
      return file;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') continue;
      // A file system without hard links (FAT on a USB disk): rename, which replaces a file of the
      // same name — only another backup of the same second, which held the same data.
      if (code === 'EPERM' || code === 'ENOTSUP') {
        await rename(partial, file);
        return file;
      }
      throw error;
    }
  }
}

/**
 * fsync: the file's bytes, then (on the directory) its name, are on disk before the backup is called
 * done, so a power cut right after leaves a whole backup rather than an empty name.
 */
async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } catch {
    // Some file systems refuse fsync on a directory; the file itself was synced.
  } finally {
    await handle.close();
  }
}
