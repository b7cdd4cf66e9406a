/**
 * Backups and restore (issue 16, item 2): a backup taken while phones push is the database as of one
 * instant, and a fresh server restored from it holds every table row for row; restores that must not
 * happen change nothing; erasures and sign-outs made after a backup survive its restore; the files
 * are the operator's alone. On PGlite, and on PostgreSQL when DATABASE_URL is set.
 */
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change } from '../../src/core/changes';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../src/core/sync/protocol';
import { buildServer } from '../../src/server/app.js';
import { BackupFileError } from '../../src/server/backup/backup-file.js';
import { expectedMigrationLevel } from '../../src/server/backup/migration-level.js';
import { RestoreRefused, restoreBackup } from '../../src/server/backup/restore-backup.js';
import { BACKUP_TABLE_NAMES } from '../../src/server/backup/tables.js';
import { writeBackup } from '../../src/server/backup/write-backup.js';
import * as schema from '../../src/server/db/schema.js';
import { readDataIdentity } from '../../src/server/sync/epoch.js';
import {
  type AuthHarness,
  bearer,
  createUser,
  GENEROUS_RATE_LIMITS,
  loginToken,
  startAuthHarness,
  TEST_SCRYPT_LOG_N,
} from './auth-harness.js';
import { backupRows, dumpTables, editBackup, rowsOf, type TableDump } from './backup-fixtures.js';
import { backendsForFile, makeTempDir, openTestDatabase, removeDir, type TestDatabase } from './helpers.js';
import { householdChange, push, residentChange, rowChange, VILLAGE_A } from './sync-fixtures.js';

/** Resolves once `condition` holds, checking after each turn of the event loop (no timed sleeps). */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

function households(n: number): Change[] {
  return Array.from({ length: n }, () => householdChange(VILLAGE_A));
}

describe.each(backendsForFile('backup'))('backups on $kind', (backend) => {
  let h: AuthHarness;
  let dir: string;
  let token: string;

  beforeAll(async () => {
    h = await startAuthHarness(backend, 'backup');
    await createUser(h.db, { username: 'can.bo', role: 'commune' });
    token = await loginToken(h.app, 'can.bo');
    dir = await makeTempDir('backup');
  });
  afterAll(async () => {
    await h.close();
    await removeDir(dir);
  });

  async function ok(changes: Change[]): Promise<void> {
    const res = await push(h.app, token, changes);
    expect(res.statusCode, res.body).toBe(200);
  }

  it('holds every table of the schema, and nothing else', () => {
    const tables = Object.values(schema)
      .filter((value) => value instanceof PgTable)
      .map((table) => getTableConfig(table as PgTable).name);
    expect([...BACKUP_TABLE_NAMES].sort()).toEqual(tables.sort());
  });

  it('a backup taken while phones push is the database at one instant, and a fresh server restored from it holds every row', async () => {
    await ok(households(40));
    const seeded = (await readDataIdentity(h.db.orm)).lastSeq;
    let stop = false;
    let pushes = 0;
    const pushers = [1, 2, 3].map(async () => {
      while (!stop) {
        await ok(households(10));
        pushes++;
      }
    });
    await until(() => pushes >= 3);
    const result = await writeBackup(h.db, { dir: join(dir, 'nightly') });
    const afterBackup = pushes;
    await until(() => pushes >= afterBackup + 3);
    stop = true;
    await Promise.all(pushers);

    // The operator's alone: the file 0600 in a directory 0700.
    expect((await stat(result.file)).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir, 'nightly'))).mode & 0o777).toBe(0o700);
    expect(result.file).toMatch(/\/ngoso-\d{8}-\d{6}\.backup\.gz$/);

    // One instant: change numbers 1…lastSeq with none missing and none beyond, each change's row
    // at or past it, and no row newer than the last number.
    const rows = await backupRows(result.file);
    const lastSeq = result.header.lastSeq;
    expect(lastSeq).toBeGreaterThan(seeded);
    expect((await readDataIdentity(h.db.orm)).lastSeq).toBeGreaterThan(lastSeq);
    expect(rowsOf<{ last_seq: number }>(rows, 'sync_state')[0]?.last_seq).toBe(lastSeq);
    const changes = rowsOf<{ seq: number; tbl: string; row_id: string }>(rows, 'changes');
    expect(changes.map((c) => c.seq).sort((a, b) => a - b)).toEqual(
      Array.from({ length: lastSeq }, (_, i) => i + 1),
    );
    const records = rowsOf<{ seq: number; tbl: string; id: string }>(rows, 'records');
    const rowSeq = new Map(records.map((r) => [`${r.tbl}:${r.id}`, r.seq]));
    for (const c of changes) expect(rowSeq.get(`${c.tbl}:${c.row_id}`)).toBeGreaterThanOrEqual(c.seq);
    expect(Math.max(...records.map((r) => r.seq))).toBe(lastSeq);
    expect(result.header.tables.find((t) => t.name === 'records')?.rows).toBe(records.length);

    const fresh = await openTestDatabase(backend, 'backup-fresh');
    try {
      const report = await restoreBackup(fresh.db, result.file);
      expect(report.rows).toBe(Object.values(rows).reduce((n, list) => n + list.length, 0));
      const restored = await dumpTables(fresh.db);
      for (const name of BACKUP_TABLE_NAMES) {
        if (name === 'sync_state' || name === 'audit_log') continue;
        expect(restored[name], name).toEqual(rows[name]);
      }
      // The restore's own audit entry comes on top of the backup's.
      const audit = restored.audit_log ?? [];
      const restoreEntry = (j: string) => j.includes('"action":"backup.restore"');
      expect(audit.filter((j) => !restoreEntry(j))).toEqual(rows.audit_log);
      expect(audit.filter(restoreEntry)).toHaveLength(1);
      const [before] = rowsOf<{ epoch: string }>(rows, 'sync_state');
      const [after] = rowsOf<{ last_seq: number; epoch: string }>(restored, 'sync_state');
      expect(after?.last_seq).toBe(lastSeq);
      expect(after?.epoch).toBe(report.epoch);
      expect(after?.epoch).not.toBe(before?.epoch);

      // The phone's session was restored with the data; its cursor from the old copy is told so.
      const app = buildServer({
        db: fresh.db,
        distDir: '/nonexistent',
        auth: { now: h.clock.now, scryptLogN: TEST_SCRYPT_LOG_N },
        rateLimits: GENEROUS_RATE_LIMITS,
      });
      try {
        const get = (query: string) =>
          app.inject({
            method: 'GET',
            url: `/api/sync/pull?${query}`,
            headers: { ...bearer(token), [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) },
          });
        const stale = await get(`since=${lastSeq}&scope=all&epoch=${before?.epoch}`);
        expect(stale.statusCode).toBe(409);
        expect(stale.json().error).toMatchObject({ code: 'data_restored', epoch: report.epoch, lastSeq });
        const again = await get('since=0&limit=5000');
        expect(again.statusCode).toBe(200);
        expect(again.json()).toMatchObject({ epoch: report.epoch, hasMore: false });
        expect(again.json().rows).toHaveLength(records.length);
      } finally {
        await app.close();
      }
    } finally {
      await fresh.dispose();
    }
  });

  describe('a restore that must not happen changes nothing', () => {
    let target: TestDatabase;
    let good: string;
    let before: TableDump;

    beforeAll(async () => {
      good = (await writeBackup(h.db, { dir })).file;
      target = await openTestDatabase(backend, 'backup-target');
      await restoreBackup(target.db, good);
      await createUser(target.db, { username: 'moi.them', role: 'lead', villageIds: [VILLAGE_A] });
      before = await dumpTables(target.db);
    });
    afterAll(async () => {
      await target.dispose();
    });

    async function variant(name: string, edit: (bytes: Buffer) => Buffer): Promise<string> {
      const file = join(dir, name);
      await writeFile(file, edit(await readFile(good)));
      return file;
    }

    it.each([
      [
        'a corrupted byte',
        (b: Buffer) =>
          Buffer.concat([b.subarray(0, 200), Buffer.from([(b[200] ?? 0) ^ 0xff]), b.subarray(201)]),
      ],
      ['a file cut short', (b: Buffer) => b.subarray(0, Math.floor(b.length / 2))],
      ['a file that is not gzip', () => Buffer.from('{"format":"ngo-so-backup"}\n')],
    ])('%s is refused before anything is touched', async (label, edit) => {
      const file = await variant(`${label.replaceAll(' ', '-')}.backup.gz`, edit);
      await expect(restoreBackup(target.db, file, { force: true })).rejects.toThrow(BackupFileError);
      expect(await dumpTables(target.db)).toEqual(before);
    });

    it('a table with a row fewer than its header says is refused', async () => {
      const file = join(dir, 'short-table.backup.gz');
      await editBackup(good, file, (lines) => {
        const at = lines.findIndex((l) => l.startsWith('{"@table":"records"'));
        return [...lines.slice(0, at + 1), ...lines.slice(at + 2)];
      });
      await expect(restoreBackup(target.db, file, { force: true })).rejects.toThrow(/records has \d+ rows/);
      expect(await dumpTables(target.db)).toEqual(before);
    });

    it('a backup of another migration level is refused, naming the version that restores it', async () => {
      const file = join(dir, 'old-level.backup.gz');
      await editBackup(good, file, ([header = '', ...rest]) => [
        JSON.stringify({
          ...JSON.parse(header),
          appVersion: '0.0.9',
          migrations: { count: 5, last: '0004_change_rows' },
        }),
        ...rest,
      ]);
      const refusal = restoreBackup(target.db, file, { force: true });
      await expect(refusal).rejects.toThrow(RestoreRefused);
      // Named by this server's own last migration, whichever that is now.
      const current = expectedMigrationLevel().last;
      await expect(refusal).rejects.toThrow(
        new RegExp(`0004_change_rows.*${current}.*Restore it with Ngõ Số 0\\.0\\.9`, 's'),
      );
      expect(await dumpTables(target.db)).toEqual(before);
    });

    it('a database holding data is not replaced without --force', async () => {
      const refusal = restoreBackup(target.db, good);
      await expect(refusal).rejects.toMatchObject({ reason: 'not_empty' });
      expect(await dumpTables(target.db)).toEqual(before);
    });

    it('a row the database refuses halfway through rolls the whole restore back', async () => {
      const file = join(dir, 'bad-row.backup.gz');
      await editBackup(good, file, (lines) =>
        // A logged change without its row id: the NOT NULL constraint refuses it after the tables
        // before it were already emptied and loaded.
        lines.map((l, i) =>
          i > 0 && l.includes('"change_id"') && l.includes('"row_id"')
            ? l.replace(/"row_id":"[^"]*",/, '')
            : l,
        ),
      );
      await expect(restoreBackup(target.db, file, { force: true })).rejects.toThrow();
      expect(await dumpTables(target.db)).toEqual(before);
    });
  });

  it('a forced restore while phones push waits for them and they for it: no deadlock, no 500', async () => {
    const taken = await writeBackup(h.db, { dir: join(dir, 'under-load') });
    let stop = false;
    let pushes = 0;
    const statuses: number[] = [];
    const pushers = [1, 2, 3].map(async () => {
      while (!stop) {
        const res = await push(h.app, token, households(10));
        statuses.push(res.statusCode);
        pushes++;
      }
    });
    await until(() => pushes >= 3);
    const restored = await restoreBackup(h.db, taken.file, { force: true });
    const afterRestore = pushes;
    await until(() => pushes >= afterRestore + 3);
    stop = true;
    await Promise.all(pushers);
    expect(restored.replacedData).toBe(true);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
  });

  it('erasures and sign-outs made after the backup are not undone by restoring it', async () => {
    const household = householdChange(VILLAGE_A);
    const deleted = residentChange(VILLAGE_A, household.rowId, { name: 'Bàn Thị Sửu', phone: '0912345678' });
    const withdrawn = residentChange(VILLAGE_A, household.rowId, {
      name: 'Triệu Văn Phủ',
      consent: {
        purposes: ['skills_support'],
        collectedBy: 'Lục Thị Hoa',
        collectedAt: '2026-11-25T08:00:00.000Z',
      },
    });
    await ok([household, deleted, withdrawn]);
    const phone = await loginToken(h.app, 'can.bo');
    const { file } = await writeBackup(h.db, { dir: join(dir, 'erasure') });

    await ok([
      rowChange('residents', VILLAGE_A, { deletedAt: new Date().toISOString() }, { rowId: deleted.rowId }),
      rowChange(
        'residents',
        VILLAGE_A,
        { consent: { ...(withdrawn.fields.consent as object), withdrawnAt: new Date().toISOString() } },
        { rowId: withdrawn.rowId },
      ),
    ]);
    const logout = await h.app.inject({ method: 'POST', url: '/api/auth/logout', headers: bearer(phone) });
    expect(logout.statusCode).toBe(204);

    const report = await restoreBackup(h.db, file, { force: true });
    expect(report).toMatchObject({ replacedData: true, reappliedErasures: 2 });
    expect(report.keptSecurity.sessions).toBeGreaterThanOrEqual(1);
    const values = async (id: string) =>
      (await h.db.query<{ data: Record<string, unknown> }>('select data from records where id = $1', [id]))
        .rows[0]?.data;
    const gone = await values(deleted.rowId);
    expect(gone?.deletedAt).toEqual(expect.any(String));
    expect(gone?.name ?? null).toBeNull();
    expect(gone?.phone ?? null).toBeNull();
    const label = await values(withdrawn.rowId);
    expect(label?.name).not.toBe('Triệu Văn Phủ');
    expect((label?.consent as { withdrawnAt?: string } | undefined)?.withdrawnAt).toEqual(expect.any(String));
    // Nothing of the deleted person anywhere: the change log and every other table.
    const dump = JSON.stringify(await dumpTables(h.db));
    expect(dump).not.toContain('Bàn Thị Sửu');
    expect(dump).not.toContain('0912345678');
    const me = await h.app.inject({ method: 'GET', url: '/api/me', headers: bearer(phone) });
    expect(me.json().error.code).toBe('device_revoked');
    // The session open when the backup was taken, and never closed, still works.
    expect((await h.app.inject({ method: 'GET', url: '/api/me', headers: bearer(token) })).statusCode).toBe(
      200,
    );
  });
});
