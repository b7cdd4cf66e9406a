import { foldForSearch } from '../search';
import { cellText, isBlank, isNumberingRow, isSignatureText, isSubtotalText, isTotalText } from './cells';
import { type ColumnMapping, dedupeMapping, fieldForHeader, fieldForTwoRowHeader } from './column-mapping';
import type { CellValue, ImportField, SheetGrid } from './types';

/** How far down a header is looked for: title blocks of Vietnamese lists run 3–8 rows. */
const HEADER_SEARCH_ROWS = 30;

/** One sheet's table as found (issue 17, item 2). Rows are 0-based here; the preview shows r + 1. */
export interface SheetLayout {
  sheet: string;
  /** First and last header row (equal for a one-row header). */
  headerStart: number;
  headerEnd: number;
  /** First row after the header (and after a column-numbering row, when there is one). */
  dataStart: number;
  columns: ColumnMapping[];
  /** The text above the header ("DANH SÁCH HỘ GIA ĐÌNH THÔN 5"), to name the village it is for. */
  title: string;
}

/**
 * Every merged range's value copied into all its cells, as people read a merged cell: a household
 * number merged down over its members belongs to each of them, a header merged across its
 * sub-columns names each. Returns new rows; the input is not changed.
 */
export function fillMerges(grid: SheetGrid): CellValue[][] {
  const rows = grid.rows.map((r) => [...r]);
  for (const m of grid.merges) {
    const value = rows[m.s.r]?.[m.s.c] ?? null;
    if (isBlank(value)) continue;
    for (let r = m.s.r; r <= m.e.r; r++) {
      const row = rows[r] ?? [];
      rows[r] = row;
      for (let c = m.s.c; c <= m.e.c; c++) if (r !== m.s.r || c !== m.s.c) row[c] = value;
    }
  }
  return rows;
}

/**
 * How well a row reads as a header: the distinct known fields its cells name (a title merged across
 * the table names one field many times, a header many fields once), with the name columns weighing
 * more. Long texts are sentences, not headers.
 */
function headerScore(row: readonly CellValue[]): number {
  const fields = new Set<string>();
  for (const cell of row) {
    if (typeof cell !== 'string' || cell.length > 60) continue;
    const field = fieldForHeader(cell);
    if (field !== 'ignore') fields.add(field);
  }
  if (fields.size < 2) return 0;
  return fields.size + (fields.has('name') || fields.has('headName') ? 1 : 0);
}

function rowWidth(rows: readonly (readonly CellValue[])[], from: number, to: number): number {
  let width = 0;
  for (let r = from; r <= to; r++) width = Math.max(width, rows[r]?.length ?? 0);
  return width;
}

/**
 * Whether the row under a header is its second row: the header has cells merged across columns
 * ("Năm sinh" over "Nam" | "Nữ") or down two rows, and the row below holds only short labels.
 */
function isSecondHeaderRow(grid: SheetGrid, rows: CellValue[][], headerRow: number): boolean {
  const below = rows[headerRow + 1];
  if (!below) return false;
  const filled = below.filter((c) => !isBlank(c));
  if (filled.length === 0 || isNumberingRow(below)) return false;
  const labels = filled.every((c) => typeof c === 'string' && c.length <= 40 && !/\d{3,}/.test(c));
  if (!labels) return false;
  const spans = grid.merges.some(
    (m) => m.s.r === headerRow && (m.e.c > m.s.c || m.e.r > m.s.r) && m.e.r <= headerRow + 1,
  );
  if (spans) return true;
  // A file without merges (CSV): the lower labels sit under blanks or under a group label, and
  // name fields themselves ("Nam", "Nữ", "Xóm", "Số nhà").
  const header = rows[headerRow] ?? [];
  return below.some((c, i) => !isBlank(c) && isBlank(header[i]) && fieldForHeader(cellText(c)) !== 'ignore');
}

/**
 * Finds the table of one sheet: the header is the row (within the first 30) that names the most
 * known fields, with at least a name column; a second header row is read when cells are merged over
 * it; a column-numbering row under the header is skipped. `undefined` when the sheet holds no table
 * the import understands (a notes sheet, an empty one).
 */
export function findLayout(grid: SheetGrid): SheetLayout | undefined {
  const rows = fillMerges(grid);
  let best = -1;
  let bestScore = 0;
  const last = Math.min(rows.length, HEADER_SEARCH_ROWS);
  for (let r = 0; r < last; r++) {
    const score = headerScore(rows[r] ?? []);
    if (score > bestScore) {
      best = r;
      bestScore = score;
    }
  }
  if (best < 0 || bestScore < 2) return undefined;
  // Under a two-row header the lower row often names more fields ("Nam", "Nữ", "Xóm"): the row above
  // belongs to the header when cells merge down from it into this one.
  if (best > 0 && grid.merges.some((m) => m.s.r === best - 1 && m.e.r === best)) best--;
  const twoRows = isSecondHeaderRow(grid, rows, best);
  const headerEnd = twoRows ? best + 1 : best;
  const width = rowWidth(rows, best, headerEnd);
  const columns: ColumnMapping[] = [];
  let group = '';
  for (let c = 0; c < width; c++) {
    let upper = cellText(rows[best]?.[c]);
    // Without merges a group label ("Năm sinh") stands over its first sub-column only.
    if (twoRows && upper === '' && cellText(rows[headerEnd]?.[c]) !== '') upper = group;
    group = upper;
    const lower = twoRows ? cellText(rows[headerEnd]?.[c]) : '';
    const header = lower && lower !== upper ? `${upper} / ${lower}` : upper;
    if (header === '') continue;
    const field = twoRows && lower !== upper ? fieldForTwoRowHeader(upper, lower) : fieldForHeader(upper);
    columns.push({ index: c, header, field });
  }
  const mapped = dedupeMapping(columns);
  if (!mapped.some((c) => c.field === 'name' || c.field === 'headName')) return undefined;
  let dataStart = headerEnd + 1;
  if (isNumberingRow(rows[dataStart] ?? [])) dataStart++;
  const title = rows
    .slice(0, best)
    .map((r) => r.filter((c) => !isBlank(c)).map(cellText))
    .filter((r) => r.length > 0)
    .map((r) => [...new Set(r)].join(' '))
    .join(' — ');
  return { sheet: grid.name, headerStart: best, headerEnd, dataStart, columns: mapped, title };
}

/** One data row of a sheet, its cells keyed by the field their column maps to. */
export interface SourceRow {
  sheet: string;
  /** 1-based, as Excel numbers rows: what the preview and its errors show. */
  row: number;
  values: Partial<Record<ImportField, CellValue>>;
  /** Text of a section line above it ("XÓM ĐÔNG", "II. Tổ 5"), a lane when no column gives one. */
  section?: string;
}

/** Fields whose value makes a row a person or household row. */
const PERSON_FIELDS: readonly ImportField[] = [
  'birthYear',
  'birthDate',
  'male',
  'female',
  'relation',
  'sex',
  'householdNumber',
  'membersCount',
];

/** Fields only a person's row fills. */
const PERSONAL_FIELDS: readonly ImportField[] = [
  'birthYear',
  'birthDate',
  'male',
  'female',
  'relation',
  'sex',
];

const SECTION =
  /^((i|ii|iii|iv|v|vi|vii|viii|ix|x|[a-h0-9]{1,2})[.)]\s*)?(xom|ngo|to|doi|khu|thon|cum|ap)\b/i;

/** Rows left out of a sheet's data, counted for the summary. */
export interface SkippedRows {
  blank: number;
  subtotal: number;
  footer: number;
  section: number;
}

/**
 * The data rows of a sheet under `layout` with `columns` (the proposed or the user's mapping): blank
 * rows, subtotal rows ("Cộng", "Tổng cộng"), section lines ("XÓM ĐÔNG", which name the lane of the
 * rows under them) and the signature block below the table are left out. After a "Tổng cộng" or a
 * signature line nothing more is read. ID-card columns are never read (DESIGN §7): their cells are
 * not copied into any row.
 */
export function extractRows(
  grid: SheetGrid,
  layout: SheetLayout,
  columns: readonly ColumnMapping[],
): { rows: SourceRow[]; skipped: SkippedRows } {
  const cells = fillMerges(grid);
  const readable = columns.filter((c) => c.field !== 'ignore' && c.field !== 'idNumber');
  const nameColumns = columns.filter((c) => c.field === 'name' || c.field === 'headName').map((c) => c.index);
  const out: SourceRow[] = [];
  const skipped: SkippedRows = { blank: 0, subtotal: 0, footer: 0, section: 0 };
  let section: string | undefined;
  for (let r = layout.dataStart; r < cells.length; r++) {
    const row = cells[r] ?? [];
    const texts = row.filter((c) => !isBlank(c)).map(cellText);
    if (texts.length === 0) {
      skipped.blank++;
      continue;
    }
    // A section line ("XÓM ĐÔNG", "II. Tổ 5") is one text, often merged across the table: judged
    // before merges are filled, or it would look like a person in every column.
    const own = (grid.rows[r] ?? []).filter((c) => !isBlank(c)).map(cellText);
    if (
      own.length === 1 &&
      SECTION.test(foldForSearch(own[0] as string)) &&
      !/\d{4}/.test(own[0] as string)
    ) {
      section = tidySection((own[0] as string).replace(/^[IVX0-9a-h]{1,4}[.)]\s*/i, '').trim());
      skipped.section++;
      continue;
    }
    const values: Partial<Record<ImportField, CellValue>> = {};
    for (const c of readable) {
      const value = row[c.index];
      if (isBlank(value)) continue;
      const before = values[c.field];
      // An address or a note may run over several columns (Số nhà | Đường, two note columns): joined
      // in column order. Any other field takes its first column (dedupeMapping keeps only one anyway).
      if (before === undefined) values[c.field] = value ?? null;
      else if (c.field === 'address' || c.field === 'notes') {
        values[c.field] = `${cellText(before)}${c.field === 'address' ? ', ' : '; '}${cellText(value)}`;
      }
    }
    // A subtotal row names no person: it may sum the members, never gives a year or a relation.
    const firstTexts = texts.slice(0, 3);
    // Judged on the cells as written: a subtotal's text merged across the table fills every column.
    const raw = grid.rows[r] ?? [];
    const personal = readable.some((c) => PERSONAL_FIELDS.includes(c.field) && !isBlank(raw[c.index]));
    if (!personal && firstTexts.some(isSubtotalText)) {
      skipped.subtotal++;
      if (firstTexts.some(isTotalText)) {
        skipped.footer += countRest(cells, r + 1);
        break;
      }
      continue;
    }
    const hasName = nameColumns.some((c) => !isBlank(row[c]));
    const personValues = PERSON_FIELDS.filter((f) => values[f] !== undefined).length;
    // A signature block ends the table; a person's row is data even if its note reads like a date.
    if (personValues === 0 && texts.some(isSignatureText)) {
      skipped.footer += countRest(cells, r);
      break;
    }
    if (!hasName && personValues === 0) {
      skipped.footer++;
      continue;
    }
    out.push({ sheet: grid.name, row: r + 1, values, ...(section ? { section } : {}) });
  }
  return { rows: out, skipped };
}

/** "XÓM ĐÔNG" as a lane is written: "Xóm Đông" (each word capitalised, as lanes are typed). */
function tidySection(text: string): string {
  if (text !== text.toLocaleUpperCase('vi')) return text;
  return text
    .toLocaleLowerCase('vi')
    .replace(/(^|\s)(\p{L})/gu, (_, space: string, letter: string) => space + letter.toLocaleUpperCase('vi'));
}

function countRest(cells: readonly (readonly CellValue[])[], from: number): number {
  let n = 0;
  for (let r = from; r < cells.length; r++) if ((cells[r] ?? []).some((c) => !isBlank(c))) n++;
  return n;
}
