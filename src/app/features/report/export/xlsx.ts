/**
 * The quarterly report as an XLSX workbook (issue 19, item 5), for an officer who checks and adds up
 * the figures: "Tổng hợp" (the report's indicators, figures, classes, activities and the 20 tasks), a
 * sheet per village, and "Đơn vị" (each unit's counts, or "Chưa báo cáo").
 *
 * Cells are typed so a formula can use them: counts are numbers, shares are numbers 0–1 shown as
 * '0.0%', instants are dates. A figure nobody reported is an empty cell (never 0), its source saying
 * "Chưa báo cáo". Each sheet's top rows (title and, where the sheet is one table, its header) stay
 * frozen while scrolling.
 *
 * exceljs (~250 kB gzipped) is loaded only through index.ts's dynamic import.
 */
import ExcelJS from 'exceljs';
import { VIETNAM_OFFSET_MINUTES } from '../../../../core/dates';
import {
  INDICATOR_LABELS,
  indicatorLetter,
  NOT_REPORTED,
  SOURCE_LABELS,
  TASK_SECTION_TITLES,
  UNIT_KIND_LABELS,
} from '../../../../core/report/labels';
import type {
  ActivityLine,
  ClassLine,
  FigureLine,
  IndicatorLine,
  QuarterReport,
  TaskLine,
  UnitLine,
  VillagePart,
} from '../../../../core/report/types';

type Worksheet = ExcelJS.Worksheet;
type Kind = 'text' | 'wrap' | 'count' | 'percent' | 'date';
type Value = string | number | Date | null;

export const SUMMARY_SHEET = 'Tổng hợp';
export const UNITS_SHEET = 'Đơn vị';
const PERCENT_FORMAT = '0.0%';
const COUNT_FORMAT = '#,##0';
const DATE_FORMAT = 'dd/mm/yyyy hh:mm';
/** Excel's limit on a sheet name, in UTF-16 code units. */
const SHEET_NAME_MAX = 31;
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7EEF0' } };

/**
 * An instant as a date cell showing Vietnam's wall-clock time. A spreadsheet date has no time zone and
 * exceljs writes a Date's UTC fields: shifting by the commune's offset makes 09:30Z read 16:30, as the
 * officer saw it, whatever the zone of the PC that made the file.
 */
export function vietnamDateCell(instant: string): Date | null {
  const ms = Date.parse(instant);
  return Number.isNaN(ms) ? null : new Date(ms + VIETNAM_OFFSET_MINUTES * 60_000);
}

/** A share in percent (0–100) as a spreadsheet percent (0–1). */
function share(percent: number | null): number | null {
  return percent === null ? null : percent / 100;
}

/**
 * A sheet name Excel accepts: none of [ ] : * ? / \, no apostrophe at either end, at most 31 UTF-16
 * units, not "History" (reserved), and unique ignoring case — two villages whose names agree in their
 * first 31 characters get " (2)", " (3)"…. Adds the name to `taken`.
 */
export function uniqueSheetName(wanted: string, taken: Set<string>, fallback = 'Thôn'): string {
  let base = wanted
    .normalize('NFC')
    .replace(/[[\]:*?/\\]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^'+|'+$/g, '')
    .trim();
  if (base === '' || base.toLowerCase() === 'history') base = fallback;
  const clip = (text: string, max: number) => {
    const chars = Array.from(text);
    while (chars.join('').length > max) chars.pop();
    return chars.join('').trim();
  };
  const key = (name: string) => name.toLocaleLowerCase('vi');
  let name = clip(base, SHEET_NAME_MAX);
  for (let n = 2; taken.has(key(name)); n++) {
    const suffix = ` (${n})`;
    name = `${clip(base, SHEET_NAME_MAX - suffix.length)}${suffix}`;
  }
  taken.add(key(name));
  return name;
}

interface Column {
  header: string;
  kind: Kind;
}

function setCell(ws: Worksheet, row: number, col: number, value: Value, kind: Kind): void {
  if (value === null || value === '') return;
  const cell = ws.getCell(row, col);
  cell.value = value;
  if (kind === 'count') cell.numFmt = COUNT_FORMAT;
  else if (kind === 'percent') cell.numFmt = PERCENT_FORMAT;
  else if (kind === 'date') cell.numFmt = DATE_FORMAT;
  else if (kind === 'wrap') cell.alignment = { wrapText: true, vertical: 'top' };
}

function writeRow(ws: Worksheet, row: number, values: readonly Value[], columns: readonly Column[]): void {
  for (const [c, value] of values.entries()) setCell(ws, row, c + 1, value, columns[c]?.kind ?? 'text');
}

function headerRow(ws: Worksheet, row: number, columns: readonly Column[]): void {
  columns.forEach((column, i) => {
    const cell = ws.getCell(row, i + 1);
    cell.value = column.header;
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.alignment = { wrapText: true, vertical: 'middle' };
    cell.border = { bottom: { style: 'thin' } };
  });
}

/**
 * A titled table from `row` on: a bold section title, a bold header, the rows. Returns the first row
 * after it and a blank one.
 */
function table(
  ws: Worksheet,
  row: number,
  title: string,
  columns: readonly Column[],
  rows: Value[][],
): number {
  ws.getCell(row, 1).value = title;
  ws.getCell(row, 1).font = { bold: true, size: 12 };
  headerRow(ws, row + 1, columns);
  rows.forEach((values, r) => {
    writeRow(ws, row + 2 + r, values, columns);
  });
  return row + 2 + rows.length + 1;
}

function titleRow(ws: Worksheet, text: string): void {
  ws.getCell(1, 1).value = text;
  ws.getCell(1, 1).font = { bold: true, size: 14 };
}

/** Label and value pairs across row 2, labels bold. */
function metaRow(ws: Worksheet, pairs: ReadonlyArray<[string, Value, Kind]>): void {
  pairs.forEach(([label, value, kind], i) => {
    const cell = ws.getCell(2, 2 * i + 1);
    cell.value = label;
    cell.font = { bold: true };
    setCell(ws, 2, 2 * i + 2, value, kind);
  });
}

function freeze(ws: Worksheet, rows: number): void {
  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: rows, topLeftCell: `A${rows + 1}` }];
}

function widths(ws: Worksheet, list: readonly number[]): void {
  list.forEach((width, i) => {
    ws.getColumn(i + 1).width = width;
  });
}

// ---------------------------------------------------------------- blocks shared by the report and village sheets

const INDICATOR_COLUMNS: Column[] = [
  { header: 'Mã', kind: 'text' },
  { header: 'Chỉ tiêu', kind: 'wrap' },
  { header: 'Mục tiêu', kind: 'percent' },
  { header: 'Yêu cầu', kind: 'text' },
  { header: 'Kết quả (người)', kind: 'count' },
  { header: 'Mẫu số (người)', kind: 'count' },
  { header: 'Tỷ lệ', kind: 'percent' },
  { header: 'Còn thiếu (người)', kind: 'count' },
  { header: 'Đánh giá', kind: 'text' },
  { header: 'Nguồn mẫu số', kind: 'wrap' },
  { header: 'Theo sổ hộ: kết quả', kind: 'count' },
  { header: 'Theo sổ hộ: mẫu số', kind: 'count' },
  { header: 'Theo sổ hộ: tỷ lệ', kind: 'percent' },
  { header: 'Đơn vị chưa báo cáo', kind: 'wrap' },
];

function indicatorValues(line: IndicatorLine): Value[] {
  const gone = line.denominatorSource === 'missing' || line.count === null || line.denominator === null;
  return [
    indicatorLetter(line.code),
    INDICATOR_LABELS[line.code],
    share(line.target.percent),
    line.target.above ? 'trên mục tiêu' : 'đạt mục tiêu trở lên',
    gone ? null : line.count,
    gone ? null : line.denominator,
    gone ? null : share(line.percent),
    gone ? null : line.gap,
    gone || line.met === null ? '' : line.met ? 'Đạt' : 'Chưa đạt',
    SOURCE_LABELS[gone ? 'missing' : line.denominatorSource],
    line.register?.count ?? null,
    line.register?.denominator ?? null,
    share(line.register?.percent ?? null),
    line.missingUnits.join(', '),
  ];
}

const FIGURE_COLUMNS: Column[] = [
  { header: 'Mã', kind: 'text' },
  { header: 'Nội dung', kind: 'wrap' },
  { header: 'Trong quý', kind: 'count' },
  { header: 'Lũy kế', kind: 'count' },
];
const figureValues = (f: FigureLine): Value[] => [f.key, f.label, f.quarter, f.cumulative];

const CLASS_COLUMNS: Column[] = [
  { header: 'Mã', kind: 'text' },
  { header: 'Đối tượng', kind: 'wrap' },
  { header: 'Số buổi', kind: 'count' },
  { header: 'Lượt người học', kind: 'count' },
  { header: 'Người học chưa có trong sổ', kind: 'count' },
];
const classValues = (c: ClassLine): Value[] => [c.audience, c.label, c.sessions, c.attendances, c.walkIns];

const ACTIVITY_COLUMNS: Column[] = [
  { header: 'Mã', kind: 'text' },
  { header: 'Hoạt động', kind: 'wrap' },
  { header: 'Số lần', kind: 'count' },
  { header: 'Số người được tiếp cận', kind: 'count' },
];
const activityValues = (a: ActivityLine): Value[] => [a.kind, a.label, a.count, a.reach];

const TASK_COLUMNS: Column[] = [
  { header: 'STT', kind: 'count' },
  { header: 'Nhiệm vụ', kind: 'wrap' },
  { header: 'Nhóm', kind: 'wrap' },
  { header: 'Chủ trì', kind: 'wrap' },
  { header: 'Số liệu', kind: 'wrap' },
  { header: 'Kết quả', kind: 'wrap' },
];
function taskValues(t: TaskLine): Value[] {
  const group = TASK_SECTION_TITLES[t.section];
  return [
    t.no,
    t.title,
    group ? `${t.section}. ${group}` : t.section,
    t.lead,
    t.figures.map((f) => `${f.label}: ${f.value}`).join('\n'),
    t.result,
  ];
}

/** Column widths fitting every block above (column B holds the long labels). */
const BLOCK_WIDTHS = [12, 46, 14, 18, 14, 40, 10, 12, 12, 24, 14, 14, 14, 30];

function blocks(
  ws: Worksheet,
  from: number,
  part: Pick<VillagePart, 'indicators' | 'figures' | 'classes' | 'activities'>,
): number {
  let row = table(
    ws,
    from,
    'I. Kết quả thực hiện chỉ tiêu',
    INDICATOR_COLUMNS,
    part.indicators.map(indicatorValues),
  );
  row = table(ws, row, 'II. Số liệu triển khai', FIGURE_COLUMNS, part.figures.map(figureValues));
  row = table(ws, row, 'Lớp học theo đối tượng', CLASS_COLUMNS, part.classes.map(classValues));
  return table(
    ws,
    row,
    'Hoạt động truyền thông, phong trào',
    ACTIVITY_COLUMNS,
    part.activities.map(activityValues),
  );
}

// ---------------------------------------------------------------- sheets

const STATUS_WORDS: Record<QuarterReport['status'], string> = { draft: 'Bản nháp', submitted: 'Đã gửi' };

function summarySheet(ws: Worksheet, report: QuarterReport): void {
  titleRow(ws, report.title);
  metaRow(ws, [
    ['Đơn vị báo cáo', report.scopeName, 'text'],
    ['Kỳ', report.periodLabel, 'text'],
    ['Phiên bản', report.version, 'count'],
    ['Trạng thái', STATUS_WORDS[report.status], 'text'],
    ['Lập lúc', vietnamDateCell(report.composedAt), 'date'],
    ['Gửi lúc', report.submittedAt ? vietnamDateCell(report.submittedAt) : null, 'date'],
    ['Người gửi', report.submittedBy ?? '', 'text'],
  ]);
  freeze(ws, 2);
  widths(ws, BLOCK_WIDTHS);
  const row = blocks(ws, 4, report);
  table(
    ws,
    row,
    'III. Kết quả thực hiện các nhiệm vụ',
    TASK_COLUMNS,
    [...report.tasks].sort((a, b) => a.no - b.no).map(taskValues),
  );
}

function villageSheet(ws: Worksheet, village: VillagePart, report: QuarterReport): void {
  titleRow(ws, `${village.name} – ${report.periodLabel}`);
  metaRow(ws, [
    ['Mã thôn', village.code, 'text'],
    ['Báo cáo của thôn', village.submitted ? 'Đã gửi' : 'Chưa gửi', 'text'],
  ]);
  freeze(ws, 2);
  widths(ws, BLOCK_WIDTHS);
  blocks(ws, 4, village);
}

const UNIT_COLUMNS: Column[] = [
  { header: 'Cơ quan, đơn vị', kind: 'wrap' },
  { header: 'Loại', kind: 'text' },
  { header: 'Chỉ tiêu', kind: 'text' },
  { header: 'CB, CC, VC, NLĐ', kind: 'count' },
  { header: 'CB, CC, VC, NLĐ đạt', kind: 'count' },
  { header: 'HS tiểu học', kind: 'count' },
  { header: 'HS tiểu học đạt', kind: 'count' },
  { header: 'HS THCS', kind: 'count' },
  { header: 'HS THCS đạt', kind: 'count' },
  { header: 'HS THPT', kind: 'count' },
  { header: 'HS THPT đạt', kind: 'count' },
  { header: 'Người lao động', kind: 'count' },
  { header: 'Người lao động đạt', kind: 'count' },
  { header: 'Số lớp tập huấn', kind: 'count' },
  { header: 'Lượt người tập huấn', kind: 'count' },
  { header: 'Số liệu quý', kind: 'text' },
  { header: 'Báo cáo của đơn vị', kind: 'text' },
  { header: 'Người nhập', kind: 'text' },
  { header: 'Nhập lúc', kind: 'date' },
];

function unitValues(unit: UnitLine): Value[] {
  const f = unit.figures;
  const n = (value: number | undefined) => value ?? null;
  return [
    unit.name,
    UNIT_KIND_LABELS[unit.kind],
    unit.codes.map(indicatorLetter).join(', '),
    n(f?.staff),
    n(f?.staffMeeting),
    n(f?.primary),
    n(f?.primaryMeeting),
    n(f?.lowerSecondary),
    n(f?.lowerSecondaryMeeting),
    n(f?.upperSecondary),
    n(f?.upperSecondaryMeeting),
    n(f?.workers),
    n(f?.workersMeeting),
    n(f?.trainings),
    n(f?.participants),
    f === null ? NOT_REPORTED : 'Đã báo cáo',
    unit.submitted ? 'Đã gửi' : 'Chưa gửi',
    f?.enteredBy ?? '',
    f?.enteredAt ? vietnamDateCell(f.enteredAt) : null,
  ];
}

function unitsSheet(ws: Worksheet, report: QuarterReport): void {
  titleRow(ws, `Các cơ quan, đơn vị – ${report.periodLabel}`);
  headerRow(ws, 2, UNIT_COLUMNS);
  report.units.forEach((unit, r) => {
    writeRow(ws, 3 + r, unitValues(unit), UNIT_COLUMNS);
  });
  freeze(ws, 2);
  widths(ws, [36, 22, 10, ...Array.from({ length: 12 }, () => 12), 14, 16, 22, 17]);
}

/**
 * The workbook's bytes. Sheets: "Tổng hợp"; one per village other than the report's own scope (named
 * by uniqueSheetName); "Đơn vị" unless the report is a village's with no units.
 */
export async function reportXlsx(report: QuarterReport): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Ngõ Số';
  workbook.created = new Date(Date.parse(report.composedAt) || 0);
  const taken = new Set<string>();
  summarySheet(workbook.addWorksheet(uniqueSheetName(SUMMARY_SHEET, taken)), report);
  taken.add(UNITS_SHEET.toLocaleLowerCase('vi'));
  for (const village of report.villages) {
    if (village.villageId === report.scopeId) continue;
    villageSheet(workbook.addWorksheet(uniqueSheetName(village.name, taken)), village, report);
  }
  if (report.level !== 'village' || report.units.length > 0)
    unitsSheet(workbook.addWorksheet(UNITS_SHEET), report);
  const bytes = await workbook.xlsx.writeBuffer();
  return new Uint8Array(bytes as unknown as ArrayBuffer);
}
