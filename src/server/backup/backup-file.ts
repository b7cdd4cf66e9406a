/**
 * The backup file (issue 16): one gzip file, the same on PGlite and PostgreSQL, read and written as a
 * stream so a 260,000-record commune never sits in memory.
 *
 *   {"format":"ngo-so-backup","formatVersion":1,"createdAt":"2026-12-02T19:00:00.123Z",…}   header
 *   {"@table":"users","rows":2}                                                              section
 *   {"id":"0193…","username":"canbo.xa",…}                                                   one row
 *   …
 *   {"@end":true,"rows":261234}                                                              end
 *
 * A row is PostgreSQL's `row_to_json` of the stored row (column names as keys, timestamps as ISO text,
 * jsonb as JSON), so a restore hands it back to `jsonb_populate_recordset` untouched. Sections come in
 * load order (tables.ts). A backup is whole when gzip's own CRC-32 holds, every section has the rows
 * its header line announced, and the end line is there: a cut or corrupted file is found before a
 * restore touches anything.
 *
 * Names: `ngoso-YYYYMMDD-HHMMSS.backup.gz`, in UTC (one spelling whatever the machine's time zone;
 * the schedule itself is in the commune's time, schedule.ts). Retention deletes only names of this form.
 */
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createGunzip } from 'node:zlib';
import { z } from 'zod';
import { BACKUP_TABLE_NAMES } from './tables.js';

export const BACKUP_FORMAT = 'ngo-so-backup';
export const BACKUP_FORMAT_VERSION = 1;

/** `ngoso-20261202-190000.backup.gz`, or `…-190000-2.backup.gz` for a second one in the same second. */
export const BACKUP_FILE_PATTERN = /^ngoso-\d{8}-\d{6}(-\d+)?\.backup\.gz$/;

const levelSchema = z.strictObject({ count: z.number().int().min(0), last: z.string() });

export const backupHeaderSchema = z.strictObject({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.literal(BACKUP_FORMAT_VERSION),
  /** The instant the backup shows the database at (its transaction's start), ISO. */
  createdAt: z.string(),
  /** package.json's version of the server that wrote it. */
  appVersion: z.string(),
  database: z.enum(['pglite', 'postgres']),
  /** The database's migration level (migration-level.ts): a restore needs the same. */
  migrations: levelSchema,
  /** sync_state.last_seq in the backup: the highest change number it holds. */
  lastSeq: z.number().int().min(0),
  /** Rows per table, in load order. */
  tables: z.array(z.strictObject({ name: z.string(), rows: z.number().int().min(0) })),
});
export type BackupHeader = z.infer<typeof backupHeaderSchema>;

/** A backup file that cannot be read as one: cut, corrupted, or not a backup. Nothing was changed. */
export class BackupFileError extends Error {
  constructor(file: string, reason: string) {
    super(`${file} is not a usable backup: ${reason}`);
    this.name = 'BackupFileError';
  }
}

/** `ngoso-YYYYMMDD-HHMMSS` of `date` in UTC, without the extension. */
export function backupBaseName(date: Date): string {
  const iso = date.toISOString(); // 2026-12-02T19:00:00.123Z
  return `ngoso-${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19).replaceAll(':', '')}`;
}

export function sectionLine(table: string, rows: number): string {
  return JSON.stringify({ '@table': table, rows });
}

export function endLine(rows: number): string {
  return JSON.stringify({ '@end': true, rows });
}

const SECTION_PREFIX = '{"@table":';
const END_PREFIX = '{"@end":';

/** What reading a backup yields: its header, then its rows a batch at a time (raw JSON text). */
export type BackupEvent =
  | { kind: 'header'; header: BackupHeader }
  | { kind: 'rows'; table: string; rows: string[] }
  | { kind: 'end'; rows: number };

/** The lines of a gzip file; gzip's errors (not gzip, cut short, CRC) surface as thrown errors. */
async function* gunzipLines(file: string): AsyncGenerator<string> {
  const source = createReadStream(file);
  const gunzip = createGunzip();
  source.on('error', (error) => gunzip.destroy(error));
  source.pipe(gunzip);
  gunzip.setEncoding('utf8');
  let rest = '';
  for await (const chunk of gunzip as AsyncIterable<string>) {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop() ?? '';
    yield* lines;
  }
  if (rest !== '') yield rest;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Reads a backup, checking its shape as it goes (module doc), and yields its rows in batches of at
 * most `batchRows`. Throws BackupFileError at the first thing wrong; a caller that loads rows inside
 * a transaction therefore rolls back on a bad file.
 */
export async function* readBackup(file: string, batchRows = 2_000): AsyncGenerator<BackupEvent> {
  const fail = (reason: string) => new BackupFileError(file, reason);
  let header: BackupHeader | undefined;
  let section: { table: string; expected: number; seen: number } | undefined;
  let sectionIndex = 0;
  let total = 0;
  let ended = false;
  let batch: string[] = [];
  const closeSection = () => {
    if (section && section.seen !== section.expected)
      throw fail(`table ${section.table} has ${section.seen} rows, the header says ${section.expected}`);
  };
  try {
    for await (const line of gunzipLines(file)) {
      if (ended) {
        if (line === '') continue;
        throw fail('there is more after its end line');
      }
      if (!header) {
        const parsed = backupHeaderSchema.safeParse(parseJson(line));
        if (!parsed.success) throw fail('its first line is not a Ngõ Số backup header');
        header = parsed.data;
        yield { kind: 'header', header };
        continue;
      }
      if (line.startsWith(SECTION_PREFIX) || line.startsWith(END_PREFIX)) {
        if (batch.length > 0 && section) yield { kind: 'rows', table: section.table, rows: batch };
        batch = [];
        closeSection();
        const marker = parseJson(line) as
          | { '@table'?: unknown; '@end'?: unknown; rows?: unknown }
          | undefined;
        if (line.startsWith(END_PREFIX)) {
          if (sectionIndex !== header.tables.length) throw fail('it ends before its last table');
          if (marker?.rows !== total)
            throw fail(`its end line counts ${String(marker?.rows)} rows, not ${total}`);
          ended = true;
          section = undefined;
          continue;
        }
        const announced = header.tables[sectionIndex];
        if (!announced || marker?.['@table'] !== announced.name || marker.rows !== announced.rows)
          throw fail(`table ${String(marker?.['@table'])} is not the one its header announces here`);
        section = { table: announced.name, expected: announced.rows, seen: 0 };
        sectionIndex += 1;
        continue;
      }
      if (!section || !line.startsWith('{') || !line.endsWith('}'))
        throw fail(`line ${total + sectionIndex + 2} is not a row of a table`);
      section.seen += 1;
      total += 1;
      batch.push(line);
      if (batch.length >= batchRows) {
        yield { kind: 'rows', table: section.table, rows: batch };
        batch = [];
      }
    }
  } catch (error) {
    if (error instanceof BackupFileError) throw error;
    // zlib's words: "incorrect header check" (not gzip), "unexpected end of file" (cut short).
    throw fail(`it does not decompress (${(error as Error).message})`);
  }
  if (!header) throw fail('it is empty');
  if (!ended) throw fail('it has no end line (cut short?)');
  yield { kind: 'end', rows: total };
}

/**
 * Reads a backup whole without loading anything: gzip's CRC, the header, every table's row count and
 * the end line. Checks too that it holds exactly this version's tables, in order.
 * @returns its header
 * @throws BackupFileError naming what is wrong
 */
export async function verifyBackup(file: string): Promise<BackupHeader> {
  let header: BackupHeader | undefined;
  for await (const event of readBackup(file, 10_000)) {
    if (event.kind !== 'header') continue;
    header = event.header;
    const names = header.tables.map((t) => t.name).join(', ');
    if (names !== BACKUP_TABLE_NAMES.join(', '))
      throw new BackupFileError(file, `its tables (${names}) are not this version's`);
  }
  if (!header) throw new BackupFileError(file, 'it is empty');
  return header;
}

export interface BackupListing {
  name: string;
  path: string;
  bytes: number;
}

/** The backups in `dir` (names of BACKUP_FILE_PATTERN only), oldest first; none when it does not exist. */
export async function listBackups(dir: string): Promise<BackupListing[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const backups = names.filter((n) => BACKUP_FILE_PATTERN.test(n)).sort(byTime);
  return Promise.all(
    backups.map(async (name) => {
      const path = join(dir, name);
      return { name, path, bytes: (await stat(path)).size };
    }),
  );
}

/** Names sort by their time, then by the `-N` of a second backup in the same second. */
function byTime(a: string, b: string): number {
  const key = (n: string) => {
    const [, stamp = '', extra = '0'] = /^ngoso-(\d{8}-\d{6})(?:-(\d+))?/.exec(n) ?? [];
    return `${stamp}-${extra.padStart(6, '0')}`;
  };
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
}
