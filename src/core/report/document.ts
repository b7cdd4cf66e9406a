/**
 * The quarterly report laid out as an administrative document (issue 19, item 5): the blocks the
 * DOCX export and the print view render, in Vietnamese. The frame follows Nghị định 30/2020/NĐ-CP,
 * Phụ lục I (a báo cáo): issuing body and number on the left, national motto and date line on the
 * right, the kind ("BÁO CÁO") and title, the body, then "Nơi nhận" and the signature. The body follows
 * the plan: section III's targets (I), what was done (II), the appendix's 20 tasks (III), difficulties
 * (IV) and proposals (V).
 *
 * A figure nobody reported prints "Chưa báo cáo", never 0 or 0% (types.ts, DenominatorSource).
 * Pure: no DOM, no clock; the same report gives the same document.
 */
import {
  documentDateLine,
  formatNumber,
  formatPercent,
  formatTarget,
  indicatorLetter,
  indicatorTitle,
  NOT_REPORTED,
  SOURCE_LABELS,
  TASK_SECTION_TITLES,
  UNIT_KIND_LABELS,
} from './labels';
import type {
  ActivityLine,
  ClassLine,
  DocumentBlock,
  FigureLine,
  IndicatorLine,
  QuarterReport,
  ReportDocument,
  TaskLine,
  UnitLine,
  VillagePart,
} from './types';
import { percentOf, unitCounts } from './unit-counts';

export const NATIONAL_MOTTO = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const SUB_MOTTO = 'Độc lập - Tự do - Hạnh phúc';
export const DOCUMENT_KIND = 'BÁO CÁO';
/** Printed where a figure line has no value (not applicable, not a missing report). */
const NO_VALUE = '–';
const NO_TEXT = 'Chưa có nội dung.';
/** The village columns of the commune's per-village table: what the register measures. */
const VILLAGE_CODES = ['c', 'd', 'id'] as const;

/**
 * The document of `report`.
 *
 * - Header: bodies upper-cased; the number "Số: 12/BC-UBND" (a bare "12" gets "/BC-UBND" for the
 *   commune, "/BC" for a village or unit), or "Số:      /BC-UBND" with blanks to fill by hand when
 *   `docNumber` is empty; the date line by NĐ30's rule (documentDateLine).
 * - Title: the report's title without its leading "Báo cáo" (the kind line says it).
 * - Recipients: "- …;" lines, the last ending in "."; a "Lưu: VT" line is added when missing (NĐ30
 *   asks for the archive copy).
 * - Signature: the title upper-cased (it may hold line breaks: "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH").
 */
export function reportDocument(report: QuarterReport): ReportDocument {
  const info = report.document;
  return {
    header: {
      superiorBody: upper(info.superiorBody),
      issuingBody: issuingBodyLines(info.issuingBody),
      number: documentNumber(info.docNumber, report.level),
      motto: NATIONAL_MOTTO,
      subMotto: SUB_MOTTO,
      dateLine: documentDateLine(info.place, info.date),
    },
    kind: DOCUMENT_KIND,
    title: documentTitle(report.title) + documentMark(report),
    body: documentBody(report),
    recipients: recipientLines(info.recipients),
    signature: { title: upper(info.signerTitle), name: info.signerName.trim() },
  };
}

/**
 * What a copy is, on its title line: a draft says so (it may be printed or sent for comments, never
 * mistaken for the report), and a correction names its version.
 */
function documentMark(report: QuarterReport): string {
  const parts = [
    ...(report.status !== 'submitted' ? ['DỰ THẢO'] : []),
    ...(report.version > 1 ? [`bản đính chính lần ${report.version - 1}`] : []),
  ];
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

function upper(text: string): string {
  return text.trim().toLocaleUpperCase('vi');
}

/**
 * The issuing body upper-cased, "ỦY BAN NHÂN DÂN" on a line of its own ("ỦY BAN NHÂN DÂN\nXÃ THƯỢNG
 * QUAN"), as NĐ30's samples set it, instead of wherever the column happens to wrap. A body typed with
 * its own line breaks keeps them.
 */
function issuingBodyLines(text: string): string {
  const body = upper(text);
  if (body.includes('\n')) return body;
  return body.replace(/^(ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN)\s+/u, '$1\n');
}

/** "Số: 12/BC-UBND"; blanks when the number is not given yet (NĐ30: the clerk numbers it on issue). */
export function documentNumber(docNumber: string, level: QuarterReport['level']): string {
  const suffix = level === 'commune' ? 'BC-UBND' : 'BC';
  const given = docNumber.trim().replace(/^số\s*:?\s*/iu, '');
  if (given === '') return `Số:      /${suffix}`;
  return given.includes('/') ? `Số: ${given}` : `Số: ${given}/${suffix}`;
}

function documentTitle(title: string): string {
  const rest = title.trim().replace(/^báo cáo\s+/iu, '');
  const first = rest.charAt(0);
  return first.toLocaleUpperCase('vi') + rest.slice(1);
}

function recipientLines(lines: readonly string[]): string[] {
  const cleaned = lines
    .map((line) =>
      line
        .trim()
        .replace(/^[-–•+]\s*/u, '')
        .replace(/[;.,\s]+$/u, ''),
    )
    .filter((line) => line !== '');
  if (!cleaned.some((line) => /^lưu(\s|:|$)/iu.test(line))) cleaned.push('Lưu: VT');
  return cleaned.map((line, i) => `- ${line}${i === cleaned.length - 1 ? '.' : ';'}`);
}

/** "UBND xã Thượng Quan", "Thôn Nà Mọ", "Trường THCS Thượng Quan": who reports, inside a sentence. */
function reporterName(report: QuarterReport): string {
  return report.level === 'commune' ? `UBND ${report.scopeName}` : report.scopeName;
}

function documentBody(report: QuarterReport): DocumentBlock[] {
  const who = reporterName(report);
  return [
    {
      kind: 'paragraph',
      // Plan VI.8: every unit reports its results each quarter.
      text:
        'Thực hiện Kế hoạch triển khai Phong trào “Bình dân học vụ số” trên địa bàn xã, ' +
        `${who} báo cáo kết quả thực hiện ${report.periodLabel} như sau:`,
    },
    ...indicatorSection(report),
    ...deploymentSection(report),
    ...taskSection(report.tasks),
    { kind: 'heading', level: 1, text: 'IV. KHÓ KHĂN, VƯỚNG MẮC' },
    ...textParagraphs(report.difficulties),
    { kind: 'heading', level: 1, text: 'V. ĐỀ XUẤT, KIẾN NGHỊ' },
    ...textParagraphs(report.proposals),
    {
      kind: 'paragraph',
      text: `Trên đây là báo cáo kết quả thực hiện Phong trào “Bình dân học vụ số” ${report.periodLabel} của ${who}./.`,
    },
  ];
}

// ---------------------------------------------------------------- I. Targets

function isMissing(line: IndicatorLine): boolean {
  return line.denominatorSource === 'missing' || line.count === null || line.denominator === null;
}

/** "1.234/1.580", or "Chưa báo cáo". */
export function indicatorResult(line: IndicatorLine): string {
  if (isMissing(line) || line.count === null || line.denominator === null) return NOT_REPORTED;
  return `${formatNumber(line.count)}/${formatNumber(line.denominator)}`;
}

/**
 * "78,1%"; "–" for a denominator of 0 and for a missing line (its result cell already says "Chưa báo
 * cáo": once per row reads better than four times in narrow columns).
 */
export function indicatorPercent(line: IndicatorLine): string {
  if (isMissing(line) || line.percent === null) return NO_VALUE;
  return formatPercent(line.percent);
}

/** "267 người", "Đạt" when the target is met, "–" when missing or not computable. */
export function indicatorGap(line: IndicatorLine): string {
  if (isMissing(line)) return NO_VALUE;
  if (line.met === true || line.gap === 0) return 'Đạt';
  return line.gap === null ? NO_VALUE : `${formatNumber(line.gap)} người`;
}

function indicatorTable(lines: readonly IndicatorLine[]): DocumentBlock {
  return {
    kind: 'table',
    header: ['Chỉ tiêu', 'Mục tiêu', 'Kết quả (người)', 'Tỷ lệ', 'Còn thiếu', 'Nguồn mẫu số'],
    rows: lines.map((line) => [
      indicatorTitle(line.code),
      formatTarget(line.target),
      indicatorResult(line),
      indicatorPercent(line),
      indicatorGap(line),
      SOURCE_LABELS[isMissing(line) ? 'missing' : line.denominatorSource],
    ]),
    widths: [31, 10, 17, 10, 12, 20],
  };
}

/** The register's figure beside a, b, đ (residents recorded as civil servants, students, workers). */
function registerNotes(lines: readonly IndicatorLine[]): DocumentBlock[] {
  return lines.flatMap((line): DocumentBlock[] => {
    const reg = line.register;
    if (!reg) return [];
    const percent = reg.percent === null ? '' : ` (${formatPercent(reg.percent)})`;
    return [
      {
        kind: 'paragraph',
        italic: true,
        text: `Chỉ tiêu ${indicatorLetter(line.code)} theo sổ hộ, để đối chiếu: ${formatNumber(reg.count)}/${formatNumber(reg.denominator)} người${percent}.`,
      },
    ];
  });
}

function missingUnitNotes(lines: readonly IndicatorLine[]): DocumentBlock[] {
  return lines.flatMap((line): DocumentBlock[] =>
    line.missingUnits.length === 0
      ? []
      : [
          {
            kind: 'paragraph',
            italic: true,
            text: `Chỉ tiêu ${indicatorLetter(line.code)}: đơn vị chưa báo cáo: ${line.missingUnits.join(', ')}.`,
          },
        ],
  );
}

function indicatorSection(report: QuarterReport): DocumentBlock[] {
  const commune = report.level === 'commune';
  const blocks: DocumentBlock[] = [{ kind: 'heading', level: 1, text: 'I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU' }];
  if (commune) blocks.push({ kind: 'heading', level: 2, text: '1. Toàn xã' });
  blocks.push(
    indicatorTable(report.indicators),
    ...registerNotes(report.indicators),
    ...missingUnitNotes(report.indicators),
  );
  if (!commune) return blocks;
  blocks.push({ kind: 'heading', level: 2, text: '2. Kết quả theo thôn' });
  blocks.push(
    report.villages.length > 0
      ? villageTable(report.villages)
      : { kind: 'paragraph', text: 'Chưa có thôn nào trong danh sách.' },
  );
  blocks.push({ kind: 'heading', level: 2, text: '3. Kết quả của các cơ quan, đơn vị (chỉ tiêu a, b, đ)' });
  if (report.units.length === 0)
    blocks.push({ kind: 'paragraph', text: 'Chưa có đơn vị nào trong danh sách.' });
  else {
    blocks.push(unitTable(report.units, report.year));
    const missing = report.units.filter((u) => u.figures === null).map((u) => u.name);
    if (missing.length > 0)
      blocks.push({
        kind: 'paragraph',
        italic: true,
        text: `Đơn vị chưa báo cáo số liệu ${report.periodLabel}: ${missing.join(', ')}.`,
      });
  }
  return blocks;
}

function villageCell(village: VillagePart, code: (typeof VILLAGE_CODES)[number]): string {
  const line = village.indicators.find((l) => l.code === code);
  if (!line || isMissing(line)) return NOT_REPORTED;
  const percent = line.percent === null ? '' : ` (${formatPercent(line.percent)})`;
  return `${indicatorResult(line)}${percent}`;
}

function villageTable(villages: readonly VillagePart[]): DocumentBlock {
  return {
    kind: 'table',
    header: [
      'Thôn',
      'c) Kỹ năng số cơ bản',
      'd) Xác nhận trên VNeID',
      'Định danh mức 2 (từ 16 tuổi)',
      'Báo cáo của thôn',
    ],
    rows: villages.map((village) => [
      village.name,
      ...VILLAGE_CODES.map((code) => villageCell(village, code)),
      village.submitted ? 'Đã gửi' : 'Chưa gửi',
    ]),
    widths: [20, 20, 20, 22, 18],
  };
}

/** "b) 398/412 (96,6%)" per indicator the unit feeds; "Chưa báo cáo" without figures. */
export function unitResults(unit: UnitLine, year: number): string {
  if (unit.figures === null) return NOT_REPORTED;
  if (unit.codes.length === 0) return NO_VALUE;
  return unit.codes
    .map((code) => {
      const counts = unitCounts(unit, code, year);
      const letter = indicatorLetter(code);
      if (counts === null) return `${letter}) chưa báo cáo`;
      const percent = percentOf(counts.count, counts.denominator);
      const share = percent === null ? '' : ` (${formatPercent(percent)})`;
      return `${letter}) ${formatNumber(counts.count)}/${formatNumber(counts.denominator)}${share}`;
    })
    .join('; ');
}

function unitTrainings(unit: UnitLine): string {
  if (unit.figures === null) return NO_VALUE;
  const { trainings, participants } = unit.figures;
  if (trainings === undefined && participants === undefined) return NO_VALUE;
  const count = (n: number | undefined) => (n === undefined ? NO_VALUE : formatNumber(n));
  return `${count(trainings)} lớp / ${count(participants)} người`;
}

function unitTable(units: readonly UnitLine[], year: number): DocumentBlock {
  return {
    kind: 'table',
    header: ['Cơ quan, đơn vị', 'Loại', 'Đạt chuẩn/trong diện', 'Tập huấn', 'Báo cáo của đơn vị'],
    rows: units.map((unit) => [
      unit.name,
      UNIT_KIND_LABELS[unit.kind],
      unitResults(unit, year),
      unitTrainings(unit),
      unit.submitted ? 'Đã gửi' : 'Chưa gửi',
    ]),
    widths: [26, 16, 26, 16, 16],
  };
}

// ---------------------------------------------------------------- II. What was done

function figureValue(value: number | null): string {
  return value === null ? NO_VALUE : formatNumber(value);
}

function figureTable(figures: readonly FigureLine[]): DocumentBlock {
  return {
    kind: 'table',
    header: ['Nội dung', 'Trong quý', 'Lũy kế'],
    rows: figures.map((f) => [f.label, figureValue(f.quarter), figureValue(f.cumulative)]),
    widths: [60, 20, 20],
  };
}

function classTable(classes: readonly ClassLine[]): DocumentBlock {
  const rows: Array<Array<string | number>> = classes.map((c) => [
    c.label,
    formatNumber(c.sessions),
    formatNumber(c.attendances),
    formatNumber(c.walkIns),
  ]);
  if (classes.length > 1) {
    const sum = (pick: (c: ClassLine) => number) => formatNumber(classes.reduce((n, c) => n + pick(c), 0));
    rows.push(['Tổng cộng', sum((c) => c.sessions), sum((c) => c.attendances), sum((c) => c.walkIns)]);
  }
  return {
    kind: 'table',
    header: ['Đối tượng', 'Số buổi', 'Lượt người học', 'Người học chưa có trong sổ'],
    rows,
    widths: [40, 16, 20, 24],
  };
}

function activityTable(activities: readonly ActivityLine[]): DocumentBlock {
  const rows: Array<Array<string | number>> = activities.map((a) => [
    a.label,
    formatNumber(a.count),
    formatNumber(a.reach),
  ]);
  if (activities.length > 1)
    rows.push([
      'Tổng cộng',
      formatNumber(activities.reduce((n, a) => n + a.count, 0)),
      formatNumber(activities.reduce((n, a) => n + a.reach, 0)),
    ]);
  return {
    kind: 'table',
    header: ['Hoạt động', 'Số lần', 'Số người được tiếp cận'],
    rows,
    widths: [56, 18, 26],
  };
}

function deploymentSection(report: QuarterReport): DocumentBlock[] {
  return [
    { kind: 'heading', level: 1, text: 'II. KẾT QUẢ TRIỂN KHAI' },
    { kind: 'heading', level: 2, text: '1. Số liệu triển khai (trong quý và lũy kế)' },
    report.figures.length > 0
      ? figureTable(report.figures)
      : { kind: 'paragraph', text: 'Chưa có số liệu trong quý.' },
    { kind: 'heading', level: 2, text: '2. Lớp học phổ cập kỹ năng số theo đối tượng' },
    report.classes.length > 0
      ? classTable(report.classes)
      : { kind: 'paragraph', text: 'Chưa có lớp học nào được ghi nhận trong quý.' },
    { kind: 'heading', level: 2, text: '3. Hoạt động truyền thông, phong trào' },
    report.activities.length > 0
      ? activityTable(report.activities)
      : { kind: 'paragraph', text: 'Chưa có hoạt động nào được ghi nhận trong quý.' },
  ];
}

// ---------------------------------------------------------------- III. The appendix's tasks

function taskSection(tasks: readonly TaskLine[]): DocumentBlock[] {
  const blocks: DocumentBlock[] = [
    { kind: 'heading', level: 1, text: 'III. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ' },
    { kind: 'paragraph', italic: true, text: '(Theo Phụ lục danh sách nhiệm vụ kèm theo Kế hoạch)' },
  ];
  let section: string | undefined;
  for (const task of [...tasks].sort((x, y) => x.no - y.no)) {
    if (task.section !== section) {
      section = task.section;
      const title = TASK_SECTION_TITLES[section];
      blocks.push({ kind: 'heading', level: 2, text: title ? `${section}. ${title}` : section });
    }
    blocks.push({ kind: 'heading', level: 3, text: `Nhiệm vụ ${task.no}. ${task.title}` });
    if (task.lead.trim() !== '')
      blocks.push({ kind: 'paragraph', italic: true, text: `Chủ trì: ${task.lead.trim()}.` });
    for (const figure of task.figures)
      blocks.push({ kind: 'paragraph', text: `- ${figure.label}: ${formatNumber(figure.value)}.` });
    const result = task.result.trim();
    blocks.push({ kind: 'paragraph', text: `Kết quả: ${result === '' ? 'Chưa có kết quả.' : result}` });
  }
  return blocks;
}

/** An officer's text as paragraphs, one per line; "Chưa có nội dung." when empty. */
function textParagraphs(text: string): DocumentBlock[] {
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  return lines.length === 0
    ? [{ kind: 'paragraph', text: NO_TEXT }]
    : lines.map((line) => ({ kind: 'paragraph', text: line }));
}
