/**
 * Backups inside the server process (issue 16): the schedule (schedule.ts), and — on PGlite — the
 * control socket through which `npm run backup` and `npm run restore` reach the database the server
 * holds open (control-socket.ts). One backup or restore at a time; a failed scheduled backup is logged
 * as an error and the server goes on serving. With several processes on one PostgreSQL, one of them
 * takes each scheduled backup: the first to get an advisory lock, which also records the slot it did
 * (in `maintenance`), so a process whose timer fires late does not take it again.
 */
import { mkdir } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { maintenance } from '../db/schema.js';
import type { Database } from '../db.js';
import { BackupFileError } from './backup-file.js';
import {
  type ControlChannel,
  ControlError,
  type ControlRun,
  controlSocketPath,
  serveControlSocket,
} from './control-socket.js';
import { RestoreRefused, restoreBackup } from './restore-backup.js';
import { type BackupConfig, nextBackupAt, pruneBackups } from './schedule.js';
import { type BackupResult, writeBackup } from './write-backup.js';

/** Any constant works; it only has to be the same for every server process sharing the database. */
const SCHEDULED_BACKUP_LOCK_KEY = 0x6e676f62;
/** The `maintenance` row naming the last scheduled backup taken. */
const LAST_SCHEDULED = 'backup.scheduled';

type Log = Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>;

/**
 * Opens the control socket of a PGlite data directory before the database is opened: a live socket
 * means another process has the directory open, and opening it too would corrupt it. Nothing to
 * claim for PostgreSQL or an in-memory PGlite.
 * @throws ControlSocketInUse when another process answers on it
 */
export async function claimDataDir(
  options: { dataDir: string; databaseUrl: string | undefined },
  role: 'server' | 'backup' | 'restore',
): Promise<ControlChannel | undefined> {
  if (options.databaseUrl || options.dataDir.startsWith('memory://')) return undefined;
  const dir = resolve(options.dataDir);
  await mkdir(dir, { recursive: true });
  return serveControlSocket(controlSocketPath(dir), { role, pid: process.pid });
}

export interface BackupServiceOptions {
  db: Database;
  config: BackupConfig;
  /** The data directory's control socket (PGlite), answered from now on. */
  control: ControlChannel | undefined;
  log: Log;
  now?: () => number;
}

export interface BackupService {
  /** Writes a backup into `dir` (default: the configured one). @throws ControlError `busy` */
  backupNow(dir?: string, onTable?: (table: string, rows: number) => void): Promise<BackupResult>;
  /** The scheduled backup of `slot` (ms): taken, left to another process, or failed (and logged). */
  runScheduled(slot: number): Promise<'done' | 'skipped' | 'failed'>;
  /** Stops the schedule, interrupts a running backup and waits for it to end. */
  stop(): Promise<void>;
}

export function startBackupService(options: BackupServiceOptions): BackupService {
  const { db, config, log } = options;
  const now = options.now ?? Date.now;
  const abort = new AbortController();
  let busy: Promise<unknown> | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastSlot = 0;

  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    if (busy) return Promise.reject(new ControlError('busy', 'A backup or restore is already running.'));
    const running = work();
    busy = running;
    return running.finally(() => {
      busy = undefined;
    });
  };

  const backupNow: BackupService['backupNow'] = (dir = config.dir, onTable) =>
    exclusive(() => writeBackup(db, { dir, signal: abort.signal, ...(onTable ? { onTable } : {}) }));

  const runScheduled: BackupService['runScheduled'] = async (slot) => {
    try {
      const taken = await onceAcrossProcesses(db, slot, async () => {
        const result = await backupNow();
        const deleted = await pruneBackups(config.dir, config.keep, now());
        log.info(
          { file: result.file, bytes: result.bytes, rows: result.rows, ms: Math.round(result.ms), deleted },
          'scheduled backup written',
        );
      });
      if (!taken)
        log.info({ slot: new Date(slot).toISOString() }, 'scheduled backup taken by another process');
      return taken ? 'done' : 'skipped';
    } catch (error) {
      log.error(
        { err: error, dir: config.dir, slot: new Date(slot).toISOString() },
        'SCHEDULED BACKUP FAILED: no backup was written for this slot; the server goes on, and the next slot tries again',
      );
      return 'failed';
    }
  };

  const plan = () => {
    if (config.schedule.kind === 'off' || abort.signal.aborted) return;
    // Never the same slot twice, even if a timer fires a moment early.
    const at = nextBackupAt(config.schedule, Math.max(now(), lastSlot));
    timer = setTimeout(
      () => {
        lastSlot = at;
        void runScheduled(at).then(plan);
      },
      Math.max(0, at - now()),
    );
    timer.unref();
  };
  if (config.schedule.kind === 'off') log.warn('scheduled backups are off (BACKUP_SCHEDULE=off)');
  else log.info({ schedule: config.schedule, dir: config.dir, keep: config.keep }, 'scheduled backups');
  plan();

  if (options.control) options.control.run = controlRun(db, backupNow, exclusive);

  return {
    backupNow,
    runScheduled,
    async stop() {
      if (timer) clearTimeout(timer);
      if (options.control) options.control.run = undefined;
      abort.abort(new Error('The server is stopping.'));
      await busy?.catch(() => {});
    },
  };
}

/**
 * Runs `work` for `slot` unless another process sharing the database has or is doing it.
 * @returns false when it was left to another process
 */
async function onceAcrossProcesses(db: Database, slot: number, work: () => Promise<void>): Promise<boolean> {
  if (db.kind === 'pglite') {
    await work(); // one process per data directory (control socket)
    return true;
  }
  return db.withConnection(async (orm) => {
    const [got] = (
      await orm.execute<{ ok: boolean }>(sql`select pg_try_advisory_lock(${SCHEDULED_BACKUP_LOCK_KEY}) as ok`)
    ).rows;
    if (!got?.ok) return false;
    try {
      const [last] = await orm.select().from(maintenance).where(eq(maintenance.name, LAST_SCHEDULED));
      if (typeof last?.detail.slot === 'number' && last.detail.slot >= slot) return false;
      await work();
      await orm
        .insert(maintenance)
        .values({ name: LAST_SCHEDULED, detail: { slot } })
        .onConflictDoUpdate({ target: maintenance.name, set: { detail: { slot }, doneAt: new Date() } });
      return true;
    } finally {
      await orm.execute(sql`select pg_advisory_unlock(${SCHEDULED_BACKUP_LOCK_KEY})`);
    }
  });
}

function absolutePath(value: unknown, name: string): string {
  if (typeof value !== 'string' || !isAbsolute(value))
    throw new ControlError('bad_request', `"${name}" must be an absolute path.`);
  return value;
}

/** The control socket's backup and restore, run by this server on its own database connection. */
function controlRun(
  db: Database,
  backupNow: BackupService['backupNow'],
  exclusive: <T>(work: () => Promise<T>) => Promise<T>,
): ControlRun {
  return async (action, body, progress) => {
    if (action === 'backup') {
      const dir = body.dir === undefined ? undefined : absolutePath(body.dir, 'dir');
      const result = await backupNow(dir, (table, rows) => progress({ table, rows }));
      return {
        file: result.file,
        bytes: result.bytes,
        rows: result.rows,
        createdAt: result.header.createdAt,
        transactionMs: Math.round(result.transactionMs),
        ms: Math.round(result.ms),
      };
    }
    const file = absolutePath(body.file, 'file');
    // A running server's data is replaced only when asked in so many words (npm run restore --force).
    if (body.force !== true)
      throw new ControlError('running', 'The server is running: restoring over its data needs --force.');
    try {
      const report = await exclusive(() =>
        restoreBackup(db, file, { force: true, onProgress: (p) => progress({ ...p }) }),
      );
      return { ...report, ms: Math.round(report.ms) };
    } catch (error) {
      if (error instanceof RestoreRefused) throw new ControlError(error.reason, error.message);
      if (error instanceof BackupFileError) throw new ControlError('bad_file', error.message);
      throw error;
    }
  };
}
