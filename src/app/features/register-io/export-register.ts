/**
 * Exporting the register as a file (issue 17, item 6): the phone's own copy of a village's (or every
 * village's) households and residents, as XLSX or CSV, in the shape the import reads back
 * (core/import/register-export.ts), saved through the browser's download.
 *
 * Every export is written to the server's audit log first (POST /api/exports; DESIGN §7). For the whole
 * commune that record is a condition: without it (offline, logged out, the server refusing) no file is
 * made. A single village's export works offline, where a lead often is; unrecorded then, it is kept on
 * the phone and recorded by the next sync (sync/export-records.ts).
 *
 * SheetJS (@e965/xlsx, ~160 kB gzipped) is imported only when an XLSX is asked for, so it never weighs on
 * the first load (DESIGN §6).
 */
import {
  communeRegisterRows,
  type RegisterRow,
  registerCounts,
  registerCsv,
  registerFileName,
  registerSheets,
  type VillageRegister,
} from '../../../core/import/register-export';
import { getDb, type VillageRow } from '../../db/database';
import { communeToday } from '../../state/commune-clock';
import { ApiFailure, apiRequest } from '../../sync/api-client';
import { queueExportRecord } from '../../sync/export-records';
import { canSync, type Session, useSession } from '../../sync/session';

export type ExportFormat = 'xlsx' | 'csv';
export type ExportScope = 'village' | 'commune';

/** Why no file was made, each with its own words in the panel (registerIo.export.<reason>). */
export type ExportRefusal =
  | 'notAllowed'
  | 'forbidden'
  | 'offline'
  | 'needsLogin'
  | 'notRecorded'
  | 'noVillage';

export class ExportRefused extends Error {
  constructor(
    readonly reason: ExportRefusal,
    /** The server's error code, for `notRecorded`. */
    readonly code = '',
  ) {
    super(`export refused: ${reason}${code ? ` (${code})` : ''}`);
    this.name = 'ExportRefused';
  }
}

export interface ExportRequest {
  /** `village`: exactly one village; `commune`: every village the file should hold. */
  villageIds: readonly string[];
  scope: ExportScope;
  format: ExportFormat;
}

export interface ExportDone {
  fileName: string;
  households: number;
  residents: number;
}

const byName = new Intl.Collator('vi', { numeric: true });

/**
 * Reads the villages from the phone, has the export recorded, makes the file and hands it to the
 * browser's download.
 *
 * Who: commune officers any village and the commune; leads their own villages, one at a time; members
 * and a phone nobody is logged in on, no one (`notAllowed`).
 *
 * @throws ExportRefused when no file may be made (see ExportRefusal); any other error when the file
 *   could not be made (the panel shows its message)
 */
export async function exportRegister(request: ExportRequest): Promise<ExportDone> {
  const session = allowedSession(request);
  const parts = await readVillages(request.villageIds);
  const counts = registerCounts(parts);
  await recordExport(session, {
    scope: request.scope,
    villageIds: parts.map((p) => p.village.id),
    format: request.format,
    ...counts,
  });

  const day = communeToday();
  const first = parts[0]?.village.name ?? '';
  const fileName = registerFileName(
    request.scope === 'commune' ? 'commune' : { villageName: first },
    day,
    request.format,
  );
  const blob =
    request.format === 'xlsx'
      ? await xlsxBlob(parts)
      : new Blob([registerCsv(csvRows(parts, request.scope))], { type: 'text/csv;charset=utf-8' });
  saveFile(blob, fileName);
  return { fileName, ...counts };
}

/** The session on this phone, when its account may make this export (the server checks again). */
function allowedSession(request: ExportRequest): Session {
  const session = useSession.getState().session;
  const user = session?.user;
  if (!session || !user || user.role === 'member') throw new ExportRefused('notAllowed');
  if (request.villageIds.length === 0) throw new ExportRefused('noVillage');
  if (request.scope === 'village' && request.villageIds.length !== 1)
    throw new Error('A village export names exactly one village.');
  if (request.scope === 'commune' && user.role !== 'commune') throw new ExportRefused('forbidden');
  if (user.role === 'lead' && request.villageIds.some((id) => !user.villageIds.includes(id)))
    throw new ExportRefused('forbidden');
  return session;
}

/**
 * The villages' live rows, read in one transaction so a pull landing meanwhile cannot split a household
 * from its residents. Villages in the village list's order (by name); deleted or missing ones are
 * left out, and none left is `noVillage`.
 */
async function readVillages(villageIds: readonly string[]): Promise<LoadedVillage[]> {
  const db = getDb();
  const parts = await db.transaction('r', db.villages, db.households, db.residents, async () =>
    Promise.all(
      villageIds.map(async (id) => {
        const village = await db.villages.get(id);
        if (!village || village.deletedAt) return undefined;
        const [households, residents] = await Promise.all([
          db.households.where('villageId').equals(id).toArray(),
          db.residents.where('villageId').equals(id).toArray(),
        ]);
        return { village, households, residents };
      }),
    ),
  );
  const found = parts.filter((p) => p !== undefined);
  if (found.length === 0) throw new ExportRefused('noVillage');
  return found.sort((a, b) => byName.compare(a.village.name, b.village.name));
}

interface LoadedVillage extends VillageRegister {
  village: VillageRow;
}

/** What POST /api/exports records (src/server/routes/exports.ts). */
interface ExportRecord {
  scope: ExportScope;
  villageIds: string[];
  format: ExportFormat;
  households: number;
  residents: number;
}

/**
 * How long a village's export waits for the server to record it (ms) before making the file anyway:
 * on a dead 2G link the request would otherwise hold the file for the client's full minute.
 */
const VILLAGE_RECORD_WAIT_MS = 8_000;

/** Network-level failures: no answer from the Ngõ Số server at all. */
const UNREACHED = new Set(['network', 'timeout', 'not_our_server']);

/**
 * POST /api/exports before the file exists. Commune-wide: any failure refuses the export. One
 * village: only the server's "forbidden" does (the account lost the village); unreached, logged out or
 * a server in trouble, the file is still made and goes unrecorded.
 */
async function recordExport(session: Session, record: ExportRecord): Promise<void> {
  const commune = record.scope === 'commune';
  const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
  if (commune && !canSync(session)) throw new ExportRefused('needsLogin');
  if (commune && offline) throw new ExportRefused('offline');
  if (!commune && (offline || !canSync(session))) return queueExportRecord(record);
  const gaveUp = new AbortController();
  const timer = commune ? undefined : setTimeout(() => gaveUp.abort(), VILLAGE_RECORD_WAIT_MS);
  try {
    await apiRequest('/api/exports', { token: session.token, body: record, signal: gaveUp.signal });
  } catch (error) {
    if (error instanceof ApiFailure && error.status === 403) throw new ExportRefused('forbidden');
    // Unrecorded now: recorded by the next sync (sync/export-records.ts).
    if (!commune) return queueExportRecord(record);
    if (!(error instanceof ApiFailure)) throw error;
    if (UNREACHED.has(error.code)) throw new ExportRefused('offline');
    if (error.needsLogin) throw new ExportRefused('needsLogin');
    throw new ExportRefused('notRecorded', error.code);
  } finally {
    clearTimeout(timer);
  }
}

/** One village: its rows; the commune: one file with the village's name in a first column. */
function csvRows(parts: readonly VillageRegister[], scope: ExportScope): RegisterRow[] {
  if (scope === 'commune') return communeRegisterRows(parts);
  const [only] = registerSheets(parts);
  return only?.rows ?? [];
}

/** Widest column Excel is told to show, in characters: a long note wraps rather than fills the screen. */
const MAX_COLUMN_WIDTH = 40;

/**
 * The workbook: a sheet per village, empty cells left out (so the import reads them as empty, not as
 * ""), columns as wide as their longest text, and a filter on the header row. SheetJS Community Edition
 * writes no frozen panes, so the header does not stay in view when scrolling.
 */
async function xlsxBlob(parts: readonly VillageRegister[]): Promise<Blob> {
  const XLSX = await import('@e965/xlsx');
  const book = XLSX.utils.book_new();
  for (const sheet of registerSheets(parts)) {
    const cells = sheet.rows.map((row) => row.map((cell) => (cell === '' ? null : cell)));
    const ws = XLSX.utils.aoa_to_sheet(cells);
    ws['!cols'] = columnWidths(sheet.rows);
    if (ws['!ref']) ws['!autofilter'] = { ref: ws['!ref'] };
    XLSX.utils.book_append_sheet(book, ws, sheet.name);
  }
  const data = XLSX.write(book, { bookType: 'xlsx', type: 'array', compression: true }) as ArrayBuffer;
  return new Blob([data], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
}

function columnWidths(rows: readonly RegisterRow[]): { wch: number }[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      const longestLine = Math.max(
        ...String(cell)
          .split('\n')
          .map((line) => line.length),
      );
      widths[i] = Math.max(widths[i] ?? 0, longestLine);
    });
  }
  return widths.map((w) => ({ wch: Math.min(MAX_COLUMN_WIDTH, w + 2) }));
}

/**
 * How long the file's object URL lives after the click (ms). Some browsers start reading it only after
 * the click's task ends, and a URL revoked before that gives a failed download; FileSaver.js waits 40 s.
 */
const REVOKE_AFTER_MS = 40_000;

/** Hands a file to the browser's download (Blob, object URL, `<a download>`), then frees the URL. */
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.hidden = true;
  document.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
  }
}
