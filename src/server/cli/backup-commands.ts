/**
 * `npm run backup [-- --out DIR]` and `npm run restore -- FILE [--force]` (issue 16; docs/OPERATIONS.md
 * §2). Both use DATA_DIR or DATABASE_URL like the server.
 *
 * PGlite: a data directory is open in one process at a time. When a server has it open, both commands
 * go through the server's control socket (backup/control-socket.ts) and the server does the work on its
 * own connection; otherwise the command opens the directory itself, holding the socket meanwhile so a
 * server started at that moment refuses to open it too. PostgreSQL: the command opens its own
 * connection; a server using the same database is seen in pg_stat_activity (db.ts applicationName).
 *
 * Exit codes: 0 done, 1 refused or failed (nothing changed), 2 a mistake in how it was called.
 */
import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { BackupFileError, verifyBackup } from '../backup/backup-file.js';
import {
  type ControlLine,
  callControlSocket,
  controlSocketPath,
  probeControlSocket,
} from '../backup/control-socket.js';
import { describeLevel } from '../backup/migration-level.js';
import {
  checkBackupLevel,
  type RestoreProgress,
  RestoreRefused,
  restoreBackup,
} from '../backup/restore-backup.js';
import { claimDataDir } from '../backup/service.js';
import { writeBackup } from '../backup/write-backup.js';
import { readConfig, type ServerConfig } from '../config.js';
import { type Database, migrate, openDatabase, SERVER_APPLICATION_NAME } from '../db.js';
import type { CliIo } from './admin.js';

export const BACKUP_USAGE = `Usage: npm run backup [-- --out DIR]

Writes a backup of the database (DATA_DIR or DATABASE_URL) into DIR (default BACKUP_DIR: "backups"
beside DATA_DIR), as ngoso-YYYYMMDD-HHMMSS.backup.gz (UTC), readable by this user only. Works while the
server runs.`;

export const RESTORE_USAGE = `Usage: npm run restore -- FILE [--force]

Checks FILE, then replaces the database (DATA_DIR or DATABASE_URL) with it, in one transaction.
Refuses, changing nothing, when FILE is cut or corrupted, was made by a version with another database
schema, when a server is running on this data, or when the database holds data — unless --force.`;

const consoleIo: CliIo = { out: (line) => console.log(line), err: (line) => console.error(line) };

class UsageError extends Error {}

/** Thousands with a space, as Vietnamese and English readers both read them. */
const n = (value: number) => value.toLocaleString('en-US').replaceAll(',', ' ');
const rowCount = (value: number) => `${n(value)} ${value === 1 ? 'row' : 'rows'}`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const megabytes = (bytes: number) => `${(bytes / 1_000_000).toFixed(1)} MB`;

function parse(
  argv: string[],
  usage: string,
  options: Record<string, { type: 'string' | 'boolean' }>,
): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  try {
    return parseArgs({
      args: argv,
      options: { ...options, help: { type: 'boolean' } },
      allowPositionals: true,
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${usage}`);
  }
}

type Parsed = ReturnType<typeof parse>;

/** Parses `argv` (printing the usage for --help), runs `work`, and turns its failures into words and an exit code. */
async function run(
  io: CliIo,
  usage: string,
  argv: string[],
  options: Record<string, { type: 'string' | 'boolean' }>,
  work: (parsed: Parsed) => Promise<number>,
): Promise<number> {
  try {
    const parsed = parse(argv, usage, options);
    if (parsed.values.help) {
      io.out(usage);
      return 0;
    }
    return await work(parsed);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`Error: ${error.message}`);
      return 2;
    }
    if (error instanceof BackupFileError || error instanceof RestoreRefused) {
      io.err(`Refused: ${error.message}`);
      io.err('Nothing was changed.');
      return 1;
    }
    io.err(`Error: ${describeFailure(error)}`);
    if (usage === RESTORE_USAGE) io.err('Nothing was changed: the restore is one transaction.');
    return 1;
  }
}

/**
 * Sends a request to the server holding the data directory and prints its progress.
 * @returns the `done` line's content
 * @throws Error with the server's refusal (RestoreRefused for the restore's reasons)
 */
async function throughServer(
  path: string,
  action: 'backup' | 'restore',
  body: Record<string, unknown>,
  onProgress: (progress: Record<string, unknown>) => void,
): Promise<Record<string, unknown>> {
  const lines = (await callControlSocket(path, 'POST', `/${action}`, body, (line) => {
    const progress = (line as { progress?: Record<string, unknown> }).progress;
    if (progress) onProgress(progress);
  })) as ControlLine[];
  const last = lines.at(-1);
  if (last && 'done' in last) return last.done;
  const error =
    last && 'error' in last ? last.error : { code: 'failed', message: 'The server did not answer.' };
  if (['migration_level', 'database_level', 'not_empty', 'running'].includes(error.code))
    throw new RestoreRefused(error.code as RestoreRefused['reason'], error.message);
  throw new Error(error.message);
}

/** The PGlite data directory's control socket, when a process answers on it. */
async function runningOnDataDir(config: ServerConfig) {
  if (config.databaseUrl) return undefined;
  const path = controlSocketPath(resolve(config.dataDir));
  const status = await probeControlSocket(path);
  return status ? { path, status } : undefined;
}

async function withOwnDatabase<T>(
  config: ServerConfig,
  role: 'backup' | 'restore',
  work: (db: Database) => Promise<T>,
): Promise<T> {
  const control = await claimDataDir(config, role);
  let db: Database | undefined;
  try {
    db = await openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
    return await work(db);
  } finally {
    await db?.close();
    await control?.close();
  }
}

export async function backupMain(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
  io: CliIo = consoleIo,
): Promise<number> {
  return run(io, BACKUP_USAGE, argv, { out: { type: 'string' } }, async ({ values, positionals }) => {
    if (positionals.length > 0) throw new UsageError(`Unexpected "${positionals[0]}".\n\n${BACKUP_USAGE}`);
    const config = readConfig(env);
    const dir = resolve(typeof values.out === 'string' ? values.out : config.backup.dir);
    const onTable = (table: string, rows: number) => io.out(`  ${table}: ${rowCount(rows)}`);
    const running = await runningOnDataDir(config);
    if (running) {
      io.out(`A server (pid ${running.status.pid}) has ${config.dataDir} open: it writes the backup.`);
      const done = await throughServer(running.path, 'backup', { dir }, (p) =>
        onTable(String(p.table), Number(p.rows)),
      );
      io.out(
        `Backup written: ${String(done.file)} (${megabytes(Number(done.bytes))}, ${rowCount(Number(done.rows))}, ` +
          `${seconds(Number(done.ms))}; the database was read for ${seconds(Number(done.transactionMs))}).`,
      );
      return 0;
    }
    if (!config.databaseUrl && !existsSync(join(resolve(config.dataDir), 'PG_VERSION'))) {
      io.err(`Error: there is no database in DATA_DIR (${resolve(config.dataDir)}): nothing to back up.`);
      return 1;
    }
    const result = await withOwnDatabase(config, 'backup', (db) => writeBackup(db, { dir, onTable }));
    io.out(
      `Backup written: ${result.file} (${megabytes(result.bytes)}, ${rowCount(result.rows)}, ${seconds(result.ms)}).`,
    );
    return 0;
  });
}

function progressPrinter(io: CliIo): (p: RestoreProgress) => void {
  let lastTable = '';
  let lastPrinted = 0;
  return ({ table, rows, of }) => {
    if (table !== lastTable) lastPrinted = 0;
    lastTable = table;
    // A line per table, and every 50,000 rows of the big ones.
    if (rows === of || rows - lastPrinted >= 50_000) {
      io.out(`  ${table}: ${n(rows)} / ${n(of)} rows`);
      lastPrinted = rows;
    }
  };
}

export async function restoreMain(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
  io: CliIo = consoleIo,
): Promise<number> {
  return run(io, RESTORE_USAGE, argv, { force: { type: 'boolean' } }, async ({ values, positionals }) => {
    const [given, extra] = positionals;
    if (!given || extra !== undefined) throw new UsageError(`Name one backup file.\n\n${RESTORE_USAGE}`);
    const force = values.force === true;
    const file = resolve(given);
    if (!existsSync(file)) throw new UsageError(`${file} does not exist.`);
    const config = readConfig(env);
    const started = performance.now();

    io.out(`Checking ${basename(file)}…`);
    const header = await verifyBackup(file);
    const rows = header.tables.reduce((sum, t) => sum + t.rows, 0);
    io.out(
      `  taken ${header.createdAt} by Ngõ Số ${header.appVersion} (${header.database}), ` +
        `${rowCount(rows)}, database at ${describeLevel(header.migrations)}: whole.`,
    );
    // Before any database is opened: a backup of another schema is refused whatever the target.
    checkBackupLevel(header);

    const onProgress = progressPrinter(io);
    const running = await runningOnDataDir(config);
    let report: Record<string, unknown>;
    if (running) {
      if (running.status.role !== 'server')
        throw new Error(
          `npm run ${running.status.role} (pid ${running.status.pid}) is using ${config.dataDir}.`,
        );
      if (!force)
        throw refuseRunning(`A server (pid ${running.status.pid}) is running on ${config.dataDir}.`);
      io.out(`The server (pid ${running.status.pid}) restores it, with --force…`);
      report = await throughServer(running.path, 'restore', { file, force: true }, (p) =>
        onProgress(p as unknown as RestoreProgress),
      );
    } else {
      report = (await withOwnDatabase(config, 'restore', async (db) => {
        if (db.kind === 'postgres' && !force && (await serversOn(db)) > 0)
          throw refuseRunning('A Ngõ Số server is connected to this PostgreSQL database.');
        io.out('Restoring…');
        await migrate(db); // a new data directory or database gets its tables first
        return restoreBackup(db, file, { force, onProgress, verified: header });
      })) as unknown as Record<string, unknown>;
    }
    const erasures = Number(report.reappliedErasures ?? 0);
    const kept = (report.keptSecurity ?? {}) as Record<string, number>;
    io.out(
      `Restored ${rowCount(Number(report.rows))} in ${seconds(performance.now() - started)}. ` +
        `The data has a new epoch (${String(report.epoch)}): phones pull it again from the start and ` +
        'send back their changes the backup lacks.',
    );
    if (erasures > 0)
      io.out(`  ${erasures} resident(s) erased after the backup was taken were erased again.`);
    const security = (kept.accounts ?? 0) + (kept.sessions ?? 0) + (kept.devices ?? 0);
    if (security > 0)
      io.out(
        `  Kept from the replaced data: ${kept.accounts ?? 0} account password(s) or lock(s), ` +
          `${kept.sessions ?? 0} signed-out device(s), ${kept.devices ?? 0} forgotten device(s).`,
      );
    return 0;
  });
}

function refuseRunning(what: string): RestoreRefused {
  return new RestoreRefused(
    'running',
    `${what} Stop it first, or run again with --force to replace its data while it runs ` +
      '(phones then pull everything again).',
  );
}

/** Server connections to this database and schema, other than this one (db.ts applicationName). */
async function serversOn(db: Database): Promise<number> {
  const result = await db.orm.execute<{ n: number | string }>(sql`
    select count(*) as n from pg_stat_activity
    where datname = current_database() and pid <> pg_backend_pid()
      and application_name = ${SERVER_APPLICATION_NAME} || '/' || current_schema()`);
  return Number(result.rows[0]?.n ?? 0);
}

/**
 * The database's own reason, never the statement's parameters: a failed load's parameters are the
 * backup's rows, residents' names among them (DESIGN §7), and they would bury the reason.
 */
export function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause;
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    const hint =
      code === '40P01' || code === '55P03'
        ? ' — a server was writing at the same moment: run it again, or stop the servers first.'
        : '';
    return `${cause.message}${typeof code === 'string' ? ` (${code})` : ''}${hint}`;
  }
  return error.message.split('\nparams:')[0] ?? error.message;
}
