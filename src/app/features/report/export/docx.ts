/**
 * The quarterly report as a Word document (issue 19, item 5), laid out by Nghị định 30/2020/NĐ-CP,
 * Phụ lục I: A4 portrait; margins top and bottom 20 mm, left 30 mm, right 15 mm (the decree allows
 * 20–25, 20–25, 30–35 and 15–20); Times New Roman, body 14 pt, tables 13 pt; page numbers centred in
 * the top margin from page 2. The header is a borderless two-column table: issuing body and number
 * left, national motto and date line right, each with its short rule. "Nơi nhận" sits bottom-left
 * (12 pt bold italic, lines 11 pt), the signature bottom-right (title bold upper-case, name bold).
 *
 * It renders core/report/document.ts's ReportDocument, so the print view and the file say the same.
 * docx (~70 kB gzipped) is loaded only through index.ts's dynamic import. The bytes come from
 * Packer.toArrayBuffer, which works in the browser and in Node alike.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import { reportDocument } from '../../../../core/report/document';
import type { DocumentBlock, QuarterReport, ReportDocument } from '../../../../core/report/types';

/** A4 in twentieths of a point. */
export const A4 = { width: 11906, height: 16838 } as const;
const TWIPS_PER_MM = 1440 / 25.4;
const mm = (value: number) => Math.round(value * TWIPS_PER_MM);
export const MARGINS = { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15) } as const;
const CONTENT_WIDTH = A4.width - MARGINS.left - MARGINS.right;
const FONT = 'Times New Roman';
/** Font sizes in half-points, as Word stores them. */
const PT = (points: number) => points * 2;
const BODY = PT(14);
const TABLE = PT(13);
/** Paragraph spacing of the body: 6 pt before, lines at 1.2. */
const BODY_SPACING = { before: 120, after: 0, line: 288 } as const;
const FIRST_LINE_INDENT = mm(10);

interface RunStyle {
  size?: number;
  bold?: boolean;
  italics?: boolean;
}

function run(text: string, style: RunStyle = {}): TextRun {
  return new TextRun({
    text,
    font: FONT,
    size: style.size ?? BODY,
    bold: style.bold,
    italics: style.italics,
  });
}

function centred(text: string, style: RunStyle = {}, spacingBefore = 0): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: spacingBefore, after: 0 },
    children: [run(text, style)],
  });
}

/** A short centred line under a heading line: a bottom border on an empty paragraph `width` twips long. */
function rule(width: number, columnWidth: number): Paragraph {
  const side = Math.max(0, Math.round((columnWidth - width) / 2));
  return new Paragraph({
    spacing: { before: 0, after: 0, line: 120 },
    indent: { left: side, right: side },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    children: [run('', { size: PT(4) })],
  });
}

function lines(text: string): string[] {
  return text.split('\n').filter((line) => line.trim() !== '');
}

/** A cell of a borderless layout table: no inner margins, so the motto's line fits its column. */
function plainCell(children: Paragraph[], width: number): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    margins: { left: 0, right: 0, top: 0, bottom: 0 },
    children,
  });
}

/** Issuing body (left) and national motto (right), borderless (NĐ30, Phụ lục I: ô số 1–4). */
function headerTable(doc: ReportDocument): Table {
  // The motto, 13 pt bold upper-case, needs about 100 mm on one line.
  const left = Math.round(CONTENT_WIDTH * 0.36);
  const right = CONTENT_WIDTH - left;
  const h = doc.header;
  const leftParagraphs = [
    ...lines(h.superiorBody).map((line) => centred(line, { size: PT(13) })),
    ...lines(h.issuingBody).map((line) => centred(line, { size: PT(13), bold: true })),
    rule(Math.round(left / 3), left),
    centred(h.number, { size: PT(13) }, 120),
  ];
  const rightParagraphs = [
    centred(h.motto, { size: PT(13), bold: true }),
    centred(h.subMotto, { size: PT(14), bold: true }),
    rule(mm(62), right),
    centred(h.dateLine, { size: PT(14), italics: true }, 120),
  ];
  return new Table({
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths: [left, right],
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    rows: [new TableRow({ children: [plainCell(leftParagraphs, left), plainCell(rightParagraphs, right)] })],
  });
}

function titleBlock(doc: ReportDocument): Paragraph[] {
  return [
    centred(doc.kind, { bold: true }, 360),
    ...lines(doc.title).map((line) => centred(line, { bold: true })),
    rule(mm(40), CONTENT_WIDTH),
  ];
}

/** document.ts's sum row: set bold, as a total is. */
const TOTAL_ROW = 'Tổng cộng';
const THIN = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;
const GRID = {
  top: THIN,
  bottom: THIN,
  left: THIN,
  right: THIN,
  insideHorizontal: THIN,
  insideVertical: THIN,
};

function tableCell(value: string | number, width: number, bold: boolean, first: boolean): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    margins: { left: 80, right: 80, top: 40, bottom: 40 },
    children: String(value)
      .split('\n')
      .map(
        (line) =>
          new Paragraph({
            alignment: first ? AlignmentType.LEFT : AlignmentType.CENTER,
            children: [run(line, { size: TABLE, bold })],
          }),
      ),
  });
}

/** A body table across the text width; `widths` are relative (document.ts gives percents). */
function bodyTable(block: Extract<DocumentBlock, { kind: 'table' }>): Table {
  const count = block.header.length;
  const weights = block.widths?.length === count ? block.widths : Array.from({ length: count }, () => 1);
  const total = weights.reduce((a, b) => a + b, 0) || 1;
  const columnWidths = weights.map((w) => Math.floor((CONTENT_WIDTH * w) / total));
  const width = (i: number) => columnWidths[i] ?? 0;
  return new Table({
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths,
    layout: TableLayoutType.FIXED,
    borders: GRID,
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: block.header.map((text, i) => tableCell(text, width(i), true, false)),
      }),
      ...block.rows.map(
        (row) =>
          new TableRow({
            cantSplit: true,
            children: row.map((value, i) => tableCell(value, width(i), row[0] === TOTAL_ROW, i === 0)),
          }),
      ),
    ],
  });
}

function bodyBlock(block: DocumentBlock): Array<Paragraph | Table> {
  if (block.kind === 'table') return [bodyTable(block), new Paragraph({ children: [] })];
  if (block.kind === 'heading')
    return [
      new Paragraph({
        alignment: AlignmentType.JUSTIFIED,
        spacing: BODY_SPACING,
        indent: { firstLine: FIRST_LINE_INDENT },
        keepNext: true,
        children: [run(block.text, { bold: true, italics: block.level === 3 })],
      }),
    ];
  return [
    new Paragraph({
      alignment: AlignmentType.JUSTIFIED,
      spacing: BODY_SPACING,
      indent: { firstLine: FIRST_LINE_INDENT },
      children: [run(block.text, { bold: block.bold, italics: block.italic })],
    }),
  ];
}

/** "Nơi nhận" bottom-left, the signature bottom-right (NĐ30, Phụ lục I: ô số 7, 9). */
function closingTable(doc: ReportDocument): Table {
  const left = Math.round(CONTENT_WIDTH * 0.45);
  const right = CONTENT_WIDTH - left;
  const recipients = [
    new Paragraph({ children: [run('Nơi nhận:', { size: PT(12), bold: true, italics: true })] }),
    ...doc.recipients.map((line) => new Paragraph({ children: [run(line, { size: PT(11) })] })),
  ];
  const signature = [
    ...lines(doc.signature.title).map((line) => centred(line, { bold: true })),
    // Room for the signature and the seal.
    ...Array.from({ length: 4 }, () => new Paragraph({ children: [run('')] })),
    centred(doc.signature.name, { bold: true }),
  ];
  return new Table({
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths: [left, right],
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    rows: [
      new TableRow({ cantSplit: true, children: [plainCell(recipients, left), plainCell(signature, right)] }),
    ],
  });
}

/** The docx library's document of a ReportDocument (exported for tests and the print view's download). */
export function buildDocx(doc: ReportDocument): Document {
  return new Document({
    creator: 'Ngõ Số',
    title: `${doc.kind} ${doc.title}`,
    styles: { default: { document: { run: { font: FONT, size: BODY } } } },
    sections: [
      {
        properties: {
          titlePage: true,
          page: { size: { width: A4.width, height: A4.height }, margin: MARGINS },
        },
        headers: {
          // NĐ30: page numbers centred in the top margin, none on the first page.
          default: new Header({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: PT(13) })],
              }),
            ],
          }),
          first: new Header({ children: [new Paragraph({ children: [] })] }),
        },
        children: [
          headerTable(doc),
          ...titleBlock(doc),
          ...doc.body.flatMap(bodyBlock),
          new Paragraph({ children: [] }),
          closingTable(doc),
        ],
      },
    ],
  });
}

/** The .docx bytes of `report` (its ReportDocument). */
export async function reportDocx(report: QuarterReport): Promise<Uint8Array<ArrayBuffer>> {
  const buffer = await Packer.toArrayBuffer(buildDocx(reportDocument(report)));
  return new Uint8Array(buffer);
}
