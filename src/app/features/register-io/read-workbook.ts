/**
 * Reads a spreadsheet file into plain grids (issue 17, item 1), with SheetJS (`@e965/xlsx`, the
 * maintained build that also reads legacy `.xls`). Runs in the import worker, never on the page: a
 * village's workbook takes seconds to parse on a cheap phone.
 */
import * as XLSX from '@e965/xlsx';
import { decodeTextFile, NotTextError } from '../../../core/import/decode-text';
import type { CellValue, SheetGrid, WorkbookInfo } from '../../../core/import/types';

/** Larger than any commune's list (a 10,000-household commune is ~3 MB); bigger is not a list. */
export const MAX_FILE_BYTES = 25 * 1024 * 1024;

/** Why a file could not be read at all; the UI says it in words (registerIo.import.file.*). */
export class UnreadableFileError extends Error {
  constructor(readonly reason: 'empty' | 'not_spreadsheet' | 'too_big' | 'no_table') {
    super(reason);
    this.name = 'UnreadableFileError';
  }
}

const FORMULA_GUARD = /^'[=+\-@\t\r]/;

function formatOf(bytes: Uint8Array): WorkbookInfo['format'] {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    // The ZIP's central directory, at its end, names the parts: an OpenDocument sheet has
    // content.xml, an Office one xl/workbook.xml (not every writer puts ODF's mimetype first).
    const tail = new TextDecoder('latin1').decode(bytes.subarray(Math.max(0, bytes.length - 65_536)));
    return tail.includes('content.xml') && !tail.includes('xl/workbook') ? 'ods' : 'xlsx';
  }
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return 'xls';
  return 'csv';
}

function cellValue(cell: XLSX.CellObject | undefined): CellValue {
  if (!cell || cell.v === undefined || cell.v === null) return null;
  switch (cell.t) {
    case 'n':
      return cell.z !== undefined && XLSX.SSF.is_date(cell.z)
        ? { excelDate: cell.v as number }
        : (cell.v as number);
    case 'b':
      return cell.v as boolean;
    case 'd': {
      // A date as a JS Date (ODS): back to a serial day, in UTC as SheetJS made it.
      const date = cell.v as Date;
      const serial =
        (Date.UTC(date.getFullYear(), date.getMonth(), date.getDate()) - Date.UTC(1899, 11, 30)) / 86_400_000;
      return { excelDate: serial };
    }
    case 'e':
      return null;
    default:
      return typeof cell.v === 'string' ? cell.v.normalize('NFC') : String(cell.v);
  }
}

/**
 * The sheets of a file as grids. Format by content, not by name: a ZIP is XLSX or ODS, a CFB
 * container is XLS, anything else must decode as text (UTF-8 with or without BOM, UTF-16,
 * Windows-1258: decode-text.ts) and is read as CSV or tab-separated text, every cell as text (a
 * phone "0912…" or an ID number keeps its digits as typed; the import never reads ID columns anyway).
 * Throws UnreadableFileError.
 */
export function readWorkbook(bytes: Uint8Array): { info: WorkbookInfo; sheets: SheetGrid[] } {
  if (bytes.byteLength === 0) throw new UnreadableFileError('empty');
  if (bytes.byteLength > MAX_FILE_BYTES) throw new UnreadableFileError('too_big');
  const format = formatOf(bytes);
  let workbook: XLSX.WorkBook;
  const info: WorkbookInfo = { format };
  try {
    if (format === 'csv') {
      const decoded = decodeTextFile(bytes);
      info.encoding = decoded.encoding;
      if (decoded.text.trim() === '') throw new UnreadableFileError('empty');
      workbook = XLSX.read(decoded.text, { type: 'string', raw: true, dense: true });
    } else {
      workbook = XLSX.read(bytes, { type: 'array', dense: true, cellDates: false, cellNF: true });
      if (workbook.SheetNames.length === 0) throw new UnreadableFileError('not_spreadsheet');
    }
  } catch (error) {
    if (error instanceof UnreadableFileError) throw error;
    if (error instanceof NotTextError) throw new UnreadableFileError('not_spreadsheet');
    throw new UnreadableFileError('not_spreadsheet');
  }
  const sheets: SheetGrid[] = [];
  for (const name of workbook.SheetNames) {
    const sheet = workbook.Sheets[name];
    if (!sheet) continue;
    const data = (sheet as XLSX.DenseWorkSheet)['!data'] ?? [];
    const rows: CellValue[][] = [];
    for (let r = 0; r < data.length; r++) {
      const row = (data[r] ?? []).map((c) => cellValue(c));
      // Our CSV export guards text that Excel would run as a formula with a leading "'" (OWASP CSV
      // injection advice; register-export.ts): read back, the text is what was typed.
      if (format === 'csv') {
        for (let c = 0; c < row.length; c++) {
          const v = row[c];
          if (typeof v === 'string' && FORMULA_GUARD.test(v)) row[c] = v.slice(1);
        }
      }
      rows.push(row);
    }
    const merges = (sheet['!merges'] ?? []).map((m) => ({ s: { ...m.s }, e: { ...m.e } }));
    const hidden = (workbook.Workbook?.Sheets?.find((s) => s.name === name)?.Hidden ?? 0) !== 0;
    sheets.push({ name, rows, merges, ...(hidden ? { hidden } : {}) });
  }
  if (sheets.every((s) => s.rows.every((r) => r.every((c) => c === null || c === '')))) {
    throw new UnreadableFileError('empty');
  }
  return { info, sheets };
}
