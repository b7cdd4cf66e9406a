/**
 * Restores a backup (backup-file.ts) into a database, in one transaction: a restore that fails for any
 * reason — a bad row, a full disk, a refusal — leaves the database exactly as it was.
 *
 * Before anything is touched the whole file is read once (gzip CRC, counts, end line) and its migration
 * level compared with this version's. Then, in the transaction: every table is emptied and loaded from
 * the file, the bigserial ids continue above the restored ones, and `sync_state` keeps the backup's
 * last sequence number but gets a new `epoch`. Phones whose cursors came from the replaced data learn
 * it from their next pull or push (409 `data_restored`, sync/pull.ts) and pull again from the start,
 * re-sending what the backup lacks (app/sync/resync.ts).
 *
 * What the replaced database knew that must not go back in time (issue 16; docs/OPERATIONS.md §2):
 * - erasures (docs/erasure.md): a resident deleted or whose consent was withdrawn in the replaced
 *   database, but not in the backup, is erased again by a server change, as an officer's erase does;
 * - security: an account's password, its being disabled, its revoked sessions and forgotten devices
 *   stay as they are now — a restore never lets a revoked phone or an old password back in.
 * Both are read from the replaced database inside the same transaction, before it is emptied. After
 * the loss of the database itself there is nothing to read them from: see the documentation.
 */
import { basename } from 'node:path';
import { sql } from 'drizzle-orm';
import type { FieldValue } from '../../core/changes';
import { residentErasure } from '../../core/sync/erasure';
import { audit } from '../audit.js';
import { type Database, migrate, type Tx } from '../db.js';
import { eraseByServer } from '../sync/server-erasure.js';
import { lockSequence, saveSequence } from '../sync/store.js';
import { type BackupHeader, readBackup, verifyBackup } from './backup-file.js';
import {
  appliedMigrationLevel,
  describeLevel,
  expectedMigrationLevel,
  type MigrationLevel,
  sameLevel,
} from './migration-level.js';
import { BACKUP_TABLE_NAMES, quoted, SERIAL_ID_TABLES } from './tables.js';

/** Rows per INSERT: one JSON parameter of ~1 MB that the database unpacks (jsonb_populate_recordset). */
const LOAD_ROWS = 2_000;

export type RestoreRefusal = 'migration_level' | 'database_level' | 'not_empty' | 'running';

/** A restore this database must not take, said in words an operator acts on. Nothing was changed. */
export class RestoreRefused extends Error {
  constructor(
    readonly reason: RestoreRefusal,
    message: string,
  ) {
    super(message);
    this.name = 'RestoreRefused';
  }
}

export interface RestoreProgress {
  table: string;
  /** Rows of this table loaded so far. */
  rows: number;
  /** Rows of this table in the backup. */
  of: number;
}

export interface RestoreOptions {
  /** Replace a database that holds data (accounts, records, changes or audit entries). */
  force?: boolean;
  /** After each batch of rows loaded. */
  onProgress?: (progress: RestoreProgress) => void;
  /** The server's clock (ms): the erasures put back are stamped with it. */
  now?: () => number;
  /**
   * The file's header from verifyBackup, when the caller has just read it whole (npm run restore
   * does, before opening the database): it is not read a second time first. The load checks the
   * same things again as it reads, inside the transaction.
   */
  verified?: BackupHeader;
}

export interface RestoreReport {
  header: BackupHeader;
  /** Rows loaded, every table together. */
  rows: number;
  /** The data's new identity (sync_state.epoch). */
  epoch: string;
  /** Residents erased again because the replaced database had erased them (module doc). */
  reappliedErasures: number;
  /** Accounts, sessions and devices whose security state was kept from the replaced database. */
  keptSecurity: { accounts: number; sessions: number; devices: number };
  /** Whether the replaced database held data. */
  replacedData: boolean;
  ms: number;
}

/**
 * Checks `file` and this database, then restores (module doc).
 * @throws BackupFileError for a file that is not a whole backup; RestoreRefused for a backup of
 *   another migration level, a database of another level, or (without `force`) one holding data
 */
export async function restoreBackup(
  db: Database,
  file: string,
  options: RestoreOptions = {},
): Promise<RestoreReport> {
  const started = performance.now();
  const header = options.verified ?? (await verifyBackup(file));
  checkBackupLevel(header);
  checkDatabaseLevel(await appliedMigrationLevel(db.orm));
  const now = options.now ?? Date.now;
  const report = await db.transaction(async (tx) => {
    // Every table at once, sync_state first, as every push takes it first: servers still running on
    // this database wait for the restore instead of deadlocking with its truncate. Not the row lock
    // of lockSequence: a push waiting for that row holds the table's share lock, which this would
    // then wait for.
    const order = ['sync_state', ...BACKUP_TABLE_NAMES.filter((name) => name !== 'sync_state')];
    await tx.execute(sql.raw(`lock table ${order.map(quoted).join(', ')} in access exclusive mode`));
    const replacedData = await holdsData(tx);
    if (replacedData && !options.force) {
      throw new RestoreRefused(
        'not_empty',
        'The database already holds data (accounts, records or a change log). Restoring replaces all ' +
          'of it with the backup: run again with --force if that is what you want.',
      );
    }
    await keepFromReplaced(tx);
    await tx.execute(sql.raw(`truncate table ${BACKUP_TABLE_NAMES.map(quoted).join(', ')}`));
    const rows = await loadRows(tx, file, header, options.onProgress);
    for (const name of SERIAL_ID_TABLES) {
      await tx.execute(
        sql.raw(
          `select setval(pg_get_serial_sequence('${name}', 'id'), coalesce(max(id), 0) + 1, false) from ${quoted(name)}`,
        ),
      );
    }
    // Statistics of the loaded tables, not of the empty ones: PGlite runs no autovacuum, and without
    // them every push would read a whole table (sync/statistics.ts).
    await tx.execute(sql.raw(`analyze ${BACKUP_TABLE_NAMES.map(quoted).join(', ')}`));
    const keptSecurity = await putBackSecurity(tx);
    const reappliedErasures = await putBackErasures(tx, now());
    const [state] = (
      await tx.execute<{ epoch: string }>(
        sql`update sync_state set epoch = gen_random_uuid() where id = 1 returning epoch`,
      )
    ).rows;
    if (!state) throw new Error('The backup holds no sync_state row');
    await audit(tx, {
      userId: null,
      action: 'backup.restore',
      detail: {
        file: basename(file),
        createdAt: header.createdAt,
        lastSeq: header.lastSeq,
        rows,
        replacedData,
        reappliedErasures,
        keptSecurity,
      },
    });
    return { rows, epoch: state.epoch, reappliedErasures, keptSecurity, replacedData };
  });
  // Data repairs this version has and the backup's data may not have had (db/repairs.ts).
  await migrate(db);
  return { header, ...report, ms: performance.now() - started };
}

/**
 * @throws RestoreRefused `migration_level` for a backup whose rows belong to another schema, saying
 *   which version of Ngõ Số restores it
 */
export function checkBackupLevel(header: BackupHeader): void {
  const expected = expectedMigrationLevel();
  if (!sameLevel(header.migrations, expected)) {
    const newer = header.migrations.count > expected.count;
    throw new RestoreRefused(
      'migration_level',
      `This backup was taken by Ngõ Số ${header.appVersion} with its database at ` +
        `${describeLevel(header.migrations)}; this version's database is at ${describeLevel(expected)}. ` +
        (newer
          ? `Install Ngõ Số ${header.appVersion} (or a later version) to restore it.`
          : `Restore it with Ngõ Số ${header.appVersion}, then start this version on the restored ` +
            'data: it upgrades the database as it starts.'),
    );
  }
}

function checkDatabaseLevel(database: MigrationLevel): void {
  const expected = expectedMigrationLevel();
  if (!sameLevel(database, expected)) {
    throw new RestoreRefused(
      'database_level',
      `The database is at ${describeLevel(database)}, this version expects ${describeLevel(expected)}: ` +
        'it was upgraded by a newer version of Ngõ Số. Restore with that version.',
    );
  }
}

async function holdsData(tx: Tx): Promise<boolean> {
  const [row] = (
    await tx.execute<{ has: boolean }>(
      sql`select exists (select 1 from users) or exists (select 1 from records)
            or exists (select 1 from changes) or exists (select 1 from audit_log) as has`,
    )
  ).rows;
  return row?.has === true;
}

/** Loads every section of the file; returns the rows loaded. */
async function loadRows(
  tx: Tx,
  file: string,
  header: BackupHeader,
  onProgress: RestoreOptions['onProgress'],
): Promise<number> {
  const expected = new Map(header.tables.map((t) => [t.name, t.rows]));
  const loaded = new Map<string, number>();
  let total = 0;
  for await (const event of readBackup(file, LOAD_ROWS)) {
    if (event.kind !== 'rows') continue;
    const table = quoted(event.table);
    await tx.execute(
      sql`insert into ${sql.raw(table)} select * from jsonb_populate_recordset(null::${sql.raw(table)}, ${`[${event.rows.join(',')}]`}::jsonb)`,
    );
    const rows = (loaded.get(event.table) ?? 0) + event.rows.length;
    loaded.set(event.table, rows);
    total += event.rows.length;
    onProgress?.({ table: event.table, rows, of: expected.get(event.table) ?? rows });
  }
  return total;
}

/** Copies, before the tables are emptied, what must outlive the restore (module doc). */
async function keepFromReplaced(tx: Tx): Promise<void> {
  await tx.execute(sql`create temporary table restore_keep_users on commit drop as
    select id, password_hash, disabled from users`);
  await tx.execute(sql`create temporary table restore_keep_tokens on commit drop as
    select id, revoked_at from tokens where revoked_at is not null`);
  await tx.execute(sql`create temporary table restore_keep_devices on commit drop as
    select id, forgotten_at from known_devices where forgotten_at is not null`);
  await tx.execute(sql`create temporary table restore_keep_erased on commit drop as
    select id, data from records where tbl = 'residents'
      and (data->>'deletedAt' is not null or data->'consent'->>'withdrawnAt' is not null)`);
}

async function putBackSecurity(tx: Tx): Promise<RestoreReport['keptSecurity']> {
  const accounts = await tx.execute<{ id: string }>(sql`
    update users u set password_hash = k.password_hash, disabled = u.disabled or k.disabled
    from restore_keep_users k
    where u.id = k.id and (u.password_hash <> k.password_hash or (k.disabled and not u.disabled))
    returning u.id`);
  const sessions = await tx.execute<{ id: string }>(sql`
    update tokens t set revoked_at = k.revoked_at from restore_keep_tokens k
    where t.id = k.id and t.revoked_at is null returning t.id`);
  const devices = await tx.execute<{ id: string }>(sql`
    update known_devices d set forgotten_at = k.forgotten_at from restore_keep_devices k
    where d.id = k.id and d.forgotten_at is null returning d.id`);
  return { accounts: accounts.rows.length, sessions: sessions.rows.length, devices: devices.rows.length };
}

/**
 * Erases again each resident the replaced database held erased and the restored one does not (a
 * deletion, or a withdrawal of consent, made after the backup was taken). A resident brought back by
 * the undo of a delete is not erased in the replaced database, so stays as the backup has them.
 * @returns how many residents were erased again
 */
async function putBackErasures(tx: Tx, now: number): Promise<number> {
  const { rows } = await tx.execute<{
    id: string;
    kept: Record<string, FieldValue>;
    village_id: string;
    data: Record<string, FieldValue>;
    clocks: Record<string, string>;
    seq: number | string;
  }>(sql`select k.id, k.data as kept, r.village_id, r.data, r.clocks, r.seq
         from restore_keep_erased k join records r on r.tbl = 'residents' and r.id = k.id
         order by k.id`);
  let sequence = await lockSequence(tx);
  let count = 0;
  for (const row of rows) {
    const was = residentErasure(row.kept);
    const is = residentErasure(row.data);
    if (!was || is === 'deleted' || is === was) continue;
    const fields: Record<string, FieldValue> =
      was === 'deleted' ? { deletedAt: row.kept.deletedAt ?? null } : { consent: row.kept.consent ?? null };
    const erased = await eraseByServer(tx, {
      row: {
        table: 'residents',
        id: row.id,
        villageId: row.village_id,
        state: { values: row.data, clocks: row.clocks },
        seq: Number(row.seq),
      },
      fields,
      reason: was,
      sequence,
      now,
      userId: null,
    });
    sequence = erased.sequence;
    count += 1;
  }
  await saveSequence(tx, sequence);
  return count;
}
