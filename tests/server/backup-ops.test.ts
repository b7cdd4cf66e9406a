/**
 * Running backups for a commune (issue 16, item 2): the schedule's settings, retention, the scheduled
 * backup taken once by several processes and a failed one that does not stop the server, and
 * `npm run backup` / `npm run restore` — on their own database, and (PGlite) through the control socket
 * of a running server, which a restore without --force refuses to overwrite.
 */
import { readdir, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKUP_FILE_PATTERN } from '../../src/server/backup/backup-file.js';
import { controlSocketPath } from '../../src/server/backup/control-socket.js';
import {
  nextBackupAt,
  parseBackupSchedule,
  pruneBackups,
  readBackupConfig,
} from '../../src/server/backup/schedule.js';
import { claimDataDir, startBackupService } from '../../src/server/backup/service.js';
import { writeBackup } from '../../src/server/backup/write-backup.js';
import type { CliIo } from '../../src/server/cli/admin.js';
import { backupMain, describeFailure, restoreMain } from '../../src/server/cli/backup-commands.js';
import { type Database, openDatabase, SERVER_APPLICATION_NAME } from '../../src/server/db.js';
import { createUser } from './auth-harness.js';
import { dumpTables } from './backup-fixtures.js';
import { backendsForFile, makeTempDir, openTestDatabase, removeDir, type TestDatabase } from './helpers.js';

function captureIo(): CliIo & { lines: string[] } {
  const lines: string[] = [];
  return { lines, out: (line) => lines.push(line), err: (line) => lines.push(line) };
}

/** A logger that keeps what it was told, to assert a failure was told loudly. */
function memoryLog() {
  const entries: Array<{ level: string; msg: string }> = [];
  const at = (level: string) => (_obj: unknown, msg?: string) => {
    entries.push({ level, msg: msg ?? '' });
  };
  return { entries, info: at('info'), warn: at('warn'), error: at('error') };
}

const HOUR = 3_600_000;

describe('a failed restore, told', () => {
  it('gives the database’s reason and never the rows it was loading', () => {
    const cause = Object.assign(new Error('invalid input syntax for type json'), { code: '22P02' });
    const failed = new Error('Failed query: insert into "records" …\nparams: [{"name":"Lò Thị Xuân"}]', {
      cause,
    });
    const told = describeFailure(failed);
    expect(told).toBe('invalid input syntax for type json (22P02)');
    expect(told).not.toContain('Xuân');
    const deadlock = Object.assign(new Error('deadlock detected'), { code: '40P01' });
    expect(describeFailure(new Error('Failed query: truncate …', { cause: deadlock }))).toMatch(
      /deadlock detected \(40P01\) — a server was writing at the same moment/,
    );
    expect(describeFailure(new Error('Failed query: x\nparams: Xuân'))).toBe('Failed query: x');
  });
});

describe('backup settings', () => {
  it('reads a daily time, an interval and off, and refuses anything else in words', () => {
    expect(parseBackupSchedule('02:00')).toEqual({ kind: 'daily', minute: 120 });
    expect(parseBackupSchedule('every 6h')).toEqual({ kind: 'every', hours: 6 });
    expect(parseBackupSchedule('OFF')).toEqual({ kind: 'off' });
    for (const bad of ['2am', '25:00', 'every 0h', 'every 48h', 'nightly'])
      expect(() => parseBackupSchedule(bad)).toThrow(/BACKUP_SCHEDULE must be .*"02:00".*got/);
  });

  it('keeps 14 beside DATA_DIR by default, and refuses a retention longer than erasure allows', () => {
    expect(readBackupConfig({}, '/srv/ngoso/data')).toEqual({
      dir: '/srv/ngoso/backups',
      schedule: { kind: 'daily', minute: 120 },
      keep: 14,
    });
    expect(() => readBackupConfig({ BACKUP_KEEP: '31' }, './data')).toThrow(
      /31 days.*within 30 days.*at most 30/,
    );
    expect(() => readBackupConfig({ BACKUP_KEEP: '0' }, './data')).toThrow(/BACKUP_KEEP must be/);
    expect(readBackupConfig({ BACKUP_KEEP: '120', BACKUP_SCHEDULE: 'every 6h' }, './data').keep).toBe(120);
    expect(() => readBackupConfig({ BACKUP_KEEP: '121', BACKUP_SCHEDULE: 'every 6h' }, './data')).toThrow(
      /at most 120/,
    );
  });

  it('schedules in the commune’s time (UTC+7), the next time strictly after now', () => {
    const daily = parseBackupSchedule('02:00');
    if (daily.kind === 'off') throw new Error('unreachable');
    // 02:00 in Hà Nội is 19:00 UTC the day before.
    expect(nextBackupAt(daily, Date.parse('2026-12-01T18:59:59Z'))).toBe(Date.parse('2026-12-01T19:00:00Z'));
    expect(nextBackupAt(daily, Date.parse('2026-12-01T19:00:00Z'))).toBe(Date.parse('2026-12-02T19:00:00Z'));
    const every = parseBackupSchedule('every 5h');
    if (every.kind === 'off') throw new Error('unreachable');
    // 22:30 in Hà Nội: the next 5-hour mark after 20:00 is midnight, not 01:00.
    expect(nextBackupAt(every, Date.parse('2026-12-01T15:30:00Z'))).toBe(Date.parse('2026-12-01T17:00:00Z'));
  });
});

describe('retention', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await makeTempDir('retention');
  });
  afterAll(async () => {
    await removeDir(dir);
  });

  it('keeps the newest N backups and none older than 30 days, and touches nothing else', async () => {
    const now = Date.parse('2026-12-20T00:00:00Z');
    const names = [
      'ngoso-20261101-190000.backup.gz', // 49 days old: gone even within N
      'ngoso-20261215-190000.backup.gz',
      'ngoso-20261216-190000.backup.gz',
      'ngoso-20261217-190000.backup.gz',
      'ngoso-20261217-190000-2.backup.gz',
      'ngoso-20261218-190000.backup.gz',
      'ngoso-20261219-190000.backup.gz',
      'notes.txt',
      'ngoso-20261101-190000.backup.gz.copy',
      '.ngoso-partial-1-aa.backup.gz',
      '.ngoso-partial-2-bb.backup.gz',
    ];
    for (const name of names) await writeFile(join(dir, name), 'x');
    // A partial file a crash left two days ago goes; one being written now stays.
    await utimes(
      join(dir, '.ngoso-partial-1-aa.backup.gz'),
      (now - 48 * HOUR) / 1000,
      (now - 48 * HOUR) / 1000,
    );
    await utimes(join(dir, '.ngoso-partial-2-bb.backup.gz'), now / 1000, now / 1000);

    const deleted = await pruneBackups(dir, 4, now);
    expect(deleted.sort()).toEqual([
      '.ngoso-partial-1-aa.backup.gz',
      'ngoso-20261101-190000.backup.gz',
      'ngoso-20261215-190000.backup.gz',
      'ngoso-20261216-190000.backup.gz',
    ]);
    expect((await readdir(dir)).sort()).toEqual([
      '.ngoso-partial-2-bb.backup.gz',
      'ngoso-20261101-190000.backup.gz.copy',
      'ngoso-20261217-190000-2.backup.gz',
      'ngoso-20261217-190000.backup.gz',
      'ngoso-20261218-190000.backup.gz',
      'ngoso-20261219-190000.backup.gz',
      'notes.txt',
    ]);
  });
});

describe.each(backendsForFile('backup-ops'))('backup operations on $kind', (backend) => {
  let source: TestDatabase;
  let dir: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    source = await openTestDatabase(backend, 'backup-ops', { onDisk: true });
    await createUser(source.db, { username: 'can.bo', role: 'commune' });
    dir = await makeTempDir('backup-ops');
    env = backend.databaseUrl
      ? { DATABASE_URL: source.databaseUrl, BACKUP_DIR: join(dir, 'scheduled') }
      : { DATA_DIR: source.dataDir, BACKUP_DIR: join(dir, 'scheduled') };
  });
  afterAll(async () => {
    // Reopened by a test (below): dispose() closes only the first handle.
    await source.db.close();
    await source.dispose();
    await removeDir(dir);
  });

  const config = (sub: string) => ({ dir: join(dir, sub), schedule: { kind: 'off' as const }, keep: 2 });

  it('a scheduled backup is written once, by one process, and retention follows it', async () => {
    // Two processes sharing the database (on PGlite, one: the directory has one owner).
    const other: Database = backend.databaseUrl
      ? await openDatabase({ dataDir: 'unused', databaseUrl: source.databaseUrl })
      : source.db;
    const log = memoryLog();
    const a = startBackupService({ db: source.db, config: config('shared'), control: undefined, log });
    const b = startBackupService({ db: other, config: config('shared'), control: undefined, log });
    try {
      const slot = Date.now();
      const outcomes = await Promise.all([a.runScheduled(slot), b.runScheduled(slot)]);
      if (backend.databaseUrl) expect(outcomes.sort()).toEqual(['done', 'skipped']);
      // A process whose timer fired late finds the slot taken.
      if (backend.databaseUrl) expect(await b.runScheduled(slot)).toBe('skipped');
      const files = (await readdir(join(dir, 'shared'))).filter((n) => BACKUP_FILE_PATTERN.test(n));
      expect(files).toHaveLength(backend.databaseUrl ? 1 : 2);
      for (let i = 0; i < 3; i++) expect(await a.runScheduled(slot + (i + 1) * 1000)).toBe('done');
      expect((await readdir(join(dir, 'shared'))).filter((n) => BACKUP_FILE_PATTERN.test(n))).toHaveLength(2);
      expect(log.entries.filter((e) => e.level === 'error')).toEqual([]);
    } finally {
      await a.stop();
      await b.stop();
      if (other !== source.db) await other.close();
    }
  });

  it('a failed scheduled backup is logged as an error and the server goes on', async () => {
    const blocked = join(dir, 'not-a-directory');
    await writeFile(blocked, 'x');
    const log = memoryLog();
    const service = startBackupService({
      db: source.db,
      config: { ...config('x'), dir: blocked },
      control: undefined,
      log,
    });
    try {
      // A slot after those the other test recorded (PostgreSQL remembers the last one taken).
      expect(await service.runScheduled(Date.now() + 10 * HOUR)).toBe('failed');
      expect(log.entries.filter((e) => e.level === 'error')).toEqual([
        { level: 'error', msg: expect.stringMatching(/^SCHEDULED BACKUP FAILED/) },
      ]);
      // The next one works once the directory is usable.
      expect((await service.backupNow(join(dir, 'after-failure'))).rows).toBeGreaterThan(0);
    } finally {
      await service.stop();
    }
  });

  it('npm run backup and npm run restore work on a database no server has open', async () => {
    const before = await dumpTables(source.db);
    // The test's own handle on a PGlite directory is closed while the commands open it.
    if (!backend.databaseUrl) await source.db.close();
    try {
      const io = captureIo();
      expect(await backupMain(['--out', join(dir, 'cli')], env, io), io.lines.join('\n')).toBe(0);
      expect(io.lines.at(-1)).toMatch(/^Backup written: .*ngoso-.*\.backup\.gz/);
      const [name = ''] = (await readdir(join(dir, 'cli'))).filter((n) => BACKUP_FILE_PATTERN.test(n));
      const file = join(dir, 'cli', name);
      const refused = captureIo();
      expect(await restoreMain([file], env, refused)).toBe(1);
      expect(refused.lines.join('\n')).toMatch(/already holds data.*--force[\s\S]*Nothing was changed/);
      const forced = captureIo();
      expect(await restoreMain([file, '--force'], env, forced), forced.lines.join('\n')).toBe(0);
      expect(forced.lines.join('\n')).toMatch(/whole\.[\s\S]*users: 1 \/ 1 rows[\s\S]*Restored \d+ rows in/);
    } finally {
      if (!backend.databaseUrl) source.db = await openDatabase({ dataDir: source.dataDir ?? '' });
    }
    const after = await dumpTables(source.db);
    expect(after.users).toEqual(before.users);
    expect(after.records).toEqual(before.records);
  });

  it('npm run restore refuses to overwrite a running server’s data without --force', async () => {
    const { file } = await writeBackup(source.db, { dir: join(dir, 'running') });
    // A server on this data: its control socket (PGlite), or its named connection (PostgreSQL).
    const server = backend.databaseUrl
      ? await openDatabase({
          dataDir: 'unused',
          databaseUrl: source.databaseUrl,
          applicationName: SERVER_APPLICATION_NAME,
        })
      : undefined;
    await server?.query('select 1');
    const control = backend.databaseUrl
      ? undefined
      : await claimDataDir({ dataDir: source.dataDir ?? '', databaseUrl: undefined }, 'server');
    try {
      const before = await dumpTables(source.db);
      const io = captureIo();
      expect(await restoreMain([file], env, io)).toBe(1);
      expect(io.lines.join('\n')).toMatch(/is (running|connected).*Stop it first, or run again with --force/);
      expect(await dumpTables(source.db)).toEqual(before);
    } finally {
      await control?.close();
      await server?.close();
    }
  });

  // PGlite only: a PostgreSQL database is open to any number of processes, so there is no socket.
  if (backend.kind === 'pglite')
    it('with a server running on the data directory, both commands go through its control socket', async () => {
      const control = await claimDataDir({ dataDir: source.dataDir ?? '', databaseUrl: undefined }, 'server');
      const log = memoryLog();
      const service = startBackupService({ db: source.db, config: config('socket'), control, log });
      try {
        const path = controlSocketPath(source.dataDir ?? '');
        expect((await stat(path)).mode & 0o777).toBe(0o600);
        const io = captureIo();
        expect(await backupMain(['--out', join(dir, 'socket')], env, io), io.lines.join('\n')).toBe(0);
        expect(io.lines[0]).toMatch(/A server \(pid \d+\) has .* open: it writes the backup/);
        const [file] = (await readdir(join(dir, 'socket'))).filter((n) => BACKUP_FILE_PATTERN.test(n));
        await createUser(source.db, { username: 'sau.sao.luu', role: 'commune' });
        const restore = captureIo();
        expect(await restoreMain([join(dir, 'socket', file ?? ''), '--force'], env, restore)).toBe(0);
        expect(restore.lines.join('\n')).toMatch(
          /The server \(pid \d+\) restores it[\s\S]*Restored \d+ rows/,
        );
        const users = await source.db.query<{ username: string }>('select username from users order by 1');
        expect(users.rows.map((u) => u.username)).toEqual(['can.bo']);
        // A second server cannot open the directory meanwhile.
        await expect(
          claimDataDir({ dataDir: source.dataDir ?? '', databaseUrl: undefined }, 'server'),
        ).rejects.toThrow(/Another process \(pid \d+, a Ngõ Số server\) has this data directory open/);
      } finally {
        await service.stop();
        await control?.close();
      }
    });
});
