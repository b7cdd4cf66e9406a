/**
 * Shapes shared by the register import and export (issue 17). A workbook is read (in a Web Worker,
 * with SheetJS) into plain grids of cells; everything after that is pure code in `src/core/import`.
 */

/** A cell as the reader hands it over: text, a number, a tick, an Excel date, or nothing. */
export type CellValue = string | number | boolean | ExcelDate | null;

/**
 * A cell Excel formats as a date, kept as its serial day number (1900 date system: 1 = 1900-01-01,
 * with Excel's phantom 1900-02-29) so no time zone ever shifts it. Only its year is ever kept
 * (DESIGN §7: birth year, not birth date).
 */
export interface ExcelDate {
  excelDate: number;
}

/** A merged range, 0-based and inclusive, as SheetJS writes `!merges`. */
export interface MergedRange {
  s: { r: number; c: number };
  e: { r: number; c: number };
}

/** One sheet as read: `rows[r][c]`, 0-based; rows may be ragged. */
export interface SheetGrid {
  name: string;
  rows: CellValue[][];
  merges: MergedRange[];
  /** Hidden in the workbook (an old copy, a lookup table): proposed unticked. */
  hidden?: boolean;
}

/** What a workbook was, for the preview: its format and, for text files, the encoding found. */
export interface WorkbookInfo {
  format: 'xlsx' | 'xls' | 'ods' | 'csv';
  /** Text files only: how the bytes were decoded (decode-text.ts). */
  encoding?: TextEncodingName;
}

export type TextEncodingName =
  | 'utf-8'
  | 'utf-8-bom'
  | 'utf-16le'
  | 'utf-16be'
  | 'windows-1258'
  | 'windows-1252';

/** Legacy 8-bit Vietnamese encodings whose text shows as garbage in Unicode (legacy-vietnamese.ts). */
export type LegacyEncoding = 'tcvn3' | 'vni';

/**
 * What a column of the list holds. `idNumber` is recognised only to be refused (DESIGN §7: ID-card
 * numbers are never stored); `ignore` is a column nobody maps.
 */
export const IMPORT_FIELDS = [
  'stt',
  'village',
  'householdNumber',
  'headName',
  'name',
  'relation',
  'birthYear',
  'birthDate',
  'sex',
  'male',
  'female',
  'lane',
  'address',
  'membersCount',
  'phone',
  'poor',
  'ethnicity',
  'idNumber',
  'notes',
  'ignore',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
