import { createReadStream, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { readBackup } from '../../src/server/backup/backup-file.js';
import { BACKUP_TABLE_NAMES, quoted } from '../../src/server/backup/tables.js';
import type { Database } from '../../src/server/db.js';

export type TableDump = Record<string, string[]>;

/** Every backed-up table's rows as PostgreSQL's JSON text, sorted: two equal dumps are equal data. */
export async function dumpTables(db: Database): Promise<TableDump> {
  const dump: TableDump = {};
  for (const name of BACKUP_TABLE_NAMES) {
    const { rows } = await db.query<{ j: string }>(
      `select row_to_json(t)::text as j from ${quoted(name)} t order by 1`,
    );
    dump[name] = rows.map((r) => r.j);
  }
  return dump;
}

/** The rows a backup file holds, per table, sorted as dumpTables sorts them. */
export async function backupRows(file: string): Promise<TableDump> {
  const dump: TableDump = Object.fromEntries(BACKUP_TABLE_NAMES.map((n) => [n, [] as string[]]));
  for await (const event of readBackup(file)) {
    if (event.kind === 'rows') dump[event.table]?.push(...event.rows);
  }
  for (const rows of Object.values(dump)) rows.sort();
  return dump;
}

/** A copy of a backup whose decompressed lines went through `edit`, compressed again (a valid gzip). */
export async function editBackup(
  file: string,
  out: string,
  edit: (lines: string[]) => string[],
): Promise<void> {
  const chunks: Buffer[] = [];
  await pipeline(createReadStream(file), createGunzip(), async function* (source) {
    for await (const chunk of source) chunks.push(chunk as Buffer);
    yield '';
  });
  const lines = edit(Buffer.concat(chunks).toString('utf8').split('\n'));
  await pipeline(
    (async function* () {
      yield lines.join('\n');
    })(),
    createGzip(),
    createWriteStream(out),
  );
}

/** Parsed rows of one table of a dump. */
export function rowsOf<T>(dump: TableDump, table: string): T[] {
  return (dump[table] ?? []).map((j) => JSON.parse(j) as T);
}
