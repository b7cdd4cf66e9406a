import { foldForSearch } from '../search';
import type { CellValue, ExcelDate } from './types';

export function isExcelDate(value: CellValue | undefined): value is ExcelDate {
  return typeof value === 'object' && value !== null && 'excelDate' in value;
}

/** Whether a cell holds nothing: null, empty or white space only. */
export function isBlank(value: CellValue | undefined): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

/**
 * A cell as one line of text, NFC: numbers as Excel would show them without grouping (a phone typed
 * as a number keeps its digits), ticks as "x", dates as their serial (callers that expect dates use
 * {@link birthYearOf}).
 */
export function cellText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.normalize('NFC').trim();
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'x' : '';
  return String(value.excelDate);
}

/**
 * The calendar year of an Excel serial day number (1900 date system). Serial 60 is Excel's phantom
 * 29 February 1900; from 61 on, day 1 is 1 January 1900 shifted by that one day. Only the year is
 * ever kept (DESIGN §7), and it is computed in UTC so no time zone moves a 1 January or 31 December
 * birthday into the next or last year.
 */
export function yearOfExcelSerial(serial: number): number {
  const whole = Math.floor(serial);
  const epoch = Date.UTC(1899, 11, whole < 61 ? 31 : 30);
  return new Date(epoch + whole * 86_400_000).getUTCFullYear();
}

/** Smallest serial read as a date rather than a year: 1 January 1901 is 367. */
const FIRST_SERIAL = 367;
const DATE_TEXT = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$/;
const MONTH_YEAR_TEXT = /^(\d{1,2})\s*[/.-]\s*(\d{4})$/;
const YEAR_TEXT = /^(\d{4})$/;

export type BirthYearResult = { year: number; fromDate: boolean } | { error: 'err.birthYear' } | undefined;

/**
 * The birth year a cell gives (issue 17, item 3: a full date of birth becomes a birth year): a year
 * (1958, "1958"), an Excel date cell, an Excel serial typed in a date column, or text "dd/mm/yyyy",
 * "d-m-yyyy", "dd.mm.yyyy", "mm/yyyy". `fromDate` says a full date was cut to its year. A date that
 * does not exist ("31/02/1960") or any other text is an error; an empty cell is `undefined`. The
 * year's range is judged by the schema (MIN_BIRTH_YEAR, and not after this year: date-rules.ts).
 */
export function birthYearOf(value: CellValue | undefined, dateColumn: boolean): BirthYearResult {
  if (isBlank(value)) return undefined;
  if (isExcelDate(value)) return { year: yearOfExcelSerial(value.excelDate), fromDate: true };
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) return { error: 'err.birthYear' };
    if (value >= 1000 && value <= 9999 && (!dateColumn || value < FIRST_SERIAL * 10)) {
      return { year: value, fromDate: false };
    }
    if (dateColumn && value >= FIRST_SERIAL) return { year: yearOfExcelSerial(value), fromDate: true };
    return { error: 'err.birthYear' };
  }
  const text = cellText(value);
  const year = YEAR_TEXT.exec(text);
  if (year) return { year: Number(year[1]), fromDate: false };
  const date = DATE_TEXT.exec(text);
  if (date) {
    const [d, m, y] = [Number(date[1]), Number(date[2]), Number(date[3])];
    const probe = new Date(Date.UTC(y, m - 1, d));
    if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== m - 1 || probe.getUTCDate() !== d) {
      return { error: 'err.birthYear' };
    }
    return { year: y, fromDate: true };
  }
  const monthYear = MONTH_YEAR_TEXT.exec(text);
  if (monthYear && Number(monthYear[1]) >= 1 && Number(monthYear[1]) <= 12) {
    return { year: Number(monthYear[2]), fromDate: true };
  }
  return { error: 'err.birthYear' };
}

const TICKED = new Set(['x', 'v', 'co', 'yes', '1', 'true', '✓', '✔', '√', 'x.', 'ngheo', 'hn', 'dung']);

/** Whether a yes/no column is ticked: "x", "X", "có", "1", "✓", TRUE; empty, "0", "không" are no. */
export function isTicked(value: CellValue | undefined): boolean {
  if (value === true) return true;
  if (typeof value === 'number') return value !== 0;
  return TICKED.has(foldForSearch(cellText(value)));
}

/** A whole number in a count column ("4", 4, "4 người"); `undefined` when empty, NaN when unreadable. */
export function countOf(value: CellValue | undefined): number | undefined {
  if (isBlank(value)) return undefined;
  if (typeof value === 'number') return value;
  const digits = /^(\d+)\s*(nguoi|khau|nk)?$/.exec(foldForSearch(cellText(value)));
  return digits ? Number(digits[1]) : Number.NaN;
}

/** Words that make a row a subtotal or total line ("Cộng", "Tổng cộng", "Cộng xóm Đông: 25 hộ"). */
/**
 * "Cộng", "Tổng cộng", "Tổng số", "Tổng: 25 hộ", "Cộng xóm Đông: 12 hộ": the word alone, or followed by
 * a colon, a number or a unit word. "Tống Văn Công" and "Cộng Văn Hòa" are people (Tống is a surname,
 * and folding drops the difference between Tống and Tổng).
 */
const SUBTOTAL =
  /^(tong cong|tong so|cong|tong)(\s*$|\s*[:(\d]|\s+(thon|xom|ban|ngo|to|khu|doi|ho|so|nhan|nguoi|cong)\b)/;
/** A total that ends the table ("Tổng cộng", "Tổng số …", "Tổng: …"), not a group's subtotal. */
const TOTAL = /^(tong cong|tong so|tong\s*(:|$|\d))/;

export function isSubtotalText(text: string): boolean {
  return SUBTOTAL.test(foldForSearch(text));
}

export function isTotalText(text: string): boolean {
  return TOTAL.test(foldForSearch(text));
}

/** The words of a signature block under a table ("Người lập biểu", "TRƯỞNG THÔN", "ngày … tháng …"). */
const SIGNATURE =
  /^(nguoi lap|nguoi lap bieu|truong thon|truong ban|truong xom|to truong|xac nhan|ky ten|\(ky|ky,|chu tich|t\/m|tm\.|can bo|bi thu|ngay .* thang|.*, ngay .* thang|noi nhan)/;

export function isSignatureText(text: string): boolean {
  return SIGNATURE.test(foldForSearch(text));
}

/**
 * A row that numbers the columns under a header ("1 | 2 | 3 …" or "(1) | (2) …", sometimes
 * "A | B | 1 | 2"): at least three cells, each a small whole number or a letter, mostly in order.
 */
export function isNumberingRow(cells: readonly CellValue[]): boolean {
  const filled = cells.filter((c) => !isBlank(c)).map((c) => cellText(c).replace(/[()[\]]/g, ''));
  if (filled.length < 3) return false;
  if (!filled.every((t) => /^(\d{1,2}|[a-zA-Z])$/.test(t))) return false;
  const numbers = filled.filter((t) => /^\d+$/.test(t)).map(Number);
  let ascending = 0;
  for (let i = 1; i < numbers.length; i++)
    if ((numbers[i] as number) > (numbers[i - 1] as number)) ascending++;
  return numbers.length >= 3 && ascending >= numbers.length - 2;
}
