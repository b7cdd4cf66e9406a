/**
 * The quarterly report as CSV (issue 19, item 5): one row per indicator and scope, for whoever adds up
 * the communes' reports in a spreadsheet. The report's own rows first (the commune's total), then each
 * village's, then each unit's a, b and đ.
 *
 * Numbers are plain numbers with a dot decimal ("95.5"), so they parse anywhere; a figure nobody
 * reported is an empty cell with "Chưa báo cáo" in the source column, never 0. UTF-8 with a BOM (so
 * Excel reads the Vietnamese right) and CRLF line ends (RFC 4180). A text cell starting with = + - @
 * gets a leading apostrophe (papaparse's escapeFormulae): a unit's name must not run as a formula.
 *
 * Loaded only through index.ts's dynamic import: papaparse stays out of the first load.
 */
import Papa from 'papaparse';
import { gapPeople } from '../../../../core/indicators/targets';
import {
  INDICATOR_LABELS,
  indicatorLetter,
  NOT_REPORTED,
  SOURCE_LABELS,
} from '../../../../core/report/labels';
import type { IndicatorLine, QuarterReport, UnitLine } from '../../../../core/report/types';
import { percentOf, unitCounts } from '../../../../core/report/unit-counts';

export const UTF8_BOM = '\uFEFF';

export const CSV_HEADER = [
  'Kỳ',
  'Cấp',
  'Tên',
  'Mã chỉ tiêu',
  'Chỉ tiêu',
  'Mục tiêu (%)',
  'Kết quả (người)',
  'Mẫu số (người)',
  'Tỷ lệ (%)',
  'Còn thiếu (người)',
  'Nguồn mẫu số',
] as const;

type Cell = string | number | null;

const LEVEL_WORD: Record<QuarterReport['level'], string> = { commune: 'xã', village: 'thôn', unit: 'đơn vị' };

function missing(line: IndicatorLine): boolean {
  return line.denominatorSource === 'missing' || line.count === null || line.denominator === null;
}

function indicatorRow(report: QuarterReport, level: string, name: string, line: IndicatorLine): Cell[] {
  const gone = missing(line);
  return [
    report.period,
    level,
    name,
    indicatorLetter(line.code),
    INDICATOR_LABELS[line.code],
    line.target.percent,
    gone ? null : line.count,
    gone ? null : line.denominator,
    gone ? null : line.percent,
    gone ? null : line.gap,
    SOURCE_LABELS[gone ? 'missing' : line.denominatorSource],
  ];
}

function unitRows(report: QuarterReport, unit: UnitLine): Cell[][] {
  return unit.codes.map((code) => {
    const target = report.indicators.find((l) => l.code === code)?.target;
    const counts = unitCounts(unit, code, report.year);
    return [
      report.period,
      LEVEL_WORD.unit,
      unit.name,
      indicatorLetter(code),
      INDICATOR_LABELS[code],
      target?.percent ?? null,
      counts?.count ?? null,
      counts?.denominator ?? null,
      counts ? percentOf(counts.count, counts.denominator) : null,
      counts && target ? gapPeople(counts.count, counts.denominator, target) : null,
      counts ? 'Báo cáo của đơn vị' : NOT_REPORTED,
    ];
  });
}

/** The CSV's rows, header first. A village or unit that is the report's own scope is not repeated. */
export function reportCsvRows(report: QuarterReport): Cell[][] {
  const rows: Cell[][] = [[...CSV_HEADER]];
  for (const line of report.indicators)
    rows.push(indicatorRow(report, LEVEL_WORD[report.level], report.scopeName, line));
  for (const village of report.villages) {
    if (village.villageId === report.scopeId) continue;
    for (const line of village.indicators)
      rows.push(indicatorRow(report, LEVEL_WORD.village, village.name, line));
  }
  for (const unit of report.units) {
    if (unit.unitId === report.scopeId) continue;
    rows.push(...unitRows(report, unit));
  }
  return rows;
}

/** The whole file's text: BOM, rows, CRLF after every row. */
export function reportCsv(report: QuarterReport): string {
  const body = Papa.unparse(reportCsvRows(report), { newline: '\r\n', escapeFormulae: true });
  return `${UTF8_BOM}${body}\r\n`;
}
